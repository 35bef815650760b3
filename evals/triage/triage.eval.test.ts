import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../clinical/triage/classify.ts';
import { outcomeOf, triageRates } from './measure.ts';
import {
  DEVELOPMENT_SETS,
  type LabelledTriageMessage,
  readTriageSet,
  TRAINING_ONLY_SETS,
  UNTOUCHED_SETS,
} from './sets.ts';

/**
 * The triage eval: labeled sets written apart from the demo inbox the rules were developed against. README.md here
 * tells how each set was written and used. The development sets (the rules were widened after their first runs)
 * carry issue 7's thresholds: every message that must be escalated is (recall 1.0), at most 10% of the routine
 * messages are escalated, and categories are right (the exact set) for at least 90% of messages. The untouched sets (sets.ts) were
 * never tuned or trained on: their figures are printed as the honest estimate on unseen wording.
 */
type Labeled = LabelledTriageMessage;

function measure(cases: Labeled[]) {
  const results = cases
    .map((c) => ({ c, got: classifyMessage(c.text) }))
    .map((r) => ({ ...r, o: outcomeOf(r.c, r.got) }));
  return {
    n: cases.length,
    mustEscalate: results.filter((r) => r.o.mustEscalate).length,
    routine: results.filter((r) => r.o.routine).length,
    ...triageRates(results.map((r) => r.o)),
    missed: results.filter((r) => r.o.mustEscalate && !r.o.escalated).map((r) => `${r.c.id}: ${r.c.text}`),
    over: results.filter((r) => r.o.routine && r.o.escalated).map((r) => `${r.c.id}: ${r.got.reasons[0]?.text}`),
    wrong: results
      .filter((r) => !r.o.categoryOk)
      .map((r) => `${r.c.id}: want ${r.c.categories.join('+')}, got ${r.got.categories.join('+')}`),
  };
}

function report(title: string, m: ReturnType<typeof measure>): string {
  return [
    `${title}: ${m.n} messages (${m.mustEscalate} must-escalate, ${m.routine} routine)`,
    `  must-escalate recall ${m.recall.toFixed(3)} (threshold 1.0)`,
    `  false escalation     ${m.falseEscalation.toFixed(3)} (threshold ≤ 0.10)`,
    `  category accuracy    ${m.categoryAccuracy.toFixed(3)} (exact set; threshold ≥ 0.90)`,
    `  urgency accuracy     ${m.urgencyAccuracy.toFixed(3)} (reported, no threshold)`,
    ...m.missed.map((x) => `  MISSED ${x}`),
    ...m.over.map((x) => `  OVER   ${x}`),
    ...m.wrong.map((x) => `  CATEGORY ${x}`),
  ].join('\n');
}

const development = DEVELOPMENT_SETS.flatMap((name) => readTriageSet(name));
/** Written blind to the engine by separate authors and never tuned or trained on; see README.md. */
const untouched = UNTOUCHED_SETS.map((name) => ({ name, cases: readTriageSet(name) }));
/** Measured once while untouched, now training data for the learned screen and category model. */
const trainedOn = TRAINING_ONLY_SETS.map((name) => ({ name, cases: readTriageSet(name) }));

describe('triage eval (evals/triage)', () => {
  it('has the composition the issue asks for, in the set written blind to the engine', () => {
    const main = readTriageSet('sealed');
    expect(main.length).toBeGreaterThanOrEqual(150);
    expect(main.filter((c) => c.kind === 'risk').length).toBeGreaterThanOrEqual(40);
    expect(main.filter((c) => c.kind === 'hard_negative').length).toBeGreaterThanOrEqual(30);
    expect(main.filter((c) => c.language === 'es').length).toBeGreaterThanOrEqual(15);
    expect(main.filter((c) => c.categories.length > 1).length).toBeGreaterThanOrEqual(10);
    const all = [...development, ...[...untouched, ...trainedOn].flatMap((u) => u.cases)];
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it('meets the thresholds on the development sets', () => {
    const m = measure(development);
    console.log(report('triage eval, development sets', m));
    expect(m.missed).toEqual([]);
    expect(m.recall).toBe(1);
    expect(m.falseEscalation).toBeLessThanOrEqual(0.1);
    expect(m.categoryAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('reports the sets the learned models were trained on after their first run (not asserted)', () => {
    for (const { name, cases } of trainedOn) {
      const m = measure(cases);
      console.log(
        report(`triage eval, ${name}.jsonl (training data of the learned models, not asserted: see README.md)`, m),
      );
      expect(m.n).toBe(cases.length);
    }
  });

  it('reports the sets the engine was never tuned or trained on', () => {
    for (const { name, cases } of untouched) {
      const m = measure(cases);
      console.log(report(`triage eval, untouched set ${name}.jsonl (not asserted: see README.md)`, m));
      expect(m.n).toBe(cases.length);
      expect(m.mustEscalate).toBeGreaterThanOrEqual(15);
    }
  });
});
