import * as z from 'zod';
import { ToolError } from '../policies/errors.ts';
import { PART2_NOTICE } from '../policies/part2.ts';
import { defineTool } from './define.ts';
import { RecordId } from './schemas.ts';

const Objective = z.object({
  id: z.string(),
  description: z.string(),
  targetDate: z.string().nullable(),
  status: z.enum(['not_started', 'in_progress', 'met', 'discontinued']),
});
const Problem = z.object({
  id: z.string(),
  description: z.string(),
  icd10: z.string().nullable(),
  goals: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      objectives: z.array(Objective),
      interventions: z.array(z.string()),
    }),
  ),
});

export const getTreatmentPlan = defineTool({
  name: 'get_treatment_plan',
  title: 'Get treatment plan',
  description:
    'The treatment plan of one client you may see: the active plan, or the newest one when none is active (then its status says so — draft, completed or superseded). Problems, goals, measurable objectives and interventions, with who signed it. Never edits or signs a plan. Substance-use program clients need a Part 2 consent, and their plan carries the redisclosure notice.',
  permission: 'treatment_plan:read',
  effect: 'read',
  input: z.object({ clientId: RecordId.describe('client id, e.g. cli_…') }),
  output: z.object({
    plan: z.object({
      id: RecordId,
      clientId: RecordId,
      status: z.enum(['draft', 'active', 'completed', 'superseded']),
      problems: z.array(Problem),
      effectiveOn: z.string().nullable(),
      reviewDueOn: z.string().nullable(),
      aiGenerated: z.boolean(),
      authorId: RecordId,
      signedBy: z.string().nullable(),
      signedAt: z.string().nullable(),
      version: z.number().int(),
      createdAt: z.string(),
    }),
    notice: z.string().optional(),
  }),
  async run({ clientId }, { scope, ehr, touch }) {
    const client = await scope.requireClient(clientId);
    touch(client.id);
    const plans = await ehr.read.treatmentPlans.list(client.id);
    const plan = plans.find((p) => p.status === 'active') ?? plans[0];
    if (!plan) throw new ToolError('not_found', 'This client has no treatment plan.');
    touch(plan.id);
    return {
      plan: {
        id: plan.id,
        clientId: plan.clientId,
        status: plan.status,
        problems: plan.problems,
        effectiveOn: plan.effectiveOn,
        reviewDueOn: plan.reviewDueOn,
        aiGenerated: plan.aiGenerated,
        authorId: plan.authorId,
        signedBy: plan.signedBy,
        signedAt: plan.signedAt,
        version: plan.version,
        createdAt: plan.createdAt,
      },
      ...(client.part2 ? { notice: PART2_NOTICE } : {}),
    };
  },
});
