import { join } from 'node:path';
import { chatTurn } from '../harness/chat.ts';
import { EVAL_CALLERS, fill } from '../harness/env.ts';
import { readJsonl } from '../harness/jsonl.ts';
import { type CaseResult, eachCase, mean, type Suite } from '../harness/types.ts';
import { type ChartCase, caseloadRefs, expectedFacts, type Fact } from './facts.ts';
import { abstains, statesFact, unsupportedValues } from './score.ts';

export const CHART_CASES = readJsonl<ChartCase>(join(import.meta.dirname, 'questions.jsonl'));

const showFact = (f: Fact) => (f.kind === 'phrase' ? `“${f.value.slice(0, 60)}”` : f.value);

/** Scores one answer: the expected facts it states, whether it abstains, and values it states that nothing supports. */
export function scoreChartAnswer(
  c: ChartCase,
  question: string,
  facts: Fact[],
  answer: string,
  toolOutputs: unknown[],
): CaseResult {
  const sources = [question, ...toolOutputs.map((o) => JSON.stringify(o ?? null))];
  const invented = unsupportedValues(answer, sources);
  const stated = facts.filter((f) => statesFact(answer, f));
  const recall = facts.length === 0 ? 0 : stated.length / facts.length;
  const abstained = abstains(answer);
  // Stating values with no record id to check them against is as unverifiable as inventing them.
  const citesRecord = /\[[a-z]{2,5}_[a-z0-9]{8,}\]/.test(answer) || /\b[a-z]{2,5}_[a-z0-9]{8,}\b/.test(answer);
  const uncited = c.answerable && !abstained && stated.length > 0 && !citesRecord;
  const pass = c.answerable ? recall === 1 && invented.length === 0 && !uncited : abstained && invented.length === 0;
  return {
    id: c.id,
    pass,
    expected: `“${question}” → ${
      c.answerable ? `states ${facts.map(showFact).join(', ')}` : 'says the chart has no record of it, states no value'
    }`,
    got: [
      answer.replace(/\s+/g, ' ').slice(0, 400),
      invented.length > 0 ? `[unsupported values: ${invented.join(', ')}]` : '',
      uncited ? '[no record id cited]' : '',
    ]
      .filter(Boolean)
      .join(' '),
    scores: {
      answerable: c.answerable ? 1 : 0,
      recall,
      abstained: abstained ? 1 : 0,
      fabricated: invented.length > 0 || uncited ? 1 : 0,
    },
  };
}

/**
 * Chart questions a clinician asks through the chat agent about the demo clinician's own clients: facts the seeded
 * chart holds (read from the database at run time) and facts it never records, where the only right answer is that
 * the chart has no record of it.
 */
export const chartSuite: Suite = {
  name: 'chart',
  description:
    'clinician questions over demo charts → answer-fact recall, abstention when unanswerable, fabricated values',
  usesModel: true,
  run: async (ctx) => {
    const refs = { ...ctx.env.refs, ...(await caseloadRefs(ctx.env)) };
    const clinician = EVAL_CALLERS.clinician;
    if (!clinician) throw new Error('no clinician caller');
    return eachCase(CHART_CASES, ctx, async (c) => {
      const clientId = refs[c.client];
      if (!clientId) throw new Error(`chart case ${c.id}: unknown client slot ${c.client}`);
      const question = fill(c.question, refs);
      const facts = await expectedFacts(ctx.env, c, clientId);
      const turn = await chatTurn(ctx.env, ctx.model, clinician, question);
      return scoreChartAnswer(
        c,
        question,
        facts,
        turn.text,
        turn.calls.map((call) => call.output),
      );
    });
  },
  metrics: (results) => {
    const answerable = results.filter((r) => r.scores.answerable === 1);
    const unanswerable = results.filter((r) => r.scores.answerable === 0);
    return {
      answer_fact_recall: mean(answerable.map((r) => r.scores.recall ?? 0)),
      // Unanswerable: said so, and stated no invented value alongside.
      abstention_rate: mean(unanswerable.map((r) => (r.scores.abstained === 1 && r.scores.fabricated === 0 ? 1 : 0))),
      // Answerable: said "no record" and gave none of the facts.
      false_abstention_rate: mean(
        answerable.map((r) => (r.scores.abstained === 1 && (r.scores.recall ?? 0) === 0 ? 1 : 0)),
      ),
      uncited_or_fabricated_rate: mean(results.map((r) => r.scores.fabricated ?? 0)),
    };
  },
};
