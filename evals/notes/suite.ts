import { checkGrounding } from '../../clinical/grounding/check.ts';
import { draftNote } from '../../clinical/notes/draft.ts';
import { DRAFT_FORMATS } from '../../clinical/notes/formats.ts';
import { type CaseResult, mean, type Suite } from '../harness/types.ts';
import { ALWAYS_FORBIDDEN, ITEMS, statedIn } from './dataset.ts';
import { MUTATION_KINDS, mutate } from './mutations.ts';

const sum = (results: CaseResult[], key: string) => results.reduce((a, r) => a + (r.scores[key] ?? 0), 0);

/**
 * Note grounding over issue 5's synthetic sessions (dataset.ts, mutations.ts): the offline drafter's note in every
 * format → fact recall, forbidden facts stated, claims the grounding checker cannot support; and the checker's catch
 * rate for unsupported statements injected into those notes. No model judge yet.
 */
export const notesSuite: Suite = {
  name: 'notes',
  description: 'sessions × formats → fact recall, forbidden-fact rate, unsupported-claim rate, mutation catch rate',
  usesModel: false,
  run: async (ctx) => {
    const out: CaseResult[] = [];
    for (const item of ITEMS)
      for (const format of DRAFT_FORMATS) {
        const source = { id: item.id, type: item.kind, text: item.transcript };
        const { sections } = draftNote({ format, source: { id: item.id, kind: item.kind, text: item.transcript } });
        const text = Object.values(sections).join('\n');
        const missing = item.facts.filter((f) => !statedIn(text, f.match));
        const forbidden = [...item.forbidden, ...ALWAYS_FORBIDDEN].filter((f) => statedIn(text, f.match));
        const report = checkGrounding(sections, [source]);
        const flagged = report.counts.unsupported + report.counts.contradicted;
        let tried = 0;
        let caught = 0;
        for (const kind of MUTATION_KINDS) {
          const m = mutate(kind, sections, item.transcript);
          if (!m) continue;
          tried++;
          const lines = (m.sections[m.section] ?? '').split('\n');
          const from = lines.slice(0, m.line).reduce((s, l) => s + l.length + 1, 0);
          const to = from + (lines[m.line]?.length ?? 0);
          const r = checkGrounding(m.sections, [source]);
          if (r.claims.some((c) => c.section === m.section && c.start < to && c.end > from && c.label !== 'supported'))
            caught++;
        }
        out.push({
          id: `${item.id}/${format}`,
          pass: missing.length === 0 && forbidden.length === 0 && flagged === 0 && caught === tried,
          expected: `all ${item.facts.length} facts, no forbidden fact, no unsupported claim, ${tried} mutations caught`,
          got: [
            missing.length ? `missing: ${missing.map((f) => f.text).join('; ')}` : '',
            forbidden.length ? `forbidden stated: ${forbidden.map((f) => f.text).join('; ')}` : '',
            flagged ? `${flagged} unsupported claim(s)` : '',
            `${caught}/${tried} mutations caught`,
          ]
            .filter(Boolean)
            .join('; '),
          scores: {
            recall: (item.facts.length - missing.length) / Math.max(1, item.facts.length),
            forbidden: forbidden.length,
            forbiddenTotal: item.forbidden.length + ALWAYS_FORBIDDEN.length,
            claims: report.claims.length,
            flagged,
            tried,
            caught,
          },
        });
        ctx.onProgress?.(out.length, ITEMS.length * DRAFT_FORMATS.length);
      }
    return out;
  },
  metrics: (results) => ({
    fact_recall: mean(results.map((r) => r.scores.recall ?? 0)),
    forbidden_fact_rate: sum(results, 'forbidden') / Math.max(1, sum(results, 'forbiddenTotal')),
    unsupported_claim_rate: sum(results, 'flagged') / Math.max(1, sum(results, 'claims')),
    mutation_catch_rate: sum(results, 'caught') / Math.max(1, sum(results, 'tried')),
  }),
};
