import { jsonSchema, type ToolSet, tool } from 'ai';
import * as z from 'zod';
import type { Pipeline } from '../policies/pipeline.ts';
import type { Principal } from '../policies/principal.ts';
import type { Pseudonymizer } from './pseudonymize.ts';
import type { ChatTracing } from './tracing.ts';

/**
 * The registry's tools as AI SDK tools for one caller. The model gets the same JSON Schemas MCP clients get, and
 * every call — valid or not — goes through the pipeline with the caller's principal (surface `chat`): the AI SDK
 * does not validate arguments itself, so a malformed call is refused and audited like any other. A refusal comes
 * back to the model as `{ error: { code, message } }`, so it can tell the person plainly what was refused.
 */
export function chatTools(
  pipeline: Pipeline,
  principal: Principal,
  options: { traceId?: string; pseudonymizer?: Pseudonymizer; tracing?: ChatTracing } = {},
): ToolSet {
  const meta = options.traceId ? { traceId: options.traceId } : {};
  const p = options.pseudonymizer;
  const caller: Principal = { ...principal, surface: 'chat' };
  const tools: ToolSet = {};
  for (const t of pipeline.listTools(caller)) {
    tools[t.name] = tool({
      description: t.description,
      inputSchema: jsonSchema<Record<string, unknown>>(
        z.toJSONSchema(t.input as z.ZodType, { io: 'input' }) as Parameters<typeof jsonSchema>[0],
      ),
      execute: async (input) => {
        // Under pseudonymization the model writes placeholders; the tool needs the real values back.
        const args = p ? p.restoreDeep(input) : input;
        const run = async () => pipeline.callTool(caller, t.name, args, meta);
        const result = options.tracing
          ? await options.tracing.inSpan('charta.tool', { 'charta.tool': t.name }, async (span) => {
              const r = await run();
              span.setAttribute('charta.decision', r.ok ? 'allow' : r.error.code);
              return r;
            })
          : await run();
        return result.ok ? result.output : { error: result.error };
      },
      // What the model sees of the result (the person's UI gets the real output).
      ...(p ? { toModelOutput: ({ output }) => ({ type: 'json' as const, value: p.mask(output) as never }) } : {}),
    });
  }
  return tools;
}
