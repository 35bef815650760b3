import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChainedAuditEvent } from '../../policies/audit/chain.ts';
import { signCheckpoint } from '../../policies/audit/checkpoint.ts';
import { verifyChain } from '../../policies/audit/verify.ts';
import { addTestPractice, asSuperuser, openAuditDatabase, replaceChain, verifyStored } from '../../test/audit-db.ts';
import { auditEvent, auditEvents, KEY, OTHER_KEY, tamper } from '../../test/audit-fixtures.ts';
import { type Backend, TEST_DATABASE_URL, type TestDatabase } from '../../test/databases.ts';
import { createSqlAuditLog } from './audit-log.ts';
import { readAuditChain } from './audit-read.ts';
import { connect } from './connect.ts';
import type { Database } from './schema.ts';
import { clearAll } from './seed/load.ts';

async function expectRefused(work: Promise<unknown>, table: string) {
  const error = (await work.then(
    () => undefined,
    (e: unknown) => e,
  )) as { code?: string; message?: string } | undefined;
  expect(error?.code, `${table}: ${error?.message}`).toBe('P0001');
  expect(error?.message).toContain(`${table} is append-only`);
}

function suite(backend: Backend) {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });
  const open = async () => {
    database = await openAuditDatabase(backend);
    return database.db;
  };

  it('appends a valid chain; each append resolves once its row is committed and visible', async () => {
    const db = await open();
    const log = createSqlAuditLog(db, { signer: KEY });
    const other = backend === 'postgres' ? await connect({ kind: 'postgres', url: database!.url!, poolSize: 1 }) : null;
    try {
      for (const event of auditEvents(5)) {
        const receipt = await log.append(event);
        // Read through another connection where there is one: only a committed row is visible there.
        const row = await (other?.db ?? db)
          .selectFrom('auditEvents')
          .select(['seq', 'hash', 'id'])
          .where('id', '=', event.id)
          .executeTakeFirst();
        expect(row).toEqual({ ...receipt, id: event.id });
      }
    } finally {
      await other?.close();
    }
    await log.close();
    expect(await verifyStored(db)).toMatchObject({ ok: true, count: 5, lastCheckpointSeq: 5 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on audit_events and audit_checkpoints', async () => {
    const db = await open();
    const log = createSqlAuditLog(db, { signer: KEY });
    await log.append(auditEvent(1));
    await log.close();
    await expectRefused(sql`update audit_events set action = 'x'`.execute(db), 'audit_events');
    await expectRefused(sql`delete from audit_events`.execute(db), 'audit_events');
    await expectRefused(sql`truncate audit_events`.execute(db), 'audit_events');
    await expectRefused(sql`update audit_checkpoints set hash = 'x'`.execute(db), 'audit_checkpoints');
    await expectRefused(sql`delete from audit_checkpoints`.execute(db), 'audit_checkpoints');
    await expectRefused(sql`truncate audit_checkpoints`.execute(db), 'audit_checkpoints');
    expect(await verifyStored(db)).toMatchObject({ ok: true, count: 1, lastCheckpointSeq: 1 });
  });

  it('signs a checkpoint each time the chain crosses a multiple of checkpointEvery, and on close', async () => {
    const db = await open();
    const logged: number[] = [];
    const log = createSqlAuditLog(db, { signer: KEY, checkpointEvery: 4, onCheckpoint: (c) => logged.push(c.seq) });
    for (const event of auditEvents(10)) await log.append(event);
    expect(logged).toEqual([4, 8]);
    expect(await log.checkpoint()).toMatchObject({ seq: 10, eventCount: 10, keyId: KEY.keyId });
    expect(await log.checkpoint()).toBeNull(); // the head is already signed
    await log.close();
    const seqs = await db.selectFrom('auditCheckpoints').select('seq').orderBy('seq').execute();
    expect(seqs.map((c) => c.seq)).toEqual([4, 8, 10]);
    expect(logged).toEqual([4, 8, 10]);
    await expect(log.append(auditEvent(11))).rejects.toThrow(/closed/);
  });

  it('rejects a bad event alone: the events batched with it are written, and no seq is skipped', async () => {
    const db = await open();
    const log = createSqlAuditLog(db);
    const results = await Promise.allSettled([
      log.append(auditEvent(1)),
      log.append(auditEvent(2, { practiceId: 'prc_missing' })), // foreign key: refused by the database
      log.append(auditEvent(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await expect(log.append(auditEvent(1))).rejects.toMatchObject({ code: '23505' }); // duplicate id
    await expect(log.append(auditEvent(4, { latencyMs: -1 }))).rejects.toThrow(/latencyMs/);
    expect(await log.append(auditEvent(5))).toMatchObject({ seq: 3 });
    expect(await verifyStored(db)).toMatchObject({ ok: true, count: 3 });
  });

  it('starts a new chain at seq 1 after a reset (clearAll lifts both tables’ guards)', async () => {
    const db = await open();
    await createSqlAuditLog(db, { signer: KEY }).append(auditEvent(1));
    await createSqlAuditLog(db, { signer: KEY }).close();
    await clearAll(db);
    await addTestPractice(db);
    expect(await createSqlAuditLog(db).append(auditEvent(2))).toMatchObject({ seq: 1 });
    expect(await verifyStored(db)).toMatchObject({ ok: true, count: 1, lastCheckpointSeq: null });
  });

  describe('tampering by someone with superuser rights but without the checkpoint key', () => {
    /** Ten events, appended one at a time so checkpoints land at 4, 8 and (on close) 10. */
    const chainOfTen = async () => {
      const db = await open();
      const log = createSqlAuditLog(db, { signer: KEY, checkpointEvery: 4 });
      for (const event of auditEvents(10)) await log.append(event);
      await log.close();
      const { rows } = await readAuditChain(db);
      return { db, rows };
    };
    const cases: [string, (db: Kysely<Database>, rows: ChainedAuditEvent[]) => Promise<unknown>, number, string][] = [
      [
        'an edited row (a denial turned into an allow)',
        (db) =>
          asSuperuser(db, (trx) =>
            sql`update audit_events set decision = 'allow', reason_code = null where seq = 5`.execute(trx),
          ),
        5,
        'edited',
      ],
      [
        'an edited row whose own hash was recomputed',
        (db, rows) => replaceChain(db, tamper.editAndRehash(rows, 5)),
        5,
        'edited',
      ],
      [
        'a deleted row',
        (db) => asSuperuser(db, (trx) => sql`delete from audit_events where seq = 5`.execute(trx)),
        5,
        'deleted_or_inserted',
      ],
      [
        'a deleted row, the rest renumbered',
        (db, rows) => replaceChain(db, tamper.deleteAndRenumber(rows, 5)),
        5,
        'deleted_or_inserted',
      ],
      ['an inserted row', (db, rows) => replaceChain(db, tamper.insert(rows, 5)), 5, 'deleted_or_inserted'],
      ['two rows swapped', (db, rows) => replaceChain(db, tamper.swap(rows, 5)), 5, 'reordered'],
      [
        'a truncated tail',
        (db) => asSuperuser(db, (trx) => sql`delete from audit_events where seq >= 9`.execute(trx)),
        9,
        'truncated',
      ],
      ['a chain recomputed from seq 6', (db, rows) => replaceChain(db, tamper.rewrite(rows, 6)), 8, 'rewritten'],
      [
        'a checkpoint replaced by one signed with another key',
        (db, rows) =>
          asSuperuser(db, async (trx) => {
            await sql`delete from audit_checkpoints where seq = 8`.execute(trx);
            const forged = signCheckpoint(OTHER_KEY, {
              seq: 8,
              hash: rows[7]!.hash,
              eventCount: 8,
              signedAt: new Date().toISOString(),
            });
            await trx.insertInto('auditCheckpoints').values(forged).execute();
          }),
        8,
        'bad_checkpoint',
      ],
    ];
    it.each(cases)('detects %s and names the first broken seq', async (_name, attack, seq, reason) => {
      const { db, rows } = await chainOfTen();
      expect(await verifyStored(db)).toMatchObject({ ok: true, count: 10 });
      await attack(db, rows);
      const verdict = await verifyStored(db);
      expect(verdict.ok ? verdict : verdict.firstBroken).toMatchObject({ seq, reason });
    });
  });
}

describe('SQL audit log on PGlite', () => {
  suite('pglite');

  it('batches a burst of appends from one writer into few transactions', async () => {
    const database = await openAuditDatabase('pglite');
    try {
      const batches: number[] = [];
      const log = createSqlAuditLog(database.db, { onBatch: (b) => batches.push(b.events) });
      const receipts = await Promise.all(auditEvents(500).map((e) => log.append(e)));
      expect(receipts.map((r) => r.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
      // Appends made in one tick are all queued before the first batch starts: one transaction for all of them.
      expect(batches.length).toBeLessThan(500);
      expect(batches).toEqual([500]);

      const small: number[] = [];
      const capped = createSqlAuditLog(database.db, { maxBatch: 100, onBatch: (b) => small.push(b.events) });
      await Promise.all(auditEvents(300, 501).map((e) => capped.append(e)));
      expect(small).toEqual([100, 100, 100]);
      expect(await verifyStored(database.db)).toMatchObject({ ok: true, count: 800 });
    } finally {
      await database.drop();
    }
  });
});

// A real PostgreSQL server is needed; CI provides one through TEST_DATABASE_URL.
describe.skipIf(!TEST_DATABASE_URL)('SQL audit log on PostgreSQL', () => {
  suite('postgres');

  it('verifies a consistent snapshot while writers keep appending and checkpointing', async () => {
    const database = await openAuditDatabase('postgres');
    const writer = await connect({ kind: 'postgres', url: database.url!, poolSize: 2 });
    try {
      const log = createSqlAuditLog(writer.db, { signer: KEY, checkpointEvery: 3 });
      let writing = true;
      const appends = (async () => {
        for (let i = 0; i < 60; i += 4) await Promise.all(auditEvents(4, i + 1).map((e) => log.append(e)));
        await log.close();
        writing = false;
      })();
      const verdicts = [];
      while (writing) verdicts.push(await verifyStored(database.db));
      await appends;
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts.filter((v) => !v.ok)).toEqual([]);
      expect(await verifyStored(database.db)).toMatchObject({ ok: true, count: 60 });
    } finally {
      await writer.close();
      await database.drop();
    }
  });

  it('keeps one valid chain when 50 writers on 50 connections append at once', async () => {
    const database = await openAuditDatabase('postgres');
    const writers = await Promise.all(
      Array.from({ length: 50 }, () => connect({ kind: 'postgres', url: database.url!, poolSize: 1 })),
    );
    try {
      const logs = writers.map((w) => createSqlAuditLog(w.db, { signer: KEY, checkpointEvery: 25 }));
      const receipts = await Promise.all(
        logs.map((log, w) => Promise.all(auditEvents(4, w * 4 + 1).map((e) => log.append(e)))),
      );
      await Promise.all(logs.map((log) => log.close()));
      // Each writer's events keep their order in the one chain.
      for (const mine of receipts)
        expect(mine.map((r) => r.seq)).toEqual([...mine.map((r) => r.seq)].sort((a, b) => a - b));
      const { rows, checkpoints } = await readAuditChain(database.db);
      expect(rows).toHaveLength(200);
      expect(new Set(rows.map((r) => r.id)).size).toBe(200);
      expect(verifyChain(rows, checkpoints, KEY)).toMatchObject({ ok: true, count: 200, lastCheckpointSeq: 200 });
      expect(checkpoints.length).toBeGreaterThanOrEqual(8);
    } finally {
      await Promise.all(writers.map((w) => w.close()));
      await database.drop();
    }
  });
});
