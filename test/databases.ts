import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import pg from 'pg';
import { inject } from 'vitest';
import { connect, type SqlDatabase } from '../ehr/sql/connect.ts';
import { migrateToLatest } from '../ehr/sql/migrate.ts';
import { buildDemoData } from '../ehr/sql/seed/build.ts';
import { loadRows } from '../ehr/sql/seed/load.ts';
import { TEST_ANCHOR, TEST_SEED } from './constants.ts';

export type Backend = 'pglite' | 'postgres';

/** The real PostgreSQL for storage tests; CI sets it. Without it, PostgreSQL-only suites skip and say why. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export interface TestDatabase extends SqlDatabase {
  /** The connection string of the per-test PostgreSQL database (PostgreSQL only). */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A fresh, isolated database: a clone of a migrated PGlite template, or a new database on the test PostgreSQL
 * server that `drop()` removes. With `seeded`, it holds the demo practice built from TEST_SEED and TEST_ANCHOR.
 */
export async function openTestDatabase(backend: Backend, options: { seeded?: boolean } = {}): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const path = inject(options.seeded ? 'pgliteSeededTemplate' : 'pgliteEmptyTemplate');
    const dump = new Blob([await readFile(path)]);
    const database = await connect({ kind: 'pglite-memory', from: dump });
    return { ...database, close: database.close, drop: database.close };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `charta_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(TEST_DATABASE_URL, name);
  const database = await connect({ kind: 'postgres', url, poolSize: 4 });
  await migrateToLatest(database.db);
  if (options.seeded) await loadRows(database.db, buildDemoData({ seed: TEST_SEED, anchor: TEST_ANCHOR }).rows);
  return {
    ...database,
    url,
    close: database.close,
    async drop() {
      await database.close();
      await dropDatabase(name);
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function dropDatabase(name: string): Promise<void> {
  if (!TEST_DATABASE_URL) return;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}
