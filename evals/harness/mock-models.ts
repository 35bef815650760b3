import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';

/**
 * Deliberately bad models for proving the evals can fail. Each is a scripted AI SDK mock behind the same interface
 * as the real providers, so a suite runs it through exactly the code path a real model takes.
 */

const usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};
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
const userText = (call: LanguageModelV4CallOptions) =>
  JSON.stringify(call.prompt.filter((m) => m.role === 'user').map((m) => m.content));
const afterTools = (call: LanguageModelV4CallOptions) => call.prompt.at(-1)?.role === 'tool';

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
      if (afterTools(call) || !id) return streamOf(textParts(INVENTED_CHART_ANSWER(id)));
      return streamOf([
        { type: 'tool-call', toolCallId: 'h1', toolName: 'get_client', input: JSON.stringify({ clientId: id }) },
      ]);
    },
  });
}
