import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database } from './schema.ts';

/** Where the EHR lives: embedded PGlite (on disk or in memory) or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; from?: Blob };

export interface SqlDatabase {
  readonly db: Kysely<Database>;
  readonly kind: 'postgres' | 'pglite';
  /** Present for PGlite: lets tests snapshot a migrated database and clone it cheaply. */
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

// Dates stay 'YYYY-MM-DD' strings (pg would turn them into local-midnight Dates), timestamps become ISO strings in
// UTC, and bigint sequences become numbers (audit sequence numbers stay far below 2^53).
const DATE = 1082;
const TIMESTAMPTZ = 1184;
const INT8 = 20;
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === DATE) return (value: string) => value;
    if (oid === TIMESTAMPTZ) return (value: string) => new Date(value).toISOString();
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Opens a connection pool and a Kysely instance over it. Does not migrate. */
export async function connect(target: DatabaseTarget): Promise<SqlDatabase> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      types: typeParsers,
      connectionTimeoutMillis: 5_000,
      application_name: 'charta',
    });
    // A connection that drops emits 'error': on the pool when the client is idle, on the client itself when it is
    // checked out. The query in flight already rejects with the cause, and pg-pool discards the dead client; without
    // these listeners the event would be an uncaught exception that takes the whole server down.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      client.on('error', () => {});
    });
    return wrap(pool, 'postgres');
  }
  let pglite: PGlite;
  let unlock: (() => void) | undefined;
  if (target.kind === 'pglite') {
    mkdirSync(target.dataDir, { recursive: true });
    unlock = lockDataDir(target.dataDir);
    try {
      pglite = await PGlite.create(target.dataDir);
    } catch (error) {
      unlock();
      throw error;
    }
  } else {
    pglite = await PGlite.create(target.from ? { loadDataDir: target.from } : {});
  }
  const pool = new pg.Pool({ ...createPgConfig(pglite), types: typeParsers });
  return wrap(pool, 'pglite', pglite, unlock);
}

function wrap(pool: pg.Pool, kind: 'postgres' | 'pglite', pglite?: PGlite, unlock?: () => void): SqlDatabase {
  // Column names map to camelCase; the keys inside JSON values (note sections, intake answers, provenance) are data
  // and come back exactly as they were stored.
  const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  let closed: Promise<void> | undefined;
  return {
    db,
    kind,
    ...(pglite ? { pglite } : {}),
    close() {
      closed ??= (async () => {
        await db.destroy();
        if (pglite && !pglite.closed) await pglite.close();
        unlock?.();
      })();
      return closed;
    },
  };
}
