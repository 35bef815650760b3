import type * as z from 'zod';
import type { ModelOpinion } from '../clinical/triage/floor.ts';
import type { ToolEhr } from '../ehr/gateway.ts';
import type { Fence } from '../policies/fence.ts';
import type { Principal } from '../policies/principal.ts';
import type { Permission } from '../policies/roles.ts';
import type { CallerScope } from '../policies/scope.ts';

/** What a tool may do: read, or write drafts. There is no third effect; nothing a tool does is final. */
export type Effect = 'read' | 'draft';

/** What the pipeline hands a tool: the caller, a gateway bound to the caller's practice, their reach, a fence. */
export interface ToolContext {
  readonly principal: Principal;
  readonly ehr: ToolEhr;
  readonly scope: CallerScope;
  readonly fence: Fence;
  /** Record ids the call touched, for the audit row. */
  touch(...ids: string[]): void;
  /** The configured model's triage reading of a text (agent/triage-model.ts); absent with the offline model. */
  readonly triageModel?: (text: string) => Promise<ModelOpinion>;
}

export interface ToolDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** snake_case, unique. */
  name: string;
  title: string;
  description: string;
  permission: Permission;
  effect: Effect;
  input: I;
  output: O;
  run(input: z.output<I>, ctx: ToolContext): Promise<z.input<O>>;
}

/** A typed identity: `run`'s argument and result types come from the schemas, at no runtime cost. */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(
  definition: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return definition;
}

/** Any tool, for the registry and the pipeline. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds tools of different schemas; each is checked at its own boundary.
export type AnyTool = ToolDefinition<any, any>;
