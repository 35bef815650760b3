import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqlAuditLog } from '../ehr/sql/audit-log.ts';
import type { ChainedAuditEvent } from '../policies/audit/chain.ts';
import { verifyChain } from '../policies/audit/verify.ts';
import { asSuperuser, openAuditDatabase } from '../test/audit-db.ts';
import { auditEvent, auditEvents, KEY } from '../test/audit-fixtures.ts';
import { type Backend, TEST_DATABASE_URL, type TestDatabase } from '../test/databases.ts';
import { auditCommand, auditExport, auditVerify, EXIT_CHAIN_BROKEN } from './audit-cli.ts';
import { main } from './cli.ts';

const KEY_BYTES = Buffer.alloc(32, 7); // the bytes behind the fixtures' KEY

/** Collects what a command writes. */
function sink() {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { out, text: () => chunks.join('') };
}

function suite(backend: Backend) {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  /** Five events on 2026-03-01 and five on 2026-03-03, checkpointed on close. */
  async function withChain() {
    database = await openAuditDatabase(backend);
    const log = createSqlAuditLog(database.db, { signer: KEY });
    for (const event of auditEvents(5)) await log.append(event);
    for (const event of auditEvents(5, 6)) {
      await log.append({ ...event, occurredAt: event.occurredAt.replace('2026-03-01', '2026-03-03') });
    }
    await log.close();
    return database.db;
  }

  it('verify exits 0 and says so on an intact chain', async () => {
    const db = await withChain();
    const lines: string[] = [];
    expect(await auditVerify(db, KEY_BYTES, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([
      expect.stringMatching(/^audit chain intact: 10 events, head [0-9a-f]{64}, last checkpoint at seq 10$/),
    ]);
    lines.length = 0;
    expect(await auditVerify(db, null, (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toContain('checkpoint signatures not checked: AUDIT_CHECKPOINT_KEY is not set');
  });

  it('verify exits 2 and names the broken seq on a tampered chain', async () => {
    const db = await withChain();
    await asSuperuser(db, (trx) => sql`delete from audit_events where seq = 7`.execute(trx));
    const lines: string[] = [];
    expect(await auditVerify(db, KEY_BYTES, (l) => lines.push(l))).toBe(EXIT_CHAIN_BROKEN);
    expect(lines).toEqual(['audit chain BROKEN at seq 7: deleted_or_inserted — row 7 is missing']);
  });

  it('export writes one JSON line per event, in seq order, with the chain fields; --since filters', async () => {
    const db = await withChain();
    const all = sink();
    expect(await auditExport(db, { out: all.out })).toBe(10);
    const lines = all.text().trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(parsed[0]).toMatchObject({ id: 'aud_test1', prev_hash: null, record_ids: ['cli_test1', 'note_test1'] });
    expect(parsed[1]?.prev_hash).toBe(parsed[0]?.hash);
    // Everything a reviewer needs to recompute the chain is in the export.
    const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const reread = parsed.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [camel(k), v])));
    expect(verifyChain(reread as unknown as ChainedAuditEvent[], [], null)).toMatchObject({ ok: true, count: 10 });

    const recent = sink();
    expect(await auditExport(db, { since: '2026-03-02', out: recent.out })).toBe(5);
    expect(
      recent
        .text()
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual(['aud_test6', 'aud_test7', 'aud_test8', 'aud_test9', 'aud_test10']);
  });

  it('runs as `charta audit …` over an opened database', async () => {
    const db = await withChain();
    const open = async () => ({ db, kind: backend, close: async () => {} });
    const out = sink();
    expect(await auditCommand(['export', '--since', '2026-03-03'], open, KEY_BYTES, out.out)).toBe(0);
    expect(out.text().trimEnd().split('\n')).toHaveLength(5);
    const verify = sink();
    expect(await auditCommand(['verify'], open, KEY_BYTES, verify.out)).toBe(0);
    expect(verify.text()).toMatch(/^audit chain intact: 10 events/);
    await createSqlAuditLog(db).append(auditEvent(11)); // after the last checkpoint: intact, and said to be unvouched
    const again = sink();
    expect(await auditCommand(['verify'], open, KEY_BYTES, again.out)).toBe(0);
    expect(again.text()).toMatch(/last checkpoint at seq 10 \(1 event after it\)\n$/);
  });
}

describe('charta audit on PGlite', () => {
  suite('pglite');

  it('refuses bad arguments with the usage text, before opening any database', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      expect(await main(['audit'])).toBe(64);
      expect(await main(['audit', 'export', '--since', '03/02/2026'])).toBe(64);
      expect(await main(['audit', 'verify', '--since', '2026-03-02'])).toBe(64);
    } finally {
      console.error = original;
    }
    expect(errors[0]).toMatch(/verify or export[\s\S]*charta audit verify/);
    expect(errors[1]).toContain('--since must be a date, YYYY-MM-DD');
  });
});

// A real PostgreSQL server is needed; CI provides one through TEST_DATABASE_URL.
describe.skipIf(!TEST_DATABASE_URL)('charta audit on PostgreSQL', () => suite('postgres'));
