import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';

/**
 * The model wrapped so every call's prompt (system prompt, the person's words, earlier answers, tool calls and tool
 * results, as the provider would get them) is kept in `calls`: the PHI suite searches them for canaries.
 */
export function recordingModel(model: LanguageModelV4): {
  model: LanguageModelV4;
  calls: LanguageModelV4CallOptions[];
} {
  const calls: LanguageModelV4CallOptions[] = [];
  return {
    calls,
    model: wrapLanguageModel({
      model,
      middleware: {
        specificationVersion: 'v4',
        wrapGenerate: async ({ doGenerate, params }) => {
          calls.push(params);
          return doGenerate();
        },
        wrapStream: async ({ doStream, params }) => {
          calls.push(params);
          return doStream();
        },
      },
    }),
  };
}

/** What the model was sent, as one string to search: the prompt messages and the tool definitions. */
export const payloadText = (calls: LanguageModelV4CallOptions[]) =>
  calls.map((c) => JSON.stringify({ prompt: c.prompt, tools: c.tools ?? [] })).join('\n');
