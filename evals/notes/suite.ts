import type { LanguageModelV4 } from '@ai-sdk/provider';
import { checkGrounding } from '../../clinical/grounding/check.ts';
import { draftNote } from '../../clinical/notes/draft.ts';
import { DRAFT_FORMATS, type DraftFormat } from '../../clinical/notes/formats.ts';
import { type CaseResult, mean, type Suite } from '../harness/types.ts';
import { ALWAYS_FORBIDDEN, ITEMS, type NoteEvalItem, statedIn } from './dataset.ts';
import { canJudge, compareWithChecker, judgeNote } from './judge.ts';
import { draftWithModel } from './model-drafter.ts';
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
  /** Judge and model-draft calls in flight at once (default 4). */
  judgeConcurrency?: number;
  /**
   * The model drafter (model-drafter.ts): `'run-model'` drafts with the run's model when it is a real language model
   * (never the offline rule engine), as `notesSuite` does; a model drafts with that model; `null` or left out, no
   * model drafts (so a narrowed suite in a test makes only the calls it asks for).
   */
  drafter?: LanguageModelV4 | 'run-model' | null;
  /** Retries per model draft call (the AI SDK's maxRetries; default 2). */
  drafterMaxRetries?: number;
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool(tasks: (() => Promise<void>)[], limit: number) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]?.();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
}

/** Marks a case that scores the model's own draft (id `<session>/<format>/model`), not the offline drafter's. */
const isModelCase = (r: CaseResult) => r.scores.modelDraft === 1;

/** Scores a note the way every draft in this suite is scored: facts stated, forbidden facts stated, claims flagged. */
function scoreNote(item: NoteEvalItem, sections: Readonly<Record<string, string>>) {
  const text = Object.values(sections).join('\n');
  const missing = item.facts.filter((f) => !statedIn(text, f.match));
  const forbidden = [...item.forbidden, ...ALWAYS_FORBIDDEN].filter((f) => statedIn(text, f.match));
  const report = checkGrounding(sections, [{ id: item.id, type: item.kind, text: item.transcript }]);
  const flagged = report.counts.unsupported + report.counts.contradicted;
  return { missing, forbidden, report, flagged };
}

const JUDGE_SCORES = ['judgeAsked', 'judgeErrors', 'judgeJudged', 'judgeUnsupported', 'judgeCompared', 'judgeAgree'];

/**
 * Note grounding over issue 5's synthetic sessions (dataset.ts, mutations.ts): the offline drafter's note in every
 * format → fact recall, forbidden facts stated, claims the grounding checker cannot support; and the checker's catch
 * rate for unsupported statements injected into those notes. When the run has a real model, that model also judges
 * each note against its transcript (judge.ts) → judge_unsupported_rate, judge_error_rate, judge_checker_agreement.
 * Offline those three metrics are absent (not zero), so the offline gate and thresholds.json are unchanged; the judge
 * reports, it does not change a case's pass. With a real model the model also drafts every session × format itself
 * (model-drafter.ts), each its own case `<session>/<format>/model`, scored with the same scorers →
 * model_fact_recall, model_forbidden_fact_rate, model_unsupported_claim_rate, model_draft_error_rate; absent offline,
 * and the offline drafter's four metrics are computed over the offline drafter's cases only.
 */
