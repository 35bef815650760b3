import { describe, expect, it } from 'vitest';
import { ROLES } from '../ehr/types.ts';
import { grantFor, PERMISSIONS, permissionsOf } from './roles.ts';

// Written out by hand from the product rules, not derived from roles.ts: the table the matrix must match.
const EXPECTED: Record<string, string[]> = {
  clinician: [
    'client:read',
    'appointment:read',
    'note:read',
    'note:draft',
    'assessment:read',
    'treatment_plan:read',
    'treatment_plan:draft',
    'intake:draft',
    'message:read',
    'message:draft_reply',
    'risk:flag',
    'risk:read',
    'coding:suggest',
    'prior_auth:draft',
  ],
  supervisor: [
    'client:read',
    'appointment:read',
    'note:read',
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
    'coding:suggest',
    'prior_auth:draft',
  ],
  front_desk: ['client:read', 'appointment:read', 'message:read', 'message:draft_reply'],
  biller: ['client:read', 'appointment:read', 'note:read_billing_facts', 'claim:read', 'coding:suggest'],
  practice_admin: ['user:read', 'audit:read'],
};

describe('role × permission matrix', () => {
  it.each(ROLES)('gives %s exactly its expected permissions', (role) => {
    expect(permissionsOf(role).sort()).toEqual([...(EXPECTED[role] ?? [])].sort());
  });

  it('never lets front desk, billers or admins read note content', () => {
    for (const role of ['front_desk', 'biller', 'practice_admin'] as const)
      expect(grantFor(role, 'note:read')).toBeNull();
  });

  it('keeps clinical content away from practice admins', () => {
    for (const p of PERMISSIONS.filter((x) => !['user:read', 'audit:read'].includes(x))) {
      expect(grantFor('practice_admin', p), p).toBeNull();
    }
  });

  it("lets supervisors read their supervisees' caseloads but draft only for their own", () => {
    expect(grantFor('supervisor', 'note:read')?.reach).toBe('supervision');
    expect(grantFor('supervisor', 'note:draft')?.reach).toBe('caseload');
    expect(grantFor('supervisor', 'message:draft_reply')?.reach).toBe('caseload');
    expect(grantFor('supervisor', 'treatment_plan:draft')?.reach).toBe('caseload');
    expect(grantFor('supervisor', 'intake:draft')?.reach).toBe('caseload');
  });

  it("lets clinicians read risk flags for their caseload and supervisors for their supervisees' too", () => {
    expect(grantFor('clinician', 'risk:read')?.reach).toBe('caseload');
    // Risk oversight is what supervision is for; raising a flag stays with the treating clinician.
    expect(grantFor('supervisor', 'risk:read')?.reach).toBe('supervision');
    expect(grantFor('supervisor', 'risk:flag')?.reach).toBe('caseload');
    for (const role of ['front_desk', 'biller', 'practice_admin'] as const)
      expect(grantFor(role, 'risk:read')).toBeNull();
  });

  it('returns the matched cell so the audit can name it', () => {
    expect(grantFor('biller', 'claim:read')).toEqual({ role: 'biller', permission: 'claim:read', reach: 'practice' });
  });

  it('denies unknown roles', () => {
    expect(grantFor('superuser' as never, 'note:read')).toBeNull();
  });
});
