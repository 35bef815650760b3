import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { MAX_MESSAGE_CHARS } from '../../clinical/triage/classify.ts';
import type { ModelOpinion } from '../../clinical/triage/floor.ts';
import type { AuditLog } from '../../policies/audit/log.ts';
import { sanitizeUntrusted } from '../../policies/fence.ts';
import type { Database } from './schema.ts';

/** What the job asks of a model: agent/triage-model.ts's TriageModel, or a scripted stand-in in tests. */
export type ReadMessage = (message: string, context: { identifiers: Record<string, unknown> }) => Promise<ModelOpinion>;

/** Marks a message the model could not read, so the next run moves on; `retryFailed` reads them again. */
export const MODEL_FAILED = 'model_failed';

export interface ModelTriageRun {
  triaged: number;
  failed: number;
}

/**
 * The model-triage job: gives each patient message that no model has read yet (oldest first, at most `limit`) to
 * the configured model, and stores its opinion on the message (triage_*, source `model`). The rules still decide
 * on every read: tools/triage-view.ts merges a stored opinion under the safety floor, so what this job stores can
 * raise a message, never lower one, and a message the model never reads is triaged by the rules alone.
 *
 * Each message is audited (surface `system`, action `message.triage_model`, ids only) before its row changes; an
 * audit that cannot be written stops the run with the message still unread. A model that fails or times out
 * leaves the message marked `model_failed`, retried only when asked. The update is conditional on the row still
 * being unread, so two runs at once (two server processes) store one opinion per message.
 */
export async function triageUnreadMessages(
  db: Kysely<Database>,
  read: ReadMessage,
  audit: Pick<AuditLog, 'append'>,
  options: { limit?: number; retryFailed?: boolean } = {},
): Promise<ModelTriageRun> {
  let query = db
    .selectFrom('inboxMessages as m')
    .innerJoin('clients as c', (j) => j.onRef('c.id', '=', 'm.clientId').onRef('c.practiceId', '=', 'm.practiceId'))
    .select(['m.id', 'm.practiceId', 'm.clientId', 'm.body', 'm.triageSource'])
    .select(['c.firstName', 'c.lastName', 'c.preferredName', 'c.dateOfBirth', 'c.email', 'c.phone'])
    .where('m.senderKind', 'in', ['client', 'guardian']);
  query = options.retryFailed
    ? query.where((eb) =>
        eb.or([
          eb('m.triagedAt', 'is', null),
          eb.and([eb('m.triageSource', '=', MODEL_FAILED), eb('m.triageUrgency', 'is', null)]),
        ]),
      )
    : query.where('m.triagedAt', 'is', null);
  const unread = await query
    .orderBy('m.receivedAt')
    .orderBy('m.id')
    .limit(options.limit ?? 50)
    .execute();

  const run: ModelTriageRun = { triaged: 0, failed: 0 };
  for (const row of unread) {
    const started = performance.now();
    const text = sanitizeUntrusted(row.body);
    let opinion: ModelOpinion | null = null;
    let failure: string | null = null;
    if (text.length > MAX_MESSAGE_CHARS) failure = 'too_long_for_model';
    else {
      try {
        const { firstName, lastName, preferredName, dateOfBirth, email, phone } = row;
        opinion = await read(text, {
          identifiers: { firstName, lastName, preferredName, dateOfBirth, email, phone },
        });
      } catch {
        failure = MODEL_FAILED;
      }
    }
    await audit.append({
      id: randomUUID(),
      practiceId: row.practiceId,
      occurredAt: new Date().toISOString(),
      actorId: null,
      actorRole: null,
      surface: 'system',
      clientApp: null,
      action: 'message.triage_model',
      decision: opinion ? 'allow' : 'error',
      reasonCode: failure,
      recordIds: [row.id, row.clientId],
      inputDigest: null,
      outputDigest: null,
      latencyMs: Math.round(performance.now() - started),
      traceId: null,
    });
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
    const stored = await (row.triageSource === MODEL_FAILED
      ? update.where('triageSource', '=', MODEL_FAILED).where('triageUrgency', 'is', null)
      : update.where('triagedAt', 'is', null)
    ).executeTakeFirst();
    if (stored.numUpdatedRows === 0n) continue;
    if (opinion) run.triaged++;
    else run.failed++;
  }
  return run;
}
