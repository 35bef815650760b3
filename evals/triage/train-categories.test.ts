import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORY_WEIGHTS_FILE } from '../../clinical/triage/category-model/committed.ts';
import { UNTOUCHED_SETS } from './sets.ts';
import { serialiseCategories, trainCommittedCategories } from './train-categories.ts';

// Retrains on every labelled set (thousands of messages), which grows each round and shares two CI cores with the
// rest of the suite: seconds, not the default 30 s budget of a unit test.
const RETRAIN_TIMEOUT_MS = 240_000;

describe('the committed learned-category weights', () => {
  it(
    'are exactly what training on the labelled sets produces, never on an untouched set',
    () => {
      const model = trainCommittedCategories();
      expect(readFileSync(CATEGORY_WEIGHTS_FILE, 'utf8')).toBe(serialiseCategories(model));
      for (const name of UNTOUCHED_SETS) expect(model.trainedOn.sources.join(' ')).not.toContain(`${name}.jsonl`);
    },
    RETRAIN_TIMEOUT_MS,
  );
});
