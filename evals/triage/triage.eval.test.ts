import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Category, classifyMessage, type Urgency } from '../../clinical/triage/classify.ts';

/**
 * The triage eval: labeled sets written apart from the demo inbox the rules were developed against (see README.md
 * here for how they were written and the figures of their first, blind runs). Thresholds from issue 7: every message that must be escalated is (recall 1.0), at most 10% of the
 * routine messages are escalated, and categories are right (the exact set) for at least 90% of messages.
 */
interface Labeled {
  id: string;
  kind: 'risk' | 'hard_negative' | 'routine';
  language: 'en' | 'es';
  urgency: Urgency;
  categories: Category[];
  mustEscalate: boolean;
  text: string;
}

const load = (file: string): Labeled[] =>
  readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Labeled);

// Both files count; the holdout was written after the first tuning round (see README.md for the blind figures).
const cases: Labeled[] = [...load('./messages.jsonl'), ...load('./holdout.jsonl')];

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

const results = cases.map((c) => ({ c, got: classifyMessage(c.text) }));
const mustEscalate = results.filter((r) => r.c.mustEscalate);
const routine = results.filter((r) => r.c.urgency === 'routine');
const recall = mustEscalate.filter((r) => r.got.escalate).length / mustEscalate.length;
const falseEscalation = routine.filter((r) => r.got.escalate).length / routine.length;
const categoryAccuracy = results.filter((r) => sameSet(r.got.categories, r.c.categories)).length / results.length;
const urgencyAccuracy = results.filter((r) => r.got.urgency === r.c.urgency).length / results.length;

describe('triage eval (evals/triage/messages.jsonl)', () => {
  it('has the composition the issue asks for', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(cases.filter((c) => c.kind === 'risk').length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.kind === 'hard_negative').length).toBeGreaterThanOrEqual(30);
    expect(cases.filter((c) => c.language === 'es').length).toBeGreaterThanOrEqual(15);
    expect(cases.filter((c) => c.categories.length > 1).length).toBeGreaterThanOrEqual(10);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('meets the thresholds', () => {
    const missed = mustEscalate.filter((r) => !r.got.escalate).map((r) => `${r.c.id}: ${r.c.text}`);
    const over = routine.filter((r) => r.got.escalate).map((r) => `${r.c.id}: ${r.got.reasons[0]?.text}`);
    const wrong = results
      .filter((r) => !sameSet(r.got.categories, r.c.categories))
      .map((r) => `${r.c.id}: want ${r.c.categories.join('+')}, got ${r.got.categories.join('+')}`);
    console.log(
      [
        `triage eval over ${cases.length} messages (${mustEscalate.length} must-escalate, ${routine.length} routine)`,
        `  must-escalate recall ${recall.toFixed(3)} (threshold 1.0)`,
        `  false escalation     ${falseEscalation.toFixed(3)} (threshold ≤ 0.10)`,
        `  category accuracy    ${categoryAccuracy.toFixed(3)} (exact set; threshold ≥ 0.90)`,
        `  urgency accuracy     ${urgencyAccuracy.toFixed(3)} (reported, no threshold)`,
        ...missed.map((m) => `  MISSED ${m}`),
        ...over.map((m) => `  OVER   ${m}`),
        ...wrong.map((m) => `  CATEGORY ${m}`),
      ].join('\n'),
    );
    expect(missed).toEqual([]);
    expect(recall).toBe(1);
    expect(falseEscalation).toBeLessThanOrEqual(0.1);
    expect(categoryAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
