import { describe, expect, it } from 'vitest';
import type { Backend } from '../../test/databases.ts';
import type { Contract } from './gateway.contract.harness.ts';
import {
  expectEhrError,
  expectInstantBetween,
  LAKESIDE,
  pick,
  provenance,
  seed,
  USERS,
  useContract,
} from './gateway.contract.harness.ts';

const clientOf = (clinicianId: string) =>
  pick(seed.caseloadAssignments, (a) => a.clinicianId === clinicianId && a.endedOn == null, `client of ${clinicianId}`)
    .clientId;

const draftBy = (c: Contract, authorId: string) =>
  c.lakeside.drafts.notes.createDraft({
    clientId: clientOf(authorId),
    authorId,
    kind: 'progress',
    format: 'DAP',
    sections: { data: 'Discussed coping plan.', assessment: 'Stable.', plan: 'Meet next week.' },
    aiGenerated: false,
    provenance: null,
  });

const thread = pick(
  seed.inboxThreads,
  (t) => t.practiceId === LAKESIDE && !seed.replyDrafts.some((d) => d.threadId === t.id),
  'thread without replies',
);
const [firstIntake, secondIntake] = seed.intakeSubmissions.filter(
  (s) => s.practiceId === LAKESIDE && s.status === 'received',
);

const replyDraft = (c: Contract, body = 'We received your message and will call you this afternoon.') =>
  c.lakeside.drafts.replies.createDraft({
    threadId: thread.id,
    authorId: USERS.jamie,
    body,
    aiGenerated: false,
    provenance: null,
  });

