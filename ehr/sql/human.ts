import type { Kysely, Transaction } from 'kysely';
import { EhrError } from '../errors.ts';
import type { HumanActions } from '../gateway.ts';
import { ID_PREFIX, newId } from '../ids.ts';
import { CONSENT_KINDS, type Role } from '../types.ts';
import { requireActingUser } from './acting-user.ts';
import { approveClaimCodes, requireCodeApproval } from './coding.ts';
import { reviewRiskFlag } from './flag-review.ts';
import { toClient, toConsent, toIntake, toMessage, toNote, toReplyDraft } from './mappers.ts';
import { sqlReader } from './reader.ts';
import { type Database, UNTRIAGED } from './schema.ts';
import { guarded } from './translate-error.ts';

/** Client fields a person may apply from an intake submission; everything else in a proposal is ignored. */
export const INTAKE_APPLICABLE_FIELDS = [
  'preferredName',
  'pronouns',
  'genderIdentity',
  'email',
  'phone',
  'address',
  'preferredLanguage',
  'interpreterNeeded',
  'insurance',
] as const;

const JSON_FIELDS = new Set(['address', 'insurance']);

const SIGNING_ROLES: readonly Role[] = ['clinician', 'supervisor'];
/** Who may send a portal reply or apply a client's intake changes: the people who talk to clients. */
const REPLY_ROLES: readonly Role[] = ['clinician', 'supervisor', 'front_desk'];
const INTAKE_ROLES: readonly Role[] = ['clinician', 'supervisor', 'front_desk'];

/**
 * Actions only a person may take. The server's review routes call these with a human session; the tool layer is
 * never given this object.
 */
