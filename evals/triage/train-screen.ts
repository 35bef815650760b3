/**
 * Trains the learned risk screen on the development sets and writes clinical/triage/screen-model/weights.json.
 *
 *   npm run train:triage-screen            write the weights and print the cross-validated figures
 *   npm run train:triage-screen -- --check exit 1 when the committed weights differ from a fresh training run
 *
 * The untouched sets are never read here: they stay an honest estimate of wording nobody trained on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WEIGHTS_FILE } from '../../clinical/triage/screen-model/screen.ts';
import { buildScreenModel, type ScreenModel } from '../../clinical/triage/screen-model/training.ts';
import { inboxMessages } from '../../ehr/sql/seed/content/messages.ts';
import { CONTRAST_SETS, readTriageSet, TRAINING_SETS } from './sets.ts';

const CONTRAST: ReadonlySet<string> = new Set(CONTRAST_SETS);

export function trainCommittedScreen(): ScreenModel {
  const rows = [
    ...TRAINING_SETS.flatMap((name) =>
      readTriageSet(name).map((m) => ({ ...m, group: name, calibrates: !CONTRAST.has(name) })),
    ),
    // The demo inbox, as its annotations say a careful reviewer would label it (the rules' unit fixtures too).
    ...inboxMessages.map((m) => ({
      id: m.key,
      text: m.body,
      mustEscalate: m.intents.includes('urgent_risk'),
      group: 'inbox',
    })),
  ];
  return buildScreenModel(rows, [
    ...[...TRAINING_SETS].map((n) => `evals/triage/${n}.jsonl`),
    'ehr/sql/seed/content/messages.ts',
  ]);
}

export const serialise = (model: ScreenModel) =>
  `${JSON.stringify({ ...model, weights: [] }, null, 2).replace('"weights": []', `"weights": ${JSON.stringify(model.weights)}`)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const model = trainCommittedScreen();
  const text = serialise(model);
  const cv = model.crossValidation;
  const summary = `threshold ${model.threshold}; ${cv.folds}-fold CV on ${model.trainedOn.messages} messages: recall ${cv.recall} of ${cv.positives}, false escalation ${cv.falseEscalation} of ${cv.negatives}; ${model.weights.length} weights`;
  if (process.argv.includes('--check')) {
    const same = readFileSync(WEIGHTS_FILE, 'utf8') === text;
    console.log(same ? `committed weights match a fresh run (${summary})` : 'committed weights differ: retrain');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(WEIGHTS_FILE, text);
  console.log(`wrote ${fileURLToPath(WEIGHTS_FILE)}: ${summary}`);
}
