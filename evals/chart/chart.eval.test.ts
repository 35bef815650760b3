import { describe, expect, it } from 'vitest';
import { hallucinatingChartModel } from '../harness/mock-models.ts';
import { runSuites } from '../harness/run-suites.ts';
import { CHART_CASES, chartSuite, scoreChartAnswer } from './suite.ts';

describe('the chart-questions data', () => {
  it('has at least 60 questions, at least 15 of them unanswerable from the chart', () => {
    expect(CHART_CASES.length).toBeGreaterThanOrEqual(60);
    expect(CHART_CASES.filter((c) => !c.answerable).length).toBeGreaterThanOrEqual(15);
    expect(new Set(CHART_CASES.map((c) => c.id)).size).toBe(CHART_CASES.length);
  });
});

describe('scoring one chart answer', () => {
  const unanswerable = CHART_CASES.find((c) => c.ask === 'topic');
  const dob = CHART_CASES.find((c) => c.ask === 'dob');
  if (!unanswerable || !dob) throw new Error('fixture cases missing');

  it('counts "no record" with no value as an abstention, and an invented value beside it as fabricated', () => {
    const clean = scoreChartAnswer(unanswerable, 'q', [], 'There is no record of “a1c” in the chart.', [{}]);
    expect(clean.pass).toBe(true);
    const mixed = scoreChartAnswer(unanswerable, 'q', [], 'There is no record of it; the last A1c was 6.1.', [{}]);
    expect(mixed.pass).toBe(false);
    expect(mixed.scores.fabricated).toBe(1);
  });

  it('accepts a date of birth written in words, when the tool result holds it', () => {
    const fact = { kind: 'date' as const, value: '2002-04-12' };
    const result = { client: { id: 'cli_abcdefgh12', dateOfBirth: '2002-04-12' } };
    const r = scoreChartAnswer(dob, 'q', [fact], 'Born April 12, 2002 [cli_abcdefgh12].', [result]);
    expect(r.pass).toBe(true);
    expect(scoreChartAnswer(dob, 'q', [fact], 'Born April 12, 2002.', [result]).scores.fabricated).toBe(1);
  });
});

describe('the chart suite can fail', () => {
  it('a model that invents values and never abstains misses the recall, abstention and fabrication thresholds', async () => {
    const [report] = await runSuites([chartSuite], { model: hallucinatingChartModel(), label: 'hallucinating mock' });
    console.log(`chart (hallucinating mock): ${JSON.stringify(report?.metrics)}`);
    expect(report?.misses.map((m) => m.metric)).toEqual(
      expect.arrayContaining(['answer_fact_recall', 'abstention_rate', 'uncited_or_fabricated_rate']),
    );
    expect(report?.metrics.abstention_rate).toBe(0);
  }, 60_000);
});
