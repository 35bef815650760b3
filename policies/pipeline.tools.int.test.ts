import { beforeAll, describe, expect, it } from 'vitest';
import { classifyMessage } from '../clinical/triage/classify.ts';
import { TEST_ANCHOR } from '../test/constants.ts';
import {
  CALLERS,
  type Caller,
  current,
  expectOnlyDraftsWritten,
  first,
  hasConsent,
  isPart2,
  type Outcome,
  otherClinicianClient,
  otherPracticeClient,
  outcomeOf,
  ownClient,
  rows,
  snapshotWrites,
  usePipeline,
  type WriteSnapshot,
} from '../test/pipeline-fixtures.ts';
import { PART2_NOTICE } from './part2.ts';

// Part 2 clients of alex.rivera, picked by which disclosure consents are in force.
const alexPart2 = current('usr_alex_rivera').filter(isPart2);
const consents = (id: string) => [
  hasConsent(id, 'part2_disclosure', 'treatment'),
  hasConsent(id, 'part2_disclosure', 'payment'),
];
const part2Both = first(
  alexPart2.filter((id) => consents(id).every(Boolean)),
  'Part 2 client with treatment and payment consents',
);
const part2PaymentOnly = first(
  alexPart2.filter((id) => !consents(id)[0] && consents(id)[1]),
  'Part 2 client with a payment consent only',
);
const part2None = first(
  alexPart2.filter((id) => !consents(id).some(Boolean)),
  'Part 2 client without consents in force',
);

type Target = 'own' | 'otherClinician' | 'otherPractice' | 'part2Both' | 'part2PaymentOnly' | 'part2None';
const TARGETS: Record<Target, string> = {
  own: ownClient,
  otherClinician: otherClinicianClient,
  otherPractice: otherPracticeClient,
  part2Both,
  part2PaymentOnly,
  part2None,
};
// The drafting column expects the consent check to pass wherever scope does.
for (const id of Object.values(TARGETS)) {
  if (!hasConsent(id, 'ai_documentation')) throw new Error(`target ${id} needs an AI-documentation consent`);
}

type Row5 = [
  listAssessments: Outcome,
  getTreatmentPlan: Outcome,
  listMessages: Outcome,
  listClaims: Outcome,
  createDraftNote: Outcome,
];
const F: Row5 = ['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden'];
const OUT: Row5 = ['out_of_scope', 'out_of_scope', 'out_of_scope', 'forbidden', 'out_of_scope'];
const GONE: Row5 = ['not_found', 'not_found', 'not_found', 'forbidden', 'not_found'];

// Written out by hand from the product rules — not derived from the code under test. Columns: list_assessments,
// get_treatment_plan, list_messages and list_claims for the client, create_draft_note for the client. morgan.lee
// supervises avery.chen: reads reach avery's clients, drafts do not.
const EXPECTED: Record<Caller, Record<Target, Row5>> = {
  avery: {
    own: ['allow', 'allow', 'allow', 'forbidden', 'allow'],
    otherClinician: OUT,
    otherPractice: GONE,
    part2Both: OUT,
    part2PaymentOnly: OUT,
    part2None: OUT,
  },
  alex: {
    own: OUT,
    otherClinician: OUT,
    otherPractice: GONE,
    part2Both: ['allow', 'allow', 'allow', 'forbidden', 'allow'],
    part2PaymentOnly: ['consent_required', 'consent_required', 'allow', 'forbidden', 'allow'],
    part2None: ['consent_required', 'consent_required', 'allow', 'forbidden', 'allow'],
  },
  morgan: {
    own: ['allow', 'allow', 'allow', 'forbidden', 'out_of_scope'],
    otherClinician: OUT,
    otherPractice: GONE,
    part2Both: OUT,
    part2PaymentOnly: OUT,
    part2None: OUT,
  },
  jamie: {
    own: ['forbidden', 'forbidden', 'allow', 'forbidden', 'forbidden'],
    otherClinician: ['forbidden', 'forbidden', 'allow', 'forbidden', 'forbidden'],
    otherPractice: ['forbidden', 'forbidden', 'not_found', 'forbidden', 'forbidden'],
    part2Both: ['forbidden', 'forbidden', 'allow', 'forbidden', 'forbidden'],
    part2PaymentOnly: ['forbidden', 'forbidden', 'allow', 'forbidden', 'forbidden'],
    part2None: ['forbidden', 'forbidden', 'allow', 'forbidden', 'forbidden'],
  },
  riley: {
    own: ['forbidden', 'forbidden', 'forbidden', 'allow', 'forbidden'],
    otherClinician: ['forbidden', 'forbidden', 'forbidden', 'allow', 'forbidden'],
    otherPractice: ['forbidden', 'forbidden', 'forbidden', 'not_found', 'forbidden'],
    part2Both: ['forbidden', 'forbidden', 'forbidden', 'allow', 'forbidden'],
    part2PaymentOnly: ['forbidden', 'forbidden', 'forbidden', 'allow', 'forbidden'],
    part2None: ['forbidden', 'forbidden', 'forbidden', 'consent_required', 'forbidden'],
  },
  casey: { own: F, otherClinician: F, otherPractice: F, part2Both: F, part2PaymentOnly: F, part2None: F },
};

