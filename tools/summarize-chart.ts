import * as z from 'zod';
import { summarizeChart } from '../clinical/chart/summary.ts';
import { PART2_NOTICE } from '../policies/part2.ts';
import { CitedStatement, IsoDate, nowFor, readChart } from './chart-shared.ts';
import { defineTool } from './define.ts';
import { RecordId } from './schemas.ts';

export const summarizeChartTool = defineTool({
  name: 'summarize_chart',
  title: 'Summarize chart',
  description:
    'A bounded summary of one client you may see: the most recent sessions (1–20 notes), active diagnoses, the active treatment plan’s goals, the PHQ-9/GAD-7 course and open risks (pending risk flags, a positive or skipped PHQ-9 item 9, risk content in the recent notes). Every statement cites the note, assessment, diagnosis, plan or flag it comes from, with its date; `notFound` says what was looked for and not found. Psychotherapy notes are never read; substance-use program records need a Part 2 consent. Changes nothing.',
  permission: 'note:read',
  effect: 'read',
  input: z.object({
    clientId: RecordId.describe('client id, e.g. cli_…'),
    recentSessions: z.number().int().min(1).max(20).default(5).describe('how many recent notes to summarize, 1–20'),
    asOf: IsoDate.optional().describe('summarize the chart as it stood at the end of this day; default today'),
  }),
  output: z.object({
    clientId: RecordId,
    asOf: z.string(),
    recentSessions: z.array(CitedStatement),
    diagnoses: z.array(CitedStatement),
    activePlanGoals: z.array(CitedStatement),
    assessmentTrend: z.array(CitedStatement),
    openRisks: z.array(CitedStatement),
    notFound: z.array(z.string()),
    limited: z.boolean().describe('true when the chart held more notes than the read bound'),
    notice: z.string().optional(),
  }),
  async run(input, { scope, ehr, touch }) {
    const client = await scope.requireClient(input.clientId);
    touch(client.id);
    const until = nowFor(input.asOf);
    const chart = await readChart(ehr, client, until);
    const summary = summarizeChart(chart, { recentSessions: input.recentSessions });
    const all = [
      ...summary.recentSessions,
      ...summary.diagnoses,
      ...summary.activePlanGoals,
      ...summary.assessmentTrend,
      ...summary.openRisks,
    ];
    touch(...new Set(all.flatMap((s) => s.cites.map((c) => c.id))));
    return {
      clientId: client.id,
      asOf: until.slice(0, 10),
      ...summary,
      limited: chart.limited,
      ...(client.part2 ? { notice: PART2_NOTICE } : {}),
    };
  },
});
