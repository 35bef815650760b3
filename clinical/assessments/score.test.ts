import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INSTRUMENTS, type Instrument } from './instruments.ts';
import { ScoringError, scoreAssessment } from './score.ts';

/** Item responses that sum to `total` (filled from the first item, 3 at a time). */
function itemsFor(instrument: Instrument, total: number, item9 = 0): number[] {
  const n = INSTRUMENTS[instrument].items;
  const items = new Array<number>(n).fill(0);
  let left = total;
  if (instrument === 'PHQ-9') {
    items[8] = item9;
    left -= item9;
  }
  for (let i = 0; i < n && left > 0; i++) {
    if (instrument === 'PHQ-9' && i === 8) continue;
    const v = Math.min(3, left);
    items[i] = v;
    left -= v;
  }
  return items;
}

// Every band edge, from Kroenke 2001 (PHQ-9) and Spitzer 2006 (GAD-7).
const EDGES: Array<[Instrument, number, string]> = [
  ['PHQ-9', 0, 'minimal'],
  ['PHQ-9', 4, 'minimal'],
  ['PHQ-9', 5, 'mild'],
  ['PHQ-9', 9, 'mild'],
  ['PHQ-9', 10, 'moderate'],
  ['PHQ-9', 14, 'moderate'],
  ['PHQ-9', 15, 'moderately severe'],
  ['PHQ-9', 19, 'moderately severe'],
  ['PHQ-9', 20, 'severe'],
  ['PHQ-9', 24, 'severe'],
  ['GAD-7', 0, 'minimal'],
  ['GAD-7', 4, 'minimal'],
  ['GAD-7', 5, 'mild'],
  ['GAD-7', 9, 'mild'],
  ['GAD-7', 10, 'moderate'],
  ['GAD-7', 14, 'moderate'],
  ['GAD-7', 15, 'severe'],
  ['GAD-7', 21, 'severe'],
];

describe('scoreAssessment', () => {
  for (const [instrument, total, label] of EDGES) {
    it(`puts a ${instrument} total of ${total} in the ${label} band`, () => {
      const score = scoreAssessment(instrument, itemsFor(instrument, total));
      expect(score.total).toBe(total);
      expect(score.band.label).toBe(label);
      expect(score.prorated).toBe(false);
    });
  }

  it('scores the PHQ-9 maximum of 27 as severe with item 9 positive', () => {
    const score = scoreAssessment('PHQ-9', new Array(9).fill(3));
    expect(score.total).toBe(27);
    expect(score.band.label).toBe('severe');
    expect(score.sameDayRiskReview).toBe(true);
  });

  it('asks for a same-day risk review when PHQ-9 item 9 is above 0, even with a minimal total', () => {
    const score = scoreAssessment('PHQ-9', itemsFor('PHQ-9', 1, 1));
    expect(score.band.label).toBe('minimal');
    expect(score.item9).toBe('positive');
    expect(score.sameDayRiskReview).toBe(true);
    expect(score.actions[0]).toMatch(/same day|today/);
  });

  it('does not ask for one when item 9 is 0', () => {
    const score = scoreAssessment('PHQ-9', itemsFor('PHQ-9', 22, 0));
    expect(score.item9).toBe('negative');
    expect(score.sameDayRiskReview).toBe(false);
  });

  it('treats a skipped item 9 as unknown risk, never as 0', () => {
    const items: Array<number | null> = itemsFor('PHQ-9', 6);
    items[8] = null;
    const score = scoreAssessment('PHQ-9', items);
    expect(score.item9).toBe('unknown');
    expect(score.sameDayRiskReview).toBe(true);
  });

  it('prorates one or two skipped items and says so', () => {
    const score = scoreAssessment('GAD-7', [2, 2, 2, null, 2, 2, 2]);
    expect(score.prorated).toBe(true);
    expect(score.total).toBe(14);
    expect(score.missingItems).toEqual([4]);
    expect(scoreAssessment('PHQ-9', [1, 1, null, 1, 1, null, 1, 1, 0]).total).toBe(8);
  });

  it('refuses more than two skipped items, naming them', () => {
    expect(() => scoreAssessment('GAD-7', [null, 1, null, 1, null, 1, 1])).toThrow(
      /cannot be scored with 3 items skipped \(items 1, 3, 5\)/,
    );
  });

  it('refuses out-of-range and non-integer responses, naming the item', () => {
    expect(() => scoreAssessment('PHQ-9', [0, 0, 4, 0, 0, 0, 0, 0, 0])).toThrow(/item 3 must be 0, 1, 2 or 3.*got 4/);
    expect(() => scoreAssessment('GAD-7', [0, -1, 0, 0, 0, 0, 0])).toThrow(ScoringError);
    expect(() => scoreAssessment('GAD-7', [0, 1.5, 0, 0, 0, 0, 0])).toThrow(/item 2/);
    expect(() => scoreAssessment('GAD-7', [0, Number.NaN, 0, 0, 0, 0, 0])).toThrow(/item 2/);
  });

  it('refuses the wrong number of items', () => {
    expect(() => scoreAssessment('PHQ-9', [0, 0, 0, 0, 0, 0, 0])).toThrow(/PHQ-9 has 9 items; got 7/);
    expect(() => scoreAssessment('GAD-7', new Array(9).fill(0))).toThrow(/GAD-7 has 7 items; got 9/);
  });

  it('cites its sources', () => {
    expect(scoreAssessment('PHQ-9', itemsFor('PHQ-9', 3)).citations.join(' ')).toMatch(/Kroenke.*2001/);
    expect(scoreAssessment('GAD-7', itemsFor('GAD-7', 3)).citations.join(' ')).toMatch(/Spitzer.*2006/);
  });
});

describe('instrument constants', () => {
  it('match the reference data in data/reference/assessments.json', () => {
    const reference = JSON.parse(
      readFileSync(new URL('../../data/reference/assessments.json', import.meta.url), 'utf8'),
    ) as { instruments: Array<{ id: string; items?: unknown[]; scoring?: { range: number[]; bands: unknown[] } }> };
    for (const [id, name] of [
      ['phq9', 'PHQ-9'],
      ['gad7', 'GAD-7'],
    ] as const) {
      const ref = reference.instruments.find((i) => i.id === id);
      expect(ref?.items).toHaveLength(INSTRUMENTS[name].items);
      expect(ref?.scoring?.range).toEqual([...INSTRUMENTS[name].range]);
      expect(ref?.scoring?.bands).toEqual(INSTRUMENTS[name].bands);
    }
  });
});
