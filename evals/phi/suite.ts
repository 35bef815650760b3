import { Writable } from 'node:stream';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { Hono } from 'hono';
import { type ChatTracing, createTracing } from '../../agent/tracing.ts';
import { chatRoute } from '../../server/chat-route.ts';
import { createLogger } from '../../server/logger.ts';
import { EVAL_LINK_HOSTS } from '../harness/chat.ts';
import { EVAL_CALLERS, EVAL_TODAY, fill } from '../harness/env.ts';
import { readJsonl } from '../harness/jsonl.ts';
import { type LangfuseReceiver, startLangfuseReceiver } from '../harness/langfuse-receiver.ts';
import { planter } from '../harness/plant.ts';
import { payloadText, recordingModel } from '../harness/record-model.ts';
import { type CaseResult, eachCase, mean, type Suite } from '../harness/types.ts';
import { CANARIES, type Canary, canariesIn, plantCanaries } from './canaries.ts';

export interface PhiCase {
  id: string;
  role: string;
  request: string;
  /** What the turn makes the agent read, for the report. */
  reads: string;
}

/**
 * A PHI setting to run every case under. `promisesMasking`: the setting says canaries of the promised kinds never
 * reach the model (PHI_MODE=pseudonymize); with `off` the model may see them, but traces and logs never may.
 */
export interface PhiMode {
  name: string;
  phiMode: 'off' | 'pseudonymize';
  promisesMasking: boolean;
}

export const PHI_CASES = readJsonl<PhiCase>(new URL('cases.jsonl', import.meta.url).pathname);
export const PHI_MODES: PhiMode[] = [
  { name: 'pseudonymize', phiMode: 'pseudonymize', promisesMasking: true },
  { name: 'off', phiMode: 'off', promisesMasking: false },
];

const kinds = (found: Canary[]) => [...new Set(found.map((c) => c.kind))].join(', ');

/** Everything a logger writes during the run, to search for canaries. */
function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger({ level: 'debug', destination: stream }) };
}

/**
 * One turn through POST /api/chat as the server mounts it (role prompt, tools over the pipeline, pseudonymizer,
 * sanitizer, tracing, logger), with the model recorded, spans exported to a local Langfuse receiver, logs captured.
 */
async function phiTurn(
  model: LanguageModelV4,
  mode: PhiMode,
  c: PhiCase,
  deps: { env: Parameters<Suite['run']>[0]['env']; tracing: ChatTracing; receiver: LangfuseReceiver },
) {
  const caller = EVAL_CALLERS[c.role];
  if (!caller) throw new Error(`PHI case ${c.id}: unknown role ${c.role}`);
  const recorded = recordingModel(model);
  const logs = captureLogs();
  const before = deps.receiver.requests.length;
  const app = new Hono().route(
    '/',
    chatRoute({
      pipeline: deps.env.pipeline,
      model: { model: recorded.model, label: 'eval' },
      authenticate: async () => ({ principal: caller, token: { value: 'eval' } }) as never,
      guard: { allowedHosts: ['127.0.0.1:8787'], allowedOrigins: ['http://127.0.0.1:8787'] },
      maxSteps: 6,
      linkHosts: EVAL_LINK_HOSTS,
      log: logs.log,
      today: () => EVAL_TODAY,
      tracing: deps.tracing,
      phiMode: mode.phiMode,
    }),
  );
  const res = await app.request('http://127.0.0.1:8787/api/chat', {
    method: 'POST',
    headers: { host: '127.0.0.1:8787', 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: c.request }] }] }),
  });
  const shown = await res.text();
  await deps.tracing.flush();
  const traces = deps.receiver.requests.slice(before).filter((r) => r.path.endsWith('/otel/v1/traces'));
  return { shown, payload: payloadText(recorded.calls), traces: traces.map((t) => t.body).join('\n'), logs };
}

