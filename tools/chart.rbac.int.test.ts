import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ANCHOR } from '../test/constants.ts';
import {
  CALLERS,
  type Caller,
  hasConsent,
  type Outcome,
  otherClinicianClient,
  otherPracticeClient,
  outcomeOf,
  ownClient,
  part2Consented,
  part2Unconsented,
  rows,
  usePipeline,
} from '../test/pipeline-fixtures.ts';

// summarize_chart, draft_treatment_plan, chart_audit, supervision_summary and draft_intake_update through the policy
// pipeline on the seeded demo. Written by hand from the product rules, not derived from the code:
// - summarize_chart and chart_audit read clinical notes (note:read): own caseload, a supervisor also supervisees';
// - draft_treatment_plan and draft_intake_update draft (caseload reach only: a supervisor never drafts in a
//   supervisee's chart);
// - supervision_summary is for supervisors, about the clinicians they supervise;
// - front desk, billing and the practice administrator see no clinical content: every one of these is forbidden;
// - another practice's ids read as not found; a Part 2 client needs a consent covering treatment.
// avery.chen treats ownClient; morgan.lee supervises avery.chen and sam.okafor; alex.rivera treats the Part 2 clients.

type Target = 'own' | 'otherClinician' | 'otherPractice' | 'part2Consented' | 'part2Unconsented';
const CLIENT: Record<Target, string> = {
  own: ownClient,
  otherClinician: otherClinicianClient,
  otherPractice: otherPracticeClient,
  part2Consented,
  part2Unconsented,
};

type Row = [summarize: Outcome, draftPlan: Outcome, auditClient: Outcome];
const A: Row = ['allow', 'allow', 'allow'];
const O: Row = ['out_of_scope', 'out_of_scope', 'out_of_scope'];
const N: Row = ['not_found', 'not_found', 'not_found'];
const F: Row = ['forbidden', 'forbidden', 'forbidden'];
const C: Row = ['consent_required', 'consent_required', 'consent_required'];
const NONE: Record<Target, Row> = {
  own: F,
  otherClinician: F,
  otherPractice: F,
  part2Consented: F,
  part2Unconsented: F,
};

const EXPECTED: Record<Caller, Record<Target, Row>> = {
  avery: { own: A, otherClinician: O, otherPractice: N, part2Consented: O, part2Unconsented: O },
  alex: { own: O, otherClinician: O, otherPractice: N, part2Consented: A, part2Unconsented: C },
  morgan: {
    own: ['allow', 'out_of_scope', 'allow'],
    otherClinician: O,
    otherPractice: N,
    part2Consented: O,
    part2Unconsented: O,
  },
  jamie: NONE,
  riley: NONE,
  casey: NONE,
};

// supervision_summary and chart_audit by caseload, keyed by the clinician named.
type Clinician = 'avery' | 'emery' | 'alex' | 'taylor';
const CLINICIAN: Record<Clinician, string> = {
  avery: 'usr_avery_chen',
  emery: 'usr_emery_walsh',
  alex: 'usr_alex_rivera',
  taylor: 'usr_taylor_kim',
};
type ClinicianRow = [supervisionSummary: Outcome, auditCaseload: Outcome];
const CF: ClinicianRow = ['forbidden', 'forbidden'];
const BY_CLINICIAN: Record<Caller, Record<Clinician, ClinicianRow>> = {
  avery: {
    avery: ['forbidden', 'allow'],
    emery: ['forbidden', 'out_of_scope'],
    alex: ['forbidden', 'out_of_scope'],
    taylor: ['forbidden', 'not_found'],
  },
  alex: {
    avery: ['forbidden', 'out_of_scope'],
    emery: ['forbidden', 'out_of_scope'],
    alex: ['forbidden', 'allow'],
    taylor: ['forbidden', 'not_found'],
  },
  morgan: {
    avery: ['allow', 'allow'],
    emery: ['out_of_scope', 'out_of_scope'],
    alex: ['out_of_scope', 'out_of_scope'],
    taylor: ['not_found', 'not_found'],
  },
  jamie: { avery: CF, emery: CF, alex: CF, taylor: CF },
  riley: { avery: CF, emery: CF, alex: CF, taylor: CF },
  casey: { avery: CF, emery: CF, alex: CF, taylor: CF },
};

