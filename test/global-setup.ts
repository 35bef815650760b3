import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '../ehr/sql/connect.ts';
import { migrateToLatest } from '../ehr/sql/migrate.ts';
import { buildDemoData } from '../ehr/sql/seed/build.ts';
import { loadRows } from '../ehr/sql/seed/load.ts';
import { TEST_ANCHOR, TEST_SEED } from './constants.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Dumps of a migrated PGlite database, empty and with the demo seed, to clone per test file. */
    pgliteEmptyTemplate: string;
    pgliteSeededTemplate: string;
  }
}

/**
 * Builds two PGlite data directories once per run (initdb in WASM takes seconds; cloning a dump takes a fraction)
 * and hands their paths to the test files.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'charta-test-'));
  const database = await connect({ kind: 'pglite-memory' });
  await migrateToLatest(database.db);
  const empty = join(dir, 'empty.tar.gz');
  await writeFile(empty, Buffer.from(await (await database.pglite!.dumpDataDir('gzip')).arrayBuffer()));
  await loadRows(database.db, buildDemoData({ seed: TEST_SEED, anchor: TEST_ANCHOR }).rows);
  const seeded = join(dir, 'seeded.tar.gz');
  await writeFile(seeded, Buffer.from(await (await database.pglite!.dumpDataDir('gzip')).arrayBuffer()));
  await database.close();
  project.provide('pgliteEmptyTemplate', empty);
  project.provide('pgliteSeededTemplate', seeded);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
