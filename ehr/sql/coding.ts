import { createHash } from 'node:crypto';
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { ClaimCodeApproval, DraftDocument, DraftDocumentStore } from '../coding.ts';
import { EhrError } from '../errors.ts';
import { ID_PREFIX, newId } from '../ids.ts';
import type { Claim, Provenance, Role } from '../types.ts';
import { requireActingUser } from './acting-user.ts';
import { sqlReader } from './reader.ts';
import type { Database } from './schema.ts';
import { guarded } from './translate-error.ts';

type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<string, string | undefined, string>;

/** The tables and column of migration 0005, kept beside their only user rather than in the shared schema file. */
interface CodingTables {
  draftDocuments: {
    id: string;
    practiceId: string;
    clientId: string;
    authorId: string;
    kind: string;
    title: string;
    body: Json<Record<string, unknown>>;
    status: Generated<string>;
    aiGenerated: Generated<boolean>;
    provenance: Json<unknown> | null;
    version: Generated<number>;
    createdAt: Timestamp;
    updatedAt: Timestamp;
  };
  claimCodeApprovals: {
    id: string;
    practiceId: string;
    claimId: string;
    approvedBy: string;
    approvedAt: Timestamp;
    codesDigest: string;
    note: string | null;
  };
  claims: Database['claims'] & { codeSource: Generated<string> };
}
type CodingDb = Kysely<Omit<Database, 'claims'> & CodingTables>;
const coding = (db: Kysely<Database>) => db as unknown as CodingDb;

/** Who may approve suggested codes unless the practice says otherwise (`settings.claimCodeApprovers`). */
export const DEFAULT_CODE_APPROVERS: readonly Role[] = ['biller', 'supervisor'];

/** The codes a person approves: diagnoses in order, and each line's code, modifiers, units and pointers. */
export function claimCodesDigest(claim: Pick<Claim, 'diagnosisCodes' | 'lines'>): string {
  const lines = claim.lines.map((l) => [l.lineNumber, l.cpt, [...l.modifiers].sort(), l.units, l.diagnosisPointers]);
  return createHash('sha256')
    .update(JSON.stringify([claim.diagnosisCodes, lines]))
    .digest('hex');
}

export function sqlDraftDocuments(db: Kysely<Database>, practiceId: string): DraftDocumentStore {
  return {
    createDraft: (input) =>
      guarded(async () => {
        if (input.aiGenerated && !input.provenance)
          throw new EhrError('invalid', 'AI-generated drafts need provenance');
        const author = await db
          .selectFrom('users')
          .select(['id', 'active'])
          .where('practiceId', '=', practiceId)
          .where('id', '=', input.authorId)
          .executeTakeFirst();
        if (!author?.active) throw new EhrError('not_found', 'author not found in this practice');
        const client = await db
          .selectFrom('clients')
          .select('id')
          .where('practiceId', '=', practiceId)
          .where('id', '=', input.clientId)
          .executeTakeFirst();
        if (!client) throw new EhrError('not_found', 'client not found');
        const now = new Date().toISOString();
        const row = await coding(db)
          .insertInto('draftDocuments')
          .values({
            id: newId(ID_PREFIX.draftDocument),
            practiceId,
            clientId: input.clientId,
            authorId: input.authorId,
            kind: input.kind,
            title: input.title,
            body: JSON.stringify(input.body),
            status: 'draft',
            aiGenerated: input.aiGenerated,
            provenance: input.provenance ? JSON.stringify(input.provenance) : null,
            createdAt: now,
            updatedAt: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          id: row.id,
          clientId: row.clientId,
          authorId: row.authorId,
          kind: row.kind as DraftDocument['kind'],
          title: row.title,
          body: row.body,
          status: row.status as DraftDocument['status'],
          aiGenerated: row.aiGenerated,
          provenance: row.provenance as Provenance | null,
          version: row.version,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
        };
      }),
  };
}

/** Human-only: records a person's approval of a claim's current codes. */
export async function approveClaimCodes(
  db: Kysely<Database>,
  practiceId: string,
  claimId: string,
  userId: string,
  note: string | null,
): Promise<ClaimCodeApproval> {
  const [user, practice] = await Promise.all([
    requireActingUser(db, practiceId, userId),
    db.selectFrom('practices').select('settings').where('id', '=', practiceId).executeTakeFirst(),
  ]);
  const configured = (practice?.settings as Record<string, unknown> | undefined)?.claimCodeApprovers;
  const approvers = Array.isArray(configured) ? (configured as Role[]) : DEFAULT_CODE_APPROVERS;
  if (!approvers.includes(user.role as Role))
    throw new EhrError('invalid', `a ${user.role} cannot approve claim codes here`);
  const claim = await sqlReader(db, practiceId).claims.get(claimId);
  if (!claim) throw new EhrError('not_found', 'claim not found');
  if (claim.status !== 'draft' && claim.status !== 'ready') {
    throw new EhrError('conflict', `claim is ${claim.status}; only draft or ready claims take approvals`);
  }
  if (note !== null && note.length > 2000) throw new EhrError('invalid', 'the approval note is over 2,000 characters');
  const row = await coding(db)
    .insertInto('claimCodeApprovals')
    .values({
      id: newId(ID_PREFIX.claimCodeApproval),
      practiceId,
      claimId,
      approvedBy: userId,
      codesDigest: claimCodesDigest(claim),
      note,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    claimId: row.claimId,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt,
    codesDigest: row.codesDigest,
    note: row.note,
  };
}

/**
 * Refuses to submit a claim whose codes came from a suggestion unless a person approved exactly these codes.
 * Claims coded by hand pass.
 */
export async function requireCodeApproval(db: Kysely<Database>, practiceId: string, claimId: string): Promise<void> {
  const row = await coding(db)
    .selectFrom('claims')
    .select('codeSource')
    .where('practiceId', '=', practiceId)
    .where('id', '=', claimId)
    .executeTakeFirst();
  if (row?.codeSource !== 'suggestion') return;
  const claim = await sqlReader(db, practiceId).claims.get(claimId);
  if (!claim) return;
  const digest = claimCodesDigest(claim);
  const approval = await coding(db)
    .selectFrom('claimCodeApprovals')
    .select('id')
    .where('practiceId', '=', practiceId)
    .where('claimId', '=', claimId)
    .where('codesDigest', '=', digest)
    .executeTakeFirst();
  if (!approval) {
    throw new EhrError(
      'conflict',
      'the codes came from a suggestion; a biller or supervisor must approve them before submission',
    );
  }
}
