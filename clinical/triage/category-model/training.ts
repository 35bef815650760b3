import { ROUTINE_CATEGORIES } from '../category-rules.ts';
import { RISK_LEXICON } from '../risk-rules.ts';
import { DEFAULT_TRAINING, type TrainOptions, trainLogistic } from '../screen-model/logistic.ts';
import { prepare } from '../text.ts';
import { CATEGORY_SHAPE, type CategoryModel, categoryFeatures, type RuleView, ruleMarkers } from './model.ts';

/**
 * From labelled messages to the committed category model. `rulesOf` is the rules' own decision for a message (the
 * classifier without this model), so the model is trained on exactly what it will read. Pure and deterministic.
 */
export interface LabelledCategories {
  id: string;
  text: string;
  categories: readonly string[];
}

/** Chosen by leave-one-author-out runs over the blind sets (evals/triage/README.md). */
export const CATEGORY_THRESHOLD = 0.4;
const WEIGHT_PRECISION = 1e4;

export function buildCategoryModel(
  rows: readonly LabelledCategories[],
  sources: string[],
  rulesOf: (text: string) => RuleView,
  options: TrainOptions = DEFAULT_TRAINING,
): CategoryModel {
  const examples = rows.map((r) => {
    const p = prepare(r.text, RISK_LEXICON);
    return {
      x: categoryFeatures(
        p.tokens.map((t) => t.norm),
        ruleMarkers(p, rulesOf(r.text)),
      ),
      categories: r.categories,
    };
  });
  const weights = {} as CategoryModel['weights'];
  for (const category of ROUTINE_CATEGORIES) {
    const w = trainLogistic(
      examples.map((e) => ({ x: e.x, y: e.categories.includes(category) ? 1 : 0 })),
      options,
    );
    weights[category] = Array.from(
      w.subarray(0, CATEGORY_SHAPE.dims),
      (v) => Math.round(v * WEIGHT_PRECISION) / WEIGHT_PRECISION + 0,
    );
  }
  return { version: 1, threshold: CATEGORY_THRESHOLD, trainedOn: { messages: rows.length, sources }, weights };
}