// draft_intake_update, keyed by whose new client submitted the intake (the seed has no Part 2 intake).
type IntakeOwner = 'avery' | 'sam' | 'alex' | 'taylor';
const submissionOf = (clinician: string) => {
  const clientIds = rows.caseloadAssignments.filter((a) => a.clinicianId === clinician).map((a) => a.clientId);
  const found = rows.intakeSubmissions.find((s) => clientIds.includes(s.clientId));
  if (!found) throw new Error(`the demo has no intake submission for ${clinician}`);
  return found.id;
};
const SUBMISSION: Record<IntakeOwner, string> = {
  avery: submissionOf('usr_avery_chen'),
  sam: submissionOf('usr_sam_okafor'),
  alex: submissionOf('usr_alex_rivera'),
  taylor: submissionOf('usr_taylor_kim'),
};
const IF: Record<IntakeOwner, Outcome> = {
  avery: 'forbidden',
  sam: 'forbidden',
  alex: 'forbidden',
  taylor: 'forbidden',
};
const INTAKE: Record<Caller, Record<IntakeOwner, Outcome>> = {
  avery: { avery: 'allow', sam: 'out_of_scope', alex: 'out_of_scope', taylor: 'not_found' },
  alex: { avery: 'out_of_scope', sam: 'out_of_scope', alex: 'allow', taylor: 'not_found' },
  morgan: { avery: 'out_of_scope', sam: 'out_of_scope', alex: 'out_of_scope', taylor: 'not_found' },
  jamie: IF,
  riley: IF,
  casey: IF,
};

const { call } = usePipeline();

beforeAll(() => {
  // The allow cells above assume the drafts are possible at all: consent to AI documentation and a diagnosis.
  for (const clientId of [ownClient, part2Consented]) {
    if (!hasConsent(clientId, 'ai_documentation')) throw new Error(`${clientId} needs an ai_documentation consent`);
    if (!rows.clientDiagnoses.some((d) => d.clientId === clientId && d.status === 'active')) {
      throw new Error(`${clientId} needs an active diagnosis`);
    }
  }
});

describe('chart tools: role × client matrix', () => {
  const cases = Object.entries(EXPECTED).flatMap(([caller, targets]) =>
    Object.entries(targets).map(([target, row]) => [caller, target, row] as const),
  );
  it.each(cases)('%s on %s', async (caller, target, expected) => {
    const who = CALLERS[caller as Caller];
    const clientId = CLIENT[target as Target];
    const got = [
      outcomeOf(await call(who, 'summarize_chart', { clientId, asOf: TEST_ANCHOR })),
      outcomeOf(await call(who, 'draft_treatment_plan', { clientId, asOf: TEST_ANCHOR })),
      outcomeOf(await call(who, 'chart_audit', { clientId, asOf: TEST_ANCHOR })),
    ];
    expect(got).toEqual(expected);
  });
});

describe('supervision_summary and caseload audit: role × clinician matrix', () => {
  const cases = Object.entries(BY_CLINICIAN).flatMap(([caller, targets]) =>
    Object.entries(targets).map(([target, row]) => [caller, target, row] as const),
  );
  it.each(cases)('%s about %s', async (caller, target, expected) => {
    const who = CALLERS[caller as Caller];
    const id = CLINICIAN[target as Clinician];
    const got = [
      outcomeOf(await call(who, 'supervision_summary', { superviseeId: id, asOf: TEST_ANCHOR })),
      outcomeOf(await call(who, 'chart_audit', { clinicianId: id, asOf: TEST_ANCHOR })),
    ];
    expect(got).toEqual(expected);
  });
});

describe('draft_intake_update: role × submission matrix', () => {
  const cases = Object.entries(INTAKE).flatMap(([caller, targets]) =>
    Object.entries(targets).map(([target, outcome]) => [caller, target, outcome] as const),
  );
  it.each(cases)('%s on the intake of a client of %s', async (caller, target, expected) => {
    const result = await call(CALLERS[caller as Caller], 'draft_intake_update', {
      submissionId: SUBMISSION[target as IntakeOwner],
    });
    expect(outcomeOf(result)).toBe(expected);
  });
});
