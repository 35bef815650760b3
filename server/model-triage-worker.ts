import { chatModel } from '../agent/models.ts';
import { createTriageModel, type TriageModel } from '../agent/triage-model.ts';
import { MAX_MESSAGE_CHARS } from '../clinical/triage/classify.ts';
import type { SqlDatabase } from '../ehr/sql/connect.ts';
import type { ModelTriageRun, ReadMessage } from '../ehr/sql/model-triage.ts';
import { triageUnreadMessages } from '../ehr/sql/model-triage.ts';
import type { AuditLog } from '../policies/audit/log.ts';
import { sanitizeUntrusted } from '../policies/fence.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
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

export interface ModelTriageWorker {
  /** One pass now (also what the timer runs); null when there is nothing to run against yet. */
  runOnce(): Promise<ModelTriageRun | null>;
  /** Stops the timer, cancels the model call in flight and waits for the pass to end. */
  stop(): Promise<void>;
}

/**
 * Runs the model-triage job (ehr/sql/model-triage.ts) every `config.triageModelIntervalMs` while a model is
 * configured. Nothing runs with the offline model or an interval of 0: the rules triage every message on every read
 * anyway, so this worker only ever adds a second reader. A pass that fails is logged and the next one tries again.
 */
export function startModelTriage(
  store: TriageStore,
  config: Pick<Config, 'model' | 'triageModelIntervalMs'>,
  log: Logger,
  options: { read?: TriageModel; fetch?: typeof fetch } = {},
): ModelTriageWorker | null {
  if (config.triageModelIntervalMs <= 0) return null;
  if (!options.read && config.model.kind === 'offline') return null;
  const abort = new AbortController();
  const model =
    options.read ??
    createTriageModel(chatModel(config.model, options.fetch ? { fetch: options.fetch } : {}).model, {
      phiMode: config.model.phiMode,
    });
  const read = sanitizedReader(model, abort.signal);
  let inFlight: Promise<ModelTriageRun | null> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

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
  const runOnce = () => {
    inFlight ??= pass().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((error: unknown) => log.warn({ err: error }, 'model triage pass failed; retrying next interval'))
        .finally(schedule);
    }, config.triageModelIntervalMs);
    timer.unref();
  };
  schedule();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      abort.abort();
      await inFlight?.catch(() => null);
    },
  };
}
