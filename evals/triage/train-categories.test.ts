import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORY_WEIGHTS_FILE } from '../../clinical/triage/category-model/committed.ts';
import { UNTOUCHED_SETS } from './sets.ts';
import { serialiseCategories, trainCommittedCategories } from './train-categories.ts';

describe('the committed learned-category weights', () => {
  it('are exactly what training on the labelled sets produces, never on an untouched set', () => {
    const model = trainCommittedCategories();
    expect(readFileSync(CATEGORY_WEIGHTS_FILE, 'utf8')).toBe(serialiseCategories(model));
    for (const name of UNTOUCHED_SETS) expect(model.trainedOn.sources.join(' ')).not.toContain(`${name}.jsonl`);
  });
});
