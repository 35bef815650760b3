import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../test/databases.ts';
import { type FakeOpenAi, startFakeOpenAi } from '../test/fake-openai.ts';
import type { Config } from './config.ts';
import { TriageUsageError, triageMessagesCommand } from './triage-cli.ts';

let fake: FakeOpenAi;
let database: TestDatabase;
beforeAll(async () => {
  fake = await startFakeOpenAi({
    answer: () => [JSON.stringify({ urgency: 'routine', categories: ['other'], reasons: [] })],
  });
  database = await openTestDatabase('pglite', { seeded: true });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

const model = (): Config['model'] => ({
  kind: 'openai-compatible',
  baseUrl: fake.baseUrl,
  apiKey: null,
  model: 'local-llm',
  maxSteps: 2,
  linkHosts: [],
  phiMode: 'pseudonymize',
  retentionDays: 0,
});
// The command closes what it opens; the test keeps the database to look at it afterwards.
const open = async () => ({ ...database, close: async () => {} });
const auditRows = async () =>
  (await database.db.selectFrom('auditEvents').select('action').where('action', '=', 'message.triage_model').execute())
    .length;

describe('charta triage-messages', () => {
  it('runs one pass of the configured model, audits each reading in the chain, and says how many it read', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const code = await triageMessagesCommand({ model: model(), auditCheckpointKey: null }, ['--limit', '5'], open);
      expect(code).toBe(0);
      expect(log).toHaveBeenCalledWith('model triage: 5 read, 0 failed');
    } finally {
      log.mockRestore();
    }
    expect(await auditRows()).toBe(5);
    const stored = await database.db
      .selectFrom('inboxMessages')
      .select('id')
      .where('triageSource', '=', 'model')
      .execute();
    expect(stored).toHaveLength(5);
  });

  it('refuses to run without a configured model, and refuses a bad --limit', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const offline = { ...model(), kind: 'offline' as const } as Config['model'];
      expect(await triageMessagesCommand({ model: offline, auditCheckpointKey: null }, [], open)).toBe(1);
      expect(error.mock.calls.join(' ')).toMatch(/no model is configured/);
    } finally {
      error.mockRestore();
    }
    for (const limit of ['0', 'ten', '1e9']) {
      await expect(
        triageMessagesCommand({ model: model(), auditCheckpointKey: null }, ['--limit', limit], open),
      ).rejects.toThrow(TriageUsageError);
    }
    expect(await auditRows()).toBe(5);
  });
});
