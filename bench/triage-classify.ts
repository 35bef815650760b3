/**
 * The triage classifier: the rules alone (the baseline) against the full engine (rules + learned screen + learned
 * category model), per message over every labelled set, and on one 20,000-character message (the longest a tool
 * accepts), where a step that grows faster than the text shows at once.
 *
 *   npm run bench -- bench/triage-classify.ts
 *
 * Printed as microseconds per message and as the ratio of each engine to the rules alone, same run. Pure CPU.
 */
import { classifyMessage } from '../clinical/triage/classify.ts';
import { readTriageSet, TRAINING_SETS, UNTOUCHED_SETS } from '../evals/triage/sets.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const texts = [...TRAINING_SETS, ...UNTOUCHED_SETS].flatMap((s) => readTriageSet(s).map((m) => m.text));
const long = 'Can I move my appointment? I feel a bit tired and the pharmacy is out again. '.repeat(20_000 / 78);

const engines = {
  'rules alone (baseline)': { screen: () => null, categorize: null },
  'rules + learned screen': { categorize: null },
  'rules + screen + category model': {},
} as const;

function perMessage(run: (text: string) => unknown, inputs: readonly string[], rounds: number): number {
  for (const t of inputs.slice(0, 50)) run(t); // warm up
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of inputs) run(t);
  return ((performance.now() - started) * 1000) / (rounds * inputs.length);
}

console.log(`${texts.length} labelled messages × ${ROUNDS} rounds; long message ${long.length} characters`);
const base = { sets: 0, long: 0 };
for (const [label, options] of Object.entries(engines)) {
  const run = (t: string) => classifyMessage(t, options);
  const sets = perMessage(run, texts, ROUNDS);
  const longUs = perMessage(run, [long], 5);
  if (base.sets === 0) Object.assign(base, { sets, long: longUs });
  console.log(
    `${label.padEnd(34)} ${sets.toFixed(0).padStart(6)} µs/message (×${(sets / base.sets).toFixed(2)})   ` +
      `20k chars ${(longUs / 1000).toFixed(1).padStart(6)} ms (×${(longUs / base.long).toFixed(2)})`,
  );
}
