import { type Band, bandOf, INSTRUMENTS, type Instrument } from './instruments.ts';

/** A scoring refusal the caller can show as it is: which item, and what was wrong. */
export class ScoringError extends Error {
  override name = 'ScoringError';
}

export interface Score {
  instrument: Instrument;
  total: number;
  /** True when one or two items were skipped and the total was prorated (sum × items ÷ answered, rounded). */
  prorated: boolean;
  answered: number;
  missingItems: number[];
  band: Band;
  /** PHQ-9 item 9: 'positive' (≥ 1) and 'unknown' (skipped) both need a clinician's same-day risk review. */
  item9: 'positive' | 'negative' | 'unknown' | null;
  sameDayRiskReview: boolean;
  actions: string[];
  citations: readonly string[];
}

/** The most items that may be skipped and still give a total (a common convention, not the authors' rule). */
export const MAX_MISSING = 2;

/**
 * Scores one administration. Item responses are 0–3 or null (skipped). Refuses a wrong item count, a response
 * outside 0–3 or not an integer, and more than two skipped items, each with a message naming the item. Pure.
 */
export function scoreAssessment(instrument: Instrument, items: ReadonlyArray<number | null>): Score {
  const spec = INSTRUMENTS[instrument];
  if (items.length !== spec.items) {
    throw new ScoringError(`${instrument} has ${spec.items} items; got ${items.length}.`);
  }
  const missingItems: number[] = [];
  let sum = 0;
  items.forEach((value, i) => {
    if (value === null) {
      missingItems.push(i + 1);
      return;
    }
    if (!Number.isInteger(value) || value < 0 || value > 3) {
      throw new ScoringError(`${instrument} item ${i + 1} must be 0, 1, 2 or 3 (or null when skipped); got ${value}.`);
    }
    sum += value;
  });
  const answered = spec.items - missingItems.length;
  if (missingItems.length > MAX_MISSING) {
    throw new ScoringError(
      `${instrument} cannot be scored with ${missingItems.length} items skipped (items ${missingItems.join(', ')}); at most ${MAX_MISSING} may be missing.`,
    );
  }
  const prorated = missingItems.length > 0;
  const total = prorated ? Math.round((sum * spec.items) / answered) : sum;
  const item9 = instrument === 'PHQ-9' ? item9Status(items[8] ?? null) : null;
  const sameDayRiskReview = item9 === 'positive' || item9 === 'unknown';
  const actions: string[] = [];
  if (item9 === 'positive') {
    actions.push('PHQ-9 item 9 endorsed: a clinician reviews suicide and self-harm risk today, whatever the total.');
  }
  if (item9 === 'unknown') {
    actions.push('PHQ-9 item 9 skipped: treat as unknown risk; a clinician asks directly today (never scored as 0).');
  }
  return {
    instrument,
    total,
    prorated,
    answered,
    missingItems,
    band: bandOf(instrument, total),
    item9,
    sameDayRiskReview,
    actions,
    citations: spec.citations,
  };
}

function item9Status(value: number | null): 'positive' | 'negative' | 'unknown' {
  if (value === null) return 'unknown';
  return value > 0 ? 'positive' : 'negative';
}
