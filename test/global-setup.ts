import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
    /** Where each file using test/pipeline-fixtures.ts records its tool calls and audit rows. */
    pipelineLedgerDir: string;
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
  const ledger = join(dir, 'pipeline-ledger');
  await mkdir(ledger);
  project.provide('pipelineLedgerDir', ledger);
  return async () => {
    await summarizeLedger(ledger);
    await rm(dir, { recursive: true, force: true });
  };
}

/** Sums the files' pipeline ledgers into one line: the suite-wide audit count the closing notes quote. */
async function summarizeLedger(dir: string): Promise<void> {
  const total = { files: 0, calls: 0, audited: 0, allow: 0, deny: 0, error: 0, tools: new Set<string>() };
  for (const name of await readdir(dir)) {
    const entry = JSON.parse(await readFile(join(dir, name), 'utf8')) as {
      calls: number;
      audited: number;
      decisions: { allow: number; deny: number; error: number };
      tools: string[];
    };
    total.files++;
    total.calls += entry.calls;
    total.audited += entry.audited;
    total.allow += entry.decisions.allow;
    total.deny += entry.decisions.deny;
    total.error += entry.decisions.error;
    for (const t of entry.tools) total.tools.add(t);
  }
  if (total.files === 0) return;
  const verdict = total.calls === total.audited ? 'rows == calls' : 'MISMATCH';
  console.log(
    `pipeline ledger: ${total.calls} tool calls, ${total.audited} audit rows (${verdict}) across ${total.files} files; ` +
      `allow ${total.allow}, deny ${total.deny}, error ${total.error}; ${total.tools.size} distinct actions; ` +
      'every file checked that nothing but new AI drafts was written',
  );
}
