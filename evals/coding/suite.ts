import { join } from 'node:path';
import { chooseCodeSet } from '../../clinical/coding/code-set.ts';
import { suggestCodes } from '../../clinical/coding/suggest.ts';
import { loadCodeSets } from '../../ehr/reference/code-sets.ts';
import { readJsonl } from '../harness/jsonl.ts';
import type { CaseResult, Suite } from '../harness/types.ts';

interface Case {
  id: string;
  dateOfService: string;
  text: string;
  expectedCpt: string[];
  expectedIcd: string[];
}
const sum = (results: CaseResult[], key: string) => results.reduce((a, r) => a + (r.scores[key] ?? 0), 0);

export const codingSuite: Suite = {
  name: 'coding',
  description: 'labeled notes → CPT exact match, ICD-10-CM precision and recall, unsupported codes (rules, no model)',
  usesModel: false,
  run: async (ctx) => {
    const sets = loadCodeSets();
    const out = readJsonl<Case>(join(import.meta.dirname, 'notes.jsonl')).map((c): CaseResult => {
      const got = suggestCodes({ sections: { text: c.text } }, null, chooseCodeSet(sets, c.dateOfService));
      const cpt = got.cpt.map((s) => s.code).sort();
      const icd = got.icd.map((s) => s.code).sort();
      const tp = icd.filter((code) => c.expectedIcd.includes(code)).length;
      const cptOk = cpt.join() === [...c.expectedCpt].sort().join();
      return {
        id: c.id,
        pass: cptOk && icd.join() === [...c.expectedIcd].sort().join(),
        expected: `CPT ${c.expectedCpt.join('+') || '-'}, ICD ${c.expectedIcd.join('+') || '-'}`,
        got: `CPT ${cpt.join('+') || '-'}, ICD ${icd.join('+') || '-'}`,
        scores: { cpt: cptOk ? 1 : 0, tp, suggested: icd.length, expected: c.expectedIcd.length },
      };
    });
    ctx.onProgress?.(out.length, out.length);
    return out;
  },
  metrics: (results) => {
    const tp = sum(results, 'tp');
    const suggested = sum(results, 'suggested');
    return {
      cpt_exact_match: sum(results, 'cpt') / Math.max(1, results.length),
      icd_precision: suggested === 0 ? 1 : tp / suggested,
      icd_recall: tp / Math.max(1, sum(results, 'expected')),
      // ICD codes suggested that the labels do not support, per note.
      unsupported_icd_per_note: (suggested - tp) / Math.max(1, results.length),
    };
  },
};
