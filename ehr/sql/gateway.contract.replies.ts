import { describe, expect, it } from 'vitest';
import type { Backend } from '../../test/databases.ts';
import type { PlanProblem } from '../types.ts';
import { expectEhrError, LAKESIDE, pick, provenance, seed, USERS, useContract } from './gateway.contract.harness.ts';

const planClient = pick(
  seed.caseloadAssignments,
  (a) => a.practiceId === LAKESIDE && a.clinicianId === USERS.avery && a.endedOn == null,
  'client of avery.chen',
).clientId;

const problems = (description: string): PlanProblem[] => [
  {
    id: 'p1',
    description,
    icd10: 'F32.1',
    goals: [
      {
        id: 'p1g1',
        description: 'Sleep at least 7 hours on most nights',
        objectives: [
          { id: 'p1g1o1', description: 'Keep a sleep diary', targetDate: '2027-01-15', status: 'not_started' },
        ],
        interventions: ['CBT-I'],
      },
    ],
  },
];

const lakesideThread = pick(
  seed.inboxThreads,
  (t) => t.practiceId === LAKESIDE && seed.inboxMessages.some((m) => m.threadId === t.id && m.senderKind === 'client'),
  'thread with a client message',
);
const clientMessage = pick(
  seed.inboxMessages,
  (m) => m.threadId === lakesideThread.id && m.senderKind === 'client',
  'client message',
);
const messageElsewhere = pick(
  seed.inboxMessages,
  (m) => m.practiceId === LAKESIDE && m.threadId !== lakesideThread.id,
  'other message',
);

export function describeOtherDrafts(backend: Backend) {
  describe('draft writer: replies, treatment plans and intake updates', () => {
    const c = useContract(backend);

    it('creates and updates reply drafts with optimistic versions', async () => {
      const { replies } = c.lakeside.drafts;
      const draft = await replies.createDraft({
        threadId: lakesideThread.id,
        messageId: clientMessage.id,
        authorId: USERS.jamie,
        body: 'Thanks for writing. We will call you today.',
        aiGenerated: true,
        provenance: provenance(),
      });
      expect(draft).toMatchObject({
        threadId: lakesideThread.id,
        messageId: clientMessage.id,
        clientId: lakesideThread.clientId,
        status: 'draft',
        version: 1,
        sentBy: null,
        sentAt: null,
      });
      expect(draft.provenance).toEqual(provenance());
      const updated = await replies.updateDraft(draft.id, {
        body: 'Thanks. A clinician will call you today.',
        expectedVersion: 1,
      });
      expect(updated).toMatchObject({
        version: 2,
        body: 'Thanks. A clinician will call you today.',
        provenance: provenance(),
      });
      await expectEhrError(replies.updateDraft(draft.id, { body: 'stale', expectedVersion: 1 }), 'conflict');
      await expectEhrError(replies.updateDraft(draft.id, { body: '   ' }), 'invalid');
      expect(await c.lakeside.read.inbox.replyDrafts(lakesideThread.id)).toContainEqual(updated);
      const sent = pick(seed.replyDrafts, (d) => d.practiceId === LAKESIDE && d.status === 'sent', 'sent reply draft');
      await expectEhrError(replies.updateDraft(sent.id, { body: 'rewrite history' }), 'conflict');
    });

    it('refuses reply drafts for a message in another thread, without provenance, or empty', async () => {
      const { replies } = c.lakeside.drafts;
      const base = {
        threadId: lakesideThread.id,
        authorId: USERS.jamie,
        body: 'Hello',
        aiGenerated: false,
        provenance: null,
      };
      await expectEhrError(replies.createDraft({ ...base, messageId: messageElsewhere.id }), 'invalid');
      await expectEhrError(replies.createDraft({ ...base, aiGenerated: true }), 'invalid');
      await expectEhrError(replies.createDraft({ ...base, body: '' }), 'invalid');
      await expectEhrError(replies.createDraft({ ...base, threadId: 'thr_missing' }), 'not_found');
      expect(
        (await c.lakeside.read.inbox.replyDrafts(lakesideThread.id)).some((d) => d.messageId === messageElsewhere.id),
      ).toBe(false);
    });

    it('creates and updates treatment plan drafts, and never touches an active plan', async () => {
      const { treatmentPlans } = c.lakeside.drafts;
      const plan = await treatmentPlans.createDraft({
        clientId: planClient,
        authorId: USERS.avery,
        problems: problems('Depressed mood with early waking'),
        aiGenerated: true,
        provenance: provenance(),
      });
      expect(plan).toMatchObject({
        status: 'draft',
        version: 1,
        problems: problems('Depressed mood with early waking'),
        signedBy: null,
      });
      const revised = await treatmentPlans.updateDraft(plan.id, {
        problems: problems('Depressed mood'),
        expectedVersion: 1,
      });
      expect(revised).toMatchObject({ version: 2, problems: problems('Depressed mood'), provenance: provenance() });
      await expectEhrError(treatmentPlans.updateDraft(plan.id, { problems: [], expectedVersion: 1 }), 'conflict');
      expect((await c.lakeside.read.treatmentPlans.list(planClient))[0]).toEqual(revised);
      const active = pick(
        seed.treatmentPlans,
        (p) => p.practiceId === LAKESIDE && p.status === 'active',
        'active plan',
      );
      await expectEhrError(treatmentPlans.updateDraft(active.id, { problems: [] }), 'conflict');
      expect((await c.lakeside.read.treatmentPlans.get(active.id))?.problems).toEqual(JSON.parse(active.problems));
      await expectEhrError(
        treatmentPlans.createDraft({
          clientId: planClient,
          authorId: USERS.avery,
          problems: [],
          aiGenerated: true,
          provenance: null,
        }),
        'invalid',
      );
    });

    it('drafts an intake update and marks the submission draft_ready', async () => {
      const submission = pick(
        seed.intakeSubmissions,
        (s) => s.practiceId === LAKESIDE && s.status === 'received',
        'received intake',
      );
      const proposedUpdate = { pronouns: 'she/her', phone: '217-555-0142' };
      const drafted = await c.lakeside.drafts.intake.draftUpdate(submission.id, {
        proposedUpdate,
        provenance: provenance(),
      });
      expect(drafted).toMatchObject({
        id: submission.id,
        status: 'draft_ready',
        proposedUpdate,
        aiGenerated: true,
        appliedBy: null,
      });
      expect(await c.lakeside.read.intake.get(submission.id)).toEqual(drafted);
      const redrafted = await c.lakeside.drafts.intake.draftUpdate(submission.id, {
        proposedUpdate: { pronouns: 'they/them' },
        provenance: provenance(),
      });
      expect(redrafted).toMatchObject({ status: 'draft_ready', proposedUpdate: { pronouns: 'they/them' } });
      await expectEhrError(
        c.lakeside.drafts.intake.draftUpdate('itk_missing', { proposedUpdate, provenance: provenance() }),
        'not_found',
      );
    });
  });
}