export function sqlHumanActions(db: Kysely<Database>, practiceId: string): HumanActions {
  const requireUser = (trx: Kysely<Database> | Transaction<Database>, userId: string, roles?: readonly Role[]) =>
    requireActingUser(trx, practiceId, userId, roles);

  /** A reply goes out in the language the client wrote in: the message it answers, else the thread's latest. */
  async function replyLanguage(
    trx: Transaction<Database>,
    threadId: string,
    messageId: string | null,
  ): Promise<string> {
    let q = trx
      .selectFrom('inboxMessages')
      .select('language')
      .where('practiceId', '=', practiceId)
      .where('threadId', '=', threadId)
      .where('senderKind', '!=', 'staff');
    if (messageId) q = q.where('id', '=', messageId);
    const row = await q.orderBy('receivedAt', 'desc').limit(1).executeTakeFirst();
    return row?.language ?? 'en';
  }

  async function noteStatus(noteId: string) {
    const row = await db
      .selectFrom('notes')
      .select(['status'])
      .where('practiceId', '=', practiceId)
      .where('id', '=', noteId)
      .executeTakeFirst();
    if (!row) throw new EhrError('not_found', 'note not found');
    return row.status;
  }

  return {
    signNote: (noteId, signerId) =>
      guarded(async () => {
        await requireUser(db, signerId, SIGNING_ROLES);
        const note = await db
          .selectFrom('notes')
          .select(['authorId', 'status'])
          .where('practiceId', '=', practiceId)
          .where('id', '=', noteId)
          .executeTakeFirst();
        if (!note) throw new EhrError('not_found', 'note not found');
        if (note.authorId !== signerId) {
          const supervises = await sqlReader(db, practiceId).users.supervisees(signerId);
          if (!supervises.includes(note.authorId)) {
            throw new EhrError('invalid', "only the note's author or the author's supervisor can sign it");
          }
        }
        const row = await db
          .updateTable('notes')
          .set((eb) => ({
            status: 'signed',
            signedBy: signerId,
            signedAt: new Date().toISOString(),
            updatedAt: new Date().toISOString(),
            version: eb('version', '+', 1),
          }))
          .where('practiceId', '=', practiceId)
          .where('id', '=', noteId)
          .where('status', '=', 'draft')
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new EhrError('conflict', `note is ${await noteStatus(noteId)}; only drafts can be signed`);
        return toNote(row);
      }),

    lockNote: (noteId, userId) =>
      guarded(async () => {
        const user = await requireUser(db, userId, [...SIGNING_ROLES, 'practice_admin']);
        const note = await db
          .selectFrom('notes')
          .select('authorId')
          .where('practiceId', '=', practiceId)
          .where('id', '=', noteId)
          .executeTakeFirst();
        if (!note) throw new EhrError('not_found', 'note not found');
        if (user.role !== 'practice_admin' && note.authorId !== userId) {
          const supervises = await sqlReader(db, practiceId).users.supervisees(userId);
          if (!supervises.includes(note.authorId)) {
            throw new EhrError(
              'invalid',
              "only the note's author, the author's supervisor or a practice admin can lock it",
            );
          }
        }
        const row = await db
          .updateTable('notes')
          .set((eb) => ({ status: 'locked', lockedAt: new Date().toISOString(), version: eb('version', '+', 1) }))
          .where('practiceId', '=', practiceId)
          .where('id', '=', noteId)
          .where('status', '=', 'signed')
          .returningAll()
          .executeTakeFirst();
        if (!row)
          throw new EhrError('conflict', `note is ${await noteStatus(noteId)}; only signed notes can be locked`);
        return toNote(row);
      }),

    sendReply: (draftId, userId) =>
      guarded(() =>
        db.transaction().execute(async (trx) => {
          const user = await requireUser(trx, userId, REPLY_ROLES);
          const draft = await trx
            .selectFrom('replyDrafts')
            .selectAll()
            .where('practiceId', '=', practiceId)
            .where('id', '=', draftId)
            .forUpdate()
            .executeTakeFirst();
          if (!draft) throw new EhrError('not_found', 'reply draft not found');
          if (draft.status !== 'draft') throw new EhrError('conflict', `reply draft is ${draft.status}`);
          const now = new Date().toISOString();
          const message = await trx
            .insertInto('inboxMessages')
            .values({
              id: newId(ID_PREFIX.message),
              practiceId,
              threadId: draft.threadId,
              clientId: draft.clientId,
              senderKind: 'staff',
              senderUserId: user.id,
              senderDisplay: user.displayName,
              body: draft.body,
              language: await replyLanguage(trx, draft.threadId, draft.messageId),
              receivedAt: now,
              readAt: null,
              ...UNTRIAGED,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          const sent = await trx
            .updateTable('replyDrafts')
            .set((eb) => ({
              status: 'sent',
              sentBy: user.id,
              sentAt: now,
              sentMessageId: message.id,
              updatedAt: now,
              version: eb('version', '+', 1),
            }))
            .where('practiceId', '=', practiceId)
            .where('id', '=', draftId)
            .returningAll()
            .executeTakeFirstOrThrow();
          await trx
            .updateTable('inboxThreads')
            .set({ lastMessageAt: now })
            .where('practiceId', '=', practiceId)
            .where('id', '=', draft.threadId)
            .execute();
          return { draft: toReplyDraft(sent), message: toMessage(message) };
        }),
      ),

    applyIntakeUpdate: (submissionId, userId) =>
      guarded(() =>
        db.transaction().execute(async (trx) => {
          const user = await requireUser(trx, userId, INTAKE_ROLES);
          const submission = await trx
            .selectFrom('intakeSubmissions')
            .selectAll()
            .where('practiceId', '=', practiceId)
            .where('id', '=', submissionId)
            .forUpdate()
            .executeTakeFirst();
          if (!submission) throw new EhrError('not_found', 'intake submission not found');
          if (submission.status !== 'draft_ready' || !submission.proposedUpdate) {
            throw new EhrError(
              'conflict',
              `intake submission is ${submission.status}; there is no drafted update to apply`,
            );
          }
          const proposal = submission.proposedUpdate as Record<string, unknown>;
          const changes: Record<string, unknown> = {};
          for (const field of INTAKE_APPLICABLE_FIELDS) {
            if (field in proposal)
              changes[field] = JSON_FIELDS.has(field) ? JSON.stringify(proposal[field]) : proposal[field];
          }
          if (Object.keys(changes).length === 0)
            throw new EhrError('invalid', 'the drafted update changes no applicable field');
          const client = await trx
            .updateTable('clients')
            .set(changes)
            .where('practiceId', '=', practiceId)
            .where('id', '=', submission.clientId)
            .returningAll()
            .executeTakeFirstOrThrow();
          const applied = await trx
            .updateTable('intakeSubmissions')
            .set({ status: 'applied', appliedBy: user.id, appliedAt: new Date().toISOString() })
            .where('practiceId', '=', practiceId)
            .where('id', '=', submissionId)
            .returningAll()
            .executeTakeFirstOrThrow();
          return { submission: toIntake(applied), client: toClient(client) };
        }),
      ),

    submitClaim: (claimId, userId) =>
      guarded(async () => {
        await requireUser(db, userId, ['biller', 'practice_admin']);
        await requireCodeApproval(db, practiceId, claimId);
        const row = await db
          .updateTable('claims')
          .set({
            status: 'submitted',
            submittedBy: userId,
            submittedAt: new Date().toISOString(),
            updatedAt: new Date().toISOString(),
          })
          .where('practiceId', '=', practiceId)
          .where('id', '=', claimId)
          .where('status', 'in', ['draft', 'ready'])
          .returningAll()
          .executeTakeFirst();
        if (!row) {
          const existing = await db
            .selectFrom('claims')
            .select('status')
            .where('practiceId', '=', practiceId)
            .where('id', '=', claimId)
            .executeTakeFirst();
          if (!existing) throw new EhrError('not_found', 'claim not found');
          throw new EhrError('conflict', `claim is ${existing.status}; only draft or ready claims can be submitted`);
        }
        const claim = await sqlReader(db, practiceId).claims.get(claimId);
        if (!claim) throw new EhrError('not_found', 'claim not found');
        return claim;
      }),

    approveClaimCodes: (claimId, userId, note) =>
      guarded(() => approveClaimCodes(db, practiceId, claimId, userId, note ?? null)),

    recordConsent: (input, userId) =>
      guarded(async () => {
        await requireUser(db, userId);
        if (!CONSENT_KINDS.includes(input.kind)) throw new EhrError('invalid', `unknown consent kind ${input.kind}`);
        if (input.kind === 'part2_disclosure' && (!input.purpose || !input.recipient)) {
          throw new EhrError('invalid', 'a Part 2 disclosure consent needs a purpose and a recipient');
        }
        const row = await db
          .insertInto('consents')
          .values({
            id: newId(ID_PREFIX.consent),
            practiceId,
            clientId: input.clientId,
            kind: input.kind,
            purpose: input.purpose ?? null,
            recipient: input.recipient ?? null,
            scope: input.scope ?? null,
            grantedBy: input.grantedBy,
            grantedAt: input.grantedAt ?? new Date().toISOString(),
            expiresAt: input.expiresAt ?? null,
            revokedAt: null,
            revokedBy: null,
            revocationReason: null,
            recordedBy: userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toConsent(row);
      }),

    revokeConsent: (consentId, userId, reason) =>
      guarded(async () => {
        await requireUser(db, userId);
        if (reason.trim() === '') throw new EhrError('invalid', 'a revocation needs a reason');
        const row = await db
          .updateTable('consents')
          .set({ revokedAt: new Date().toISOString(), revokedBy: userId, revocationReason: reason })
          .where('practiceId', '=', practiceId)
          .where('id', '=', consentId)
          .where('revokedAt', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (!row) {
          const exists = await db
            .selectFrom('consents')
            .select('id')
            .where('practiceId', '=', practiceId)
            .where('id', '=', consentId)
            .executeTakeFirst();
          throw exists
            ? new EhrError('conflict', 'consent is already revoked')
            : new EhrError('not_found', 'consent not found');
        }
        return toConsent(row);
      }),

    reviewRiskFlag: (flagId, userId, review) => guarded(() => reviewRiskFlag(db, practiceId, flagId, userId, review)),
  };
}
