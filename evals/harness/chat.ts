import type { LanguageModelV4 } from '@ai-sdk/provider';
import { stepCountIs, streamText } from 'ai';
import { sanitizingTransform } from '../../agent/sanitize.ts';
import { systemPromptFor } from '../../agent/system-prompt.ts';
import { chatTools } from '../../agent/tools.ts';
import type { Principal } from '../../policies/principal.ts';
import { EVAL_TODAY, type EvalEnv } from './env.ts';

/** Hosts a chat answer may link to in the evals, as in a default deployment. */
export const EVAL_LINK_HOSTS = ['988lifeline.org', 'charta.example'];

export interface ToolCallRecord {
  toolName: string;
  input: Record<string, unknown>;
  /** Whether the pipeline allowed it (its result is not a refusal). */
  allowed: boolean;
  errorCode?: string;
  output: unknown;
}
export interface ChatTurn {
  calls: ToolCallRecord[];
  /** The answer as the person sees it: after the output sanitizer. */
  text: string;
}

/**
 * One chat turn through the same pieces POST /api/chat uses: the role's system prompt, the registry tools through
 * the pipeline, the step limit and the exfiltration sanitizer on the streamed text.
 */
export async function chatTurn(
  env: EvalEnv,
  model: LanguageModelV4,
  principal: Principal,
  message: string,
  maxSteps = 6,
): Promise<ChatTurn> {
  const result = streamText({
    model,
    system: systemPromptFor(principal.role, EVAL_TODAY),
    messages: [{ role: 'user', content: message }],
    tools: chatTools(env.pipeline, principal),
    stopWhen: stepCountIs(maxSteps),
    experimental_transform: sanitizingTransform(EVAL_LINK_HOSTS) as never,
    abortSignal: AbortSignal.timeout(120_000),
  });
  const text = await result.text;
  const steps = await result.steps;
  const calls: ToolCallRecord[] = [];
  for (const step of steps) {
    for (const call of step.toolCalls) {
      const res = step.toolResults.find((r) => r.toolCallId === call.toolCallId);
      const output = res?.output as { error?: { code?: string } } | undefined;
      const errorCode = res === undefined ? 'no_result' : output?.error?.code;
      calls.push({
        toolName: call.toolName,
        input: (call.input ?? {}) as Record<string, unknown>,
        allowed: res !== undefined && errorCode === undefined,
        ...(errorCode ? { errorCode } : {}),
        output: res?.output,
      });
    }
  }
  return { calls, text };
}
