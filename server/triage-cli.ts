import { parseArgs } from 'node:util';
import { configuredTriageModel } from '../agent/triage-model.ts';
import { createSqlAuditLog } from '../ehr/sql/audit-log.ts';
import type { SqlDatabase } from '../ehr/sql/connect.ts';
import { migrateToLatest } from '../ehr/sql/migrate.ts';
import { triageUnreadMessages } from '../ehr/sql/model-triage.ts';
import { hmacCheckpointKey } from '../policies/audit/checkpoint.ts';
import type { Config } from './config.ts';
import { describeModelError, sanitizedReader } from './model-triage-worker.ts';

export class TriageUsageError extends Error {}

/**
 * `charta triage-messages [--limit N] [--retry-failed]`: one model-triage pass now, for an operator (the server runs
 * the same pass every TRIAGE_MODEL_INTERVAL_S). --retry-failed reads again every message the model failed on.
 */
export async function triageMessagesCommand(
  config: Pick<Config, 'model' | 'auditCheckpointKey'>,
  args: string[],
  open: () => Promise<SqlDatabase>,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { limit: { type: 'string' }, 'retry-failed': { type: 'boolean', default: false } },
    strict: true,
  });
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new TriageUsageError('--limit must be a whole number from 1 to 10000');
  const model = configuredTriageModel(config.model);
  if (!model) {
    console.error(
      'charta: no model is configured (CHARTA_MODEL=offline); the rules triage every message when it is read',
    );
    return 1;
  }
  const database = await open();
  try {
    await migrateToLatest(database.db);
    const key = config.auditCheckpointKey;
    const audit = createSqlAuditLog(database.db, key ? { signer: hmacCheckpointKey(key) } : {});
    try {
      const run = await triageUnreadMessages(database.db, sanitizedReader(model), audit, {
        limit,
        ...(values['retry-failed'] ? { retryFailedBefore: new Date(Date.now() + 1).toISOString() } : {}),
        onError: (error, messageId) => console.error(`charta: ${messageId}: ${describeModelError(error)}`),
      });
      console.log(
        `model triage: ${run.triaged} read, ${run.failed} failed${run.stopped ? '; stopped after failures in a row (is the model reachable?)' : ''}`,
      );
      return run.stopped ? 1 : 0;
    } finally {
      await audit.close();
    }
  } finally {
    await database.close();
  }
}
