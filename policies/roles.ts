import type { Role } from '../ehr/types.ts';

/**
 * The role × permission matrix, as data. Each cell says how far a role's grant reaches:
 *
 * - `caseload`: clients currently assigned to the user;
 * - `supervision`: the user's own caseload plus their supervisees' caseloads (read-only for the latter — the
 *   pipeline enforces that draft permissions never use this reach);
 * - `practice`: every client of the user's practice.
 *
 * A missing cell is a denial. No cell ever reaches another practice, and no cell opens psychotherapy notes or Part 2
 * records without consent: those walls sit outside this table and no grant covers them.
 */
export const PERMISSIONS = [
  'client:read',
  'appointment:read',
  'note:read',
  'note:read_billing_facts',
  'note:draft',
  'assessment:read',
  'treatment_plan:read',
  'treatment_plan:draft',
  'intake:draft',
  'supervision:summarize',
  'message:read',
  'message:draft_reply',
  'risk:flag',
  'risk:read',
  'claim:read',
  'coding:suggest',
  'prior_auth:draft',
  'user:read',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type Reach = 'caseload' | 'supervision' | 'practice';

export const ROLE_GRANTS = {
  clinician: {
    'client:read': 'caseload',
    'appointment:read': 'caseload',
    'note:read': 'caseload',
    'note:draft': 'caseload',
    'assessment:read': 'caseload',
    'treatment_plan:read': 'caseload',
    'treatment_plan:draft': 'caseload',
    'intake:draft': 'caseload',
    'message:read': 'caseload',
    'message:draft_reply': 'caseload',
    'risk:flag': 'caseload',
    'risk:read': 'caseload',
    'coding:suggest': 'caseload',
    'prior_auth:draft': 'caseload',
  },
  supervisor: {
    'client:read': 'supervision',
    'appointment:read': 'supervision',
    'note:read': 'supervision',
    'note:draft': 'caseload',
    'assessment:read': 'supervision',
    'treatment_plan:read': 'supervision',
    'treatment_plan:draft': 'caseload',
    'intake:draft': 'caseload',
    'supervision:summarize': 'supervision',
    'message:read': 'supervision',
    'message:draft_reply': 'caseload',
    'risk:flag': 'caseload',
    'risk:read': 'supervision',
    'coding:suggest': 'supervision',
    'prior_auth:draft': 'caseload',
  },
  front_desk: {
    'client:read': 'practice',
    'appointment:read': 'practice',
    'message:read': 'practice',
    'message:draft_reply': 'practice',
  },
  biller: {
    'client:read': 'practice',
    'appointment:read': 'practice',
    'note:read_billing_facts': 'practice',
    'claim:read': 'practice',
    'coding:suggest': 'practice',
  },
  practice_admin: {
    'user:read': 'practice',
    'audit:read': 'practice',
  },
} as const satisfies Record<Role, Partial<Record<Permission, Reach>>>;

/** The grant that allowed a call, so the audit row can say which cell of the matrix matched. */
export interface Grant {
  role: Role;
  permission: Permission;
  reach: Reach;
}

/** Looks up the cell for a role and permission. Pure; unknown roles and permissions are denials. */
export function grantFor(role: Role, permission: Permission): Grant | null {
  const cells: Partial<Record<Permission, Reach>> | undefined = (
    ROLE_GRANTS as Record<string, Partial<Record<Permission, Reach>>>
  )[role];
  const reach = cells?.[permission];
  return reach ? { role, permission, reach } : null;
}

/** Every permission a role holds, in matrix order: what decides which tools it is shown. */
export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => grantFor(role, p) !== null);
}
