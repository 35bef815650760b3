import { jsonSchema, type ToolSet, tool } from 'ai';
import * as z from 'zod';
import type { Pipeline } from '../policies/pipeline.ts';
import type { Principal } from '../policies/principal.ts';

/**
 * The registry's tools as AI SDK tools for one caller. The model gets the same JSON Schemas MCP clients get, and
 * every call — valid or not — goes through the pipeline with the caller's principal (surface `chat`): the AI SDK
 * does not validate arguments itself, so a malformed call is refused and audited like any other. A refusal comes
 * back to the model as `{ error: { code, message } }`, so it can tell the person plainly what was refused.
 */
export function chatTools(pipeline: Pipeline, principal: Principal, meta: { traceId?: string } = {}): ToolSet {
  const caller: Principal = { ...principal, surface: 'chat' };
  const tools: ToolSet = {};
  for (const t of pipeline.listTools(caller)) {
    tools[t.name] = tool({
      description: t.description,
      inputSchema: jsonSchema<Record<string, unknown>>(
        z.toJSONSchema(t.input as z.ZodType, { io: 'input' }) as Parameters<typeof jsonSchema>[0],
      ),
      execute: async (input) => {
        const result = await pipeline.callTool(caller, t.name, input, meta);
        return result.ok ? result.output : { error: result.error };
      },
    });
  }
  return tools;
}