// One portal message per case, for the tools that take a message or thread rather than a client.
// A routine message: an escalated one is the clinician's to answer whoever asks (tools/triage.int.test.ts), and this
// matrix is about whose records a role reaches.
const messageOf = (clientIds: string[], what: string) =>
  first(
    rows.inboxMessages.filter(
      (m) => clientIds.includes(m.clientId) && m.senderKind !== 'staff' && !classifyMessage(m.body).escalate,
    ),
    `routine message of ${what}`,
  );
type MessageTarget = 'own' | 'otherClinician' | 'otherPractice' | 'part2None';
const MESSAGES: Record<MessageTarget, { id: string; threadId: string }> = {
  own: messageOf(current('usr_avery_chen'), 'an avery client'),
  otherClinician: messageOf(current('usr_emery_walsh'), 'an emery client'),
  otherPractice: messageOf(current('usr_taylor_kim'), 'a taylor client'),
  part2None: messageOf([part2None], 'the unconsented Part 2 client'),
};

// Columns: get_message, draft_reply. Portal messages are not Part 2 program records: no consent gates them.
const EXPECTED_MESSAGES: Record<Caller, Record<MessageTarget, [Outcome, Outcome]>> = {
  avery: {
    own: ['allow', 'allow'],
    otherClinician: ['out_of_scope', 'out_of_scope'],
    otherPractice: ['not_found', 'not_found'],
    part2None: ['out_of_scope', 'out_of_scope'],
  },
  alex: {
    own: ['out_of_scope', 'out_of_scope'],
    otherClinician: ['out_of_scope', 'out_of_scope'],
    otherPractice: ['not_found', 'not_found'],
    part2None: ['allow', 'allow'],
  },
  morgan: {
    own: ['allow', 'out_of_scope'],
    otherClinician: ['out_of_scope', 'out_of_scope'],
    otherPractice: ['not_found', 'not_found'],
    part2None: ['out_of_scope', 'out_of_scope'],
  },
  jamie: {
    own: ['allow', 'allow'],
    otherClinician: ['allow', 'allow'],
    otherPractice: ['not_found', 'not_found'],
    part2None: ['allow', 'allow'],
  },
  riley: {
    own: ['forbidden', 'forbidden'],
    otherClinician: ['forbidden', 'forbidden'],
    otherPractice: ['forbidden', 'forbidden'],
    part2None: ['forbidden', 'forbidden'],
  },
  casey: {
    own: ['forbidden', 'forbidden'],
    otherClinician: ['forbidden', 'forbidden'],
    otherPractice: ['forbidden', 'forbidden'],
    part2None: ['forbidden', 'forbidden'],
  },
};

const harness = usePipeline();
const { call } = harness;
let before: WriteSnapshot;
beforeAll(async () => {
  before = await snapshotWrites(harness.database);
});

const SOAP = {
  subjective: 'Reports better sleep.',
  objective: 'Calm, engaged.',
  assessment: 'Improving.',
  plan: 'Continue.',
};

