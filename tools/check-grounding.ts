import * as z from 'zod';
import { checkGrounding, type GroundingSource } from '../clinical/grounding/check.ts';
import { ToolError } from '../policies/errors.ts';
import { defineTool } from './define.ts';
import { GroundingSummary, groundingSummary } from './grounding-view.ts';
import { RecordId } from './schemas.ts';

const MAX_TEXT_CHARS = 200_000;

export const checkGroundingTool = defineTool({
  name: 'check_grounding',
  title: 'Check a draft against its source',
  description: `Splits a note into claims and labels each supported, unsupported or contradicted against its source, with the reasons (numbers, medications, diagnoses and codes, dates and times, people, quotations, negation such as "denies SI" vs "reports SI", certainty inflation, assumed-normal exam text). Either a stored note by noteId (checked against the transcript or dictation it was drafted from), or a draft and its source supplied as text (each at most ${MAX_TEXT_CHARS.toLocaleString('en-US')} characters). Deterministic; changes nothing.`,
  permission: 'note:read',
  effect: 'read',
  input: z.object({
    noteId: RecordId.optional().describe('a stored note, e.g. note_…'),
    draft: z.string().max(MAX_TEXT_CHARS).optional().describe('draft text to check, when no noteId is given'),
    source: z.string().max(MAX_TEXT_CHARS).optional().describe('the transcript or dictation the draft is based on'),
  }),
  output: z.object({
    noteId: RecordId.nullable(),
    sourceId: RecordId.nullable(),
    claims: z.number().int(),
    flagged: z.boolean(),
    grounding: GroundingSummary,
  }),
  async run(input, { ehr, fence, touch }) {
    if (input.noteId) {
      if (input.draft !== undefined || input.source !== undefined) {
        throw new ToolError('invalid_input', 'Give either a noteId or draft and source text, not both.');
      }
      const note = await ehr.read.notes.get(input.noteId);
      if (!note) throw new ToolError('not_found', 'No note with that id.');
      touch(note.id, note.clientId);
      // draft_note keeps a dictation with the draft made from it; a transcript is read (and walled) by id.
      const dictation = (note.provenance?.dictation as { text?: unknown } | undefined)?.text;
      let sources: GroundingSource[];
      let sourceId: string | null = null;
      if (note.transcriptId) {
        const transcript = await ehr.read.transcripts.get(note.transcriptId);
        if (!transcript) {
          throw new ToolError('not_found', 'The transcript that note was drafted from is no longer available.');
        }
        touch(transcript.id);
        sourceId = transcript.id;
        sources = [{ id: transcript.id, type: transcript.kind, text: transcript.text }];
      } else if (typeof dictation === 'string' && dictation.trim()) {
        sources = [{ id: 'dictation', type: 'dictation', text: dictation }];
      } else {
        throw new ToolError(
          'invalid_input',
          'That note was not drafted from a stored transcript or dictation, so there is no source to check it against; pass draft and source text instead.',
        );
      }
      // The drafter's session line is grounded in the appointment record, which it reproduces verbatim.
      const sessionLine = note.provenance?.grounding as
        | { claims?: Array<{ evidence?: Array<{ sourceType?: string; quote?: string; sourceId?: string }> }> }
        | undefined;
      const planIds = new Set<string>();
      for (const claim of sessionLine?.claims ?? []) {
        for (const e of claim.evidence ?? []) {
          if (e.sourceType === 'appointment' && e.quote && e.sourceId === note.appointmentId) {
            sources.push({ id: e.sourceId, type: 'appointment', text: e.quote });
          }
          // Plan goals are checked against the plan as it stands now, read (and walled) by id.
          if (e.sourceType === 'treatment_plan' && e.sourceId && !planIds.has(e.sourceId)) {
            planIds.add(e.sourceId);
            const plan = await ehr.read.treatmentPlans.get(e.sourceId);
            if (plan?.clientId === note.clientId) {
              touch(plan.id);
              const goals = plan.problems.flatMap((p) => p.goals.map((g) => g.description));
              sources.push({ id: plan.id, type: 'treatment_plan', text: goals.join('\n') });
            }
          }
        }
      }
      const report = checkGrounding(note.sections, sources);
      return {
        noteId: note.id,
        sourceId,
        claims: report.claims.length,
        flagged: report.flagged,
        grounding: groundingSummary(report, fence),
      };
    }
    if (!input.draft?.trim() || !input.source?.trim()) {
      throw new ToolError('invalid_input', 'Give a noteId, or both draft and source text (neither empty).');
    }
    const report = checkGrounding({ draft: input.draft }, [{ id: 'source', type: 'supplied', text: input.source }]);
    return {
      noteId: null,
      sourceId: null,
      claims: report.claims.length,
      flagged: report.flagged,
      grounding: groundingSummary(report, fence),
    };
  },
});
