import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { type EvalEnv, openEvalEnv } from './env.ts';
import { buildReport } from './report.ts';
import type { Suite, SuiteReport, Thresholds } from './types.ts';
import { isLanguageModel } from './types.ts';

export const THRESHOLDS_PATH = join(import.meta.dirname, '..', 'thresholds.json');
export const loadThresholds = (path = THRESHOLDS_PATH): Thresholds =>
  JSON.parse(readFileSync(path, 'utf8')) as Thresholds;

export interface RunOptions {
  thresholds?: Thresholds;
  onProgress?: (suite: string, done: number, total: number) => void;
  /** Called as each suite finishes, with its wall time. */
  onSuiteDone?: (report: SuiteReport, ms: number) => void;
  /** The environment, before it closes: its refs are what an exporter must keep out of what it sends. */
  onEnv?: (env: EvalEnv) => void;
}

/** Runs the suites one after another on one in-memory demo database; the reports carry the threshold misses. */
export async function runSuites(
  suites: Suite[],
  model: { model: LanguageModelV4; label: string },
  options: RunOptions = {},
): Promise<SuiteReport[]> {
  const thresholds = options.thresholds ?? loadThresholds();
  const env = await openEvalEnv();
  options.onEnv?.(env);
  try {
    const reports: SuiteReport[] = [];
    for (const suite of suites) {
      const started = performance.now();
      const results = await suite.run({
        env,
        model: model.model,
        onProgress: (done, total) => options.onProgress?.(suite.name, done, total),
      });
      const report = buildReport(suite, model.label, results, thresholds, isLanguageModel(model.model));
      reports.push(report);
      options.onSuiteDone?.(report, performance.now() - started);
    }
    return reports;
  } finally {
    await env.close();
  }
}