/** The PHI-leak suite under the given settings (the default: pseudonymize and off) and cases. */
export function phiSuiteWith(modes: PhiMode[] = PHI_MODES, cases: PhiCase[] = PHI_CASES): Suite {
  return {
    name: 'phi',
    description: 'canaries planted in the record: in model payloads (where masking is promised), traces and logs',
    usesModel: true,
    async run(ctx) {
      const plant = planter(ctx.env.database);
      const receiver = await startLangfuseReceiver();
      const tracing = createTracing({
        publicKey: 'pk-eval',
        secretKey: 'sk-eval',
        baseUrl: receiver.baseUrl,
        exportMode: 'immediate',
      });
      try {
        const refs = { ...ctx.env.refs, ...(await plantCanaries(ctx.env, plant)) };
        const items = modes.flatMap((mode) => cases.map((c) => ({ mode, c: fill(c, refs) })));
        return await eachCase(items, ctx, async ({ mode, c }) => {
          const turn = await phiTurn(ctx.model, mode, c, { env: ctx.env, tracing, receiver });
          // A value the person typed reaches the model as typed (pseudonymize.ts's documented limit): not a leak
          // of the record. Traces and logs get no such allowance.
          const fromRecord = CANARIES.filter((k) => !c.request.includes(k.value));
          const reached = canariesIn(turn.shown).length > 0 || canariesIn(turn.payload).length > 0;
          const inPayload = canariesIn(turn.payload, fromRecord);
          const promisedLeak = mode.promisesMasking ? inPayload.filter((k) => k.promised) : [];
          const unpromised = mode.promisesMasking ? inPayload.filter((k) => !k.promised) : [];
          const inTrace = canariesIn(turn.traces);
          const inLogs = canariesIn(turn.logs.lines.join(''));
          const traced = turn.traces.length > 0;
          const pass = promisedLeak.length === 0 && inTrace.length === 0 && inLogs.length === 0 && traced;
          const got = [
            promisedLeak.length ? `model payload carried ${kinds(promisedLeak)}` : '',
            inTrace.length ? `trace carried ${kinds(inTrace)}` : '',
            inLogs.length ? `logs carried ${kinds(inLogs)}` : '',
            traced ? '' : 'no span was exported (cannot check the trace)',
            unpromised.length ? `(not promised, reached the model: ${kinds(unpromised)})` : '',
            reached ? '' : '(the turn read no canary)',
          ].filter(Boolean);
          return {
            id: `${c.id}/${mode.name}`,
            pass,
            expected: `[${c.role}, ${mode.name}] ${c.reads}: no canary in ${mode.promisesMasking ? 'model payload, ' : ''}trace or logs`,
            got: got.join('; ') || 'no canary leaked',
            scores: {
              ...(mode.promisesMasking ? { payload: promisedLeak.length > 0 ? 1 : 0 } : {}),
              ...(mode.promisesMasking ? { unpromised: unpromised.length > 0 ? 1 : 0 } : {}),
              trace: inTrace.length > 0 ? 1 : 0,
              logs: inLogs.length > 0 ? 1 : 0,
              reached: reached ? 1 : 0,
            },
          } satisfies CaseResult;
        });
      } finally {
        await tracing.shutdown();
        await receiver.close();
        await plant.remove();
      }
    },
    metrics: (results) => {
      const masked = results.filter((r) => r.scores.payload !== undefined);
      return {
        canary_in_model_payload_rate: mean(masked.map((r) => r.scores.payload ?? 0)),
        canary_in_trace_rate: mean(results.map((r) => r.scores.trace ?? 0)),
        canary_in_logs_rate: mean(results.map((r) => r.scores.logs ?? 0)),
        // Not promised by PHI_MODE=pseudonymize (SSN- and MRN-shaped values): reported, not gated.
        unpromised_identifier_in_payload_rate: mean(masked.map((r) => r.scores.unpromised ?? 0)),
        // Turns whose tools returned a canary at all: a case that reads none proves nothing.
        canary_reach_rate: mean(results.map((r) => r.scores.reached ?? 0)),
      };
    },
  };
}

export const phiSuite = phiSuiteWith();
