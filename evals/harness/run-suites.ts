import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { openEvalEnv } from './env.ts';
import { buildReport } from './report.ts';
import type { Suite, SuiteReport, Thresholds } from './types.ts';

export const THRESHOLDS_PATH = join(import.meta.dirname, '..', 'thresholds.json');
export const loadThresholds = (path = THRESHOLDS_PATH): Thresholds =>
  JSON.parse(readFileSync(path, 'utf8')) as Thresholds;

/** Runs the suites one after another on one in-memory demo database; the reports carry the threshold misses. */
export async function runSuites(
  suites: Suite[],
  model: { model: LanguageModelV4; label: string },
  options: { thresholds?: Thresholds; onProgress?: (suite: string, done: number, total: number) => void } = {},
): Promise<SuiteReport[]> {
  const thresholds = options.thresholds ?? loadThresholds();
  const env = await openEvalEnv();
  try {
    const reports: SuiteReport[] = [];
    for (const suite of suites) {
      const results = await suite.run({
        env,
        model: model.model,
        onProgress: (done, total) => options.onProgress?.(suite.name, done, total),
      });
      reports.push(buildReport(suite, model.label, results, thresholds));
    }
    return reports;
  } finally {
    await env.close();
  }
}
