import { describe, expect, it } from 'vitest';
import { TEST_ANCHOR } from '../test/constants.ts';
import {
  annotations,
  CALLERS,
  type Caller,
  current,
  first,
  hasConsent,
  isPart2,
  type Outcome,
  otherClinicianClient,
  otherPracticeClient,
  outcomeOf,
  ownClient,
  rows,
  usePipeline,
} from '../test/pipeline-fixtures.ts';

const { call } = usePipeline();

// A Part 2 client of alex.rivera with no disclosure consent in force: assessments are walled, messages are not.
const part2None = first(
  current('usr_alex_rivera').filter(
    (id) =>
      isPart2(id) && !hasConsent(id, 'part2_disclosure', 'treatment') && !hasConsent(id, 'part2_disclosure', 'payment'),
  ),
  'unconsented Part 2 client',
);

type Target = 'own' | 'otherClinician' | 'otherPractice' | 'part2None';
const CLIENTS: Record<Target, string> = {
  own: ownClient,
  otherClinician: otherClinicianClient,
  otherPractice: otherPracticeClient,
  part2None,
};
// A message of the target client, or of another client of the same clinician when the target has none.
const CASELOAD: Record<Target, string[]> = {
  own: [ownClient, ...current('usr_avery_chen')],
  otherClinician: current('usr_emery_walsh'),
  otherPractice: current('usr_taylor_kim'),
  part2None: [part2None],
};
const messageOf = (target: Target) =>
  first(
    CASELOAD[target].flatMap((id) => rows.inboxMessages.filter((m) => m.clientId === id && m.senderKind !== 'staff')),
    `message of the ${target} case`,
  );
// Scope and walls decide before the assessment is looked up, so a client without one is named with an id that
// does not exist: the outcome must still be the scope's, never not_found.
const assessmentOf = (clientId: string) =>
  rows.assessments.find((a) => a.clientId === clientId) ?? { id: 'asm_none', instrument: 'PHQ-9' as const };

type Row = [classifyById: Outcome, scoreStored: Outcome, trend: Outcome, flagRisk: Outcome];
const F: Row = ['forbidden', 'forbidden', 'forbidden', 'forbidden'];

// Written by hand from the product rules: classify_message by id reaches what get_message reaches (front desk: the
// whole practice, since triage is their work); the assessment tools reach what list_assessments reaches (never the
// front desk, the biller or the administrator; Part 2 assessments only under consent). Another practice's record
// is not found. flag_risk stores flags, a draft-like write: the client's own clinicians only (never through
// supervision), and it reads assessments, so the Part 2 wall applies. morgan.lee supervises avery.chen.
const EXPECTED: Record<Caller, Record<Target, Row>> = {
  avery: {
    own: ['allow', 'allow', 'allow', 'allow'],
    otherClinician: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
    otherPractice: ['not_found', 'not_found', 'not_found', 'not_found'],
    part2None: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
  },
  alex: {
    own: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
    otherClinician: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
    otherPractice: ['not_found', 'not_found', 'not_found', 'not_found'],
    part2None: ['allow', 'consent_required', 'consent_required', 'consent_required'],
  },
  morgan: {
    own: ['allow', 'allow', 'allow', 'out_of_scope'],
    otherClinician: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
    otherPractice: ['not_found', 'not_found', 'not_found', 'not_found'],
    part2None: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
  },
  jamie: {
    own: ['allow', 'forbidden', 'forbidden', 'forbidden'],
    otherClinician: ['allow', 'forbidden', 'forbidden', 'forbidden'],
    otherPractice: ['not_found', 'forbidden', 'forbidden', 'forbidden'],
    part2None: ['allow', 'forbidden', 'forbidden', 'forbidden'],
  },
  riley: { own: F, otherClinician: F, otherPractice: F, part2None: F },
  casey: { own: F, otherClinician: F, otherPractice: F, part2None: F },
};

// Tools that name no record: who may call them at all. Outreach drafts reminders, so it follows the reply-drafting
// grant: never the biller or the administrator.
const UNTARGETED: Record<
  Caller,
  [classifyText: Outcome, triageInbox: Outcome, scoreItems: Outcome, outreach: Outcome]
> = {
  avery: ['allow', 'allow', 'allow', 'allow'],
  alex: ['allow', 'allow', 'allow', 'allow'],
  morgan: ['allow', 'allow', 'allow', 'allow'],
  jamie: ['allow', 'allow', 'forbidden', 'allow'],
  riley: ['forbidden', 'forbidden', 'forbidden', 'forbidden'],
  casey: ['forbidden', 'forbidden', 'forbidden', 'forbidden'],
};

describe('triage and assessment tools × roles × records', () => {
  const cases = Object.entries(EXPECTED).flatMap(([caller, targets]) =>
    Object.entries(targets).map(([target, row]) => [caller, target, row] as const),
  );
  it.each(cases)('%s on the %s client', async (caller, target, expected) => {
    const who = CALLERS[caller as Caller];
    const clientId = CLIENTS[target as Target];
    const assessment = assessmentOf(clientId);
    const got = [
      outcomeOf(await call(who, 'classify_message', { messageId: messageOf(target as Target).id })),
      outcomeOf(await call(who, 'score_assessment', { clientId, assessmentId: assessment.id })),
      outcomeOf(await call(who, 'assessment_trend', { clientId, instrument: assessment.instrument })),
      outcomeOf(await call(who, 'flag_risk', { clientId })),
    ];
    expect(got).toEqual(expected);
  });

  it.each(Object.entries(UNTARGETED))('%s on the tools that name no record', async (caller, expected) => {
    const who = CALLERS[caller as Caller];
    const got = [
      outcomeOf(await call(who, 'classify_message', { text: 'Can I move my appointment to Friday?' })),
      outcomeOf(await call(who, 'triage_inbox', { limit: 5 })),
      outcomeOf(await call(who, 'score_assessment', { instrument: 'GAD-7', items: [1, 1, 1, 1, 1, 1, 1] })),
      outcomeOf(await call(who, 'appointment_outreach', { from: `${TEST_ANCHOR}T00:00:00Z`, limit: 3 })),
    ];
    expect(got).toEqual(expected);
  });

  it('refuses the seeded risk message of another practice as not found, for every role that may classify', async () => {
    const elsewhere = first(
      rows.inboxMessages.filter((m) => m.practiceId !== 'prc_lakeside' && m.senderKind !== 'staff'),
      'message of another practice',
    );
    for (const who of [CALLERS.avery, CALLERS.morgan, CALLERS.jamie]) {
      expect(outcomeOf(await call(who, 'classify_message', { messageId: elsewhere.id }))).toBe('not_found');
    }
  });

  it('keys the demo annotations the tests use', () => {
    expect(Object.keys(annotations.messages).length).toBeGreaterThan(0);
  });
});
