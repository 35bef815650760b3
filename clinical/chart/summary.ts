import { assessmentTrend } from '../assessments/trend.ts';
import { riskMentions, riskStatements } from './risk.ts';
import {
  type ChartAssessment,
  type ChartDiagnosis,
  type ChartNote,
  type ChartPlan,
  type ChartRiskFlag,
  cite,
  day,
  noteCite,
  type Statement,
  sentencesOf,
} from './sources.ts';

export interface ChartInput {
  /** Progress and intake notes, any order. */
  notes: readonly ChartNote[];
  diagnoses: readonly ChartDiagnosis[];
  assessments: readonly ChartAssessment[];
  plans: readonly ChartPlan[];
  riskFlags: readonly ChartRiskFlag[];
}

export interface ChartSummary {
  recentSessions: Statement[];
  diagnoses: Statement[];
  activePlanGoals: Statement[];
  assessmentTrend: Statement[];
  openRisks: Statement[];
  /** What was looked for and not found: a summary says so rather than leaving a reader to assume. */
  notFound: string[];
}

const PLAN_SECTIONS = ['plan'];

/**
 * A bounded chart summary: the `recentSessions` newest notes, active diagnoses, the active plan's goals, each
 * instrument's course and open risks. Every statement is built from one record's fields and cites it. Pure.
 */
export function summarizeChart(input: ChartInput, options: { recentSessions: number }): ChartSummary {
  const notFound: string[] = [];
  const notes = [...input.notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const recent = notes.slice(0, options.recentSessions);

  const recentSessions = recent.map((note) => {
    const plan = PLAN_SECTIONS.map((k) => note.sections[k] ?? '').find((t) => t.trim() !== '');
    const next = plan ? sentencesOf(plan)[0] : undefined;
    const c = noteCite(note);
    return {
      text:
        `${c.date}: ${note.kind} note (${note.format}, ${note.status}).` +
        (next ? ` Plan: ${next}` : ' No plan section.'),
      cites: [c],
    };
  });
  if (recentSessions.length === 0) notFound.push('No progress or intake notes in the chart.');

  const active = input.diagnoses.filter((d) => d.status === 'active').sort((a, b) => a.rank - b.rank);
  const diagnoses = active.map((d) => ({
    text: `${d.code} ${d.description} (rank ${d.rank}${d.onsetOn ? `, onset ${d.onsetOn}` : ''}).`,
    cites: [cite('diagnosis', d.id, d.onsetOn)],
  }));
  if (diagnoses.length === 0) notFound.push('No active diagnoses recorded.');

  const plan = input.plans.find((p) => p.status === 'active');
  const activePlanGoals: Statement[] = [];
  if (plan) {
    const c = cite('treatment_plan', plan.id, plan.effectiveOn ?? day(plan.createdAt));
    for (const problem of plan.problems) {
      for (const goal of problem.goals) {
        const objectives = goal.objectives
          .map(
            (o) =>
              `${o.description} (${o.status.replaceAll('_', ' ')}${o.targetDate ? `, target ${o.targetDate}` : ''})`,
          )
          .join('; ');
        activePlanGoals.push({
          text: `Goal ${goal.id}${problem.icd10 ? ` for ${problem.icd10}` : ''}: ${goal.description}${objectives ? ` Objectives: ${objectives}.` : ''}`,
          cites: [c],
        });
      }
    }
    if (plan.reviewDueOn) activePlanGoals.push({ text: `Plan review due ${plan.reviewDueOn}.`, cites: [c] });
  } else {
    notFound.push('No active treatment plan.');
  }

  const trend: Statement[] = [];
  for (const instrument of ['PHQ-9', 'GAD-7'] as const) {
    const series = input.assessments.filter((a) => a.instrument === instrument);
    if (series.length === 0) {
      notFound.push(`No ${instrument} administrations.`);
      continue;
    }
    const t = assessmentTrend(instrument, series);
    const byId = new Map(series.map((a) => [a.id, a]));
    const { baseline, latest } = t;
    if (!baseline || !latest) continue;
    const at = (id: string) => cite('assessment', id, day(byId.get(id)?.administeredAt ?? ''));
    if (baseline.id === latest.id) {
      trend.push({
        text: `${instrument}: one administration, total ${latest.total} (${latest.band}) on ${day(latest.administeredAt)}.`,
        cites: [at(latest.id)],
      });
      continue;
    }
    const reliable = t.reliableImprovement
      ? ' Reliable improvement.'
      : t.reliableDeterioration
        ? ' Reliable deterioration.'
        : '';
    trend.push({
      text:
        `${instrument}: ${t.points.length} administrations; baseline ${baseline.total} (${baseline.band}) on ` +
        `${day(baseline.administeredAt)}, latest ${latest.total} (${latest.band}) on ${day(latest.administeredAt)}, ` +
        `change ${latest.changeFromBaseline > 0 ? '+' : ''}${latest.changeFromBaseline}, ${t.direction.replaceAll('_', ' ')}.${reliable}`,
      cites: [at(baseline.id), at(latest.id)],
    });
  }

  const openRisks: Statement[] = [];
  for (const flag of input.riskFlags.filter((f) => f.status === 'pending_review')) {
    openRisks.push({
      text: `Risk flag ${flag.kind.replaceAll('_', ' ')} (${flag.urgency}) awaiting review: ${flag.recommendedAction}`,
      cites: [cite('risk_flag', flag.id, day(flag.createdAt))],
    });
  }
  const latestPhq = [...input.assessments]
    .filter((a) => a.instrument === 'PHQ-9')
    .sort((a, b) => b.administeredAt.localeCompare(a.administeredAt))[0];
  const item9 = latestPhq?.itemResponses[8];
  if (latestPhq && item9 !== 0) {
    openRisks.push({
      text:
        item9 === null || item9 === undefined
          ? `Latest PHQ-9 (${day(latestPhq.administeredAt)}) left item 9 unanswered: risk unknown.`
          : `Latest PHQ-9 (${day(latestPhq.administeredAt)}) item 9 answered ${item9} (thoughts of death or self-harm).`,
      cites: [cite('assessment', latestPhq.id, day(latestPhq.administeredAt))],
    });
  }
  openRisks.push(...riskStatements(riskMentions(recent)));
  if (openRisks.length === 0) {
    notFound.push(
      `No open risk flags, no positive PHQ-9 item 9 and no risk content in the ${recent.length} most recent notes.`,
    );
  }

  return { recentSessions, diagnoses, activePlanGoals, assessmentTrend: trend, openRisks, notFound };
}
