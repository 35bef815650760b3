import { bandOf, INSTRUMENTS, type Instrument } from './instruments.ts';

export interface Administration {
  id: string;
  administeredAt: string;
  total: number;
}

export interface TrendPoint extends Administration {
  band: string;
  changeFromBaseline: number;
  /** Change from baseline divided by the baseline (negative = improvement); null when the baseline is 0. */
  percentChange: number | null;
}

export interface Trend {
  instrument: Instrument;
  points: TrendPoint[];
  baseline: TrendPoint | null;
  latest: TrendPoint | null;
  /** Latest minus baseline reaches the instrument's reliable-change threshold (PHQ-9 5, GAD-7 4). */
  reliableImprovement: boolean;
  reliableDeterioration: boolean;
  /** ≥ 50% reduction from baseline. `responseEligible` is the measures' baseline > 9 condition. */
  response: boolean;
  responseEligible: boolean;
  remission: boolean;
  direction: 'improving' | 'worsening' | 'stable' | 'insufficient_data';
  thresholds: { reliableChange: number; response: number; remissionBelow: number };
  citations: readonly string[];
}

/**
 * The course of one instrument for one client: baseline is the earliest administration, latest the newest. Pure;
 * input order does not matter.
 */
export function assessmentTrend(instrument: Instrument, series: readonly Administration[]): Trend {
  const spec = INSTRUMENTS[instrument];
  for (const a of series) {
    if (!Number.isInteger(a.total) || a.total < spec.range[0] || a.total > spec.range[1]) {
      throw new RangeError(`${instrument} total ${a.total} (${a.id}) is outside ${spec.range.join('–')}`);
    }
  }
  const sorted = [...series].sort((a, b) => a.administeredAt.localeCompare(b.administeredAt));
  const base = sorted[0];
  const points: TrendPoint[] = sorted.map((a) => ({
    ...a,
    band: bandOf(instrument, a.total).label,
    changeFromBaseline: base ? a.total - base.total : 0,
    percentChange: base && base.total > 0 ? (a.total - base.total) / base.total : null,
  }));
  const baseline = points[0] ?? null;
  const latest = points.at(-1) ?? null;
  const change = latest?.changeFromBaseline ?? 0;
  const enough = points.length >= 2 && baseline !== null && latest !== null;
  const reliableImprovement = enough && -change >= spec.reliableChange;
  const reliableDeterioration = enough && change >= spec.reliableChange;
  const response = enough && baseline.total > 0 && baseline.total - latest.total >= spec.response * baseline.total;
  return {
    instrument,
    points,
    baseline,
    latest,
    reliableImprovement,
    reliableDeterioration,
    response,
    responseEligible: baseline !== null && baseline.total > 9,
    remission: enough && latest.total < spec.remissionBelow,
    direction: !enough
      ? 'insufficient_data'
      : reliableImprovement
        ? 'improving'
        : reliableDeterioration
          ? 'worsening'
          : 'stable',
    thresholds: { reliableChange: spec.reliableChange, response: spec.response, remissionBelow: spec.remissionBelow },
    citations: spec.citations,
  };
}
