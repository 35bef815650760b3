import * as z from 'zod';
import { draftTreatmentPlan } from '../clinical/chart/plan.ts';
import { ToolError } from '../policies/errors.ts';
import { PART2_NOTICE } from '../policies/part2.ts';
import { IsoDate, nowFor, readChart, requireAiConsent, SourceCitation } from './chart-shared.ts';
import { defineTool } from './define.ts';
import { RecordId } from './schemas.ts';

const PROMPT_VERSION = 'chart-plan-rules-1';

export const draftTreatmentPlanTool = defineTool({
  name: 'draft_treatment_plan',
  title: 'Draft treatment plan',
  description:
    'Drafts a treatment plan for a client of your own caseload from the chart: one problem per active diagnosis, a goal for it, a measurable objective from the latest PHQ-9 or GAD-7 (below the next lower severity band by the review date), the interventions the recent notes document, and a review date. Each item cites the diagnosis, assessment or note it came from; `gaps` lists what the chart did not support and the clinician must add. Saved only as a DRAFT plan for a clinician to review and sign in the EHR; never activates or signs a plan. Needs the client’s AI-documentation consent; substance-use program records need a Part 2 consent.',
  permission: 'treatment_plan:draft',
  effect: 'draft',
  input: z.object({
    clientId: RecordId.describe('client id, e.g. cli_…'),
    reviewAfterDays: z.number().int().min(30).max(180).default(90).describe('days until the plan review, 30–180'),
    asOf: IsoDate.optional().describe('plan from the chart as it stood at the end of this day; default today'),
  }),
  output: z.object({
    id: RecordId,
    clientId: RecordId,
    status: z.literal('draft'),
    version: z.number().int(),
    problems: z.array(
      z.object({
        id: z.string(),
        description: z.string(),
        icd10: z.string(),
        goals: z.array(
          z.object({
            id: z.string(),
            description: z.string(),
            objectives: z.array(
              z.object({ id: z.string(), description: z.string(), targetDate: z.string(), status: z.string() }),
            ),
            interventions: z.array(z.string()),
          }),
        ),
      }),
    ),
    reviewDueOn: z.string(),
    citations: z.array(SourceCitation.extend({ item: z.string() })),
    gaps: z.array(z.string()),
    notice: z.string().optional(),
  }),
  async run(input, { scope, ehr, principal, touch }) {
    const client = await scope.requireClient(input.clientId);
    touch(client.id);
    const until = nowFor(input.asOf);
    const chart = await readChart(ehr, client, until);
    await requireAiConsent(ehr, client.id);
    const drafted = draftTreatmentPlan({
      diagnoses: chart.diagnoses,
      assessments: chart.assessments,
      notes: chart.notes,
      asOf: until.slice(0, 10),
      reviewAfterDays: input.reviewAfterDays,
    });
    if (drafted.problems.length === 0) {
      throw new ToolError('not_found', 'This client has no active diagnosis to plan from; nothing was saved.');
    }
    const plan = await ehr.drafts.treatmentPlans.createDraft({
      clientId: client.id,
      authorId: principal.userId,
      problems: drafted.problems,
      aiGenerated: true,
      provenance: {
        model: 'offline-rule-based',
        promptVersion: PROMPT_VERSION,
        generatedAt: new Date().toISOString(),
        evidence: [],
        citations: drafted.citations,
        gaps: drafted.gaps,
        reviewDueOn: drafted.reviewDueOn,
        tool: 'draft_treatment_plan',
        surface: principal.surface,
        clientApp: principal.clientApp,
      },
    });
    if (plan.status !== 'draft') throw new Error(`the draft writer returned a ${plan.status} plan`);
    touch(plan.id, ...new Set(drafted.citations.map((c) => c.id)));
    return {
      id: plan.id,
      clientId: client.id,
      status: plan.status,
      version: plan.version,
      problems: drafted.problems,
      reviewDueOn: drafted.reviewDueOn,
      citations: drafted.citations,
      gaps: drafted.gaps,
      ...(client.part2 ? { notice: PART2_NOTICE } : {}),
    };
  },
});
