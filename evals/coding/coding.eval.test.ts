import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseCodeSet } from '../../clinical/coding/code-set.ts';
import { suggestCodes } from '../../clinical/coding/suggest.ts';
import { loadCodeSets } from '../../ehr/reference/code-sets.ts';

interface Case {
  id: string;
  dateOfService: string;
  text: string;
  expectedCpt: string[];
  expectedIcd: string[];
}

const cases: Case[] = readFileSync(new URL('./notes.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Case);

const sets = loadCodeSets();
const results = cases.map((c) => {
  const out = suggestCodes({ sections: { text: c.text } }, null, chooseCodeSet(sets, c.dateOfService));
  return { c, out, cpt: out.cpt.map((s) => s.code).sort(), icd: out.icd.map((s) => s.code) };
});

describe('coding eval set (evals/coding/notes.jsonl)', () => {
  it('holds at least 40 labelled notes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it('meets the issue thresholds: CPT exact match ≥ 0.95, ICD-10-CM precision ≥ 0.9 and recall ≥ 0.8', () => {
    const cptExact = results.filter((r) => r.cpt.join() === [...r.c.expectedCpt].sort().join()).length / cases.length;
    let tp = 0;
    let suggested = 0;
    let expected = 0;
    for (const r of results) {
      suggested += r.icd.length;
      expected += r.c.expectedIcd.length;
      tp += r.icd.filter((code) => r.c.expectedIcd.includes(code)).length;
    }
    const precision = tp / suggested;
    const recall = tp / expected;
    const misses = results
      .filter(
        (r) =>
          r.cpt.join() !== [...r.c.expectedCpt].sort().join() ||
          r.icd.sort().join() !== [...r.c.expectedIcd].sort().join(),
      )
      .map(
        (r) =>
          `${r.c.id}: cpt ${r.cpt.join('+') || '-'} (want ${r.c.expectedCpt.join('+') || '-'}), icd ${r.icd.join('+') || '-'} (want ${r.c.expectedIcd.join('+')})`,
      );
    console.log(
      `coding eval: ${cases.length} notes; CPT exact match ${cptExact.toFixed(3)}; ICD-10-CM precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}${misses.length ? `\n  misses:\n  ${misses.join('\n  ')}` : ''}`,
    );
    expect(cptExact).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });

  it('suggests no diagnosis without evidence that quotes the note', () => {
    const unsupported = results.flatMap((r) =>
      r.out.icd.filter(
        (s) =>
          s.evidence.length === 0 ||
          s.evidence.some(
            (e) => e.kind !== 'note' || r.c.text.slice(e.start, e.end) !== e.quote || e.quote.trim() === '',
          ),
      ),
    );
    console.log(`coding eval: ${unsupported.length} suggested diagnoses without evidence`);
    expect(unsupported).toEqual([]);
  });

  it('names the code-set version in every diagnosis suggestion', () => {
    for (const r of results) for (const s of r.out.icd) expect(s.codeSet).toBe('ICD-10-CM FY2026');
  });
});
