import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { type Backend, openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../../test/databases.ts';
import { MigrationError, migrateToLatest, migrationStatus, migrations } from './migrate.ts';
import type { Database } from './schema.ts';

const tableExists = async (db: Kysely<Database>, table: string) =>
  (await sql<{ ok: boolean }>`select to_regclass(${`public.${table}`}) is not null as ok`.execute(db)).rows[0]?.ok;

const breaking: Migration = {
  async up(db) {
    await sql`create table half_done (id int)`.execute(db);
    await sql`alter table clients add column ai_note text`.execute(db);
    await sql`select * from a_table_that_does_not_exist`.execute(db);
  },
};

function suite(backend: Backend) {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('reports every migration applied and none pending after migrating', async () => {
    database = await openTestDatabase(backend);
    expect(await migrationStatus(database.db)).toEqual({ applied: Object.keys(migrations), pending: [] });
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('leaves the database exactly as it was when a migration fails', async () => {
    database = await openTestDatabase(backend, { seeded: true });
    const before = await sql<{ n: number }>`select count(*)::int as n from clients`.execute(database.db);
    const error = await migrateToLatest(database.db, { ...migrations, '9999-broken': breaking }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).failed).toBe('9999-broken');
    expect(await tableExists(database.db, 'half_done')).toBe(false);
    const columns = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.columns where table_name = 'clients' and column_name = 'ai_note'`.execute(
      database.db,
    );
    expect(columns.rows[0]?.n).toBe(0);
    expect(await migrationStatus(database.db)).toEqual({ applied: Object.keys(migrations), pending: [] });
    const after = await sql<{ n: number }>`select count(*)::int as n from clients`.execute(database.db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('applies a batch of migrations all or nothing', async () => {
    database = await openTestDatabase(backend);
    await sql`drop schema public cascade; create schema public`.execute(database.db);
    const error = await migrateToLatest(database.db, { ...migrations, '9999-broken': breaking }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect(await tableExists(database.db, 'practices')).toBe(false);
    expect(await migrationStatus(database.db)).toEqual({ applied: [], pending: [...Object.keys(migrations)] });
  });
}

describe('migrations on PGlite', () => suite('pglite'));
// A real PostgreSQL server is needed; CI provides one through TEST_DATABASE_URL.
describe.skipIf(!TEST_DATABASE_URL)('migrations on PostgreSQL', () => suite('postgres'));
