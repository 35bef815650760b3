import { INSTRUMENTS, type Instrument } from '../assessments/instruments.ts';
import { assessmentTrend } from '../assessments/trend.ts';
import type { Triage } from './classify.ts';

/**
 * Which risk flags a client's record calls for, combining the three signals issue 7 names: PHQ-9 item 9, a
 * worsening trend, and risk in portal messages. Each flag names the record it rests on (so storing it twice is a
 * no-op), its evidence in codes and numbers, and what a clinician should do. Pure.
 */
export interface ScoredAdministration {
  id: string;
  instrument: Instrument;
  administeredAt: string;
  total: number;
  itemResponses: ReadonlyArray<number | null>;
}

export interface DerivedFlag {
  kind: 'phq9_item9' | 'phq9_item9_unknown' | 'worsening_trend' | 'message_risk';
  sourceId: string;
  urgency: 'emergency' | 'urgent' | 'routine';
  evidence: Array<{
    sourceType: 'assessment' | 'message';
    sourceId: string;
    detail: string;
    start?: number;
    end?: number;
  }>;
  recommendedAction: string;
}

export function deriveRiskFlags(input: {
  administrations: readonly ScoredAdministration[];
  messages: ReadonlyArray<{ id: string; triage: Triage }>;
}): DerivedFlag[] {
  const flags: DerivedFlag[] = [];
  const byTime = [...input.administrations].sort((a, b) => a.administeredAt.localeCompare(b.administeredAt));
  const phq9 = byTime.filter((a) => a.instrument === 'PHQ-9');
  const latestPhq9 = phq9.at(-1);
  if (latestPhq9) {
    const item9 = latestPhq9.itemResponses[8] ?? null;
    if (item9 === null || item9 > 0) {
      flags.push({
        kind: item9 === null ? 'phq9_item9_unknown' : 'phq9_item9',
        sourceId: latestPhq9.id,
        urgency: 'urgent',
        evidence: [
          {
            sourceType: 'assessment',
            sourceId: latestPhq9.id,
            detail: item9 === null ? 'PHQ-9 item 9 skipped' : `PHQ-9 item 9 answered ${item9} of 3`,
          },
        ],
        recommendedAction:
          'Same-day suicide and self-harm risk review by a clinician (structured risk assessment), whatever the total; record who reviewed and when.',
      });
    }
  }
  for (const instrument of Object.keys(INSTRUMENTS) as Instrument[]) {
    const series = byTime.filter((a) => a.instrument === instrument);
    const latest = series.at(-1);
    const previous = series.at(-2);
    if (!latest || !previous) continue;
    const fromBaseline = assessmentTrend(instrument, series);
    const fromPrevious = assessmentTrend(instrument, [previous, latest]);
    if (!fromBaseline.reliableDeterioration && !fromPrevious.reliableDeterioration) continue;
    const rise = fromPrevious.reliableDeterioration ? fromPrevious : fromBaseline;
    const severe = (rise.latest?.band ?? '').includes('severe');
    flags.push({
      kind: 'worsening_trend',
      sourceId: latest.id,
      urgency: severe ? 'urgent' : 'routine',
      evidence: [
        {
          sourceType: 'assessment',
          sourceId: latest.id,
          detail: `${instrument} rose ${rise.latest?.changeFromBaseline ?? 0} points (${rise.baseline?.total} → ${latest.total}, ${rise.latest?.band}); reliable change is ${INSTRUMENTS[instrument].reliableChange}`,
        },
      ],
      recommendedAction: `Review the ${instrument} worsening with the client at the next contact${severe ? ', this week' : ''}, and revisit the treatment plan.`,
    });
  }
  for (const { id, triage } of input.messages) {
    if (!triage.escalate || !triage.categories.includes('urgent_risk')) continue;
    flags.push({
      kind: 'message_risk',
      sourceId: id,
      urgency: triage.urgency,
      evidence: triage.reasons
        .filter((r) => !r.code.startsWith('category:'))
        .map((r) => ({ sourceType: 'message' as const, sourceId: id, detail: r.code, start: r.start, end: r.end })),
      recommendedAction:
        triage.urgency === 'emergency'
          ? 'Contact the client now (or the on-call clinician does); if they cannot be reached and danger is imminent, follow the practice emergency protocol (911).'
          : 'Clinician contacts the client today to assess risk; the reply draft carries 988 and 911.',
    });
  }
  return flags;
}
