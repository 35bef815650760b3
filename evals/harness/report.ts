import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { html } from './report-html.ts';
import type { CaseResult, Suite, SuiteReport, Thresholds } from './types.ts';

/**
 * Compares a suite's metrics with its thresholds; a metric named in the thresholds but not measured is a miss. Bars
 * marked `withModel` apply only to a run with a real language model.
 */
export function checkThresholds(
  suite: string,
  metrics: Record<string, number>,
  thresholds: Thresholds,
  withModel = false,
) {
  const misses: SuiteReport['misses'] = [];
  for (const [metric, t] of Object.entries(thresholds[suite] ?? {})) {
    if (t.withModel && !withModel) continue;
    const value = metrics[metric];
    if (value === undefined || (t.min !== undefined && value < t.min) || (t.max !== undefined && value > t.max))
      misses.push({ metric, value: value ?? Number.NaN, threshold: t });
  }
  return misses;
}

export function buildReport(
  suite: Suite,
  model: string,
  results: CaseResult[],
  thresholds: Thresholds,
  withModel = false,
): SuiteReport {
  const metrics = suite.metrics(results);
  return {
    suite: suite.name,
    model,
    cases: results.length,
    metrics,
    misses: checkThresholds(suite.name, metrics, thresholds, withModel),
    failures: results.filter((r) => !r.pass),
    results,
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 400);
const bound = (t: { min?: number; max?: number }) =>
  [t.min !== undefined ? `≥ ${t.min}` : '', t.max !== undefined ? `≤ ${t.max}` : ''].filter(Boolean).join(', ');

export function markdown(reports: SuiteReport[], thresholds: Thresholds, started: string): string {
  const lines = [`# Eval report`, '', `Run ${started}, model: ${reports[0]?.model ?? '—'}`, ''];
  lines.push('| suite | metric | value | threshold | |', '|---|---|---|---|---|');
  for (const r of reports)
    for (const [metric, value] of Object.entries(r.metrics)) {
      const t = thresholds[r.suite]?.[metric];
      const missed = r.misses.some((m) => m.metric === metric);
      lines.push(
        `| ${r.suite} | ${metric} | ${value.toFixed(3)} | ${t ? bound(t) : '—'} | ${missed ? 'MISSED' : ''} |`,
      );
    }
  for (const r of reports) {
    lines.push('', `## ${r.suite}: ${r.cases - r.failures.length}/${r.cases} cases pass`, '');
    if (r.failures.length === 0) continue;
    lines.push('| case | expected | got |', '|---|---|---|');
    for (const f of r.failures) lines.push(`| ${f.id} | ${cell(f.expected)} | ${cell(f.got)} |`);
  }
  return `${lines.join('\n')}\n`;
}

export async function writeReports(dir: string, reports: SuiteReport[], thresholds: Thresholds, started: string) {
  await mkdir(dir, { recursive: true });
  for (const r of reports) await writeFile(join(dir, `${r.suite}.json`), `${JSON.stringify(r, null, 2)}\n`);
  await writeFile(join(dir, 'report.md'), markdown(reports, thresholds, started));
  await writeFile(join(dir, 'report.html'), html(reports, thresholds, started));
}
