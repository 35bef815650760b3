import { ROUTINE_CATEGORIES, type RoutineCategory } from '../category-rules.ts';
import { type FeatureShape, type FeatureVector, featuresOf } from '../screen-model/features.ts';
import { probability } from '../screen-model/logistic.ts';
import { bySentence, type Prepared } from '../text.ts';

/**
 * The learned category model: one logistic regression per routine category, stacked on the rules. It reads the
 * message's folded words together with what the category rules decided (as marker words), so it learns both the
 * wording the rules lack and when a rule's match is a passing mention ("my appointment" in a message that asks
 * for nothing about it). It never touches urgent_risk: risk is the rules' and the screen's alone.
 */
export { ROUTINE_CATEGORIES };

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
  const markers = [...rules.categories.map((c) => `__rule_${c}`), /[?¿]/.test(p.text) ? '__question' : '__statement'];
  for (const sentence of bySentence(p.tokens)) {
    const start = sentence[0]?.start ?? 0;
    const end = sentence.at(-1)?.end ?? 0;
    // "¿" opens a Spanish question just before its first word; "?" closes one just after its last.
    if (/[?¿]/.test(p.text.slice(Math.max(0, start - 1), end + 3)))
      for (const t of sentence) markers.push(`__q_${t.norm}`);
  }
  return markers;
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
    const markers = ruleMarkers(p, rules);
    const x = categoryFeatures(
      p.tokens.map((t) => t.norm),
      markers,
    );
    const hits: CategoryHit[] = [];
    for (const { category, w } of tables) {
      const score = probability(w, x);
      if (score < model.threshold) continue;
      let best = { score: -1, start: 0, end: p.text.length };
      for (const sentence of bySentence(p.tokens)) {
        const s = probability(
          w,
          categoryFeatures(
            sentence.map((t) => t.norm),
            markers,
          ),
        );
        if (s > best.score)
          best = { score: s, start: sentence[0]?.start ?? 0, end: sentence.at(-1)?.end ?? p.text.length };
      }
      hits.push({ category, score, start: best.start, end: best.end });
    }
    return hits;
  };
}
