import { describe, expect, it } from 'vitest';
import { auditEvent, chainOf, KEY, OTHER_KEY, tamper } from '../../test/audit-fixtures.ts';
import {
  AuditEventError,
  type ChainedAuditEvent,
  canonicalAuditEvent,
  chainHash,
  digest,
  linkEvents,
  normalizeAuditEvent,
} from './chain.ts';
import { type AuditCheckpoint, signCheckpoint } from './checkpoint.ts';
import { type TamperReason, verifyChain } from './verify.ts';

const signedAt = '2026-03-01T12:00:00.000Z';
/** Checkpoints over a chain at the given seqs, signed with `key`. */
const checkpointsAt = (rows: readonly ChainedAuditEvent[], seqs: number[], key = KEY): AuditCheckpoint[] =>
  seqs.map((seq) => {
    const row = rows.find((r) => r.seq === seq)!;
    return signCheckpoint(key, { seq, hash: row.hash, eventCount: seq, signedAt });
  });

const brokenAt = (verdict: ReturnType<typeof verifyChain>) =>
  verdict.ok ? null : { seq: verdict.firstBroken.seq, reason: verdict.firstBroken.reason };

describe('canonical serialization', () => {
  it('is a fixed-order JSON array whose hash anyone can recompute (golden values)', () => {
    const event = auditEvent(1);
    expect(canonicalAuditEvent(1, event)).toBe(
      `[1,"aud_test1","prc_test","2026-03-01T09:01:00.000Z","usr_test1","clinician","chat","claude-desktop",` +
        `"get_client","allow",null,["cli_test1","note_test1"],"${'a'.repeat(64)}","${'b'.repeat(64)}",1,"trace_test1"]`,
    );
    // sha256("charta-audit-chain/v1\n" + prev + "\n" + canonical): checked independently with Python's hashlib.
    expect(chainHash(null, 1, event)).toBe('96f8bdcfb3ec6c15fe16e743a061dc9fb5545dad144e704f42d522e2449de1b9');
    expect(chainHash('f'.repeat(64), 2, auditEvent(2))).toBe(
      '57186bdbd0ed3a1dba9e4f5b687ad942d230c9b6a7d22b14d4de06f00473e936',
    );
  });

  it('does not depend on property order, and normalizes timestamps to what the database returns', () => {
    const event = auditEvent(3);
    const reversed = Object.fromEntries(Object.entries(event).reverse()) as typeof event;
    expect(canonicalAuditEvent(3, reversed)).toBe(canonicalAuditEvent(3, event));
    const local = { ...event, occurredAt: '2026-03-01T11:03:00+02:00' };
    expect(event.occurredAt).toBe('2026-03-01T09:03:00.000Z');
    expect(chainHash(null, 3, local)).toBe(chainHash(null, 3, event));
  });

  it('changes with every field, the seq and the previous hash; keeps the order of record ids', () => {
    const event = auditEvent(4);
    const base = chainHash(null, 4, event);
    expect(chainHash(null, 5, event)).not.toBe(base);
    expect(chainHash('0'.repeat(64), 4, event)).not.toBe(base);
    expect(chainHash(null, 4, { ...event, recordIds: [...event.recordIds].reverse() })).not.toBe(base);
    const changes: { [K in keyof typeof event]-?: (typeof event)[K] } = {
      id: 'aud_other',
      practiceId: null,
      occurredAt: '2026-03-01T09:04:00.001Z',
      actorId: null,
      actorRole: 'supervisor',
      surface: 'cli',
      clientApp: 'charta-web',
      action: 'list_notes',
      decision: 'error',
      reasonCode: 'internal',
      recordIds: ['cli_test4'],
      inputDigest: null,
      outputDigest: null,
      latencyMs: 0,
      traceId: null,
    };
    for (const key of Object.keys(changes) as (keyof typeof event)[]) {
      expect(event[key], key).not.toEqual(changes[key]);
      expect(chainHash(null, 4, { ...event, [key]: changes[key] }), key).not.toBe(base);
    }
  });

  it('refuses events the database would store differently from how they were hashed', () => {
    expect(() => normalizeAuditEvent(auditEvent(1, { action: 'a\u0000b' }))).toThrow(AuditEventError);
    expect(() => normalizeAuditEvent(auditEvent(1, { traceId: '\ud800' }))).toThrow(AuditEventError);
    expect(() => normalizeAuditEvent(auditEvent(1, { latencyMs: 1.5 }))).toThrow(/whole/);
    expect(() => normalizeAuditEvent(auditEvent(1, { occurredAt: 'yesterday' }))).toThrow(/ISO-8601/);
    expect(() => normalizeAuditEvent({ ...auditEvent(1), surface: 'fax' as never })).toThrow(/surface/);
    expect(normalizeAuditEvent(auditEvent(1, { traceId: '🙂' })).traceId).toBe('🙂');
  });

  it('digests values by canonical JSON, so key order does not matter and no text is kept', () => {
    expect(digest({ b: 1, a: [1, 2] })).toBe(digest({ a: [1, 2], b: 1 }));
    expect(digest({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
    expect(digest('sensitive words')).not.toContain('sensitive');
  });
});

describe('verifyChain', () => {
  const rows = chainOf(12);
  const checkpoints = checkpointsAt(rows, [4, 8, 12]);

  it('accepts an untouched chain, and an empty one', () => {
    expect(verifyChain(rows, checkpoints, KEY)).toEqual({
      ok: true,
      count: 12,
      head: rows[11]!.hash,
      lastCheckpointSeq: 12,
      unvouched: 0,
      signaturesChecked: true,
    });
    expect(verifyChain(rows, checkpointsAt(rows, [4, 8]), KEY)).toMatchObject({ ok: true, unvouched: 4 });
    expect(verifyChain([], [], KEY)).toMatchObject({ ok: true, count: 0, head: null, lastCheckpointSeq: null });
  });

  it('links appended batches exactly like one long chain', () => {
    const first = linkEvents(null, [auditEvent(1), auditEvent(2)]);
    const rest = linkEvents(first.at(-1)!, [auditEvent(3), auditEvent(4)]);
    expect([...first, ...rest]).toEqual(chainOf(4));
  });

  const cases: [string, ChainedAuditEvent[], number, TamperReason][] = [
    ['edit', tamper.edit(rows, 5), 5, 'edited'],
    ['edit that recomputes the edited row’s hash', tamper.editAndRehash(rows, 5), 5, 'edited'],
    ['delete', tamper.delete(rows, 5), 5, 'deleted_or_inserted'],
    ['delete that renumbers the rows after it', tamper.deleteAndRenumber(rows, 5), 5, 'deleted_or_inserted'],
    ['delete of the first row', tamper.delete(rows, 1), 1, 'deleted_or_inserted'],
    ['insert of a forged, linked row', tamper.insert(rows, 5), 5, 'deleted_or_inserted'],
    ['insert of an unlinked row', unlinkedInsert(rows, 5), 5, 'deleted_or_inserted'],
    ['reorder of two rows', tamper.swap(rows, 5), 5, 'reordered'],
    ['reorder of the first two rows', tamper.swap(rows, 1), 1, 'reordered'],
    ['tail truncation', tamper.truncate(rows, 11), 11, 'truncated'],
    ['rewrite of the whole chain from seq 6', tamper.rewrite(rows, 6), 8, 'rewritten'],
    ['rewrite of the whole chain from seq 1', tamper.rewrite(rows, 1), 4, 'rewritten'],
  ];
  it.each(cases)('detects %s and names the first broken seq', (_name, tampered, seq, reason) => {
    expect(brokenAt(verifyChain(tampered, checkpoints, KEY))).toEqual({ seq, reason });
  });

  it('says where a rewrite could have begun: after the last checkpoint that still matches', () => {
    const verdict = verifyChain(tamper.rewrite(rows, 6), checkpoints, KEY);
    expect(verdict.ok ? '' : verdict.firstBroken.detail).toMatch(/recomputed somewhere in seq 5–8/);
  });

  it('cannot see a rewrite or a cut tail past the last checkpoint: that is what checkpoints are for', () => {
    expect(verifyChain(tamper.rewrite(rows, 6), checkpointsAt(rows, [4]), KEY).ok).toBe(true);
    expect(verifyChain(tamper.truncate(rows, 11), checkpointsAt(rows, [4, 8]), KEY).ok).toBe(true);
  });

  it('rejects a checkpoint signed with another key, or altered after signing', () => {
    const foreign = [...checkpointsAt(rows, [4]), ...checkpointsAt(rows, [8], OTHER_KEY)];
    const verdict = verifyChain(rows, foreign, KEY);
    expect(brokenAt(verdict)).toEqual({ seq: 8, reason: 'bad_checkpoint' });
    expect(verdict.ok ? '' : verdict.firstBroken.detail).toContain(OTHER_KEY.keyId);
    // A rewriter who also forges a checkpoint for the new head, without the key:
    const rewritten = tamper.rewrite(rows, 6);
    const forged = checkpoints.map((c) => (c.seq === 8 ? { ...c, hash: rewritten[7]!.hash } : c));
    expect(brokenAt(verifyChain(rewritten, forged, KEY))).toEqual({ seq: 8, reason: 'bad_checkpoint' });
    // A forged checkpoint past the end is a bad checkpoint, not a truncation.
    const beyond = signCheckpoint(OTHER_KEY, { seq: 20, hash: 'f'.repeat(64), eventCount: 20, signedAt });
    expect(brokenAt(verifyChain(rows, [...checkpoints, beyond], KEY))).toEqual({ seq: 20, reason: 'bad_checkpoint' });
  });

  it('without a key, still compares checkpoints with the rows but says signatures went unchecked', () => {
    expect(verifyChain(rows, checkpointsAt(rows, [4], OTHER_KEY), null)).toMatchObject({
      ok: true,
      signaturesChecked: false,
    });
    expect(brokenAt(verifyChain(tamper.truncate(rows, 11), checkpoints, null))).toEqual({
      seq: 11,
      reason: 'truncated',
    });
  });

  it('reports the earliest break when there are several', () => {
    const twice = tamper.delete(tamper.edit(rows, 3), 9);
    expect(brokenAt(verifyChain(twice, checkpoints, KEY))).toEqual({ seq: 3, reason: 'edited' });
  });
});

/** A forged row at `seq` whose prev_hash links to nothing (a careless forger); later rows move up one. */
function unlinkedInsert(rows: readonly ChainedAuditEvent[], seq: number): ChainedAuditEvent[] {
  const forged = { ...auditEvent(998), seq, prevHash: '0'.repeat(64), hash: '' };
  return [
    ...rows.filter((r) => r.seq < seq),
    { ...forged, hash: chainHash(forged.prevHash, seq, forged) },
    ...rows.filter((r) => r.seq >= seq).map((r) => ({ ...r, seq: r.seq + 1 })),
  ];
}
