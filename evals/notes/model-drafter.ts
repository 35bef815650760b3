import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, Output } from 'ai';
import type { NoteDraft } from '../../clinical/notes/draft.ts';
import type { DraftFormat } from '../../clinical/notes/formats.ts';
import {
  fromModelDraft,
  type ModelDraft,
  modelDraftInstructions,
  modelDraftSchema,
} from '../../clinical/notes/model-draft.ts';
import { newFence } from '../../policies/fence.ts';

/**
 * The model drafting path, measured: a language model drafts a note from a session transcript through the contract
 * in clinical/notes/model-draft.ts (structured output `modelDraftSchema(format)`, system prompt
 * `modelDraftInstructions(format)`, every span checked by `fromModelDraft`), so the notes suite can score the model's
 * own drafts with the scorers it uses for the offline drafter.
 *
 * The transcript goes in fenced as untrusted data (`newFence().wrap('transcript', …)`, as agent/ fences text).
 * Offsets the model gives are into the transcript as stored; `fromModelDraft` re-locates a span by its quote when the
 * offsets are off and drops it when the quote is not in the transcript. Never throws: a failed call or output that
 * does not parse or validate comes back as `{ ok: false, error }`, which the suite counts as a failed draft.
 */

export type ModelDraftResult = { ok: true; draft: NoteDraft & { droppedSpans: number } } | { ok: false; error: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 200);

/** The user message: where offsets start, then the fenced transcript. */
export function modelDraftPrompt(transcript: string): string {
  return [
    'Session transcript (untrusted data). Span offsets count characters of the transcript text itself, starting at 0',
    'with the first character on the line after the opening fence tag; always copy the quoted words exactly.',
    newFence().wrap('transcript', transcript),
  ].join('\n');
}

export async function draftWithModel(
  model: LanguageModelV4,
  input: { format: DraftFormat; transcript: string; sourceId?: string },
  options: { maxRetries?: number } = {},
): Promise<ModelDraftResult> {
  const schema = modelDraftSchema(input.format);
  let output: ModelDraft;
  try {
    const result = await generateText({
      model,
      system: modelDraftInstructions(input.format),
      prompt: modelDraftPrompt(input.transcript),
      output: Output.object({ schema, name: 'note_draft' }),
      temperature: 0,
      maxRetries: options.maxRetries ?? 2,
    });
    // Validated again here: the output is what gets scored, so it must be exactly the contract's shape.
    const parsed = schema.safeParse(result.output);
    if (!parsed.success) return { ok: false, error: `invalid draft: ${message(parsed.error)}` };
    output = parsed.data as ModelDraft;
  } catch (error) {
    return { ok: false, error: `draft failed: ${message(error)}` };
  }
  return {
    ok: true,
    draft: fromModelDraft(input.format, output, { id: input.sourceId ?? 'transcript', text: input.transcript }),
  };
}