export function notesSuiteWith(options: NotesSuiteOptions = {}): Suite {
  const items = options.items ?? ITEMS;
  const formats = options.formats ?? DRAFT_FORMATS;
  return {
    name: 'notes',
    description:
      'sessions × formats → fact recall, forbidden-fact rate, unsupported-claim rate, mutation catch rate; with a real model, a model judge and the model’s own drafts scored the same way',
    usesModel: false,
    run: async (ctx) => {
      const judge = options.judge === undefined ? (canJudge(ctx.model) ? ctx.model : null) : options.judge;
      const drafter =
        options.drafter === 'run-model' ? (canJudge(ctx.model) ? ctx.model : null) : (options.drafter ?? null);
      const out: CaseResult[] = [];
      const judging: (() => Promise<void>)[] = [];
      for (const item of items)
        for (const format of formats) {
          const source = { id: item.id, type: item.kind, text: item.transcript };
          const { sections } = draftNote({ format, source: { id: item.id, kind: item.kind, text: item.transcript } });
          const { missing, forbidden, report, flagged } = scoreNote(item, sections);
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
          if (drafter) {
            // The model's own draft of the same session and format, scored with the same scorers: its own case.
            const modelCase: CaseResult = {
              id: `${item.id}/${format}/model`,
              pass: false,
              expected: `model draft: all ${item.facts.length} facts, no forbidden fact, no unsupported claim`,
              got: 'not drafted',
              scores: { modelDraft: 1 },
            };
            out.push(modelCase);
            judging.push(async () => {
              const drafted = await draftWithModel(
                drafter,
                { format, transcript: item.transcript, sourceId: item.id },
                { maxRetries: options.drafterMaxRetries },
              );
              if (!drafted.ok) {
                // A failed draft is a failed case and states no fact; it adds no claims to the grounding rates.
                Object.assign(modelCase.scores, { modelError: 1, modelRecall: 0 });
                modelCase.got = `model draft error: ${drafted.error}`;
                return;
              }
              const s = scoreNote(item, drafted.draft.sections);
              Object.assign(modelCase.scores, {
                modelError: 0,
                modelRecall: (item.facts.length - s.missing.length) / Math.max(1, item.facts.length),
                modelForbidden: s.forbidden.length,
                modelForbiddenTotal: item.forbidden.length + ALWAYS_FORBIDDEN.length,
                modelClaims: s.report.claims.length,
                modelFlagged: s.flagged,
                modelDroppedSpans: drafted.draft.droppedSpans,
              });
              modelCase.pass = s.missing.length === 0 && s.forbidden.length === 0 && s.flagged === 0;
              const flaggedClaims = s.report.claims.filter((c) => c.label !== 'supported');
              modelCase.got = [
                s.missing.length ? `missing: ${s.missing.map((f) => f.text).join('; ')}` : '',
                s.forbidden.length ? `forbidden stated: ${s.forbidden.map((f) => f.text).join('; ')}` : '',
                s.flagged ? `${s.flagged} unsupported claim(s)` : '',
                ...flaggedClaims.slice(0, 3).map((c) => `${c.label}: “${c.text.slice(0, 120)}”`),
                drafted.draft.droppedSpans ? `${drafted.draft.droppedSpans} span(s) not in the transcript` : '',
              ]
                .filter(Boolean)
                .join('; ');
              if (!modelCase.got) modelCase.got = 'all facts, nothing forbidden, every claim supported';
            });
          }
          if (!judge && !drafter) ctx.onProgress?.(out.length, items.length * formats.length);
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
      const model = results.filter(isModelCase);
      const drafts = results.filter((r) => !isModelCase(r));
      const metrics: Record<string, number> = {
        fact_recall: mean(drafts.map((r) => r.scores.recall ?? 0)),
        forbidden_fact_rate: sum(drafts, 'forbidden') / Math.max(1, sum(drafts, 'forbiddenTotal')),
        unsupported_claim_rate: sum(drafts, 'flagged') / Math.max(1, sum(drafts, 'claims')),
        mutation_catch_rate: sum(drafts, 'caught') / Math.max(1, sum(drafts, 'tried')),
      };
      // Only when a judge ran: absent offline, so a threshold on them could never be met without a model.
      if (drafts.some((r) => JUDGE_SCORES.every((k) => k in r.scores))) {
        metrics.judge_unsupported_rate = sum(drafts, 'judgeUnsupported') / Math.max(1, sum(drafts, 'judgeJudged'));
        metrics.judge_error_rate = sum(drafts, 'judgeErrors') / Math.max(1, sum(drafts, 'judgeAsked'));
        metrics.judge_checker_agreement = sum(drafts, 'judgeAgree') / Math.max(1, sum(drafts, 'judgeCompared'));
      }
      // Only when the model drafted (never offline): model_* are absent, not zero, on an offline run.
      if (model.length > 0) {
        metrics.model_fact_recall = mean(model.map((r) => r.scores.modelRecall ?? 0));
        metrics.model_forbidden_fact_rate =
          sum(model, 'modelForbidden') / Math.max(1, sum(model, 'modelForbiddenTotal'));
        metrics.model_unsupported_claim_rate = sum(model, 'modelFlagged') / Math.max(1, sum(model, 'modelClaims'));
        // A case whose draft never came back (the run stopped early) counts as an error too.
        metrics.model_draft_error_rate = model.filter((r) => (r.scores.modelError ?? 1) === 1).length / model.length;
      }
      return metrics;
    },
  };
}

/** The suite the runner uses: with a real model, the judge and the model's own drafts; offline, neither. */
export const notesSuite: Suite = notesSuiteWith({ drafter: 'run-model' });
