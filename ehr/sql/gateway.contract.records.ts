import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../test/databases.ts';
import {
  annotations,
  byKeyThenId,
  ids,
  inPractice,
  LAKESIDE,
  pick,
  seed,
  USERS,
  useContract,
} from './gateway.contract.harness.ts';

export function describeRecordReads(backend: Backend) {
  describe('reads: schedule, notes, claims, transcripts and messages', () => {
    const c = useContract(backend);

    it('filters appointments by clinicians, time window and status, ascending or descending', async () => {
      const from = '2026-11-01T00:00:00.000Z';
      const to = '2026-12-01T00:00:00.000Z';
      const clinicianIds: string[] = [USERS.avery, USERS.sam];
      const expected = inPractice(seed.appointments, LAKESIDE)
        .filter(
          (a) =>
            clinicianIds.includes(a.clinicianId) && a.startsAt >= from && a.startsAt < to && a.status === 'scheduled',
        )
        .sort(byKeyThenId((a) => a.startsAt));
      expect(expected.length).toBeGreaterThan(3);
      const query = { clinicianIds, from, to, status: 'scheduled', limit: 200 } as const;
      const asc = await c.lakeside.read.appointments.list(query);
      expect(ids(asc.items)).toEqual(ids(expected));
      expect(asc.nextCursor).toBeNull();
      const desc = await c.lakeside.read.appointments.list({ ...query, order: 'desc' });
      expect(ids(desc.items)).toEqual(ids(expected).reverse());
      // `from` is inclusive and `to` exclusive.
      const first = expected[0]!;
      const window = { clinicianIds: [first.clinicianId], status: 'scheduled', limit: 200 } as const;
      expect(ids((await c.lakeside.read.appointments.list({ ...window, from: first.startsAt })).items)).toContain(
        first.id,
      );
      expect(ids((await c.lakeside.read.appointments.list({ ...window, to: first.startsAt })).items)).not.toContain(
        first.id,
      );
      expect(await c.lakeside.read.appointments.list({ clinicianIds: [] })).toEqual({ items: [], nextCursor: null });
      expect(await c.lakeside.read.appointments.get(first.id)).toMatchObject({
        id: first.id,
        startsAt: first.startsAt,
        status: 'scheduled',
      });
    });

    it('filters notes by kind: psychotherapy notes come back only when their kind is asked for', async () => {
      const clientId = pick(
        seed.notes,
        (n) => n.kind === 'psychotherapy' && n.practiceId === LAKESIDE,
        'psychotherapy note',
      ).clientId;
      const seeded = seed.notes.filter((n) => n.clientId === clientId);
      const psychotherapy = ids(seeded.filter((n) => n.kind === 'psychotherapy')).sort();
      const { read } = c.lakeside;
      const kindsOf = async (kinds?: ('progress' | 'intake' | 'psychotherapy')[]) =>
        (await read.notes.list({ clientId, limit: 200, ...(kinds ? { kinds } : {}) })).items;
      const clinical = await kindsOf(['progress', 'intake']);
      expect(clinical.length).toBe(seeded.length - psychotherapy.length);
      expect(clinical.some((n) => n.kind === 'psychotherapy')).toBe(false);
      expect(ids(await kindsOf(['psychotherapy'])).sort()).toEqual(psychotherapy);
      expect(ids(await kindsOf()).sort()).toEqual(ids(seeded).sort());
      expect((await read.notes.list({ clientId, kinds: [] })).items).toEqual([]);
      const signed = (await read.notes.list({ clientId, status: 'signed', limit: 200 })).items;
      expect(ids(signed).sort()).toEqual(ids(seeded.filter((n) => n.status === 'signed')).sort());
    });

    it('returns claim lines ordered by line number, whatever order they were stored in', async () => {
      for (const claimId of ['clm_pvvz68sgxf32ypxg', 'clm_41ceqej1pheactpt']) {
        const claim = await c.lakeside.read.claims.get(claimId);
        const lines = seed.claimLines.filter((l) => l.claimId === claimId).sort((a, b) => a.lineNumber - b.lineNumber);
        expect(claim?.lines.map((l) => [l.lineNumber, l.cpt])).toEqual(lines.map((l) => [l.lineNumber, l.cpt]));
      }
      const model = pick(seed.claims, (x) => x.practiceId === LAKESIDE, 'claim');
      const id = 'clm_contract_order';
      await sql`insert into claims (id, practice_id, client_id, rendering_provider_id, payer, date_of_service, diagnosis_codes,
        place_of_service, total_charge_cents) values (${id}, ${LAKESIDE}, ${model.clientId}, ${model.renderingProviderId},
        'Synthetic Payer', '2026-11-20', '["F41.1"]', '11', 30000)`.execute(c.db);
      for (const [line, cpt] of [
        [3, '90785'],
        [1, '90837'],
        [2, '90840'],
      ] as const) {
        await sql`insert into claim_lines (id, practice_id, claim_id, line_number, cpt, units, place_of_service, charge_cents,
          date_of_service) values (${`cln_contract_${line}`}, ${LAKESIDE}, ${id}, ${line}, ${cpt}, 1, '11', 10000, '2026-11-20')`.execute(
          c.db,
        );
      }
      const claim = await c.lakeside.read.claims.get(id);
      expect(claim?.lines.map((l) => [l.lineNumber, l.cpt])).toEqual([
        [1, '90837'],
        [2, '90840'],
        [3, '90785'],
      ]);
      const listed = (await c.lakeside.read.claims.list({ clientId: model.clientId, limit: 200 })).items.find(
        (x) => x.id === id,
      );
      expect(listed?.lines).toEqual(claim?.lines);
    });

    it('finds the seeded transcript of each recorded appointment, segments pointing into its text', async () => {
      const entries = Object.entries(annotations.transcriptAppointments);
      expect(entries.length).toBeGreaterThan(10);
      for (const [script, appointmentId] of entries) {
        const stored = pick(seed.transcripts, (t) => t.appointmentId === appointmentId, `transcript for ${script}`);
        const found = await c.ehr(stored.practiceId).read.transcripts.forAppointment(appointmentId);
        expect(ids(found), script).toEqual([stored.id]);
        const transcript = found[0]!;
        expect(transcript).toMatchObject({ clientId: stored.clientId, appointmentId, language: stored.language });
        expect(transcript.segments.length).toBeGreaterThan(0);
        for (const segment of transcript.segments)
          expect(transcript.text.slice(segment.start, segment.end)).toBe(segment.text);
      }
      const silent = pick(
        seed.appointments,
        (a) => a.practiceId === LAKESIDE && !seed.transcripts.some((t) => t.appointmentId === a.id),
        'unrecorded appointment',
      );
      expect(await c.lakeside.read.transcripts.forAppointment(silent.id)).toEqual([]);
    });

    it('returns the keys inside JSON values exactly as stored', async () => {
      const intakeNote = pick(seed.notes, (n) => n.practiceId === LAKESIDE && n.kind === 'intake', 'intake note');
      const sections = (await c.lakeside.read.notes.get(intakeNote.id))?.sections ?? {};
      expect(Object.keys(sections)).toContain('presenting_problem');
      expect(sections).toEqual(JSON.parse(intakeNote.sections));
      const submission = pick(seed.intakeSubmissions, (s) => s.practiceId === LAKESIDE, 'intake submission');
      const answers = (await c.lakeside.read.intake.get(submission.id))?.answers ?? {};
      expect(Object.keys(answers)).toContain('reason_for_visit');
      expect(answers).toEqual(JSON.parse(submission.answers));
      const practice = pick(seed.practices, (p) => p.id === LAKESIDE, 'practice');
      expect((await c.lakeside.read.practice()).settings).toEqual(JSON.parse(practice.settings));
    });

    it('reads threads top to bottom and treatment plans newest first', async () => {
      const thread = pick(
        seed.inboxThreads,
        (t) => seed.inboxMessages.filter((m) => m.threadId === t.id).length > 2,
        'long thread',
      );
      const messages = seed.inboxMessages
        .filter((m) => m.threadId === thread.id)
        .sort(byKeyThenId((m) => m.receivedAt));
      expect(ids((await c.ehr(thread.practiceId).read.inbox.listMessages(thread.id)).items)).toEqual(ids(messages));
      const { clientId, practiceId } = pick(
        seed.treatmentPlans,
        (p) => seed.treatmentPlans.filter((q) => q.clientId === p.clientId).length > 1,
        'client with several plans',
      );
      const plans = await c.ehr(practiceId).read.treatmentPlans.list(clientId);
      const created = plans.map((p) => p.createdAt);
      expect(created).toEqual([...created].sort().reverse());
      expect(plans.length).toBe(seed.treatmentPlans.filter((p) => p.clientId === clientId).length);
    });
  });
}
