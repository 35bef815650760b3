import { type Kysely, sql } from 'kysely';
import type { Database, NewRow, TableName } from '../schema.ts';
import { TABLES_IN_DEPENDENCY_ORDER } from '../schema.ts';
import type { SeedRows } from './model.ts';

const CHUNK = 200;

/** Inserts the rows in one transaction, parents first. Either all of the demo lands or none of it. */
export async function loadRows(db: Kysely<Database>, rows: SeedRows): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of TABLES_IN_DEPENDENCY_ORDER) {
      const list = rows[table] as NewRow<TableName>[];
      for (let i = 0; i < list.length; i += CHUNK) {
        // The union of all tables' row types is too wide for Kysely's per-table typing; each chunk is one table's.
        await trx
          .insertInto(table)
          .values(list.slice(i, i + CHUNK) as never)
          .execute();
      }
    }
  });
}

/**
 * Removes every practice's data, keeping the schema. The audit trail is append-only by trigger, so a reset has to
 * lift that guard for its own transaction: only `charta seed --reset`, an explicit operator action, does this.
 */
export async function clearAll(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(trx);
    await sql`alter table audit_events disable trigger audit_events_no_truncate`.execute(trx);
    await sql`alter table audit_checkpoints disable trigger audit_checkpoints_no_update`.execute(trx);
    await sql`alter table audit_checkpoints disable trigger audit_checkpoints_no_truncate`.execute(trx);
    await sql`alter table notes disable trigger notes_guard`.execute(trx);
    const tables = [...TABLES_IN_DEPENDENCY_ORDER].reverse().map((t) => sql.table(t));
    // cascade: tables added by later migrations (risk flags, alerts…) reference practices and clients and are
    // emptied with them, so a reset never trips on a foreign key or leaves orphans behind.
    await sql`truncate ${sql.join(tables)} restart identity cascade`.execute(trx);
    await sql`alter table notes enable trigger notes_guard`.execute(trx);
    await sql`alter table audit_checkpoints enable trigger audit_checkpoints_no_truncate`.execute(trx);
    await sql`alter table audit_checkpoints enable trigger audit_checkpoints_no_update`.execute(trx);
    await sql`alter table audit_events enable trigger audit_events_no_truncate`.execute(trx);
    await sql`alter table audit_events enable trigger audit_events_no_update`.execute(trx);
  });
}

/** True when any practice exists: the demo (or real data) is already there. */
export async function hasData(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('practices').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
