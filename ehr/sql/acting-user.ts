import type { Kysely, Transaction } from 'kysely';
import { EhrError } from '../errors.ts';
import type { Role } from '../types.ts';
import type { Database } from './schema.ts';

/**
 * The person taking a human-only action: an active user of this practice, or `not_found`; with `roles`, one of
 * those roles, or `invalid` with `refusal`'s message (the action's own words: "a biller cannot sign notes").
 */
export async function requireActingUser(
  db: Kysely<Database> | Transaction<Database>,
  practiceId: string,
  userId: string,
  roles?: readonly Role[],
  refusal: (role: string) => string = (role) => `a ${role} cannot take this action`,
) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'role', 'active', 'displayName'])
    .where('practiceId', '=', practiceId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.active) throw new EhrError('not_found', 'user not found or inactive in this practice');
  if (roles && !roles.includes(user.role as Role)) throw new EhrError('invalid', refusal(user.role));
  return user;
}
