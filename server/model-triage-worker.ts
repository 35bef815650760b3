import { configuredTriageModel, type TriageModel } from '../agent/triage-model.ts';
import { MAX_MESSAGE_CHARS } from '../clinical/triage/classify.ts';
import type { SqlDatabase } from '../ehr/sql/connect.ts';
import type { ModelTriageRun, ReadMessage } from '../ehr/sql/model-triage.ts';
import { triageUnreadMessages } from '../ehr/sql/model-triage.ts';
import type { AuditLog } from '../policies/audit/log.ts';
import { sanitizeUntrusted } from '../policies/fence.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { type Periodic, runPeriodically } from './periodic.ts';
import type { StoreState } from './store.ts';

/** What the worker needs of the server's Store: the database and audit trail once they are open. */
export interface TriageStore {
  readonly state: StoreState;
  readonly database: Pick<SqlDatabase, 'db'> | undefined;
  readonly audit: Pick<AuditLog, 'append'> | undefined;
}

/** Messages one pass gives the model: a backlog drains over several passes rather than in one long burst. */
const PASS_LIMIT = 50;
/** How long a message the model failed on waits before it is read again. */
export const RETRY_FAILED_AFTER_MS = 10 * 60_000;

/**
 * The job's reader over a triage model: the model reads the body as charta shows it (tools/triage-view.ts), so the
 * offsets it stores match get_message, and a body too long to screen is refused before it is sent.
 */
export function sanitizedReader(model: TriageModel, signal?: AbortSignal): ReadMessage {
  return async (body, context) => {
    const text = sanitizeUntrusted(body);
    if (text.length > MAX_MESSAGE_CHARS) throw new RangeError('the message is too long for the model');
    return model(text, { ...context, ...(signal ? { signal } : {}) });
  };
}

/**
 * What a failed model call may put in the log: the error's name and the start of its message. Never the error
 * object itself: a provider's error can carry the request body, which holds the patient's message.
 */
export function describeModelError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? `${cause.name}: ${cause.message.slice(0, 200)}` : 'unknown error';
}

export type ModelTriageWorker = Periodic<ModelTriageRun | null>;

/**
 * Runs the model-triage job (ehr/sql/model-triage.ts) every `config.triageModelIntervalMs` while a model is
 * configured. Nothing runs with the offline model or an interval of 0: the rules triage every message on every read
 * anyway, so this worker only ever adds a second reader. A pass that fails is logged and the next one tries again;
 * stopping cancels the model call in flight.
 */
export function startModelTriage(
  store: TriageStore,
  config: Pick<Config, 'model' | 'triageModelIntervalMs'>,
  log: Logger,
): ModelTriageWorker | null {
  if (config.triageModelIntervalMs <= 0) return null;
  const model = configuredTriageModel(config.model);
  if (!model) return null;
  const abort = new AbortController();
  const read = sanitizedReader(model, abort.signal);
  const pass = async (): Promise<ModelTriageRun | null> => {
    const database = store.database;
    const audit = store.audit;
    if (store.state.status !== 'ready' || !database || !audit) return null;
    const run = await triageUnreadMessages(database.db, read, audit, {
      limit: PASS_LIMIT,
      retryFailedBefore: new Date(Date.now() - RETRY_FAILED_AFTER_MS).toISOString(),
      onError: (error, messageId) =>
        log.warn({ messageId, modelError: describeModelError(error) }, 'model triage failed'),
    });
    if (run.stopped)
      log.warn({ modelTriage: run }, 'model triage pass stopped: the model failed several times in a row');
    else if (run.triaged + run.failed > 0) log.info({ modelTriage: run }, 'model triage pass');
    return run;
  };
  return runPeriodically(pass, {
    intervalMs: config.triageModelIntervalMs,
    log,
    what: 'model triage pass',
    onStop: () => abort.abort(),
  });
}
