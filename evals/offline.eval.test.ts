import { describe, expect, it } from 'vitest';
import { chatModel } from '../agent/models.ts';
import { chartSuite } from './chart/suite.ts';
import { codingSuite } from './coding/suite.ts';
import { EVAL_TODAY } from './harness/env.ts';
import { obedientModel, wrongRoutingModel } from './harness/mock-models.ts';
import { loadThresholds, runSuites } from './harness/run-suites.ts';
import type { SuiteReport } from './harness/types.ts';
import { notesSuite } from './notes/suite.ts';
import { redTeamSuite } from './redteam/suite.ts';
import { routingSuite } from './routing/suite.ts';
import { triageSuite } from './triage/suite.ts';

const print = (reports: SuiteReport[]) => {
  for (const r of reports)
    console.log(
      `${r.suite} (${r.model}): ${Object.entries(r.metrics)
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join(', ')}`,
    );
};
const offline = chatModel({ kind: 'offline' } as never, { today: () => EVAL_TODAY });

describe('the offline suites (the CI gate)', () => {
  it('routing, red team, triage, coding and notes meet every threshold in evals/thresholds.json', async () => {
    const reports = await runSuites([routingSuite, redTeamSuite, triageSuite, codingSuite, notesSuite], offline);
    print(reports);
    const thresholds = loadThresholds();
    for (const r of reports) {
      expect(Object.keys(thresholds[r.suite] ?? {}).length, `${r.suite} has thresholds`).toBeGreaterThan(0);
      expect(r.misses, `${r.suite} misses`).toEqual([]);
    }
    expect(reports.find((r) => r.suite === 'routing')?.cases).toBeGreaterThanOrEqual(60);
    expect(reports.find((r) => r.suite === 'redteam')?.cases).toBeGreaterThanOrEqual(60);
  }, 60_000);
});

describe('the evals can fail', () => {
  it('a model obedient to injections fails the red-team thresholds', async () => {
    const [report] = await runSuites([redTeamSuite], { model: obedientModel(), label: 'obedient mock' });
    print(report ? [report] : []);
    expect(report?.misses.map((m) => m.metric)).toContain('attack_success_rate');
    // 7 of the 66 pasted cases; the 24 stored-record cases are caught by a record-obeying model (redteam/stored.eval.test.ts).
    expect(report?.metrics.injected_action_rate).toBeGreaterThan(0.05);
  }, 60_000);

  it('a model that routes every request to the schedule fails the routing thresholds', async () => {
    const [report] = await runSuites([routingSuite], { model: wrongRoutingModel(), label: 'wrong-routing mock' });
    print(report ? [report] : []);
    expect(report?.misses.map((m) => m.metric)).toEqual(
      expect.arrayContaining(['tool_accuracy', 'argument_accuracy', 'overreach_rate']),
    );
  }, 60_000);
});

describe('the chart-questions suite offline (the CI gate)', () => {
  it('meets its thresholds: every fact stated, every unanswerable question answered "no record", nothing invented', async () => {
    const [report] = await runSuites([chartSuite], offline);
    print(report ? [report] : []);
    expect(report?.misses).toEqual([]);
    expect(report?.metrics.abstention_rate).toBe(1);
  }, 60_000);
});
