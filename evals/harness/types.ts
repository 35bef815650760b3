import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { EvalEnv } from './env.ts';

export interface CaseResult {
  id: string;
  pass: boolean;
  /** What the case expected and what came back, for the side-by-side report. */
  expected: string;
  got: string;
  /** Per-case numbers the suite's metrics are computed from. */
  scores: Record<string, number>;
}

export interface SuiteContext {
  env: EvalEnv;
  model: LanguageModelV4;
  onProgress?: (done: number, total: number) => void;
}

export interface Suite {
  name: string;
  description: string;
  /** Whether the suite needs the chat model (the others measure deterministic engines). */
  usesModel: boolean;
  run(ctx: SuiteContext): Promise<CaseResult[]>;
  metrics(results: CaseResult[]): Record<string, number>;
}

/**
 * A bar on one metric. `withModel`: the metric is measured only when the run has a real language model (the offline
 * rule engine never produces it), so only such a run is held to it; on that run an absent value is still a miss.
 */
export type Threshold = { min?: number; max?: number; withModel?: boolean };
export type Thresholds = Record<string, Record<string, Threshold>>;

export interface SuiteReport {
  suite: string;
  model: string;
  cases: number;
  metrics: Record<string, number>;
  misses: { metric: string; value: number; threshold: Threshold }[];
  failures: CaseResult[];
  results: CaseResult[];
}

/** Runs cases one after another, reporting progress. */
export async function eachCase<T>(
  items: T[],
  ctx: SuiteContext,
  run: (item: T) => Promise<CaseResult>,
): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const item of items) {
    out.push(await run(item));
    ctx.onProgress?.(out.length, items.length);
  }
  return out;
}

export const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** The offline assistant is a deterministic rule engine: only a real language model judges, drafts or meets withModel bars. */
export const isLanguageModel = (model: LanguageModelV4): boolean => model.provider !== 'charta-offline';
