import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { trace } from '@opentelemetry/api';
import { wrapLanguageModel } from 'ai';
import { describe, expect, it } from 'vitest';
import { chatModel } from '../../agent/models.ts';
import { EVAL_TODAY } from '../harness/env.ts';
import { loadThresholds, runSuites } from '../harness/run-suites.ts';
import { PHI_CASES, phiSuite, phiSuiteWith } from './suite.ts';

const offline = chatModel({ kind: 'offline' } as never, { today: () => EVAL_TODAY });
const thresholds = loadThresholds();
const some = PHI_CASES.filter((c) => ['phi01', 'phi02', 'phi06'].includes(c.id));
const promptOf = (params: LanguageModelV4CallOptions) => JSON.stringify(params.prompt);

/** The offline assistant behind a wrapper that writes each raw prompt onto the active span, as a careless debug hook would. */
const echoIntoTrace = () =>
  wrapLanguageModel({
    model: offline.model,
    middleware: {
      specificationVersion: 'v4',
      wrapStream: async ({ doStream, params }) => {
        trace.getActiveSpan()?.setAttribute('debug.raw', promptOf(params));
        return doStream();
      },
    },
  });

/** A provider that fails with the prompt in its error, as some gateways echo a rejected request. */
const echoIntoError = () =>
  wrapLanguageModel({
    model: offline.model,
    middleware: {
      specificationVersion: 'v4',
      wrapStream: async ({ doStream, params }) => {
        if (params.prompt.at(-1)?.role === 'tool') throw new Error(`rejected request: ${promptOf(params)}`);
        return doStream();
      },
    },
  });

describe('the PHI-leak suite', () => {
  it('offline: no canary in traces or logs, payload leaks within the bar, and the turns do read the canaries', async () => {
    const [report] = await runSuites([phiSuite], offline);
    console.log(report?.metrics);
    expect(report?.misses).toEqual([]);
    expect(report?.cases).toBe(PHI_CASES.length * 2);
    expect(report?.metrics.canary_in_trace_rate).toBe(0);
    expect(report?.metrics.canary_in_logs_rate).toBe(0);
    expect(report?.metrics.canary_reach_rate).toBeGreaterThanOrEqual(0.5);
    expect(JSON.stringify(report?.results)).not.toContain('Vexmarrow');
  }, 60_000);

  it('fails when a model wrapper writes the raw prompt into the trace', async () => {
    const [report] = await runSuites([phiSuiteWith(undefined, some)], { model: echoIntoTrace(), label: 'echo' });
    expect(report?.metrics.canary_in_trace_rate).toBeGreaterThan(0);
    expect(report?.misses.map((m) => m.metric)).toContain('canary_in_trace_rate');
  }, 60_000);

  it('fails when a deployment promises pseudonymization but runs with it off', async () => {
    const claimsButOff = [{ name: 'claims-masking', phiMode: 'off' as const, promisesMasking: true }];
    const [report] = await runSuites([phiSuiteWith(claimsButOff, some)], offline);
    expect(report?.metrics.canary_in_model_payload_rate).toBe(1);
    expect(report?.misses.map((m) => m.metric)).toContain('canary_in_model_payload_rate');
  }, 60_000);

  it('fails when a provider error quoting the prompt reaches the server log', async () => {
    const [report] = await runSuites([phiSuiteWith(undefined, some)], { model: echoIntoError(), label: 'echo-error' });
    expect(report?.metrics.canary_in_logs_rate).toBeGreaterThan(0);
    expect(report?.misses.map((m) => m.metric)).toContain('canary_in_logs_rate');
  }, 60_000);

  it('has a threshold for every gated metric', () => {
    expect(Object.keys(thresholds.phi ?? {}).sort()).toEqual([
      'canary_in_logs_rate',
      'canary_in_model_payload_rate',
      'canary_in_trace_rate',
    ]);
  });
});
