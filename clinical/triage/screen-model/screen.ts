import { bySentence, type Prepared, type Token } from '../text.ts';
import { FEATURE_DIMS, featuresOf } from './features.ts';
import { probability } from './logistic.ts';
import type { ScreenModel } from './training.ts';
import committed from './weights.json' with { type: 'json' };

/**
 * The learned risk screen: a logistic regression over the folded words of the message, trained on the labelled
 * development sets (evals/triage/train-screen.ts), that catches risk worded in ways no frame describes. It can only
 * add an escalation beside the rules, never remove one, and its reason quotes the sentence that scored highest.
 */
export interface ScreenHit {
  score: number;
  threshold: number;
  start: number;
  end: number;
}

/**
 * `masked` are spans the rules already judged (negated, in the past, about someone else): the screen reads the
 * rest of the message, without those spans' clauses, so it cannot overrule a discount the clinician is shown with
 * its reason.
 */
export type Screen = (p: Prepared, masked?: ReadonlyArray<{ start: number; end: number }>) => ScreenHit | null;

/** The tokens the screen reads: all but the clauses holding a masked span. */
export function readableTokens(p: Prepared, masked: ReadonlyArray<{ start: number; end: number }>): Token[] {
  // The whole clause goes: "no quiero morir" leaves no "no" behind to be read as anything.
  const clauses = new Set(
    p.tokens.filter((t) => masked.some((m) => t.start < m.end && t.end > m.start)).map((t) => t.clause),
  );
  return p.tokens.filter((t) => !clauses.has(t.clause));
}

/**
 * A text this short carries little evidence, and the feature norm's floor pulls its score toward the middle: "hi"
 * and "no" scored near 0.5, above a threshold chosen on ordinary messages. Below this many readable words the
 * screen asks the model to lean toward risk (0.5, the balanced point) as well as to pass the threshold. Chosen by
 * the same cross-validation: in 9,088 labelled messages it costs no held-out risk message and stops 8 of 9 short
 * false alarms.
 */
export const SHORT_TEXT = { words: 6, minScore: 0.5 } as const;

/**
 * A reply made only of these says nothing to screen: "no", "ok gracias", "hi". Folded forms. Not "bye": a bare
 * goodbye is a parting word, and the screen must still read it.
 */
const PLEASANTRIES: ReadonlySet<string> = new Set(
  'hi hello hey hola buenas buenos dias ok okay okey k yes yeah yep no nope si sip thanks thank you thx ty gracias muchas perfect perfecto great genial sure claro vale dale'.split(
    ' ',
  ),
);

/** Whether a score on these readable words escalates, at `threshold`. */
export function escalates(score: number, words: readonly string[], threshold: number): boolean {
  if (words.every((w) => PLEASANTRIES.has(w))) return false;
  return score >= threshold && (words.length >= SHORT_TEXT.words || score >= SHORT_TEXT.minScore);
}

export function loadScreen(model: ScreenModel): Screen {
  const weights = new Float64Array(FEATURE_DIMS);
  for (const [i, v] of model.weights) weights[i] = v;
  return (p, masked = []) => {
    const tokens = readableTokens(p, masked);
    if (tokens.length === 0) return null;
    const words = tokens.map((t) => t.norm);
    const score = probability(weights, featuresOf(words));
    if (!escalates(score, words, model.threshold)) return null;
    let best = { score: -1, start: 0, end: p.text.length };
    for (const sentence of bySentence(tokens)) {
      const s = probability(weights, featuresOf(sentence.map((t) => t.norm)));
      if (s > best.score)
        best = { score: s, start: sentence[0]?.start ?? 0, end: sentence.at(-1)?.end ?? p.text.length };
    }
    return { score, threshold: model.threshold, start: best.start, end: best.end };
  };
}

/** Where the committed model lives; evals/triage/train-screen.ts writes it. */
export const WEIGHTS_FILE = new URL('./weights.json', import.meta.url);

// Imported as a module, not read from disk: clinical/ does no I/O, and the weights ship with the code.
export const screenModel = loadScreen(committed as unknown as ScreenModel);
