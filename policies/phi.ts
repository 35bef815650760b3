import type { Client, Role } from '../ehr/types.ts';

/**
 * Which client fields each role may see, as data. What is not listed is removed before a result leaves the
 * pipeline: front desk sees who and how to reach them, not why they are in care; billers see what a claim needs.
 */
export const CLIENT_FIELDS_BY_ROLE = {
  clinician: 'all',
  supervisor: 'all',
  front_desk: [
    'id',
    'mrn',
    'firstName',
    'lastName',
    'preferredName',
    'dateOfBirth',
    'pronouns',
    'email',
    'phone',
    'address',
    'preferredLanguage',
    'interpreterNeeded',
    'isMinor',
    'guardian',
    'insurance',
    'status',
  ],
  biller: [
    'id',
    'mrn',
    'firstName',
    'lastName',
    'dateOfBirth',
    'sexAtBirth',
    'address',
    'isMinor',
    'guardian',
    'insurance',
    'status',
  ],
  practice_admin: ['id', 'status'],
} as const satisfies Record<Role, 'all' | ReadonlyArray<keyof Client>>;

/** The client as this role may see it. */
export function minimizeClient(role: Role, client: Client): Partial<Client> & { id: string } {
  const allowed = CLIENT_FIELDS_BY_ROLE[role];
  if (allowed === 'all') return client;
  const out: Record<string, unknown> = {};
  for (const field of allowed) out[field] = client[field];
  return out as Partial<Client> & { id: string };
}

/** Whether a role may see a client's diagnoses (clinical staff and billers). */
export const SEES_DIAGNOSES: Record<Role, boolean> = {
  clinician: true,
  supervisor: true,
  front_desk: false,
  biller: true,
  practice_admin: false,
};
