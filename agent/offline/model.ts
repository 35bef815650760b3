import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { answerFrom } from './answer.ts';
import { chartAnswer, chartQuestionOf } from './chart-answers.ts';
import { EXAMPLES, nameIn, type Plan, planFor, splitRequest } from './intents.ts';

export const OFFLINE_LABEL = 'offline rule-based assistant';

const USAGE: LanguageModelV4Usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
} as LanguageModelV4Usage;

interface Turn {
  text: string;
  results: { toolName: string; value: unknown }[];
}

/** The last user message and the tool results that came after it in this turn. */
function currentTurn(prompt: LanguageModelV4Prompt): Turn {
  let lastUser = -1;
  prompt.forEach((m, i) => {
    if (m.role === 'user') lastUser = i;
  });
  const user = prompt[lastUser];
  const text =
    user?.role === 'user'
      ? user.content
          .filter((p) => p.type === 'text')
          .map((p) => p.text)
          .join('\n')
      : '';
  const results: Turn['results'] = [];
  for (const m of prompt.slice(lastUser + 1)) {
    if (m.role !== 'tool') continue;
    for (const part of m.content) {
      if (part.type !== 'tool-result') continue;
      const o = part.output;
      const value =
        o.type === 'json' || o.type === 'error-json'
          ? o.value
          : o.type === 'text' || o.type === 'error-text'
            ? { error: { code: 'tool_error', message: o.value } }
            : null;
      results.push({ toolName: part.toolName, value });
    }
  }
  return { text, results };
}

type Step = { toolCall: { toolName: string; input: Record<string, unknown> } } | { text: string };

function stepFor(turn: Turn, tools: ReadonlySet<string>, today: string): Step {
  const plan = planFor(turn.text, tools, { today });
  if (plan.kind === 'unknown') {
    return {
      text: `${plan.reason} I can help with requests such as: ${EXAMPLES.map((e) => `“${e}”`).join(', ')}.`,
    };
  }
  const last = turn.results.at(-1);
  if (!last) return firstCall(plan);
  if (plan.kind === 'resolve_client' && last.toolName === 'search_clients' && turn.results.length === 1) {
    const items = (last.value as { items?: { id: string; name: string }[] } | null)?.items;
    if (!items) return { text: answerFrom(last.toolName, last.value) };
    if (items.length === 0)
      return { text: `I found no client matching “${plan.query}” among the clients you may see.` };
    if (items.length > 1) {
      const list = items.map((c) => `- ${c.name} [${c.id}]`).join('\n');
      return { text: `More than one client matches “${plan.query}”; which one did you mean?\n${list}` };
    }
    const next = plan.withClient((items[0] as { id: string }).id);
    return next.kind === 'call' ? firstCall(next) : { text: 'I could not continue with that client.' };
  }
  const { request } = splitRequest(turn.text);
  const chart = chartAnswer(last.toolName, last.value, chartQuestionOf(request, nameIn(request)));
  return { text: chart ?? answerFrom(last.toolName, last.value) };
}

function firstCall(plan: Plan): Step {
  if (plan.kind === 'resolve_client') return { toolCall: { toolName: 'search_clients', input: { query: plan.query } } };
  if (plan.kind === 'call') return { toolCall: { toolName: plan.tool, input: plan.args } };
  return { text: plan.reason };
}

export interface OfflineModelOptions {
  /** The practice's "today" (YYYY-MM-DD) for requests such as "my appointments today". */
  today?: () => string;
}

/**
 * A deterministic, rule-based model behind the AI SDK's language-model interface, so the chat agent runs the same
 * code path with or without an LLM. It routes a request to one of the tools it was offered, answers only from tool
 * results, cites record ids, and says plainly when it does not understand. It is never presented as an LLM: its
 * model id and every answer say what it is.
 */
export function createOfflineModel(options: OfflineModelOptions = {}): LanguageModelV4 {
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  let counter = 0;

  function generate(call: LanguageModelV4CallOptions): LanguageModelV4GenerateResult {
    const tools = new Set((call.tools ?? []).filter((t) => t.type === 'function').map((t) => t.name));
    const step = stepFor(currentTurn(call.prompt), tools, today());
    let content: LanguageModelV4Content[];
    if ('toolCall' in step) {
      counter++;
      content = [
        {
          type: 'tool-call',
          toolCallId: `offline-${counter}`,
          toolName: step.toolCall.toolName,
          input: JSON.stringify(step.toolCall.input),
        },
      ];
    } else {
      content = [{ type: 'text', text: `${step.text}\n\n— ${OFFLINE_LABEL}` }];
    }
    return {
      content,
      finishReason: { unified: 'toolCall' in step ? 'tool-calls' : 'stop', raw: undefined },
      usage: USAGE,
      warnings: [],
    } as LanguageModelV4GenerateResult;
  }

  return {
    specificationVersion: 'v4',
    provider: 'charta-offline',
    modelId: OFFLINE_LABEL,
    supportedUrls: {},
    async doGenerate(call) {
      return generate(call);
    },
    async doStream(call) {
      const result = generate(call);
      const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
      for (const c of result.content) {
        if (c.type === 'text') {
          parts.push({ type: 'text-start', id: 't0' }, { type: 'text-delta', id: 't0', delta: c.text });
          parts.push({ type: 'text-end', id: 't0' });
        } else if (c.type === 'tool-call') {
          parts.push(c);
        }
      }
      parts.push({ type: 'finish', usage: result.usage, finishReason: result.finishReason });
      return {
        stream: new ReadableStream({
          start(controller) {
            for (const p of parts) controller.enqueue(p);
            controller.close();
          },
        }),
      };
    },
  };
}
