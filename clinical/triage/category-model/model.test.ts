import { describe, expect, it } from 'vitest';
import { ROUTINE_CATEGORIES } from '../category-rules.ts';
import { classifyMessage } from '../classify.ts';
import { CATEGORY_SHAPE, type CategoryModel, loadCategoryModel } from './model.ts';
import { buildCategoryModel, type LabelledCategories } from './training.ts';

const rulesOnly = (text: string) => classifyMessage(text, { categorize: null });

// "Lantern" means a scheduling request in this toy practice; no rule knows the word.
const toy: LabelledCategories[] = [
  ...[
    'lantern me for friday',
    'can you lantern me next week',
    'lantern my slot to monday please',
    'need a lantern',
  ].map((text, i) => ({ id: `s${i}`, text, categories: ['scheduling'] })),
  ...[
    'is my invoice ready',
    'the parking lot is full again',
    'please send my records to the school',
    'what time does the office open on saturday',
    'I need a refill of my sertraline',
    'thanks for everything this year',
    'my copay was charged twice',
    'can I get a copy of my notes',
  ].map((text, i) => ({ id: `n${i}`, text, categories: rulesOnly(text).categories.filter((c) => c !== 'other') })),
];
const toyModel = loadCategoryModel(buildCategoryModel(toy, ['toy'], rulesOnly));

describe('the learned category model', () => {
  it('adds a category the rules miss, quoting the sentence that scored highest as its reason', () => {
    const text = 'Thanks for last time. Could you lantern me for Friday?';
    expect(rulesOnly(text).categories).toEqual(['other']);
    const result = classifyMessage(text, { categorize: toyModel });
    expect(result.categories).toEqual(['scheduling']);
    const reason = result.reasons.find((r) => r.code === 'category:scheduling');
    expect(reason?.text).toBe('Could you lantern me for Friday');
    expect(text.slice(reason?.start, reason?.end)).toBe(reason?.text);
  });

  it('drops a rule category it scores below the threshold, and that rule reason with it', () => {
    const never: CategoryModel = {
      version: 1,
      threshold: 0.5,
      trainedOn: { messages: 0, sources: [] },
      weights: Object.fromEntries(
        ROUTINE_CATEGORIES.map((c) => [c, Array.from({ length: CATEGORY_SHAPE.dims }, () => -1)]),
      ) as CategoryModel['weights'],
    };
    const text = 'Can I move my Thursday appointment to Friday?';
    expect(rulesOnly(text).categories).toEqual(['scheduling']);
    const result = classifyMessage(text, { categorize: loadCategoryModel(never) });
    expect(result.categories).toEqual(['other']);
    expect(result.reasons.some((r) => r.code.startsWith('category:'))).toBe(false);
  });

  it('never touches urgent_risk: a risk message keeps its category, urgency and escalation whatever the model says', () => {
    const text = 'I took all my pills an hour ago. Also can you lantern me for Friday?';
    const ruled = rulesOnly(text);
    const modelled = classifyMessage(text, { categorize: toyModel });
    expect(modelled.categories).toContain('urgent_risk');
    expect(modelled.urgency).toBe(ruled.urgency);
    expect(modelled.escalate).toBe(true);
    expect(modelled.reasons.filter((r) => !r.code.startsWith('category:'))).toEqual(
      ruled.reasons.filter((r) => !r.code.startsWith('category:')),
    );
  });

  it('refuses weights of the wrong shape instead of scoring with half a table', () => {
    const short = { version: 1, threshold: 0.4, trainedOn: { messages: 0, sources: [] }, weights: {} };
    expect(() =>
      loadCategoryModel({ ...short, weights: { clinical_question: [1, 2] } } as unknown as CategoryModel),
    ).toThrow(/not 16384 long/);
  });
});
