import type { Role } from '../ehr/types.ts';

/**
 * 42 CFR Part 2: substance-use-disorder program records are returned only under a recorded consent covering the
 * purpose of the use, and every record returned carries the redisclosure notice (§ 2.32). The purpose follows from
 * the caller's role.
 */
export const PART2_PURPOSE_BY_ROLE: Partial<Record<Role, string>> = {
  clinician: 'treatment',
  supervisor: 'treatment',
  biller: 'payment',
};

export const PART2_NOTICE =
  '42 CFR part 2 notice: this record is protected by federal confidentiality rules for substance use disorder ' +
  'records (42 CFR part 2). It may not be used or disclosed further, or used in any civil, criminal, administrative ' +
  'or legislative proceeding against the patient, unless the patient’s written consent or the regulations expressly ' +
  'permit it. A general authorization to release medical information does not suffice (see 42 CFR 2.31 and 2.32).';