export function describeHumanActions(backend: Backend) {
  describe('human actions', () => {
    const c = useContract(backend);

    it('signs a draft by its author, recording who signed and when', async () => {
      const note = await draftBy(c, USERS.avery);
      const before = Date.now();
      const signed = await c.human().signNote(note.id, USERS.avery);
      expect(signed).toMatchObject({
        id: note.id,
        status: 'signed',
        signedBy: USERS.avery,
        version: note.version + 1,
        sections: note.sections,
      });
      expectInstantBetween(signed.signedAt, before, Date.now());
      expect(await c.lakeside.read.notes.get(note.id)).toEqual(signed);
    });

    it('refuses to sign a note twice as conflict', async () => {
      const note = await draftBy(c, USERS.avery);
      const signed = await c.human().signNote(note.id, USERS.avery);
      await expectEhrError(c.human().signNote(note.id, USERS.avery), 'conflict');
      await expectEhrError(c.human().signNote(note.id, USERS.morgan), 'conflict');
      expect(await c.lakeside.read.notes.get(note.id)).toEqual(signed);
    });

    it('refuses a signature from an unrelated clinician or a non-clinical role as invalid', async () => {
      const note = await draftBy(c, USERS.avery);
      await expectEhrError(c.human().signNote(note.id, USERS.emery), 'invalid');
      await expectEhrError(c.human().signNote(note.id, USERS.jamie), 'invalid');
      await expectEhrError(c.human().signNote(note.id, USERS.riley), 'invalid');
      await expectEhrError(c.human().signNote(note.id, USERS.dana), 'not_found');
      expect(await c.lakeside.read.notes.get(note.id)).toMatchObject({ status: 'draft', signedBy: null, version: 1 });
    });

    it('lets a supervisor sign a supervisee’s draft, but not anyone else’s', async () => {
      const supervisee = await draftBy(c, USERS.sam);
      expect(await c.human().signNote(supervisee.id, USERS.morgan)).toMatchObject({
        status: 'signed',
        signedBy: USERS.morgan,
      });
      const unsupervised = await draftBy(c, USERS.emery);
      await expectEhrError(c.human().signNote(unsupervised.id, USERS.morgan), 'invalid');
      // Supervision goes one way.
      const supervisor = await draftBy(c, USERS.morgan);
      await expectEhrError(c.human().signNote(supervisor.id, USERS.avery), 'invalid');
    });

    it('locks a note only after it is signed', async () => {
      const note = await draftBy(c, USERS.avery);
      await expectEhrError(c.human().lockNote(note.id, USERS.avery), 'conflict');
      const signed = await c.human().signNote(note.id, USERS.avery);
      await expectEhrError(c.human().lockNote(note.id, USERS.jamie), 'invalid');
      await expectEhrError(c.human().lockNote(note.id, USERS.emery), 'invalid');
      const before = Date.now();
      const locked = await c.human().lockNote(note.id, USERS.avery);
      expect(locked).toMatchObject({
        status: 'locked',
        signedBy: USERS.avery,
        signedAt: signed.signedAt,
        sections: signed.sections,
      });
      expectInstantBetween(locked.lockedAt, before, Date.now());
      await expectEhrError(c.human().lockNote(note.id, USERS.avery), 'conflict');
      await expectEhrError(c.human().lockNote('note_missing', USERS.avery), 'not_found');
    });

    it('sends a reply as a staff message in its thread and marks the draft sent, once', async () => {
      const draft = await replyDraft(c);
      const before = Date.now();
      const { draft: sent, message } = await c.human().sendReply(draft.id, USERS.jamie);
      expect(message).toMatchObject({
        threadId: thread.id,
        clientId: thread.clientId,
        senderKind: 'staff',
        senderUserId: USERS.jamie,
        body: draft.body,
        triage: null,
      });
      expect(sent).toMatchObject({
        id: draft.id,
        status: 'sent',
        sentBy: USERS.jamie,
        sentAt: message.receivedAt,
        version: 2,
      });
      expectInstantBetween(sent.sentAt, before, Date.now());
      const messages = (await c.lakeside.read.inbox.listMessages(thread.id, { limit: 200 })).items;
      expect(messages.at(-1)).toEqual(message);
      expect((await c.lakeside.read.inbox.getThread(thread.id))?.lastMessageAt).toBe(message.receivedAt);
      await expectEhrError(c.human().sendReply(draft.id, USERS.jamie), 'conflict');
      await expectEhrError(c.lakeside.drafts.replies.updateDraft(draft.id, { body: 'edit after sending' }), 'conflict');
      expect((await c.lakeside.read.inbox.listMessages(thread.id, { limit: 200 })).items).toHaveLength(messages.length);
      await expectEhrError(c.human().sendReply('rpl_missing', USERS.jamie), 'not_found');
    });

    it('refuses a reply sent by a biller or an admin, and sends in the language the client wrote in', async () => {
      const draft = await replyDraft(c, 'Recibimos su mensaje.');
      await expectEhrError(c.human().sendReply(draft.id, USERS.riley), 'invalid');
      await expectEhrError(c.human().sendReply(draft.id, 'usr_casey_nguyen'), 'invalid');
      const spanish = pick(
        seed.inboxMessages,
        (m) => m.practiceId === LAKESIDE && m.language === 'es' && m.senderKind !== 'staff',
        'a Spanish message',
      );
      const reply = await c.lakeside.drafts.replies.createDraft({
        threadId: spanish.threadId,
        messageId: spanish.id,
        authorId: USERS.jamie,
        body: 'Gracias por su mensaje; le llamaremos hoy.',
        aiGenerated: false,
        provenance: null,
      });
      const { message } = await c.human().sendReply(reply.id, USERS.jamie);
      expect(message.language).toBe('es');
    });

    it('applies only the allowed fields of a drafted intake update, and only once', async () => {
      const submission = firstIntake;
      if (!submission) throw new Error('the demo seed has no received intake');
      const client = await c.lakeside.read.clients.get(submission.clientId);
      if (!client) throw new Error('intake client missing');
      await expectEhrError(c.human().applyIntakeUpdate(submission.id, USERS.jamie), 'conflict');
      const address = { line1: '12 Synthetic Way', city: 'Harbor Falls', state: 'IL', postalCode: '60515' };
      const allowed = {
        pronouns: 'they/them',
        phone: '217-555-0177',
        preferredName: 'Sky',
        address,
        interpreterNeeded: true,
      };
      const disallowed = {
        part2: !client.part2,
        firstName: 'Mallory',
        lastName: 'Injected',
        mrn: 'LC-99999',
        status: 'discharged',
        practiceId: 'prc_northside',
        dateOfBirth: '1999-01-01',
      };
      await c.lakeside.drafts.intake.draftUpdate(submission.id, {
        proposedUpdate: { ...allowed, ...disallowed },
        provenance: provenance(),
      });
      const before = Date.now();
      const applied = await c.human().applyIntakeUpdate(submission.id, USERS.jamie);
      expect(applied.submission).toMatchObject({ id: submission.id, status: 'applied', appliedBy: USERS.jamie });
      expectInstantBetween(applied.submission.appliedAt, before, Date.now());
      expect(applied.client).toEqual({ ...client, ...allowed });
      expect(await c.lakeside.read.clients.get(client.id)).toEqual({ ...client, ...allowed });
      expect(await c.northside.read.clients.get(client.id)).toBeNull();
      await expectEhrError(c.human().applyIntakeUpdate(submission.id, USERS.jamie), 'conflict');
      await expectEhrError(
        c.lakeside.drafts.intake.draftUpdate(submission.id, { proposedUpdate: allowed, provenance: provenance() }),
        'conflict',
      );
    });

    it('refuses to apply an intake update that changes no allowed field as invalid', async () => {
      const submission = secondIntake;
      if (!submission) throw new Error('the demo seed has no second received intake');
      const client = await c.lakeside.read.clients.get(submission.clientId);
      await c.lakeside.drafts.intake.draftUpdate(submission.id, {
        proposedUpdate: { part2: true, firstName: 'X' },
        provenance: provenance(),
      });
      await expectEhrError(c.human().applyIntakeUpdate(submission.id, USERS.jamie), 'invalid');
      expect(await c.lakeside.read.clients.get(submission.clientId)).toEqual(client);
      expect((await c.lakeside.read.intake.get(submission.id))?.status).toBe('draft_ready');
    });

    it('submits a claim by a biller; a clinician is refused and a second submission conflicts', async () => {
      const claim = pick(seed.claims, (x) => x.practiceId === LAKESIDE && x.status === 'ready', 'ready claim');
      const original = await c.lakeside.read.claims.get(claim.id);
      await expectEhrError(c.human().submitClaim(claim.id, USERS.avery), 'invalid');
      await expectEhrError(c.human().submitClaim(claim.id, USERS.jamie), 'invalid');
      expect(await c.lakeside.read.claims.get(claim.id)).toEqual(original);
      const before = Date.now();
      const submitted = await c.human().submitClaim(claim.id, USERS.riley);
      expect(submitted).toMatchObject({
        id: claim.id,
        status: 'submitted',
        submittedBy: USERS.riley,
        lines: original?.lines,
      });
      expectInstantBetween(submitted.submittedAt, before, Date.now());
      await expectEhrError(c.human().submitClaim(claim.id, USERS.riley), 'conflict');
      const paid = pick(seed.claims, (x) => x.practiceId === LAKESIDE && x.status === 'paid', 'paid claim');
      await expectEhrError(c.human().submitClaim(paid.id, USERS.riley), 'conflict');
      await expectEhrError(c.human().submitClaim('clm_missing', USERS.riley), 'not_found');
    });

    it('records consents; a Part 2 disclosure needs a purpose and a recipient', async () => {
      const clientId = clientOf(USERS.avery);
      const part2 = {
        clientId,
        kind: 'part2_disclosure',
        grantedBy: 'client',
        recipient: 'Synthetic Recovery Center',
      } as const;
      await expectEhrError(c.human().recordConsent(part2, USERS.jamie), 'invalid');
      await expectEhrError(
        c.human().recordConsent({ ...part2, purpose: 'treatment', recipient: null }, USERS.jamie),
        'invalid',
      );
      const grantedAt = '2026-11-01T15:00:00.000Z';
      const consent = await c.human().recordConsent({ ...part2, purpose: 'treatment', grantedAt }, USERS.jamie);
      expect(consent).toMatchObject({
        clientId,
        kind: 'part2_disclosure',
        purpose: 'treatment',
        recordedBy: USERS.jamie,
        revokedAt: null,
        grantedAt,
      });
      const active = await c.lakeside.read.consents.active(clientId, 'part2_disclosure', { purpose: 'treatment' });
      expect(active).toContainEqual(consent);
    });

    it('revokes a consent once; a second revocation conflicts', async () => {
      const clientId = clientOf(USERS.sam);
      const consent = await c
        .human()
        .recordConsent(
          { clientId, kind: 'session_recording', grantedBy: 'client', grantedAt: '2026-10-01T15:00:00.000Z' },
          USERS.jamie,
        );
      await expectEhrError(c.human().revokeConsent(consent.id, USERS.jamie, '  '), 'invalid');
      const before = Date.now();
      const revoked = await c.human().revokeConsent(consent.id, USERS.sam, 'Client asked to stop recording.');
      expect(revoked).toMatchObject({
        id: consent.id,
        revokedBy: USERS.sam,
        revocationReason: 'Client asked to stop recording.',
      });
      expectInstantBetween(revoked.revokedAt, before, Date.now());
      expect((await c.lakeside.read.consents.active(clientId, 'session_recording')).map((k) => k.id)).not.toContain(
        consent.id,
      );
      await expectEhrError(c.human().revokeConsent(consent.id, USERS.sam, 'again'), 'conflict');
      expect((await c.lakeside.read.consents.list(clientId)).find((k) => k.id === consent.id)).toEqual(revoked);
    });
  });
}
