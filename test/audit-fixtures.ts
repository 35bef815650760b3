import { type AuditEvent, type ChainedAuditEvent, chainHash, linkEvents } from '../policies/audit/chain.ts';
import { hmacCheckpointKey } from '../policies/audit/checkpoint.ts';

/**
 * Synthetic audit events and the tampering an attacker with write access to the table could do, for the chain's
 * tests (pure and in the database). No PHI: ids, codes and digests only.
 */

export const KEY = hmacCheckpointKey(Buffer.alloc(32, 7));
export const OTHER_KEY = hmacCheckpointKey(Buffer.alloc(32, 9));

/** Event number n (from 1): a minute apart from 2026-03-01T09:00Z, cycling through surfaces and decisions. */
export function auditEvent(n: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: `aud_test${n}`,
    practiceId: 'prc_test',
    occurredAt: new Date(Date.UTC(2026, 2, 1, 9, n)).toISOString(),
    actorId: `usr_test${n % 3}`,
    actorRole: 'clinician',
    surface: (['mcp', 'chat', 'webhook'] as const)[n % 3]!,
    clientApp: n % 2 ? 'claude-desktop' : null,
    action: 'get_client',
    decision: n % 5 === 0 ? 'deny' : 'allow',
    reasonCode: n % 5 === 0 ? 'out_of_scope' : null,
    recordIds: [`cli_test${n}`, `note_test${n}`],
    inputDigest: 'a'.repeat(64),
    outputDigest: n % 5 === 0 ? null : 'b'.repeat(64),
    latencyMs: n,
    traceId: `trace_test${n}`,
    ...overrides,
  };
}

export const auditEvents = (count: number, from = 1): AuditEvent[] =>
  Array.from({ length: count }, (_, i) => auditEvent(from + i));

/** A valid chain of `count` rows, seq 1..count. */
export const chainOf = (count: number): ChainedAuditEvent[] => linkEvents(null, auditEvents(count));

/** A row put back with a new seq (and, with `rehash`, a hash recomputed to match), as someone without the key can. */
export const renumbered = (row: ChainedAuditEvent, seq: number): ChainedAuditEvent => ({ ...row, seq });
export const rehashed = (row: ChainedAuditEvent): ChainedAuditEvent => ({
  ...row,
  hash: chainHash(row.prevHash, row.seq, row),
});

/** The attacks, each on a copy of a chain. `seq` is the row attacked; every result is in seq order. */
export const tamper = {
  /** Flips a row's decision (a denial becomes an allow, or the reverse), keeping its stored hash. */
  edit: (rows: readonly ChainedAuditEvent[], seq: number) =>
    rows.map((r) =>
      r.seq === seq ? { ...r, decision: r.decision === 'deny' ? ('allow' as const) : ('deny' as const) } : r,
    ),
  /** Edits a row and recomputes its own hash, but not those after it. */
  editAndRehash: (rows: readonly ChainedAuditEvent[], seq: number) =>
    rows.map((r) => (r.seq === seq ? rehashed({ ...r, action: 'forged_action' }) : r)),
  delete: (rows: readonly ChainedAuditEvent[], seq: number) => rows.filter((r) => r.seq !== seq),
  /** Deletes a row and closes the gap by renumbering the rows after it. */
  deleteAndRenumber: (rows: readonly ChainedAuditEvent[], seq: number) =>
    rows.filter((r) => r.seq !== seq).map((r) => (r.seq > seq ? renumbered(r, r.seq - 1) : r)),
  /** Inserts a forged, self-consistent row at `seq`, linked to the row before it; later rows move up one. */
  insert: (rows: readonly ChainedAuditEvent[], seq: number) => {
    const before = rows.find((r) => r.seq === seq - 1) ?? null;
    const forged = linkEvents(before, [auditEvent(999, { action: 'forged_action' })])[0]!;
    return [
      ...rows.filter((r) => r.seq < seq),
      forged,
      ...rows.filter((r) => r.seq >= seq).map((r) => renumbered(r, r.seq + 1)),
    ];
  },
  /** Swaps the rows at `seq` and `seq + 1` (each takes the other's seq). */
  swap: (rows: readonly ChainedAuditEvent[], seq: number) => {
    const a = rows.find((r) => r.seq === seq)!;
    const b = rows.find((r) => r.seq === seq + 1)!;
    return rows.map((r) => (r === a ? renumbered(b, seq) : r === b ? renumbered(a, seq + 1) : r));
  },
  /** Removes every row from `seq` on. */
  truncate: (rows: readonly ChainedAuditEvent[], seq: number) => rows.filter((r) => r.seq < seq),
  /** Edits the row at `seq` and recomputes every hash from there on: a consistent chain, without the key. */
  rewrite: (rows: readonly ChainedAuditEvent[], seq: number) => {
    const kept = rows.filter((r) => r.seq < seq);
    const changed = rows
      .filter((r) => r.seq >= seq)
      .map((r): AuditEvent => (r.seq === seq ? { ...r, decision: 'allow', reasonCode: 'rewritten' } : r));
    return [...kept, ...linkEvents(kept.at(-1) ?? null, changed)];
  },
};
