import type { Kysely } from 'kysely';
import { EhrError } from '../errors.ts';
import {
  MAX_REVIEW_NOTE_LENGTH,
  RISK_FLAG_DISPOSITIONS,
  type RiskFlag,
  type RiskFlagDisposition,
  type RiskFlagReview,
} from '../flags.ts';
import type { Role } from '../types.ts';
import { requireActingUser } from './acting-user.ts';
import { type FlagDb, toFlag } from './flags.ts';
import { sqlReader } from './reader.ts';
import type { Database } from './schema.ts';

/** Who may review a flag at all; care-team membership or supervision then decides which flags. */
const REVIEW_ROLES: readonly Role[] = ['clinician', 'supervisor'];

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The review as it will be stored, or `invalid`. Messages name the rule, never the text: the note is clinical free
 * text and an error message can end up in a log. A blank note is no note.
 */
function checkReview(review: RiskFlagReview): { disposition: RiskFlagDisposition; note: string | null } {
  const given = (review ?? {}) as { disposition?: unknown; note?: unknown };
  const disposition = given.disposition;
  if (typeof disposition !== 'string' || !(RISK_FLAG_DISPOSITIONS as readonly string[]).includes(disposition)) {
    throw new EhrError('invalid', `a review needs a disposition, one of ${RISK_FLAG_DISPOSITIONS.join(', ')}`);
  }
  const note = given.note ?? null;
  if (note !== null && typeof note !== 'string') throw new EhrError('invalid', 'a review note must be text');
  if (note === null || note.trim() === '') return { disposition: disposition as RiskFlagDisposition, note: null };
  if ([...note].length > MAX_REVIEW_NOTE_LENGTH) {
    throw new EhrError(
      'invalid',
      `a review note holds at most ${MAX_REVIEW_NOTE_LENGTH.toLocaleString('en')} characters`,
    );
  }
  if (CONTROL_CHARS.test(note) || LONE_SURROGATE.test(note)) {
    throw new EhrError('invalid', 'a review note may not contain control characters (line breaks and tabs are fine)');
  }
  return { disposition: disposition as RiskFlagDisposition, note };
}

/**
 * HumanActions.reviewRiskFlag (see ehr/gateway.ts): closes a pending flag with a person's review. The final update is
 * conditional on the flag still pending, so of concurrent reviews exactly one lands; trigger `risk_flags_guard`
 * refuses any later change whatever the code does.
 */
export async function reviewRiskFlag(
  database: Kysely<Database>,
  practiceId: string,
  flagId: string,
  userId: string,
  review: RiskFlagReview,
): Promise<RiskFlag> {
  const { disposition, note } = checkReview(review);
  await requireActingUser(
    database,
    practiceId,
    userId,
    REVIEW_ROLES,
    (role) => `a ${role} cannot review a risk flag; only a clinician on the client's care team or their supervisor can`,
  );
  const db = database as unknown as FlagDb;
  const flag = await db
    .selectFrom('riskFlags')
    .select(['clientId', 'status'])
    .where('practiceId', '=', practiceId)
    .where('id', '=', flagId)
    .executeTakeFirst();
  if (!flag) throw new EhrError('not_found', 'risk flag not found');

  const reader = sqlReader(database, practiceId);
  const team = (await reader.clients.careTeam(flag.clientId)).map((a) => a.clinicianId);
  if (!team.includes(userId)) {
    const supervisees = await reader.users.supervisees(userId);
    if (!team.some((id) => supervisees.includes(id))) {
      throw new EhrError(
        'invalid',
        "only a clinician on the client's current care team, or a supervisor of one of them, can review this flag",
      );
    }
  }
  if (flag.status !== 'pending_review') {
    throw new EhrError('conflict', 'risk flag is already reviewed; a review is final');
  }

  const row = await db
    .updateTable('riskFlags')
    .set({
      status: 'reviewed',
      reviewedBy: userId,
      reviewedAt: new Date().toISOString(),
      reviewDisposition: disposition,
      reviewNote: note,
    })
    .where('practiceId', '=', practiceId)
    .where('id', '=', flagId)
    .where('status', '=', 'pending_review')
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new EhrError('conflict', 'risk flag was reviewed by someone else meanwhile; a review is final');
  return toFlag(row);
}
