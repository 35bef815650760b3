import type { LanguageModelV4 } from '@ai-sdk/provider';
import { checkGrounding } from '../../clinical/grounding/check.ts';
import { draftNote } from '../../clinical/notes/draft.ts';
import { DRAFT_FORMATS, type DraftFormat } from '../../clinical/notes/formats.ts';
import { type CaseResult, mean, type Suite } from '../harness/types.ts';
import { ALWAYS_FORBIDDEN, ITEMS, type NoteEvalItem, statedIn } from './dataset.ts';
import { canJudge, compareWithChecker, judgeNote } from './judge.ts';
import { MUTATION_KINDS, mutate } from './mutations.ts';

const sum = (results: CaseResult[], key: string) => results.reduce((a, r) => a + (r.scores[key] ?? 0), 0);

export interface NotesSuiteOptions {
  /** The sessions to run (default: all of transcripts.jsonl); tests pass a few. */
  items?: readonly NoteEvalItem[];
  formats?: readonly DraftFormat[];
  /**
   * The model judge: by default the run's model when it is a real language model (never the offline rule engine);
   * `null` turns the judge off.
   */
  judge?: LanguageModelV4 | null;
  /** Judge calls in flight at once (default 4). */
  judgeConcurrency?: number;
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool(tasks: (() => Promise<void>)[], limit: number) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]?.();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
}

const JUDGE_SCORES = ['judgeAsked', 'judgeErrors', 'judgeJudged', 'judgeUnsupported', 'judgeCompared', 'judgeAgree'];

/**
 * Note grounding over issue 5's synthetic sessions (dataset.ts, mutations.ts): the offline drafter's note in every
 * format → fact recall, forbidden facts stated, claims the grounding checker cannot support; and the checker's catch
 * rate for unsupported statements injected into those notes. When the run has a real model, that model also judges
 * each note against its transcript (judge.ts) → judge_unsupported_rate, judge_error_rate, judge_checker_agreement.
 * Offline those three metrics are absent (not zero), so the offline gate and thresholds.json are unchanged; the judge
 * reports, it does not change a case's pass.
 */
export function notesSuiteWith(options: NotesSuiteOptions = {}): Suite {
  const items = options.items ?? ITEMS;
  const formats = options.formats ?? DRAFT_FORMATS;
  return {
    name: 'notes',
    description:
      'sessions × formats → fact recall, forbidden-fact rate, unsupported-claim rate, mutation catch rate; a model judge when a real model is configured',
    usesModel: false,
    run: async (ctx) => {
      const judge = options.judge === undefined ? (canJudge(ctx.model) ? ctx.model : null) : options.judge;
      const out: CaseResult[] = [];
      const judging: (() => Promise<void>)[] = [];
      for (const item of items)
        for (const format of formats) {
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
            if (
              r.claims.some((c) => c.section === m.section && c.start < to && c.end > from && c.label !== 'supported')
            )
              caught++;
          }
          const result: CaseResult = {
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
          };
          out.push(result);
          if (judge)
            judging.push(async () => {
              const judged = await judgeNote(judge, item.transcript, sections);
              const t = compareWithChecker(judged, report);
              Object.assign(result.scores, {
                judgeAsked: t.asked,
                judgeErrors: t.errors,
                judgeJudged: t.judged,
                judgeUnsupported: t.unsupported,
                judgeCompared: t.compared,
                judgeAgree: t.agree,
              });
              const flags = judged.statements.filter(
                (s) => s.verdict === 'unsupported' || s.verdict === 'contradicted',
              );
              result.got = [
                result.got,
                `judge: ${t.unsupported}/${t.judged} not supported${t.errors ? `, ${t.errors} error(s)` : ''}`,
                ...flags.slice(0, 3).map((s) => `judge ${s.verdict}: “${s.text.slice(0, 120)}”`),
                judged.error ? `judge error: ${judged.error}` : '',
              ]
                .filter(Boolean)
                .join('; ');
            });
          else ctx.onProgress?.(out.length, items.length * formats.length);
        }
      if (judging.length > 0) {
        let done = 0;
        await pool(
          judging.map((task) => async () => {
            await task();
            ctx.onProgress?.(++done, judging.length);
          }),
          options.judgeConcurrency ?? 4,
        );
      }
      return out;
    },
    metrics: (results) => {
      const metrics: Record<string, number> = {
        fact_recall: mean(results.map((r) => r.scores.recall ?? 0)),
        forbidden_fact_rate: sum(results, 'forbidden') / Math.max(1, sum(results, 'forbiddenTotal')),
        unsupported_claim_rate: sum(results, 'flagged') / Math.max(1, sum(results, 'claims')),
        mutation_catch_rate: sum(results, 'caught') / Math.max(1, sum(results, 'tried')),
      };
      // Only when a judge ran: absent offline, so a threshold on them could never be met without a model.
      if (results.some((r) => JUDGE_SCORES.every((k) => k in r.scores))) {
        metrics.judge_unsupported_rate = sum(results, 'judgeUnsupported') / Math.max(1, sum(results, 'judgeJudged'));
        metrics.judge_error_rate = sum(results, 'judgeErrors') / Math.max(1, sum(results, 'judgeAsked'));
        metrics.judge_checker_agreement = sum(results, 'judgeAgree') / Math.max(1, sum(results, 'judgeCompared'));
      }
      return metrics;
    },
  };
}

export const notesSuite: Suite = notesSuiteWith();
