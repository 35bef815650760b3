import { describe, expect, it } from 'vitest';
import { TEST_ANCHOR } from '../../test/constants.ts';
import type { Backend } from '../../test/databases.ts';
import type { ToolEhr } from '../gateway.ts';
import {
  expectEhrError,
  ids,
  inPractice,
  LAKESIDE,
  NORTHSIDE,
  type PracticeId,
  pick,
  seed,
  USERS,
  useContract,
} from './gateway.contract.harness.ts';

/** One record of each kind that belongs to this practice, to hand to the other practice's gateway. */
function recordsOf(practiceId: PracticeId) {
  const mine = <R extends { practiceId: string }>(list: readonly R[]) =>
    pick(list, (r) => r.practiceId === practiceId, `row of ${practiceId}`);
  const client = mine(seed.clients);
  const thread = pick(
    seed.inboxThreads,
    (t) => t.practiceId === practiceId && seed.replyDrafts.some((d) => d.threadId === t.id),
    'thread with a reply draft',
  );
  return {
    user: mine(seed.users).id,
    client: client.id,
    appointment: mine(seed.appointments).id,
    transcript: mine(seed.transcripts),
    note: mine(seed.notes).id,
    plan: mine(seed.treatmentPlans).id,
    thread: thread.id,
    message: mine(seed.inboxMessages).id,
    claim: mine(seed.claims).id,
    intake: mine(seed.intakeSubmissions).id,
    consent: mine(seed.consents).id,
  };
}

const other = (practiceId: PracticeId): PracticeId => (practiceId === LAKESIDE ? NORTHSIDE : LAKESIDE);

async function getEach(ehr: ToolEhr, r: ReturnType<typeof recordsOf>) {
  const { read } = ehr;
  return {
    user: await read.users.get(r.user),
    client: await read.clients.get(r.client),
    appointment: await read.appointments.get(r.appointment),
    transcript: await read.transcripts.get(r.transcript.id),
    note: await read.notes.get(r.note),
    plan: await read.treatmentPlans.get(r.plan),
    thread: await read.inbox.getThread(r.thread),
    message: await read.inbox.getMessage(r.message),
    claim: await read.claims.get(r.claim),
    intake: await read.intake.get(r.intake),
  };
}

