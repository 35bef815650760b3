import { ROUTINE_CATEGORIES, type RoutineCategory } from '../category-rules.ts';
import { type FeatureShape, type FeatureVector, featuresOf } from '../screen-model/features.ts';
import { probability } from '../screen-model/logistic.ts';
import { bySentence, type Prepared, type Token } from '../text.ts';

/**
 * The learned category model: one logistic regression per routine category, stacked on the rules. It reads the
 * message's folded words together with what the category rules decided (as marker words), so it learns both the
 * wording the rules lack and when a rule's match is a passing mention ("my appointment" in a message that asks
 * for nothing about it). It never touches urgent_risk: risk is the rules' and the screen's alone.
 */

export interface CategoryModel {
  version: 1;
  /** A category applies when its probability reaches this. */
  threshold: number;
  trainedOn: { messages: number; sources: string[] };
  /** Per category, the dense weights over CATEGORY_SHAPE.dims hashed features, rounded. */
  weights: Record<RoutineCategory, number[]>;
}

/** What the rules decided about a message, which the model reads beside its words. */
export interface RuleView {
  categories: readonly string[];
}

/**
 * The marker words the model reads beside the message's own: the rules' categories, whether the message asks
 * anything, and each word of a question sentence again as a question word ("is it normal" asked is a clinical
 * question; "it is normal now" told is not). Never words a message can hold: they start with "__".
 */
export function ruleMarkers(p: Prepared, rules: RuleView): string[] {
  return [...baseMarkers(p, rules), ...bySentence(p.tokens).flatMap((sentence) => questionWords(p, sentence))];
}

function baseMarkers(p: Prepared, rules: RuleView): string[] {
  return [...rules.categories.map((c) => `__rule_${c}`), /[?¿]/.test(p.text) ? '__question' : '__statement'];
}

/** A sentence's words again as question words, when it is a question. */
function questionWords(p: Prepared, sentence: readonly Token[]): string[] {
  const start = sentence[0]?.start ?? 0;
  const end = sentence.at(-1)?.end ?? 0;
  // "¿" opens a Spanish question just before its first word; "?" closes one just after its last.
  return /[?¿]/.test(p.text.slice(Math.max(0, start - 1), end + 3)) ? sentence.map((t) => `__q_${t.norm}`) : [];
}

/**
 * 2^14 hashed dimensions with character grams: as accurate as the screen's 2^18 in leave-one-author-out runs
 * (0.756 against 0.758), at a sixteenth of the size, so six dense tables ship as a few hundred kilobytes.
 */
export const CATEGORY_SHAPE: FeatureShape = { dims: 1 << 14, charGrams: true };

export function categoryFeatures(words: readonly string[], markers: readonly string[]): FeatureVector {
  return featuresOf([...words, ...markers], CATEGORY_SHAPE);
}

export interface CategoryHit {
  category: RoutineCategory;
  score: number;
  /** The sentence that scored highest for the category, quoted as its reason. */
  start: number;
  end: number;
}

export type Categorizer = (p: Prepared, rules: RuleView) => CategoryHit[];

export function loadCategoryModel(model: CategoryModel): Categorizer {
  const tables = ROUTINE_CATEGORIES.map((category) => {
    const w = Float64Array.from(model.weights[category]);
    if (w.length !== CATEGORY_SHAPE.dims)
      throw new RangeError(`the ${category} weights are not ${CATEGORY_SHAPE.dims} long`);
    return { category, w };
  });
  return (p, rules) => {
    const x = categoryFeatures(
      p.tokens.map((t) => t.norm),
      ruleMarkers(p, rules),
    );
    const scored = tables.map((t) => ({ ...t, score: probability(t.w, x) })).filter((t) => t.score >= model.threshold);
    if (scored.length === 0) return [];
    // Each sentence is read with the message's own markers and its own question words only: reading every question
    // word of a long message with every sentence would make a 20,000-character message cost seconds.
    const base = baseMarkers(p, rules);
    const sentences = bySentence(p.tokens).map((sentence) => ({
      x: categoryFeatures(
        sentence.map((t) => t.norm),
        [...base, ...questionWords(p, sentence)],
      ),
      start: sentence[0]?.start ?? 0,
      end: sentence.at(-1)?.end ?? p.text.length,
    }));
    return scored.map(({ category, w, score }) => {
      let best = { score: -1, start: 0, end: p.text.length };
      for (const sentence of sentences) {
        const s = probability(w, sentence.x);
        if (s > best.score) best = { score: s, start: sentence.start, end: sentence.end };
      }
      return { category, score, start: best.start, end: best.end };
    });
  };
}
