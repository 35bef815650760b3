/**
 * Trains the learned category model on the labelled sets and writes clinical/triage/category-model/weights.json.
 *
 *   npm run train:triage-categories            write the weights
 *   npm run train:triage-categories -- --check exit 1 when the committed weights differ from a fresh training run
 *
 * It reads the rules' decision for each message (the classifier without the category model), so retrain whenever
 * the rules or the learned screen change. The untouched sets are never read here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATEGORY_WEIGHTS_FILE } from '../../clinical/triage/category-model/committed.ts';
import type { CategoryModel } from '../../clinical/triage/category-model/model.ts';
import { buildCategoryModel } from '../../clinical/triage/category-model/training.ts';
import { classifyMessage } from '../../clinical/triage/classify.ts';
import { inboxMessages } from '../../ehr/sql/seed/content/messages.ts';
import { readTriageSet, TRAINING_SETS } from './sets.ts';

export const CATEGORY_SOURCES = [
  ...TRAINING_SETS.map((n) => `evals/triage/${n}.jsonl`),
  'ehr/sql/seed/content/messages.ts',
];

export function trainCommittedCategories(): CategoryModel {
  const rows = [
    ...TRAINING_SETS.flatMap((name) => readTriageSet(name)),
    ...inboxMessages.map((m) => ({ id: m.key, text: m.body, categories: [...m.intents] })),
  ];
  return buildCategoryModel(rows, CATEGORY_SOURCES, (text) => classifyMessage(text, { categorize: null }));
}

/** One category's weights to a line, so a diff of a retraining stays readable. */
export function serialiseCategories(model: CategoryModel): string {
  const lines = Object.entries(model.weights).map(([c, w]) => `    ${JSON.stringify(c)}: ${JSON.stringify(w)}`);
  const head = JSON.stringify({ ...model, weights: undefined }, null, 2).replace(/\n}$/, '');
  return `${head},\n  "weights": {\n${lines.join(',\n')}\n  }\n}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = serialiseCategories(trainCommittedCategories());
  if (process.argv.includes('--check')) {
    const same = readFileSync(CATEGORY_WEIGHTS_FILE, 'utf8') === text;
    console.log(same ? 'committed category weights match a fresh run' : 'committed category weights differ: retrain');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(CATEGORY_WEIGHTS_FILE, text);
  const size = Object.values(JSON.parse(text).weights as Record<string, unknown[]>).map((w) => w.length);
  console.log(`wrote ${fileURLToPath(CATEGORY_WEIGHTS_FILE)}: ${size.join(' + ')} weights, ${text.length} bytes`);
}
