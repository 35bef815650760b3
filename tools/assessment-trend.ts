import * as z from 'zod';
import { assessmentTrend } from '../clinical/assessments/trend.ts';
import { PART2_NOTICE } from '../policies/part2.ts';
import { administrations } from './assessment-shared.ts';
import { defineTool } from './define.ts';
import { RecordId } from './schemas.ts';

export const assessmentTrendTool = defineTool({
  name: 'assessment_trend',
  title: 'Assessment trend',
  description:
    'The course of one instrument (PHQ-9 or GAD-7) for a client you may see: every administration oldest first with its band and change from baseline (the earliest), and whether the latest shows reliable improvement or deterioration (PHQ-9 ≥ 5 points, Löwe 2004; GAD-7 ≥ 4, Toussaint 2020), response (≥ 50% reduction; the quality measures count it when the baseline is above 9) and remission (below 5). Changes nothing.',
  permission: 'assessment:read',
  effect: 'read',
  input: z.object({
    clientId: RecordId.describe('client id, e.g. cli_…'),
    instrument: z.enum(['PHQ-9', 'GAD-7']),
  }),
  output: z.object({
    clientId: RecordId,
    instrument: z.enum(['PHQ-9', 'GAD-7']),
    points: z.array(
      z.object({
        id: RecordId,
        administeredAt: z.string(),
        total: z.number().int(),
        band: z.string(),
        changeFromBaseline: z.number().int(),
        percentChange: z.number().nullable(),
      }),
    ),
    direction: z.enum(['improving', 'worsening', 'stable', 'insufficient_data']),
    reliableImprovement: z.boolean(),
    reliableDeterioration: z.boolean(),
    response: z.boolean(),
    responseEligible: z.boolean(),
    remission: z.boolean(),
    latestItem9: z.enum(['positive', 'negative', 'unknown']).nullable(),
    thresholds: z.object({ reliableChange: z.number(), response: z.number(), remissionBelow: z.number() }),
    citations: z.array(z.string()),
    limited: z.boolean().describe('true when older administrations beyond the read bound were left out'),
    notice: z.string().optional(),
  }),
  async run(input, { scope, ehr, touch }) {
    const client = await scope.requireClient(input.clientId);
    const { items, limited } = await administrations(ehr, client.id, input.instrument);
    touch(client.id, ...items.map((a) => a.id));
    const trend = assessmentTrend(
      input.instrument,
      items.map((a) => ({ id: a.id, administeredAt: a.administeredAt, total: a.total })),
    );
    const last = items.at(-1);
    const item9Answer = input.instrument === 'PHQ-9' && last ? (last.itemResponses[8] ?? null) : undefined;
    const latestItem9: 'positive' | 'negative' | 'unknown' | null =
      item9Answer === undefined ? null : item9Answer === null ? 'unknown' : item9Answer > 0 ? 'positive' : 'negative';
    return {
      clientId: client.id,
      instrument: input.instrument,
      points: trend.points.map(({ id, administeredAt, total, band, changeFromBaseline, percentChange }) => ({
        id,
        administeredAt,
        total,
        band,
        changeFromBaseline,
        percentChange,
      })),
      direction: trend.direction,
      reliableImprovement: trend.reliableImprovement,
      reliableDeterioration: trend.reliableDeterioration,
      response: trend.response,
      responseEligible: trend.responseEligible,
      remission: trend.remission,
      latestItem9,
      thresholds: trend.thresholds,
      citations: [...trend.citations],
      limited,
      ...(client.part2 ? { notice: PART2_NOTICE } : {}),
    };
  },
});
