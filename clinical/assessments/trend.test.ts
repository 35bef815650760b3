import { describe, expect, it } from 'vitest';
import { assessmentTrend } from './trend.ts';

const series = (...totals: number[]) =>
  totals.map((total, i) => ({ id: `asm_${i}`, administeredAt: `2026-0${i + 1}-01T10:00:00Z`, total }));

describe('assessmentTrend', () => {
  it('measures change from the earliest administration, whatever the input order', () => {
    const trend = assessmentTrend('PHQ-9', series(18, 12, 9).reverse());
    expect(trend.baseline?.total).toBe(18);
    expect(trend.latest?.total).toBe(9);
    expect(trend.points.map((p) => p.changeFromBaseline)).toEqual([0, -6, -9]);
    expect(trend.points[2]?.percentChange).toBeCloseTo(-0.5);
  });

  it('calls a PHQ-9 drop of exactly 5 points reliable improvement (Löwe 2004) and 4 points not', () => {
    expect(assessmentTrend('PHQ-9', series(15, 10)).reliableImprovement).toBe(true);
    expect(assessmentTrend('PHQ-9', series(15, 11)).reliableImprovement).toBe(false);
    expect(assessmentTrend('PHQ-9', series(15, 11)).direction).toBe('stable');
  });

  it('calls a rise of 5 points reliable deterioration', () => {
    const trend = assessmentTrend('PHQ-9', series(8, 13));
    expect(trend.reliableDeterioration).toBe(true);
    expect(trend.direction).toBe('worsening');
    expect(assessmentTrend('PHQ-9', series(8, 12)).reliableDeterioration).toBe(false);
  });

  it('uses 4 points for the GAD-7 (Toussaint 2020)', () => {
    expect(assessmentTrend('GAD-7', series(12, 8)).reliableImprovement).toBe(true);
    expect(assessmentTrend('GAD-7', series(12, 9)).reliableImprovement).toBe(false);
  });

  it('counts response at exactly a 50% reduction and not below it', () => {
    expect(assessmentTrend('PHQ-9', series(20, 10)).response).toBe(true);
    expect(assessmentTrend('PHQ-9', series(20, 11)).response).toBe(false);
    expect(assessmentTrend('PHQ-9', series(15, 7)).response).toBe(true);
    expect(assessmentTrend('PHQ-9', series(15, 8)).response).toBe(false);
  });

  it('marks response eligibility by the measures’ baseline above 9', () => {
    expect(assessmentTrend('PHQ-9', series(10, 3)).responseEligible).toBe(true);
    expect(assessmentTrend('PHQ-9', series(9, 3)).responseEligible).toBe(false);
  });

  it('counts remission below 5 and not at 5', () => {
    expect(assessmentTrend('PHQ-9', series(16, 4)).remission).toBe(true);
    expect(assessmentTrend('PHQ-9', series(16, 5)).remission).toBe(false);
  });

  it('says there is not enough data for one administration, and none for an empty series', () => {
    const one = assessmentTrend('PHQ-9', series(12));
    expect(one.direction).toBe('insufficient_data');
    expect(one.remission).toBe(false);
    const none = assessmentTrend('GAD-7', []);
    expect(none.baseline).toBeNull();
    expect(none.points).toEqual([]);
  });

  it('never divides by a zero baseline', () => {
    const trend = assessmentTrend('PHQ-9', series(0, 6));
    expect(trend.points[1]?.percentChange).toBeNull();
    expect(trend.response).toBe(false);
    expect(trend.reliableDeterioration).toBe(true);
  });

  it('refuses totals outside the instrument range', () => {
    expect(() => assessmentTrend('GAD-7', series(5, 22))).toThrow(/outside 0–21/);
  });
});