export function describePracticeWalls(backend: Backend) {
  describe('practice walls', () => {
    const c = useContract(backend);

    it.each([LAKESIDE, NORTHSIDE] as const)(
      'reads every record of another practice as not found (from %s)',
      async (practiceId) => {
        const foreign = recordsOf(other(practiceId));
        const seen = await getEach(c.ehr(practiceId), foreign);
        for (const [kind, value] of Object.entries(seen)) expect(value, kind).toBeNull();
        // The same ids do resolve in their own practice, so the nulls above are the wall and not a typo.
        const own = await getEach(c.ehr(other(practiceId)), foreign);
        for (const [kind, value] of Object.entries(own)) expect(value, kind).not.toBeNull();
      },
    );

    it('returns empty lists when asked about another practice’s client, appointment or thread', async () => {
      const foreign = recordsOf(NORTHSIDE);
      const { read } = c.lakeside;
      expect(await read.clients.diagnoses(foreign.client)).toEqual([]);
      expect(await read.clients.relationships(foreign.client)).toEqual([]);
      expect(await read.clients.careTeam(foreign.client, TEST_ANCHOR)).toEqual([]);
      expect(await read.consents.list(foreign.client)).toEqual([]);
      expect(await read.consents.active(foreign.client, 'ai_documentation')).toEqual([]);
      expect((await read.notes.list({ clientId: foreign.client })).items).toEqual([]);
      expect((await read.assessments.list({ clientId: foreign.client })).items).toEqual([]);
      expect(await read.treatmentPlans.list(foreign.client)).toEqual([]);
      expect(await read.intake.list(foreign.client)).toEqual([]);
      expect((await read.appointments.list({ clientId: foreign.client })).items).toEqual([]);
      expect((await read.claims.list({ clientId: foreign.client })).items).toEqual([]);
      expect(await read.transcripts.forAppointment(foreign.transcript.appointmentId ?? '')).toEqual([]);
      expect((await read.inbox.listMessages(foreign.thread)).items).toEqual([]);
      expect(await read.inbox.replyDrafts(foreign.thread)).toEqual([]);
      expect((await read.inbox.listThreads({ clientIds: [foreign.client] })).items).toEqual([]);
      expect((await read.inbox.recentMessages({ clientIds: [foreign.client] })).items).toEqual([]);
      expect((await read.clients.search({ clientIds: [foreign.client] })).items).toEqual([]);
      // Sanity: the northside gateway sees them.
      expect((await c.northside.read.notes.list({ clientId: foreign.client })).items.length).toBeGreaterThan(0);
    });

    it.each([LAKESIDE, NORTHSIDE] as const)('lists only its own practice’s rows (%s)', async (practiceId) => {
      const { read } = c.ehr(practiceId);
      expect(await read.practice()).toMatchObject({ id: practiceId });
      expect(ids(await read.users.list()).sort()).toEqual(ids(inPractice(seed.users, practiceId)).sort());
      expect(ids((await read.clients.search({ limit: 200 })).items).sort()).toEqual(
        ids(inPractice(seed.clients, practiceId)).sort(),
      );
      expect(ids((await read.inbox.listThreads({ limit: 200 })).items).sort()).toEqual(
        ids(inPractice(seed.inboxThreads, practiceId)).sort(),
      );
      expect(ids((await read.inbox.recentMessages({ limit: 200 })).items).sort()).toEqual(
        ids(inPractice(seed.inboxMessages, practiceId)).sort(),
      );
      expect(ids((await read.claims.list({ limit: 200 })).items).sort()).toEqual(
        ids(inPractice(seed.claims, practiceId)).sort(),
      );
      const own = new Set(ids(inPractice(seed.appointments, practiceId)));
      const appointments = (await read.appointments.list({ limit: 200 })).items;
      expect(appointments.length).toBe(Math.min(200, own.size));
      for (const appointment of appointments) expect(own.has(appointment.id), appointment.id).toBe(true);
    });

    it('finds no other-practice client by name or MRN, and no other-practice staff’s work', async () => {
      const northsideOnly = pick(
        seed.clients,
        (c) =>
          c.practiceId === NORTHSIDE &&
          !seed.clients.some((l) => l.practiceId === LAKESIDE && l.lastName === c.lastName),
        'northside-only surname',
      );
      const { read } = c.lakeside;
      expect((await c.northside.read.clients.search({ text: northsideOnly.lastName })).items.length).toBeGreaterThan(0);
      expect((await read.clients.search({ text: northsideOnly.lastName })).items).toEqual([]);
      expect((await read.clients.search({ text: northsideOnly.mrn })).items).toEqual([]);
      expect((await read.appointments.list({ clinicianIds: [USERS.taylor] })).items).toEqual([]);
      expect(await read.clients.caseload([USERS.taylor], TEST_ANCHOR)).toEqual([]);
      expect(await read.users.supervisees(USERS.quinn)).toEqual([]);
      expect(await c.northside.read.users.supervisees(USERS.quinn)).not.toEqual([]);
    });

    it('refuses to draft for another practice’s client, thread or submission as not found', async () => {
      const foreign = recordsOf(NORTHSIDE);
      const { drafts } = c.lakeside;
      const note = {
        clientId: foreign.client,
        authorId: USERS.avery,
        kind: 'progress',
        format: 'DAP',
        sections: { data: 'd', assessment: 'a', plan: 'p' },
        aiGenerated: false,
        provenance: null,
      } as const;
      await expectEhrError(drafts.notes.createDraft(note), 'not_found');
      await expectEhrError(
        drafts.notes.createDraft({ ...note, clientId: recordsOf(LAKESIDE).client, authorId: USERS.taylor }),
        'not_found',
      );
      await expectEhrError(
        drafts.replies.createDraft({
          threadId: foreign.thread,
          authorId: USERS.jamie,
          body: 'Hello',
          aiGenerated: false,
          provenance: null,
        }),
        'not_found',
      );
      await expectEhrError(
        drafts.treatmentPlans.createDraft({
          clientId: foreign.client,
          authorId: USERS.avery,
          problems: [],
          aiGenerated: false,
          provenance: null,
        }),
        'not_found',
      );
      await expectEhrError(drafts.notes.updateDraft(foreign.note, { sections: { plan: 'x' } }), 'not_found');
      await expectEhrError(
        drafts.intake.draftUpdate(foreign.intake, {
          proposedUpdate: { pronouns: 'they/them' },
          provenance: { model: 'm', promptVersion: 'p', generatedAt: TEST_ANCHOR, evidence: [] },
        }),
        'not_found',
      );
      expect(
        (await c.northside.read.notes.list({ clientId: foreign.client, limit: 200 })).items.map((n) => n.authorId),
      ).not.toContain(USERS.avery);
      expect(await c.northside.read.treatmentPlans.list(foreign.client)).toHaveLength(
        inPractice(seed.treatmentPlans, NORTHSIDE).filter((p) => p.clientId === foreign.client).length,
      );
    });

    it('refuses human actions on another practice’s records, or by its staff, as not found', async () => {
      const foreign = recordsOf(NORTHSIDE);
      const human = c.human(LAKESIDE);
      await expectEhrError(human.signNote(foreign.note, USERS.avery), 'not_found');
      await expectEhrError(human.lockNote(foreign.note, USERS.avery), 'not_found');
      await expectEhrError(human.submitClaim(foreign.claim, USERS.riley), 'not_found');
      await expectEhrError(human.revokeConsent(foreign.consent, USERS.avery, 'test'), 'not_found');
      await expectEhrError(human.applyIntakeUpdate(foreign.intake, USERS.avery), 'not_found');
      await expectEhrError(
        human.recordConsent({ clientId: foreign.client, kind: 'ai_documentation', grantedBy: 'client' }, USERS.jamie),
        'not_found',
      );
      const own = recordsOf(LAKESIDE);
      await expectEhrError(human.submitClaim(own.claim, 'usr_reese_lang'), 'not_found');
      await expectEhrError(c.human(NORTHSIDE).revokeConsent(own.consent, USERS.taylor, 'test'), 'not_found');
      expect((await c.northside.read.claims.get(foreign.claim))?.status).toBe(
        pick(seed.claims, (x) => x.id === foreign.claim, 'claim').status,
      );
    });

    it('finds users by username or id across practices, and nobody for an unknown one', async () => {
      expect(await c.gateway.findUserByUsername('taylor.kim')).toMatchObject({
        id: USERS.taylor,
        practiceId: NORTHSIDE,
        role: 'clinician',
      });
      expect(await c.gateway.findUserByUsername('avery.chen')).toMatchObject({ id: USERS.avery, practiceId: LAKESIDE });
      expect(await c.gateway.findUserByUsername('nobody.here')).toBeNull();
      expect(await c.gateway.findUserByUsername("' or 1=1 --")).toBeNull();
      expect(await c.gateway.findUserById(USERS.taylor)).toMatchObject({
        username: 'taylor.kim',
        practiceId: NORTHSIDE,
      });
      expect(await c.gateway.findUserById('usr_nobody')).toBeNull();
      await expect(c.gateway.ping()).resolves.toBeUndefined();
    });
  });
}
