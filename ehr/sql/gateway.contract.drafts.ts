import { describe, expect, it } from 'vitest';
import type { Backend } from '../../test/databases.ts';
import type { NewDraftNote } from '../gateway.ts';
import type { NoteKind } from '../types.ts';
import {
  annotations,
  expectEhrError,
  LAKESIDE,
  pick,
  provenance,
  seed,
  USERS,
  useContract,
} from './gateway.contract.harness.ts';

const appointmentId = annotations.transcriptAppointments['cbt-depression-individual'] ?? '';
const recorded = pick(seed.appointments, (a) => a.id === appointmentId, 'recorded appointment');
const transcript = pick(seed.transcripts, (t) => t.appointmentId === appointmentId, 'transcript');
const elsewhere = pick(
  seed.appointments,
  (a) => a.practiceId === LAKESIDE && a.clientId !== recorded.clientId,
  'appointment of another client',
);

const draftNote = (extra: Partial<NewDraftNote> = {}): NewDraftNote => ({
  clientId: recorded.clientId,
  authorId: recorded.clinicianId,
  appointmentId: recorded.id,
  transcriptId: transcript.id,
  kind: 'progress',
  format: 'SOAP',
  sections: {
    subjective: 'Reports sleeping 6 hours.',
    objective: 'Calm.',
    assessment: 'Improving.',
    plan: 'Continue CBT.',
  },
  aiGenerated: true,
  provenance: provenance(),
  ...extra,
});

