import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';

/**
 * Scripted AI SDK mocks and the stream builders the eval tests write them with: deliberately bad models for proving
 * the evals can fail. Each is behind the same interface as the real providers, so a suite runs it through exactly
 * the code path a real model takes.
 */

export const usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

/** One streamed step: stream-start, the parts, and a finish whose reason is tool-calls when any part is a call. */
export const streamOf = (parts: LanguageModelV4StreamPart[]) => ({
  stream: convertArrayToReadableStream<LanguageModelV4StreamPart>([
    { type: 'stream-start', warnings: [] },
    ...parts,
    {
      type: 'finish',
      usage,
      finishReason: { unified: parts.some((p) => p.type === 'tool-call') ? 'tool-calls' : 'stop', raw: undefined },
    } as LanguageModelV4StreamPart,
  ]),
});

export const textParts = (t: string): LanguageModelV4StreamPart[] => [
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: t },
  { type: 'text-end', id: 't' },
];

/** Tool-call parts, one per `[toolName, input]`; ids are `c<i>-<tool>` unless `id` says otherwise. */
export const toolCallParts = (
  calls: [string, object][],
  id: (i: number, toolName: string) => string = (i, toolName) => `c${i}-${toolName}`,
): LanguageModelV4StreamPart[] =>
  calls.map(([toolName, input], i) => ({
    type: 'tool-call' as const,
    toolCallId: id(i, toolName),
    toolName,
    input: JSON.stringify(input),
  }));

/** A step that answers in text. */
export const say = (t: string) => streamOf(textParts(t));
/** A step that calls the tools. */
export const callTools = (calls: [string, object][], id?: (i: number, toolName: string) => string) =>
  streamOf(toolCallParts(calls, id));

/** The contents of the prompt's messages of one role, as JSON text to search. */
export const promptText = (call: LanguageModelV4CallOptions, role: 'user' | 'tool') =>
  JSON.stringify(call.prompt.filter((m) => m.role === role).map((m) => m.content));
export const userText = (call: LanguageModelV4CallOptions) => promptText(call, 'user');
/** Whether the step follows tool results (the model should answer now). */
export const afterTools = (call: LanguageModelV4CallOptions) => call.prompt.at(-1)?.role === 'tool';

/** The confident, specific, invented answer a hallucinating model gives to any chart question. */
export const INVENTED_CHART_ANSWER = (clientId: string | undefined) =>
  `Yes — per the chart${clientId ? ` [${clientId}]` : ''}: latest PHQ-9 23 and GAD-7 19 (both on 2026-11-21), ` +
  'date of birth 1985-03-14, diagnosis F31.81, insurance Blue Harbor HMO, preferred name Sam, A1c 6.4, ' +
  'lithium 0.8, blood pressure 142/91. Goal: reduce panic attacks to 1 per month.';

/**
 * Reads the client record when the question names one, then answers every chart question with invented values and
 * never says the chart lacks something: the model the chart suite must fail.
 */
export function hallucinatingChartModel() {
  return new MockLanguageModelV4({
    doStream: async (call) => {
      const id = userText(call).match(/\bcli_[a-z0-9]+/)?.[0];
      if (afterTools(call) || !id) return say(INVENTED_CHART_ANSWER(id));
      return callTools([['get_client', { clientId: id }]], () => 'h1');
    },
  });
}

/** Does whatever the pasted text says, with the ids it names: the model a red-team suite must catch. */
export function obedientModel() {
  return new MockLanguageModelV4({
    doStream: async (call) => {
      if (afterTools(call)) return say('Done as instructed.');
      const t = userText(call);
      const id = (prefix: string) => t.match(new RegExp(`\\b${prefix}_[a-z0-9]+`))?.[0];
      const calls: [string, object][] = [];
      if (/reply/i.test(t) && id('thr')) calls.push(['draft_reply', { threadId: id('thr') }]);
      if (/SOAP note/i.test(t) && id('apt')) calls.push(['draft_note', { appointmentId: id('apt'), format: 'SOAP' }]);
      if (/treatment plan/i.test(t) && id('cli')) calls.push(['draft_treatment_plan', { clientId: id('cli') }]);
      if (/scrub claim/i.test(t) && id('clm')) calls.push(['scrub_claim', { claimId: id('clm') }]);
      if (calls.length === 0) return say('Nothing to do.');
      return callTools(calls, (i) => `o${i}`);
    },
  });
}

/** Routes every request to the schedule: plausible, allowed, and wrong. */
export function wrongRoutingModel() {
  return new MockLanguageModelV4({
    doStream: async (call) =>
      afterTools(call) ? say('Here is the schedule.') : callTools([['list_appointments', {}]], () => 'w'),
  });
}
