import * as z from 'zod';
import { ScoringError, scoreAssessment } from '../clinical/assessments/score.ts';
import { ToolError } from '../policies/errors.ts';
import { PART2_NOTICE } from '../policies/part2.ts';
import { administrations } from './assessment-shared.ts';
import { defineTool } from './define.ts';
import { RecordId } from './schemas.ts';

const Instrument = z.enum(['PHQ-9', 'GAD-7']);

export const scoreAssessmentTool = defineTool({
  name: 'score_assessment',
  title: 'Score a PHQ-9 or GAD-7',
  description:
    'Scores a PHQ-9 or GAD-7: either item responses you give (instrument + items, each 0–3 or null when skipped) or a stored administration of a client you may see (clientId + assessmentId). Returns the total (prorated, and marked so, when one or two items were skipped; more cannot be scored), the severity band, and for the PHQ-9 whether item 9 asks for a same-day clinician risk review (a skipped item 9 counts as unknown risk). Bands: Kroenke 2001 (PHQ-9), Spitzer 2006 (GAD-7). Changes nothing; scores support, never replace, clinical judgement.',
  permission: 'assessment:read',
  effect: 'read',
  input: z
    .object({
      instrument: Instrument.optional(),
      items: z
        .array(z.number().nullable())
        .max(9)
        .optional()
        .describe('item responses in form order, 0–3, null when skipped'),
      clientId: RecordId.optional(),
      assessmentId: RecordId.optional().describe('a stored administration of that client, e.g. asm_…'),
    })
    .refine(
      (i) =>
        (i.instrument !== undefined && i.items !== undefined && i.assessmentId === undefined) ||
        (i.clientId !== undefined && i.assessmentId !== undefined && i.items === undefined),
      'give instrument and items, or clientId and assessmentId',
    ),
  output: z.object({
    assessmentId: RecordId.nullable(),
    instrument: Instrument,
    total: z.number().int(),
    prorated: z.boolean(),
    answered: z.number().int(),
    missingItems: z.array(z.number().int()),
    severity: z.string(),
    band: z.object({ min: z.number().int(), max: z.number().int() }),
    item9: z.enum(['positive', 'negative', 'unknown']).nullable(),
    sameDayRiskReview: z.boolean(),
    actions: z.array(z.string()),
    citations: z.array(z.string()),
    notice: z.string().optional(),
  }),
  async run(input, { scope, ehr, touch }) {
    let instrument = input.instrument;
    let items = input.items;
    let assessmentId: string | null = null;
    let part2 = false;
    if (input.assessmentId !== undefined && input.clientId !== undefined) {
      const client = await scope.requireClient(input.clientId);
      part2 = client.part2;
      touch(client.id);
      const found = (await administrations(ehr, client.id)).items.find((a) => a.id === input.assessmentId);
      if (!found) throw new ToolError('not_found', 'No assessment with that id for that client.');
      touch(found.id);
      instrument = found.instrument;
      items = found.itemResponses;
      assessmentId = found.id;
    }
    if (!instrument || !items) throw new ToolError('invalid_input', 'Give instrument and items, or an assessment.');
    try {
      const score = scoreAssessment(instrument, items);
      return {
        assessmentId,
        instrument,
        total: score.total,
        prorated: score.prorated,
        answered: score.answered,
        missingItems: score.missingItems,
        severity: score.band.label,
        band: { min: score.band.min, max: score.band.max },
        item9: score.item9,
        sameDayRiskReview: score.sameDayRiskReview,
        actions: score.actions,
        citations: [...score.citations],
        ...(part2 ? { notice: PART2_NOTICE } : {}),
      };
    } catch (error) {
      if (error instanceof ScoringError) throw new ToolError('invalid_input', error.message);
      throw error;
    }
  },
});