export function describeDraftWriter(backend: Backend) {
  describe('draft writer: notes', () => {
    const c = useContract(backend);

    it('creates an AI draft note at version 1 and round-trips its provenance', async () => {
      const input = draftNote();
      const note = await c.lakeside.drafts.notes.createDraft(input);
      expect(note).toMatchObject({
        clientId: input.clientId,
        authorId: input.authorId,
        appointmentId: recorded.id,
        transcriptId: transcript.id,
        kind: 'progress',
        format: 'SOAP',
        sections: input.sections,
        status: 'draft',
        aiGenerated: true,
        signedBy: null,
        signedAt: null,
        lockedAt: null,
        version: 1,
      });
      expect(note.provenance).toEqual(input.provenance);
      expect(note.id).toMatch(/^note_/);
      expect(await c.lakeside.read.notes.get(note.id)).toEqual(note);
      const drafts = await c.lakeside.read.notes.list({ clientId: input.clientId, status: 'draft', limit: 200 });
      expect(drafts.items.map((n) => n.id)).toContain(note.id);
    });

    it('keeps snake_case section keys of an intake draft as written', async () => {
      const sections = {
        presenting_problem: 'Panic on the highway.',
        risk_assessment: 'Denies SI.',
        plan: 'Weekly CBT.',
      };
      const note = await c.lakeside.drafts.notes.createDraft(
        draftNote({ kind: 'intake', format: 'narrative', sections }),
      );
      expect(note.sections).toEqual(sections);
      expect((await c.lakeside.read.notes.get(note.id))?.sections).toEqual(sections);
      const patched = { ...sections, mental_status: 'Alert, oriented.' };
      expect((await c.lakeside.drafts.notes.updateDraft(note.id, { sections: patched })).sections).toEqual(patched);
    });

    it('reads sections back in the format order, whatever order they were written in', async () => {
      const note = await c.lakeside.drafts.notes.createDraft(
        draftNote({
          format: 'SOAP',
          sections: {
            plan: 'Return in one week.',
            subjective: 'Slept better.',
            objective: 'Calm.',
            assessment: 'Improving.',
          },
        }),
      );
      const read = await c.lakeside.read.notes.get(note.id);
      expect(Object.keys(read?.sections ?? {})).toEqual(['subjective', 'objective', 'assessment', 'plan']);
      expect(Object.keys(note.sections)).toEqual(['subjective', 'objective', 'assessment', 'plan']);
    });

    it('bumps the version on every update and keeps what the patch leaves out', async () => {
      const note = await c.lakeside.drafts.notes.createDraft(draftNote());
      const sections = { ...note.sections, plan: 'Continue CBT; add sleep hygiene.' };
      const second = await c.lakeside.drafts.notes.updateDraft(note.id, { sections, expectedVersion: 1 });
      expect(second).toMatchObject({ version: 2, sections, status: 'draft', provenance: note.provenance });
      expect(Date.parse(second.updatedAt)).toBeGreaterThanOrEqual(Date.parse(note.updatedAt));
      const regenerated = provenance({ promptVersion: 'contract-test-2' });
      const third = await c.lakeside.drafts.notes.updateDraft(note.id, { provenance: regenerated });
      expect(third).toMatchObject({ version: 3, sections, provenance: regenerated });
      expect(await c.lakeside.read.notes.get(note.id)).toEqual(third);
      await expectEhrError(c.lakeside.drafts.notes.updateDraft(note.id, {}), 'invalid');
      await expectEhrError(c.lakeside.drafts.notes.updateDraft('note_missing', { sections }), 'not_found');
    });

    it('refuses an update with a stale expectedVersion as conflict and leaves the draft as it was', async () => {
      const note = await c.lakeside.drafts.notes.createDraft(draftNote());
      const current = await c.lakeside.drafts.notes.updateDraft(note.id, {
        sections: { plan: 'v2' },
        expectedVersion: 1,
      });
      await expectEhrError(
        c.lakeside.drafts.notes.updateDraft(note.id, { sections: { plan: 'stale' }, expectedVersion: 1 }),
        'conflict',
      );
      await expectEhrError(
        c.lakeside.drafts.notes.updateDraft(note.id, { sections: { plan: 'future' }, expectedVersion: 9 }),
        'conflict',
      );
      expect(await c.lakeside.read.notes.get(note.id)).toEqual(current);
    });

    it('refuses to update a signed or locked note as conflict and leaves its content unchanged', async () => {
      const note = await c.lakeside.drafts.notes.createDraft(draftNote());
      const signed = await c.human().signNote(note.id, note.authorId);
      await expectEhrError(
        c.lakeside.drafts.notes.updateDraft(note.id, { sections: { plan: 'rewritten' } }),
        'conflict',
      );
      await expectEhrError(
        c.lakeside.drafts.notes.updateDraft(note.id, {
          sections: { plan: 'rewritten' },
          expectedVersion: signed.version,
        }),
        'conflict',
      );
      expect(await c.lakeside.read.notes.get(note.id)).toEqual(signed);
      for (const status of ['signed', 'locked'] as const) {
        const seeded = pick(seed.notes, (n) => n.practiceId === LAKESIDE && n.status === status, `${status} note`);
        await expectEhrError(
          c.lakeside.drafts.notes.updateDraft(seeded.id, { sections: { plan: 'rewritten' } }),
          'conflict',
        );
        expect((await c.lakeside.read.notes.get(seeded.id))?.sections).toEqual(JSON.parse(seeded.sections));
      }
    });

    it('refuses invalid note drafts and stores none of them', async () => {
      const before = (await c.lakeside.read.notes.list({ clientId: recorded.clientId, limit: 200 })).items.length;
      const { notes } = c.lakeside.drafts;
      await expectEhrError(
        notes.createDraft(draftNote({ kind: 'psychotherapy' as NoteKind as NewDraftNote['kind'] })),
        'invalid',
      );
      await expectEhrError(
        notes.createDraft(draftNote({ appointmentId: elsewhere.id, transcriptId: null })),
        'invalid',
      );
      await expectEhrError(notes.createDraft(draftNote({ provenance: null })), 'invalid');
      await expectEhrError(notes.createDraft(draftNote({ format: 'SOAPY' as NewDraftNote['format'] })), 'invalid');
      await expectEhrError(notes.createDraft(draftNote({ authorId: USERS.dana })), 'invalid');
      await expectEhrError(notes.createDraft(draftNote({ appointmentId: 'apt_missing' })), 'not_found');
      await expectEhrError(notes.createDraft(draftNote({ sections: { plan: 'nul \u0000 byte' } })), 'invalid');
      const elsewhereTranscript = pick(
        seed.transcripts,
        (t) => t.practiceId === LAKESIDE && t.clientId !== recorded.clientId,
        'transcript',
      );
      await expectEhrError(
        notes.createDraft(draftNote({ appointmentId: null, transcriptId: elsewhereTranscript.id })),
        'invalid',
      );
      expect((await c.lakeside.read.notes.list({ clientId: recorded.clientId, limit: 200 })).items).toHaveLength(
        before,
      );
    });
  });
}
