import { join } from 'node:path';
import { chatTurn, type ToolCallRecord } from '../harness/chat.ts';
import { EVAL_CALLERS, fill } from '../harness/env.ts';
import { readJsonl } from '../harness/jsonl.ts';
import { type CaseResult, eachCase, mean, type Suite } from '../harness/types.ts';

interface ExpectedCall {
  tool: string;
  args?: Record<string, unknown>;
  /** When given, whether the pipeline must allow the call (a cross-practice request is routed, then refused). */
  allowed?: boolean;
}
/** One request by a role. `expect: []` means the assistant must not carry out anything: no call may be allowed. */
export interface RoutingCase {
  id: string;
  role: string;
  request: string;
  expect: ExpectedCall[];
}

export const ROUTING_CASES = readJsonl<RoutingCase>(join(import.meta.dirname, 'cases.jsonl'));

const sameArgs = (want: Record<string, unknown> | undefined, got: Record<string, unknown>) =>
  Object.entries(want ?? {}).every(([k, v]) => JSON.stringify(got[k]) === JSON.stringify(v));

const show = (calls: ToolCallRecord[]) =>
  calls.length === 0
    ? '(no tool call)'
    : calls
        .map((c) => `${c.toolName}(${JSON.stringify(c.input)}) → ${c.allowed ? 'allowed' : (c.errorCode ?? 'refused')}`)
        .join('; ');

/** Scores one turn against its case: the tools (all expected ones called) and their key arguments. */
export function scoreRouting(c: RoutingCase, calls: ToolCallRecord[]): CaseResult {
  let tools: boolean;
  let args: boolean;
  if (c.expect.length === 0) {
    tools = args = !calls.some((call) => call.allowed);
  } else {
    tools = c.expect.every((e) => calls.some((call) => call.toolName === e.tool));
    args = c.expect.every((e) =>
      calls.some(
        (call) =>
          call.toolName === e.tool &&
          sameArgs(e.args, call.input) &&
          (e.allowed === undefined || call.allowed === e.allowed),
      ),
    );
  }
  const expected =
    c.expect.length === 0
      ? 'nothing carried out (no allowed tool call)'
      : c.expect
          .map((e) => `${e.tool}(${JSON.stringify(e.args ?? {})})${e.allowed === false ? ' → refused' : ''}`)
          .join('; ');
  return {
    id: c.id,
    pass: tools && args,
    expected: `[${c.role}] “${c.request}” → ${expected}`,
    got: show(calls),
    scores: { tool: tools ? 1 : 0, args: args ? 1 : 0, refusalCase: c.expect.length === 0 ? 1 : 0 },
  };
}

export const routingSuite: Suite = {
  name: 'routing',
  description: 'requests × role → expected tool calls and key arguments, through the chat tools and the pipeline',
  usesModel: true,
  run: (ctx) =>
    eachCase(ROUTING_CASES, ctx, async (raw) => {
      const c = fill(raw, ctx.env.refs);
      const caller = EVAL_CALLERS[c.role];
      if (!caller) throw new Error(`routing case ${c.id}: unknown role ${c.role}`);
      const turn = await chatTurn(ctx.env, ctx.model, caller, c.request);
      return scoreRouting(c, turn.calls);
    }),
  metrics: (results) => {
    const refusals = results.filter((r) => r.scores.refusalCase === 1);
    return {
      tool_accuracy: mean(results.map((r) => r.scores.tool ?? 0)),
      argument_accuracy: mean(results.map((r) => r.scores.args ?? 0)),
      // Requests the role must not get carried out: the share that still were.
      overreach_rate: mean(refusals.map((r) => 1 - (r.scores.tool ?? 0))),
    };
  },
};
