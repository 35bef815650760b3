import type { Kysely } from 'kysely';
import { EhrError } from '../errors.ts';
import type { DraftWriter } from '../gateway.ts';
import { ID_PREFIX, newId } from '../ids.ts';
import { NOTE_FORMATS } from '../types.ts';
import { sqlDraftDocuments } from './coding.ts';
import { sqlAlerts, sqlRiskFlags } from './flags.ts';
import { toIntake, toNote, toReplyDraft, toTreatmentPlan } from './mappers.ts';
import type { Database } from './schema.ts';
import { guarded } from './translate-error.ts';

const json = (value: unknown) => JSON.stringify(value);

/**
 * The draft-only writer. Every insert sets status 'draft'; every update is conditional on the row still being a
 * draft, so a record a person signed, sent or applied can never be changed through this interface.
 */
export function sqlDraftWriter(db: Kysely<Database>, practiceId: string): DraftWriter {
  async function requireAuthor(authorId: string) {
    const user = await db
      .selectFrom('users')
      .select(['id', 'active'])
      .where('practiceId', '=', practiceId)
      .where('id', '=', authorId)
      .executeTakeFirst();
    if (!user) throw new EhrError('not_found', 'author not found in this practice');
    if (!user.active) throw new EhrError('invalid', 'author is not an active user');
  }

  /** Explains why a conditional update touched no row. */
  async function explainMiss(
    table: 'notes' | 'replyDrafts' | 'treatmentPlans',
    id: string,
    what: string,
  ): Promise<never> {
    const row = await db
      .selectFrom(table)
      .select(['status', 'version'])
      .where('practiceId', '=', practiceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new EhrError('not_found', `${what} not found`);
    if (row.status !== 'draft') throw new EhrError('conflict', `${what} is ${row.status}, not a draft; drafts only`);
    throw new EhrError('conflict', `${what} changed since it was read (now version ${row.version})`);
  }

  return {
    documents: sqlDraftDocuments(db, practiceId),
    riskFlags: sqlRiskFlags(db, practiceId),
    alerts: sqlAlerts(db, practiceId),
    notes: {
      createDraft: (input) =>
        guarded(async () => {
          if ((input.kind as string) === 'psychotherapy') {
            throw new EhrError('invalid', 'psychotherapy notes cannot be drafted through this interface');
          }
          if (!NOTE_FORMATS.includes(input.format))
            throw new EhrError('invalid', `unknown note format ${input.format}`);
          if (input.aiGenerated && !input.provenance)
            throw new EhrError('invalid', 'AI-generated drafts need provenance');
          await requireAuthor(input.authorId);
          if (input.appointmentId) {
            const appointment = await db
              .selectFrom('appointments')
              .select('clientId')
              .where('practiceId', '=', practiceId)
              .where('id', '=', input.appointmentId)
              .executeTakeFirst();
            if (!appointment) throw new EhrError('not_found', 'appointment not found');
            if (appointment.clientId !== input.clientId) {
              throw new EhrError('invalid', 'the appointment belongs to a different client');
            }
          }
          if (input.transcriptId) {
            const transcript = await db
              .selectFrom('transcripts')
              .select(['clientId', 'appointmentId'])
              .where('practiceId', '=', practiceId)
              .where('id', '=', input.transcriptId)
              .executeTakeFirst();
            if (!transcript) throw new EhrError('not_found', 'transcript not found');
            if (transcript.clientId !== input.clientId) {
              throw new EhrError('invalid', 'the transcript belongs to a different client');
            }
          }
          const now = new Date().toISOString();
          const row = await db
            .insertInto('notes')
            .values({
              id: newId(ID_PREFIX.note),
              practiceId,
              clientId: input.clientId,
              appointmentId: input.appointmentId ?? null,
              transcriptId: input.transcriptId ?? null,
              authorId: input.authorId,
              kind: input.kind,
              format: input.format,
              sections: json(input.sections),
              status: 'draft',
              aiGenerated: input.aiGenerated,
              provenance: input.provenance ? json(input.provenance) : null,
              signedBy: null,
              signedAt: null,
              lockedAt: null,
              createdAt: now,
              updatedAt: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          return toNote(row);
        }),

      updateDraft: (id, patch) =>
        guarded(async () => {
          if (!patch.sections && !patch.provenance) throw new EhrError('invalid', 'nothing to update');
          let q = db
            .updateTable('notes')
            .set((eb) => ({
              ...(patch.sections ? { sections: json(patch.sections) } : {}),
              ...(patch.provenance ? { provenance: json(patch.provenance) } : {}),
              version: eb('version', '+', 1),
              updatedAt: new Date().toISOString(),
            }))
            .where('practiceId', '=', practiceId)
            .where('id', '=', id)
            .where('status', '=', 'draft');
          if (patch.expectedVersion !== undefined) q = q.where('version', '=', patch.expectedVersion);
          const row = await q.returningAll().executeTakeFirst();
          return row ? toNote(row) : explainMiss('notes', id, 'note');
        }),
    },

    replies: {
      createDraft: (input) =>
        guarded(async () => {
          if (input.aiGenerated && !input.provenance)
            throw new EhrError('invalid', 'AI-generated drafts need provenance');
          if (input.body.trim() === '') throw new EhrError('invalid', 'a reply draft needs a body');
          await requireAuthor(input.authorId);
          const thread = await db
            .selectFrom('inboxThreads')
            .select(['clientId'])
            .where('practiceId', '=', practiceId)
            .where('id', '=', input.threadId)
            .executeTakeFirst();
          if (!thread) throw new EhrError('not_found', 'thread not found');
          if (input.messageId) {
            const message = await db
              .selectFrom('inboxMessages')
              .select('threadId')
              .where('practiceId', '=', practiceId)
              .where('id', '=', input.messageId)
              .executeTakeFirst();
            if (!message) throw new EhrError('not_found', 'message not found');
            if (message.threadId !== input.threadId)
              throw new EhrError('invalid', 'the message is in a different thread');
          }
          const now = new Date().toISOString();
          const row = await db
            .insertInto('replyDrafts')
            .values({
              id: newId(ID_PREFIX.replyDraft),
              practiceId,
              threadId: input.threadId,
              messageId: input.messageId ?? null,
              clientId: thread.clientId,
              authorId: input.authorId,
              body: input.body,
              status: 'draft',
              aiGenerated: input.aiGenerated,
              provenance: input.provenance ? json(input.provenance) : null,
              createdAt: now,
              updatedAt: now,
              sentBy: null,
              sentAt: null,
              sentMessageId: null,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          return toReplyDraft(row);
        }),

      updateDraft: (id, patch) =>
        guarded(async () => {
          if (patch.body.trim() === '') throw new EhrError('invalid', 'a reply draft needs a body');
          let q = db
            .updateTable('replyDrafts')
            .set((eb) => ({
              body: patch.body,
              ...(patch.provenance ? { provenance: json(patch.provenance) } : {}),
              version: eb('version', '+', 1),
              updatedAt: new Date().toISOString(),
            }))
            .where('practiceId', '=', practiceId)
            .where('id', '=', id)
            .where('status', '=', 'draft');
          if (patch.expectedVersion !== undefined) q = q.where('version', '=', patch.expectedVersion);
          const row = await q.returningAll().executeTakeFirst();
          return row ? toReplyDraft(row) : explainMiss('replyDrafts', id, 'reply draft');
        }),
    },

    treatmentPlans: {
      createDraft: (input) =>
        guarded(async () => {
          if (input.aiGenerated && !input.provenance)
            throw new EhrError('invalid', 'AI-generated drafts need provenance');
          await requireAuthor(input.authorId);
          const now = new Date().toISOString();
          const row = await db
            .insertInto('treatmentPlans')
            .values({
              id: newId(ID_PREFIX.treatmentPlan),
              practiceId,
              clientId: input.clientId,
              authorId: input.authorId,
              status: 'draft',
              problems: json(input.problems),
              effectiveOn: null,
              reviewDueOn: null,
              aiGenerated: input.aiGenerated,
              provenance: input.provenance ? json(input.provenance) : null,
              signedBy: null,
              signedAt: null,
              createdAt: now,
              updatedAt: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          return toTreatmentPlan(row);
        }),

      updateDraft: (id, patch) =>
        guarded(async () => {
          let q = db
            .updateTable('treatmentPlans')
            .set((eb) => ({
              problems: json(patch.problems),
              ...(patch.provenance ? { provenance: json(patch.provenance) } : {}),
              version: eb('version', '+', 1),
              updatedAt: new Date().toISOString(),
            }))
            .where('practiceId', '=', practiceId)
            .where('id', '=', id)
            .where('status', '=', 'draft');
          if (patch.expectedVersion !== undefined) q = q.where('version', '=', patch.expectedVersion);
          const row = await q.returningAll().executeTakeFirst();
          return row ? toTreatmentPlan(row) : explainMiss('treatmentPlans', id, 'treatment plan');
        }),
    },

    intake: {
      draftUpdate: (submissionId, proposal) =>
        guarded(async () => {
          const row = await db
            .updateTable('intakeSubmissions')
            .set({
              proposedUpdate: json(proposal.proposedUpdate),
              provenance: json(proposal.provenance),
              aiGenerated: true,
              status: 'draft_ready',
              draftedAt: new Date().toISOString(),
            })
            .where('practiceId', '=', practiceId)
            .where('id', '=', submissionId)
            .where('status', 'in', ['received', 'draft_ready'])
            .returningAll()
            .executeTakeFirst();
          if (row) return toIntake(row);
          const existing = await db
            .selectFrom('intakeSubmissions')
            .select('status')
            .where('practiceId', '=', practiceId)
            .where('id', '=', submissionId)
            .executeTakeFirst();
          if (!existing) throw new EhrError('not_found', 'intake submission not found');
          throw new EhrError('conflict', `intake submission is ${existing.status}; it can no longer be drafted`);
        }),
    },
  };
}
