import type { Kysely } from 'kysely';
import type { ModelOpinion } from '../../clinical/triage/floor.ts';
import type { AuditLog } from '../../policies/audit/log.ts';
import type { Database } from './schema.ts';
import { systemAuditEvent } from './system-audit.ts';

/**
 * What the job asks of a model: the stored body in, an opinion out, offsets into the text as charta shows it
 * (server/model-triage-worker.ts sanitizes the body before the model reads it). Throws when it cannot read it.
 */
export type ReadMessage = (body: string, context: { identifiers: Record<string, unknown> }) => Promise<ModelOpinion>;

/** Marks a message the model could not read, so the next run moves on; `retryFailed` reads them again. */
export const MODEL_FAILED = 'model_failed';

export interface ModelTriageRun {
  triaged: number;
  failed: number;
  /** The pass stopped early after `stopAfterFailures` failures in a row (the model is likely down). */
  stopped: boolean;
}

export interface ModelTriageOptions {
  /** Messages one pass reads at most (default 50). */
  limit?: number;
  /** Also read again messages whose failed reading is older than this ISO time (the worker's backoff). */
  retryFailedBefore?: string;
  /** Failures in a row that end the pass, leaving the rest unread rather than marking them all failed (default 3). */
  stopAfterFailures?: number;
  /** Told of each failure, for the operator's log (the audit row holds only the code). */
  onError?: (error: unknown, messageId: string) => void;
}

/**
 * The model-triage job: gives each patient message that no model has read yet (oldest first, at most `limit`) to
 * the configured model, and stores its opinion on the message (triage_*, source `model`). The rules still decide
 * on every read: tools/triage-view.ts merges a stored opinion under the safety floor, so what this job stores can
 * raise a message, never lower one, and a message the model never reads is triaged by the rules alone.
 *
 * Each message is audited (surface `system`, action `message.triage_model`, ids only) before its row changes; an
 * audit that cannot be written stops the run with the message still unread. A model that fails or times out
 * leaves the message marked `model_failed` with the time of the attempt, read again once that is older than
 * `retryFailedBefore`; a few failures in a row end the pass, so an outage does not mark the whole backlog failed.
 * The update is conditional on the row being as it was read, so two runs at once (two server processes) store one
 * opinion per message.
 */
export async function triageUnreadMessages(
  db: Kysely<Database>,
  read: ReadMessage,
  audit: Pick<AuditLog, 'append'>,
  options: ModelTriageOptions = {},
): Promise<ModelTriageRun> {
  const retryBefore = options.retryFailedBefore;
  let query = db
    .selectFrom('inboxMessages as m')
    .innerJoin('clients as c', (j) => j.onRef('c.id', '=', 'm.clientId').onRef('c.practiceId', '=', 'm.practiceId'))
    .select(['m.id', 'm.practiceId', 'm.clientId', 'm.body', 'm.triageSource', 'm.triagedAt'])
    .select(['c.firstName', 'c.lastName', 'c.preferredName', 'c.dateOfBirth', 'c.email', 'c.phone'])
    .where('m.senderKind', 'in', ['client', 'guardian']);
  query = retryBefore
    ? query.where((eb) =>
        eb.or([
          eb('m.triagedAt', 'is', null),
          eb.and([
            eb('m.triageSource', '=', MODEL_FAILED),
            eb('m.triageUrgency', 'is', null),
            eb('m.triagedAt', '<', retryBefore),
          ]),
        ]),
      )
    : query.where('m.triagedAt', 'is', null);
  const unread = await query
    .orderBy('m.receivedAt')
    .orderBy('m.id')
    .limit(options.limit ?? 50)
    .execute();

  const run: ModelTriageRun = { triaged: 0, failed: 0, stopped: false };
  const stopAfter = options.stopAfterFailures ?? 3;
  let failedInARow = 0;
  for (const row of unread) {
    if (failedInARow >= stopAfter) {
      run.stopped = true;
      break;
    }
    const started = performance.now();
    let opinion: ModelOpinion | null = null;
    try {
      const { firstName, lastName, preferredName, dateOfBirth, email, phone } = row;
      opinion = await read(row.body, {
        identifiers: { firstName, lastName, preferredName, dateOfBirth, email, phone },
      });
    } catch (error) {
      opinion = null;
      options.onError?.(error, row.id);
    }
    await audit.append(
      systemAuditEvent({
        practiceId: row.practiceId,
        action: 'message.triage_model',
        failure: opinion ? null : MODEL_FAILED,
        recordIds: [row.id, row.clientId],
        startedAt: started,
      }),
    );
    const update = db
      .updateTable('inboxMessages')
      .set(
        opinion
          ? {
              triageUrgency: opinion.urgency ?? 'routine',
              triageCategories: JSON.stringify(opinion.categories ?? []),
              triageReasons: JSON.stringify(opinion.reasons ?? []),
              triageSource: 'model',
              triagedAt: new Date().toISOString(),
            }
          : { triageSource: MODEL_FAILED, triagedAt: new Date().toISOString() },
      )
      .where('id', '=', row.id)
      .where('practiceId', '=', row.practiceId);
    failedInARow = opinion ? 0 : failedInARow + 1;
    const stored = await (row.triagedAt === null
      ? update.where('triagedAt', 'is', null)
      : update.where('triageSource', '=', MODEL_FAILED).where('triagedAt', '=', row.triagedAt)
    ).executeTakeFirst();
    if (stored.numUpdatedRows === 0n) continue;
    if (opinion) run.triaged++;
    else run.failed++;
  }
  return run;
}
