import * as z from 'zod';
import { PART2_NOTICE } from '../policies/part2.ts';
import { defineTool } from './define.ts';
import { Cursor, Limit, page, RecordId } from './schemas.ts';

export const listAssessments = defineTool({
  name: 'list_assessments',
  title: 'List assessments',
  description:
    'PHQ-9 and GAD-7 results of one client you may see, newest first: instrument, total, severity, date and the item responses (0–3, null when skipped). Never changes or scores anything. Substance-use program clients need a Part 2 consent, and their results carry the redisclosure notice.',
  permission: 'assessment:read',
  effect: 'read',
  input: z.object({
    clientId: RecordId.describe('client id, e.g. cli_…'),
    instrument: z.enum(['PHQ-9', 'GAD-7']).optional(),
    limit: Limit(50, 10),
    cursor: Cursor,
  }),
  output: page(
    z.object({
      id: RecordId,
      instrument: z.enum(['PHQ-9', 'GAD-7']),
      total: z.number(),
      severity: z.string(),
      administeredAt: z.string(),
      itemResponses: z.array(z.number().nullable()),
    }),
  ).extend({ notice: z.string().optional() }),
  async run(input, { scope, ehr, touch }) {
    const client = await scope.requireClient(input.clientId);
    const result = await ehr.read.assessments.list({
      clientId: client.id,
      ...(input.instrument ? { instrument: input.instrument } : {}),
      limit: input.limit,
      cursor: input.cursor ?? null,
    });
    touch(client.id, ...result.items.map((a) => a.id));
    return {
      items: result.items.map(({ id, instrument, total, severity, administeredAt, itemResponses }) => ({
        id,
        instrument,
        total,
        severity,
        administeredAt,
        itemResponses,
      })),
      nextCursor: result.nextCursor,
      ...(client.part2 ? { notice: PART2_NOTICE } : {}),
    };
  },
});
