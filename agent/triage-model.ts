import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, Output } from 'ai';
import type { ModelOpinion } from '../clinical/triage/floor.ts';
import { ModelTriageAnswer, opinionFrom, TRIAGE_INSTRUCTIONS } from '../clinical/triage/model-opinion.ts';
import { newFence } from '../policies/fence.ts';
import type { ModelConfig } from './model-config.ts';
import { chatModel } from './models.ts';
import { createPseudonymizer } from './pseudonymize.ts';

/**
 * A configured language model's second reading of a portal message, for the triage queue. It can only add to the
 * deterministic engine (clinical/triage/floor.ts), so a model that is wrong, slow or manipulated by the message can
 * cost a false alarm, never a missed risk. The offline assistant has no triage reading: the rules are the floor.
 */
export type TriageModel = (message: string, context?: TriageModelContext) => Promise<ModelOpinion>;

export interface TriageModelContext {
  /** The sender's identifiers (name, phone, e-mail…), replaced in the message before it leaves with PHI_MODE=pseudonymize. */
  identifiers?: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface TriageModelOptions {
  phiMode: 'off' | 'pseudonymize';
  /** One message's budget, retries included. */
  timeoutMs?: number;
  maxRetries?: number;
}

export class TriageModelError extends Error {
  override name = 'TriageModelError';
}

/** The user turn: the message inside a fence with a fresh random tag, which its text cannot close or imitate. */
export function triagePrompt(message: string): string {
  return ['Portal message (untrusted data):', newFence().wrap('portal_message', message)].join('\n');
}

/**
 * The configured model's triage reading, or null with the offline model: the rules are its whole triage. One place
 * builds it for the worker, the operator's command and classify_message.
 */
export function configuredTriageModel(
  config: ModelConfig,
  options: Pick<TriageModelOptions, 'timeoutMs'> = {},
): TriageModel | null {
  if (config.kind === 'offline') return null;
  return createTriageModel(chatModel(config).model, { phiMode: config.phiMode, ...options });
}

export function createTriageModel(model: LanguageModelV4, options: TriageModelOptions): TriageModel {
  return async (message, context = {}) => {
    const pseudonymizer = options.phiMode === 'pseudonymize' ? createPseudonymizer() : undefined;
    if (pseudonymizer && context.identifiers) pseudonymizer.mask(context.identifiers);
    const sent = pseudonymizer ? pseudonymizer.maskText(message) : message;
    const signals = [AbortSignal.timeout(options.timeoutMs ?? 30_000), ...(context.signal ? [context.signal] : [])];
    let answer: ModelTriageAnswer;
    try {
      const result = await generateText({
        model,
        system: TRIAGE_INSTRUCTIONS,
        prompt: triagePrompt(sent),
        output: Output.object({ schema: ModelTriageAnswer, name: 'triage' }),
        temperature: 0,
        maxRetries: options.maxRetries ?? 2,
        abortSignal: AbortSignal.any(signals),
      });
      answer = ModelTriageAnswer.parse(result.output);
    } catch (e) {
      throw new TriageModelError(`the model gave no usable triage: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
    // Quotes come back with placeholders where the message had identifiers: put them back before finding them.
    const restored = pseudonymizer
      ? { ...answer, reasons: answer.reasons.map((r) => ({ ...r, quote: pseudonymizer.restore(r.quote) })) }
      : answer;
    return opinionFrom(message, restored);
  };
}
