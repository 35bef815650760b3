import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ANCHOR, TEST_SEED } from '../../../test/constants.ts';
import { openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../../../test/databases.ts';
import { databaseDigest } from '../digest.ts';
import { buildDemoData } from './build.ts';
import { clearAll, hasData, loadRows } from './load.ts';

const opened: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((d) => d.drop()));
});

async function seededDigest(backend: 'pglite' | 'postgres', seed: number) {
  const database = await openTestDatabase(backend);
  opened.push(database);
  await loadRows(database.db, buildDemoData({ seed, anchor: TEST_ANCHOR }).rows);
  return { database, ...(await databaseDigest(database.db)) };
}

describe('demo seed in a database', () => {
  it('hashes identically when the same seed is loaded into two fresh databases', async () => {
    const [a, b] = await Promise.all([seededDigest('pglite', TEST_SEED), seededDigest('pglite', TEST_SEED)]);
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(a.digest).toBe(b.digest);
    expect(a.rows.clients).toBeGreaterThanOrEqual(60);
  });

  it('hashes differently for a different seed', async () => {
    const [a, b] = await Promise.all([seededDigest('pglite', TEST_SEED), seededDigest('pglite', TEST_SEED + 7)]);
    expect(a.digest).not.toBe(b.digest);
  });

  it('holds every built row after loading', async () => {
    const { rows } = buildDemoData({ seed: TEST_SEED, anchor: TEST_ANCHOR });
    const { rows: counts } = await seededDigest('pglite', TEST_SEED);
    for (const [table, list] of Object.entries(rows)) expect(counts[table], table).toBe(list.length);
  });

  it('loads nothing when one row breaks a rule, and reset empties every table', async () => {
    const database = await openTestDatabase('pglite');
    opened.push(database);
    const { rows } = buildDemoData({ seed: TEST_SEED, anchor: TEST_ANCHOR });
    const broken = {
      ...rows,
      notes: [...rows.notes, { ...rows.notes[0], id: 'note_dupe', clientId: 'cli_missing' }],
    } as typeof rows;
    await expect(loadRows(database.db, broken)).rejects.toThrow();
    expect(await hasData(database.db)).toBe(false);
    await loadRows(database.db, rows);
    await clearAll(database.db);
    const after = await databaseDigest(database.db);
    expect(Object.values(after.rows).every((n) => n === 0)).toBe(true);
  });

  // Needs a PostgreSQL server; CI provides one through TEST_DATABASE_URL.
  it.skipIf(!TEST_DATABASE_URL)(
    'hashes the same on PostgreSQL as on PGlite: one schema, one seed, two engines',
    async () => {
      const [lite, server] = await Promise.all([
        seededDigest('pglite', TEST_SEED),
        seededDigest('postgres', TEST_SEED),
      ]);
      expect(server.rows).toEqual(lite.rows);
      expect(server.digest).toBe(lite.digest);
    },
  );
});