describe('role × tool × record matrix, second set', () => {
  const cases = Object.entries(EXPECTED).flatMap(([caller, targets]) =>
    Object.entries(targets).map(([target, row]) => [caller, target, row] as const),
  );
  it.each(cases)('%s on %s', async (caller, target, expected) => {
    const who = CALLERS[caller as Caller];
    const clientId = TARGETS[target as Target];
    const got = [
      outcomeOf(await call(who, 'list_assessments', { clientId })),
      outcomeOf(await call(who, 'get_treatment_plan', { clientId })),
      outcomeOf(await call(who, 'list_messages', { clientId })),
      outcomeOf(await call(who, 'list_claims', { clientId })),
      outcomeOf(await call(who, 'create_draft_note', { clientId, format: 'SOAP', sections: SOAP })),
    ];
    expect(got).toEqual(expected);
  });

  const messageCases = Object.entries(EXPECTED_MESSAGES).flatMap(([caller, targets]) =>
    Object.entries(targets).map(([target, row]) => [caller, target, row] as const),
  );
  it.each(messageCases)('%s on the %s message', async (caller, target, expected) => {
    const who = CALLERS[caller as Caller];
    const message = MESSAGES[target as MessageTarget];
    const got = [
      outcomeOf(await call(who, 'get_message', { messageId: message.id })),
      outcomeOf(
        await call(who, 'draft_reply', {
          threadId: message.threadId,
          messageId: message.id,
          body: 'Thank you for your message; we will follow up shortly.',
        }),
      ),
    ];
    expect(got).toEqual(expected);
  });
});

describe('practice-wide lists stay within reach', () => {
  const clientsOf = async (who: Caller, tool: string, args: object = {}) => {
    const result = await call(CALLERS[who], tool, { limit: 50, ...args });
    if (!result.ok) throw new Error(`${tool}: ${result.error.code}`);
    return (result.output as { items: { clientId: string }[]; notice?: string }).items.map((i) => i.clientId);
  };

  it('shows a clinician only their caseload’s messages and front desk the practice’s', async () => {
    const avery = new Set(
      rows.caseloadAssignments
        .filter((a) => a.clinicianId === 'usr_avery_chen' && (a.endedOn == null || a.endedOn >= TEST_ANCHOR))
        .map((a) => a.clientId),
    );
    const mine = await clientsOf('avery', 'list_messages');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((id) => avery.has(id))).toBe(true);
    const desk = new Set(await clientsOf('jamie', 'list_messages'));
    expect([...desk].some((id) => !avery.has(id))).toBe(true);
    const northside = new Set(rows.clients.filter((c) => c.practiceId !== 'prc_lakeside').map((c) => c.id));
    expect([...desk].some((id) => northside.has(id))).toBe(false);
  });

  it('leaves out claims no Part 2 consent releases for payment, and marks the rest', async () => {
    const all = await clientsOf('riley', 'list_claims');
    expect(all).not.toContain(part2None);
    const paymentOnly = await call(CALLERS.riley, 'list_claims', { clientId: part2PaymentOnly });
    expect(paymentOnly.ok && (paymentOnly.output as { notice?: string }).notice).toBe(PART2_NOTICE);
  });

  it('lists assessments newest first, a small page by default', async () => {
    const client = first(
      current('usr_avery_chen').filter((id) => rows.assessments.filter((a) => a.clientId === id).length > 10),
      'avery client with more than 10 assessments',
    );
    const result = await call(CALLERS.avery, 'list_assessments', { clientId: client });
    const page = result.ok
      ? (result.output as { items: { administeredAt: string }[]; nextCursor: string | null })
      : null;
    expect(page?.items).toHaveLength(10);
    expect(page?.nextCursor).not.toBeNull();
    const dates = page?.items.map((a) => a.administeredAt) ?? [];
    expect(dates).toEqual([...dates].sort().reverse());
    expect(outcomeOf(await call(CALLERS.avery, 'list_assessments', { clientId: client, limit: 51 }))).toBe(
      'invalid_input',
    );
  });
});

describe('writes', () => {
  it('left every record as it was, apart from new AI-generated drafts', async () => {
    expectOnlyDraftsWritten(before, await snapshotWrites(harness.database));
  });
});
