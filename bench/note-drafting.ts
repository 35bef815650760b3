/**
 * The offline drafter on a 1,000-word transcript, against the issue's target of 200 ms per draft.
 *
 *   npx tsx bench/note-drafting.ts
 *
 * Input: the seeded demo transcripts' lines, in order, until 1,000 words (a realistic mix of speakers, questions,
 * scores and plans). Measured: `draftNote` alone, and `draftNote` + `checkGrounding` (what draft_note runs before
 * it saves), in every format. Printed as milliseconds per draft and as the ratio to the 200 ms target (below 1 is
 * within target). Pure CPU: no database, no network.
 */

import { checkGrounding } from '../clinical/grounding/check.ts';
import { draftNote } from '../clinical/notes/draft.ts';
import { DRAFT_FORMATS } from '../clinical/notes/formats.ts';
import { buildDemoData } from '../ehr/sql/seed/build.ts';

const TARGET_MS = 200;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);

const { rows } = buildDemoData({ seed: 20261122, anchor: '2026-11-22' });
const lines: string[] = [];
let words = 0;
for (const t of rows.transcripts.filter((x) => x.language === 'en')) {
  for (const line of t.text.split('\n')) {
    if (words >= 1000 || !line.trim()) continue;
    lines.push(line);
    words += line.split(/\s+/).filter(Boolean).length - 1; // the speaker label is not a spoken word
  }
}
const text = lines.join('\n');
const source = { id: 'trn_bench', kind: 'transcript' as const, text };
console.log(`transcript: ${words} words, ${text.length} characters, ${lines.length} turns`);

function time(label: string, run: () => unknown): number {
  for (let i = 0; i < 5; i++) run(); // warm up
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) run();
  const ms = (performance.now() - started) / ROUNDS;
  console.log(
    `${label.padEnd(40)} ${ms.toFixed(2).padStart(8)} ms/draft   ratio to ${TARGET_MS} ms target: ${(ms / TARGET_MS).toFixed(3)}`,
  );
  return ms;
}

let worst = 0;
for (const format of DRAFT_FORMATS) {
  worst = Math.max(
    worst,
    time(`draftNote ${format}`, () => draftNote({ format, source })),
  );
  worst = Math.max(
    worst,
    time(`draftNote + checkGrounding ${format}`, () => {
      const draft = draftNote({ format, source });
      return checkGrounding(draft.sections, [{ id: source.id, type: 'transcript', text }]);
    }),
  );
}
console.log(`slowest: ${worst.toFixed(2)} ms = ${(worst / TARGET_MS).toFixed(3)} × the ${TARGET_MS} ms target`);
if (worst >= TARGET_MS) process.exitCode = 1;
