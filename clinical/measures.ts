/**
 * PHQ-9 and GAD-7 totals and severity bands (Kroenke 2001; Spitzer 2006; bands as in
 * data/reference/assessments.json). Pure: no I/O.
 */
export type MeasureInstrument = 'PHQ-9' | 'GAD-7';

export const ITEM_COUNT: Record<MeasureInstrument, number> = { 'PHQ-9': 9, 'GAD-7': 7 };

const BANDS: Record<MeasureInstrument, ReadonlyArray<readonly [max: number, label: string]>> = {
  'PHQ-9': [
    [4, 'minimal'],
    [9, 'mild'],
    [14, 'moderate'],
    [19, 'moderately severe'],
    [27, 'severe'],
  ],
  'GAD-7': [
    [4, 'minimal'],
    [9, 'mild'],
    [14, 'moderate'],
    [21, 'severe'],
  ],
};

export function severityOf(instrument: MeasureInstrument, total: number): string {
  for (const [max, label] of BANDS[instrument]) if (total <= max) return label;
  throw new RangeError(`${instrument} total ${total} is out of range`);
}

/** Sum of answered items; throws on a response outside 0–3 or a wrong item count. */
export function totalOf(instrument: MeasureInstrument, responses: ReadonlyArray<number | null>): number {
  if (responses.length !== ITEM_COUNT[instrument]) {
    throw new RangeError(`${instrument} has ${ITEM_COUNT[instrument]} items, got ${responses.length}`);
  }
  let total = 0;
  for (const r of responses) {
    if (r === null) continue;
    if (!Number.isInteger(r) || r < 0 || r > 3) throw new RangeError(`item responses are 0–3, got ${r}`);
    total += r;
  }
  return total;
}
