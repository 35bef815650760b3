/**
 * The two measurements a triage round needs, kept so that each round runs them the same way (README.md).
 *
 *   npm run evals:triage-round -- sealed52 sealed53 sealed54
 *       a new round's first run: each set and all together, the full engine beside the rules alone
 *   npm run evals:triage-round -- --decisions out.json
 *       the rules' own decision for every labelled message, to compare two commits with --diff
 *   npm run evals:triage-round -- --diff before.json after.json
 *       risk messages the rules lost or gained, false alarms fixed or new, risk urgencies changed
 *   npm run evals:triage-round -- --model [--reader NAME] sealed52 sealed53 sealed54
 *       the engine with a model configured, from recorded model readings (model-readings.ts)
 *
 * A rule change is checked with --decisions on the commit before and after (a git worktree) and --diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyMessage, type Triage } from '../../clinical/triage/classify.ts';
import { outcomeOf, type TriageOutcome, triageRates } from './measure.ts';
import { printModelRound } from './model-readings.ts';
import { type LabelledTriageMessage, readTriageSet } from './sets.ts';

type Classify = (text: string) => Triage;

/** The engine as it ships, and the rules alone (no learned screen, no category model). */
export const FULL_ENGINE: Classify = (text) => classifyMessage(text);
export const RULES_ALONE: Classify = (text) => classifyMessage(text, { screen: () => null, categorize: null });

export interface RoundFigures {
  name: string;
  risk: number;
  riskEscalated: number;
  routine: number;
  routineEscalated: number;
  recall: number;
  falseEscalation: number;
  categoryAccuracy: number;
}

export function figuresOf(name: string, outcomes: readonly TriageOutcome[]): RoundFigures {
  const rates = triageRates(outcomes);
  return {
    name,
    risk: outcomes.filter((o) => o.mustEscalate).length,
    riskEscalated: outcomes.filter((o) => o.mustEscalate && o.escalated).length,
    routine: outcomes.filter((o) => o.routine).length,
    routineEscalated: outcomes.filter((o) => o.routine && o.escalated).length,
    recall: rates.recall,
    falseEscalation: rates.falseEscalation,
    categoryAccuracy: rates.categoryAccuracy,
  };
}

/** Per set and all together, for one way of classifying. */
export function roundFigures(
  sets: ReadonlyArray<{ name: string; cases: readonly LabelledTriageMessage[] }>,
  classify: Classify,
): RoundFigures[] {
  const per = sets.map((s) => ({ name: s.name, outcomes: s.cases.map((c) => outcomeOf(c, classify(c.text))) }));
  return [
    ...per.map((s) => figuresOf(s.name, s.outcomes)),
    figuresOf(
      'together',
      per.flatMap((s) => s.outcomes),
    ),
  ];
}

/** "0.988 (163/165) / 0.186 (53/285) / 0.727": the README's order. */
export function formatFigures(f: RoundFigures): string {
  return `${f.recall.toFixed(3)} (${f.riskEscalated}/${f.risk}) / ${f.falseEscalation.toFixed(3)} (${f.routineEscalated}/${f.routine}) / ${f.categoryAccuracy.toFixed(3)}`;
}

export interface Decision {
  escalated: boolean;
  urgency: string;
  mustEscalate: boolean;
  routine: boolean;
}

export function decisionsOf(
  cases: readonly LabelledTriageMessage[],
  classify: Classify = RULES_ALONE,
): Record<string, Decision> {
  const out: Record<string, Decision> = {};
  for (const c of cases) {
    const got = classify(c.text);
    out[c.id] = {
      escalated: got.escalate,
      urgency: got.urgency,
      mustEscalate: c.mustEscalate,
      routine: c.urgency === 'routine',
    };
  }
  return out;
}

/** What changed between two runs of the rules, over the messages both hold. */
export function diffDecisions(before: Record<string, Decision>, after: Record<string, Decision>) {
  const both = Object.keys(before).filter((id) => after[id] !== undefined);
  const pick = (test: (b: Decision, a: Decision) => boolean) =>
    both.filter((id) => test(before[id] as Decision, after[id] as Decision));
  return {
    lost: pick((b, a) => b.mustEscalate && b.escalated && !a.escalated),
    gained: pick((b, a) => b.mustEscalate && !b.escalated && a.escalated),
    newFalseAlarms: pick((b, a) => b.routine && !b.escalated && a.escalated),
    fixedFalseAlarms: pick((b, a) => b.routine && b.escalated && !a.escalated),
    riskUrgencyChanged: pick((b, a) => b.mustEscalate && b.urgency !== a.urgency),
  };
}

/** Every labelled set in this folder, whatever list it is on. */
export function allSetNames(): string[] {
  return readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.slice(0, -'.jsonl'.length))
    .sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--decisions' && args[1]) {
    const all = allSetNames().flatMap((name) => readTriageSet(name));
    writeFileSync(args[1], JSON.stringify(decisionsOf(all)));
    console.log(`wrote the rules' decisions for ${all.length} messages to ${args[1]}`);
  } else if (args[0] === '--diff' && args[1] && args[2]) {
    const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, Decision>;
    const diff = diffDecisions(read(args[1]), read(args[2]));
    for (const [what, ids] of Object.entries(diff)) console.log(`${what} (${ids.length}): ${ids.join(' ')}`);
    process.exit(diff.lost.length > 0 ? 1 : 0);
  } else if (args[0] === '--model') {
    const reader = args[1] === '--reader' && args[2] ? args[2] : 'reader1';
    printModelRound(args.slice(args[1] === '--reader' ? 3 : 1), reader);
  } else if (args.length > 0 && args.every((n) => existsSync(join(import.meta.dirname, `${n}.jsonl`)))) {
    const sets = args.map((name) => ({ name, cases: readTriageSet(name) }));
    const full = roundFigures(sets, FULL_ENGINE);
    const rules = roundFigures(sets, RULES_ALONE);
    full.forEach((f, i) => {
      console.log(`${f.name}: ${formatFigures(f)}   rules alone: ${formatFigures(rules[i] as RoundFigures)}`);
    });
  } else {
    console.error(
      'usage: first-run.ts <set>… | --decisions <out.json> | --diff <before.json> <after.json> | --model [--reader NAME] <set>…',
    );
    process.exit(2);
  }
}
