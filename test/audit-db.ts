import { type Kysely, sql } from 'kysely';
import { insertAuditRows } from '../ehr/sql/audit-log.ts';
import { readAuditChain } from '../ehr/sql/audit-read.ts';
import type { Database } from '../ehr/sql/schema.ts';
import type { ChainedAuditEvent } from '../policies/audit/chain.ts';
import { verifyChain } from '../policies/audit/verify.ts';
import { KEY } from './audit-fixtures.ts';
import { type Backend, openTestDatabase, type TestDatabase } from './databases.ts';

/** A fresh database holding the one practice the synthetic audit events belong to. */
export async function openAuditDatabase(backend: Backend): Promise<TestDatabase> {
  const database = await openTestDatabase(backend);
  await addTestPractice(database.db);
  return database;
}

export const addTestPractice = (db: Kysely<Database>) =>
  sql`insert into practices (id, name, slug, timezone) values ('prc_test', 'Test Practice', 'test', 'UTC')`.execute(db);

/** Reads the stored chain and verifies it with the fixtures' key. */
export async function verifyStored(db: Kysely<Database>) {
  const { rows, checkpoints } = await readAuditChain(db);
  return verifyChain(rows, checkpoints, KEY);
}

const APPEND_ONLY_TRIGGERS = [
  ['audit_events', 'audit_events_no_update'],
  ['audit_events', 'audit_events_no_truncate'],
  ['audit_checkpoints', 'audit_checkpoints_no_update'],
  ['audit_checkpoints', 'audit_checkpoints_no_truncate'],
] as const;

/** What an attacker with superuser rights can do: lift the append-only triggers for one transaction. */
export async function asSuperuser(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<unknown>) {
  await db.transaction().execute(async (trx) => {
    for (const [table, trigger] of APPEND_ONLY_TRIGGERS)
      await sql`alter table ${sql.table(table)} disable trigger ${sql.id(trigger)}`.execute(trx);
    await work(trx);
    for (const [table, trigger] of APPEND_ONLY_TRIGGERS)
      await sql`alter table ${sql.table(table)} enable trigger ${sql.id(trigger)}`.execute(trx);
  });
}

/** Replaces the stored chain with a tampered copy: rows put back with their (possibly forged) seq and hashes. */
export const replaceChain = (db: Kysely<Database>, rows: readonly ChainedAuditEvent[]) =>
  asSuperuser(db, async (trx) => {
    await sql`delete from audit_events`.execute(trx);
    await insertAuditRows(trx, rows);
  });
