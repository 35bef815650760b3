/**
 * Grounding-checker mutation eval: grounded notes (the offline drafter's, over the synthetic sessions, in every
 * format) get one unsupported statement of a known kind injected; the checker must flag ≥ 95% of them and ≤ 5% of
 * the claims in the clean notes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGrounding } from '../../clinical/grounding/check.ts';
import { draftNote } from '../../clinical/notes/draft.ts';
import { DRAFT_FORMATS } from '../../clinical/notes/formats.ts';
import { buildDemoData } from '../../ehr/sql/seed/build.ts';
import { ITEMS } from './dataset.ts';
import { MUTATION_KINDS, type MutationKind, mutate } from './mutations.ts';

const MIN_CATCH_RATE = 0.95;
const MAX_CLEAN_FLAG_RATE = 0.05;

const notes = ITEMS.flatMap((item) =>
  DRAFT_FORMATS.map((format) => ({
    item,
    format,
    sections: draftNote({ format, source: { id: item.id, kind: item.kind, text: item.transcript } }).sections,
  })),
);

describe('grounding checker mutation suite', () => {
  it('flags at most 5% of the claims in clean notes', () => {
    let claims = 0;
    let flagged = 0;
    for (const n of notes) {
      const report = checkGrounding(n.sections, [{ id: n.item.id, type: n.item.kind, text: n.item.transcript }]);
      claims += report.claims.length;
      flagged += report.counts.unsupported + report.counts.contradicted;
    }
    console.log(
      `clean notes: ${notes.length}, claims ${claims}, flagged ${flagged} (${((100 * flagged) / claims).toFixed(1)}%)`,
    );
    expect(claims).toBeGreaterThan(500);
    expect(flagged / claims).toBeLessThanOrEqual(MAX_CLEAN_FLAG_RATE);
  });

  it('flags at most 5% of the claims in drafts of the demo seed’s transcripts (other authors, other shapes)', () => {
    const { rows } = buildDemoData({ seed: 20261122, anchor: '2026-11-22' });
    let claims = 0;
    let flagged = 0;
    for (const t of rows.transcripts) {
      for (const format of DRAFT_FORMATS) {
        const sections = draftNote({ format, source: { id: t.id, kind: 'transcript', text: t.text } }).sections;
        const report = checkGrounding(sections, [{ id: t.id, type: 'transcript', text: t.text }]);
        claims += report.claims.length;
        flagged += report.counts.unsupported + report.counts.contradicted;
      }
    }
    console.log(`seed transcripts: ${rows.transcripts.length} × 4 formats, claims ${claims}, flagged ${flagged}`);
    expect(claims).toBeGreaterThan(500);
    expect(flagged / claims).toBeLessThanOrEqual(MAX_CLEAN_FLAG_RATE);
  });

  // Hand-written paraphrases (note-speak, not transcript sentences): the harder test of false flags. The holdout
  // notes were written after the checker's last change and are not tuned against.
  it.each(['paraphrased.jsonl', 'paraphrased-holdout.jsonl'])('flags at most 5%% of the claims in %s', (file) => {
    let claims = 0;
    let flagged = 0;
    const notesOf = readFileSync(join(import.meta.dirname, file), 'utf8')
      .split('\n')
      .filter(Boolean);
    for (const line of notesOf) {
      const { item, note } = JSON.parse(line) as { item: string; note: string };
      const source = ITEMS.find((i) => i.id === item);
      if (!source) throw new Error(`${file}: no session ${item}`);
      const report = checkGrounding({ note }, [{ id: item, type: source.kind, text: source.transcript }]);
      claims += report.claims.length;
      flagged += report.counts.unsupported + report.counts.contradicted;
      for (const c of report.claims.filter((c) => c.label !== 'supported'))
        console.log(`  ${item} ${c.label}: ${c.text}`);
    }
    console.log(
      `${file}: ${notesOf.length} notes, claims ${claims}, flagged ${flagged} (${((100 * flagged) / claims).toFixed(1)}%)`,
    );
    expect(claims).toBeGreaterThan(40);
    expect(flagged / claims).toBeLessThanOrEqual(MAX_CLEAN_FLAG_RATE);
  });

  it('catches ≥ 95% of injected unsupported statements, over ≥ 8 kinds', () => {
    const byKind = new Map<MutationKind, { tried: number; caught: number }>();
    const missed: string[] = [];
    for (const n of notes) {
      for (const kind of MUTATION_KINDS) {
        const m = mutate(kind, n.sections, n.item.transcript);
        if (!m) continue;
        const tally = byKind.get(kind) ?? { tried: 0, caught: 0 };
        byKind.set(kind, tally);
        tally.tried++;
        const report = checkGrounding(m.sections, [{ id: n.item.id, type: n.item.kind, text: n.item.transcript }]);
        const lines = (m.sections[m.section] ?? '').split('\n');
        const from = lines.slice(0, m.line).reduce((sum, l) => sum + l.length + 1, 0);
        const to = from + (lines[m.line]?.length ?? 0);
        const hit = report.claims.some(
          (c) => c.section === m.section && c.start < to && c.end > from && c.label !== 'supported',
        );
        if (hit) tally.caught++;
        else missed.push(`${kind} ${n.item.id} ${n.format}: ${m.text}`);
      }
    }
    let tried = 0;
    let caught = 0;
    for (const [kind, t] of byKind) {
      tried += t.tried;
      caught += t.caught;
      console.log(`${kind.padEnd(20)} caught ${t.caught}/${t.tried}`);
    }
    for (const m of missed.slice(0, 20)) console.log(`  missed ${m}`);
    console.log(`all kinds: caught ${caught}/${tried} (${((100 * caught) / tried).toFixed(1)}%)`);
    expect(byKind.size).toBeGreaterThanOrEqual(8);
    for (const [, t] of byKind) expect(t.tried).toBeGreaterThanOrEqual(8);
    expect(caught / tried).toBeGreaterThanOrEqual(MIN_CATCH_RATE);
  });
});
