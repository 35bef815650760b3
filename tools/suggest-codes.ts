import * as z from 'zod';
import { chooseCodeSet } from '../clinical/coding/code-set.ts';
import type { AppointmentFacts } from '../clinical/coding/cpt.ts';
import { checkProposedDiagnoses } from '../clinical/coding/icd.ts';
import { suggestCodes as runEngine } from '../clinical/coding/suggest.ts';
import { loadCodeSets } from '../ehr/reference/code-sets.ts';
import type { Note } from '../ehr/types.ts';
import { ToolError } from '../policies/errors.ts';
import { allPages, appointmentFacts, EvidenceOut, IcdCode, IsoDate } from './coding-shared.ts';
import { defineTool } from './define.ts';
import { RecordId } from './schemas.ts';

export const suggestCodes = defineTool({
  name: 'suggest_codes',
  title: 'Suggest billing codes',
  description:
    'Suggests CPT codes (by service type and documented time, with telehealth modifiers and place of service) and ICD-10-CM codes for the diagnoses the documentation supports, each with evidence spans, a confidence and the fiscal-year code-set version. Give a stored note (noteId), an appointment (its note is used), or note text directly (text, with the date of service). Only valid billable codes are suggested; suggestions are advice for a person to review and never change a claim.',
  permission: 'coding:suggest',
  effect: 'read',
  input: z
    .object({
      noteId: RecordId.optional().describe('a progress or intake note, e.g. note_…'),
      appointmentId: RecordId.optional().describe('an appointment, e.g. apt_…; its signed or newest note is used'),
      text: z
        .string()
        .trim()
        .min(1)
        .max(20_000)
        .optional()
        .describe('note text, when coding text not stored in charta'),
      dateOfService: IsoDate.optional().describe(
        'YYYY-MM-DD; picks the ICD-10-CM fiscal year (default: the appointment date, or today)',
      ),
      proposedDiagnoses: z
        .array(
          z.object({
            code: IcdCode,
            quotes: z.array(z.string().min(1).max(500)).min(1).max(5).describe('exact note text supporting the code'),
          }),
        )
        .max(20)
        .optional()
        .describe(
          'codes a model proposed; each is kept only if billable in the code set and every quote is in the note',
        ),
    })
    .refine((v) => [v.noteId, v.appointmentId, v.text].filter((x) => x !== undefined).length === 1, {
      message: 'give exactly one of noteId, appointmentId or text',
    }),
  output: z.object({
    source: z.object({ noteId: RecordId.nullable(), appointmentId: RecordId.nullable() }),
    dateOfService: z.string(),
    codeSet: z.object({ required: z.string(), used: z.string().nullable(), missing: z.string().nullable() }),
    cpt: z.array(
      z.object({
        code: z.string(),
        units: z.number().int(),
        modifiers: z.array(z.string()),
        placeOfService: z.string(),
        minutes: z.number().nullable(),
        rationale: z.string(),
        evidence: z.array(EvidenceOut),
        confidence: z.number(),
      }),
    ),
    icd: z.array(
      z.object({
        code: z.string(),
        description: z.string(),
        codeSet: z.string(),
        evidence: z.array(EvidenceOut),
        confidence: z.number(),
        hint: z.string().optional(),
      }),
    ),
    problems: z.array(z.object({ code: z.string(), reason: z.string(), evidence: z.array(EvidenceOut) })),
    proposed: z.object({
      accepted: z.array(z.string()),
      rejected: z.array(z.object({ code: z.string(), reason: z.string() })),
    }),
    notes: z.array(z.string()),
  }),
  async run(input, { scope, ehr, touch }) {
    let note: Note | null = null;
    let appt: AppointmentFacts | null = null;
    let date = input.dateOfService ?? null;
    if (input.noteId) {
      note = await ehr.read.notes.get(input.noteId);
      if (!note) throw new ToolError('not_found', 'No note with that id.');
      touch(note.id, note.clientId);
    }
    const appointmentId = input.appointmentId ?? note?.appointmentId ?? null;
    if (appointmentId) {
      const found = await ehr.read.appointments.get(appointmentId);
      if (!found) throw new ToolError('not_found', 'No appointment with that id.');
      await scope.requireClient(found.clientId);
      touch(found.id, found.clientId);
      appt = appointmentFacts(found);
      date ??= found.startsAt.slice(0, 10);
      if (!note) {
        const notes = await allPages((page) => ehr.read.notes.list({ clientId: found.clientId, ...page }));
        const mine = notes.filter((n) => n.appointmentId === found.id);
        note = mine.find((n) => n.status !== 'draft') ?? mine[0] ?? null;
        if (!note) throw new ToolError('not_found', 'That appointment has no progress or intake note to code from.');
        touch(note.id);
      }
    }
    date ??= new Date().toISOString().slice(0, 10);
    const sections = note ? note.sections : { text: input.text ?? '' };
    const choice = chooseCodeSet(loadCodeSets(), date);
    const result = runEngine({ sections }, appt, choice);
    const checked =
      input.proposedDiagnoses && choice.set
        ? checkProposedDiagnoses(input.proposedDiagnoses, { sections }, choice.set)
        : { suggestions: [], problems: [] };
    const icd = [...result.icd, ...checked.suggestions.filter((p) => !result.icd.some((s) => s.code === p.code))];
    return {
      source: { noteId: note?.id ?? null, appointmentId },
      dateOfService: date,
      ...result,
      icd,
      proposed: {
        accepted: checked.suggestions.map((s) => s.code),
        rejected: checked.problems.map((p) => ({ code: p.code, reason: p.reason })),
      },
    };
  },
});
