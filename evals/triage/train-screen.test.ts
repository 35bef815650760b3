import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEIGHTS_FILE } from '../../clinical/triage/screen-model/screen.ts';
import { UNTOUCHED_SETS } from './sets.ts';
import { serialise, trainCommittedScreen } from './train-screen.ts';

// Retrains on every labelled set (thousands of messages), which grows each round and shares two CI cores with the
// rest of the suite: seconds, not the default 30 s budget of a unit test.
const RETRAIN_TIMEOUT_MS = 240_000;

describe('the committed learned-screen weights', () => {
  it(
    'are exactly what training on the development sets produces (no hand edits, no stale file)',
    () => {
      const model = trainCommittedScreen();
      expect(readFileSync(WEIGHTS_FILE, 'utf8')).toBe(serialise(model));
      expect(model.crossValidation.falseEscalation).toBeLessThanOrEqual(0.04);
      for (const name of UNTOUCHED_SETS) expect(model.trainedOn.sources.join(' ')).not.toContain(`${name}.jsonl`);
    },
    RETRAIN_TIMEOUT_MS,
  );
});
