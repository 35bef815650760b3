import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';
import { TABLES_IN_DEPENDENCY_ORDER } from './schema.ts';

/**
 * A SHA-256 over every row of every table, in primary-key order, as the database returns it. Two databases with
 * the same digest hold the same data. Used to prove the demo seed is deterministic.
 */
export async function databaseDigest(db: Kysely<Database>): Promise<{ digest: string; rows: Record<string, number> }> {
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    // Timestamps render in the session's time zone; pin it so PGlite and any PostgreSQL server agree.
    await sql`set local time zone 'UTC'`.execute(trx);
    for (const table of TABLES_IN_DEPENDENCY_ORDER) {
      // to_jsonb renders each row canonically (jsonb sorts keys), the same on PGlite and PostgreSQL.
      const result = await sql<{ row: string }>`
        select to_jsonb(t)::text as row from ${sql.table(table)} t order by 1`.execute(trx);
      counts[table] = result.rows.length;
      hash.update(`${table}\n`);
      for (const r of result.rows) hash.update(`${r.row}\n`);
    }
  });
  return { digest: hash.digest('hex'), rows: counts };
}
