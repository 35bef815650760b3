import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type { EhrGateway } from '../ehr/gateway.ts';
import { ROLES } from '../ehr/types.ts';
import type { AnyTool, ToolContext } from '../tools/define.ts';
import { sha256Of } from './digest.ts';
import { ToolError, type ToolErrorCode, toToolError } from './errors.ts';
import { newFence } from './fence.ts';
import type { Principal } from './principal.ts';
import type { RateLimiter } from './rate-limit.ts';
import { grantFor } from './roles.ts';
import { resolveScope } from './scope.ts';
import { wallEhr } from './walls.ts';

/** One audit row's worth of facts about a call. No PHI: ids, digests, codes and timings only. */
export interface CallAuditEvent {
  id: string;
  practiceId: string;
  occurredAt: string;
  actorId: string;
  actorRole: string;
  surface: Principal['surface'];
  clientApp: string | null;
  action: string;
  decision: 'allow' | 'deny' | 'error';
  reasonCode: string | null;
  recordIds: string[];
  inputDigest: string | null;
  outputDigest: string | null;
  latencyMs: number;
  traceId: string | null;
}

/** An audit event for something a principal did: who, where and when come from the principal and the clock. */
export function auditEventFor(
  principal: Principal,
  facts: Omit<CallAuditEvent, 'id' | 'practiceId' | 'occurredAt' | 'actorId' | 'actorRole' | 'surface' | 'clientApp'>,
): CallAuditEvent {
  return {
    id: randomUUID(),
    practiceId: principal.practiceId,
    occurredAt: new Date().toISOString(),
    actorId: principal.userId,
    actorRole: principal.role,
    surface: principal.surface,
    clientApp: principal.clientApp,
    ...facts,
  };
}

export interface AuditSink {
  /** Resolves once the event is durably recorded; a rejection fails the call (the pipeline fails closed). */
  append(event: CallAuditEvent): Promise<unknown>;
}

export interface PipelineOptions {
  tools: readonly AnyTool[];
  gateway: Pick<EhrGateway, 'forPractice'>;
  audit: AuditSink;
  /** Largest serialized result, in characters. Default 256 KiB. */
  maxResponseChars?: number;
  /** Hide and refuse draft tools. */
  readOnly?: boolean;
  /** Offer only these tools (by name). */
  allowTools?: readonly string[];
  /** Per-principal call budget, shared by every surface; refusals are audited like any denial. */
  rateLimit?: RateLimiter;
  /** Called with unexpected errors (the cause stays out of the caller's message). */
  onInternalError?: (error: unknown, tool: string) => void;
  /** The configured model's triage reading, handed to tools that classify pasted text (classify_message). */
  triageModel?: ToolContext['triageModel'];
}

export type CallResult =
  | { ok: true; output: unknown }
  | { ok: false; error: { code: ToolErrorCode; message: string; issues?: string[] } };

/** Refusals by policy are 'deny'; everything else that fails is 'error'. */
const DENIALS: ReadonlySet<ToolErrorCode> = new Set([
  'unknown_tool',
  'forbidden',
  'out_of_scope',
  'walled',
  'consent_required',
  'rate_limited',
]);

/**
 * The one dispatch point: every call from every surface goes authorize → scope → validate → run (with a walled,
 * practice-bound gateway) → validate and bound the output → audit. Handlers never check policy themselves, and a
 * call whose audit row cannot be written fails.
 */
export function createPipeline(options: PipelineOptions) {
  const maxChars = options.maxResponseChars ?? 256 * 1024;
  // Supervision reach is read-only: a draft tool whose permission some role holds with that reach is a
  // configuration error, caught when the pipeline is built rather than on some later call.
  for (const tool of options.tools) {
    if (tool.effect !== 'draft') continue;
    for (const role of ROLES) {
      if (grantFor(role, tool.permission)?.reach === 'supervision') {
        throw new Error(`${tool.name} writes drafts, but ${role} holds ${tool.permission} with supervision reach`);
      }
    }
  }
  const offered = options.tools.filter(
    (t) => (!options.readOnly || t.effect === 'read') && (!options.allowTools || options.allowTools.includes(t.name)),
  );
  const byName = new Map(offered.map((t) => [t.name, t] as const));
  const listsByRole = new Map<string, AnyTool[]>();

  function listTools(principal: Principal): readonly AnyTool[] {
    let list = listsByRole.get(principal.role);
    if (!list) {
      list = offered.filter((t) => grantFor(principal.role, t.permission) !== null);
      listsByRole.set(principal.role, list);
    }
    return list;
  }

  async function callTool(
    principal: Principal,
    name: string,
    args: unknown,
    meta: { traceId?: string } = {},
  ): Promise<CallResult> {
    const started = performance.now();
    const touched = new Set<string>();
    let outputDigest: string | null = null;
    let result: CallResult;
    try {
      const budget = options.rateLimit?.take(`${principal.practiceId}:${principal.userId}`);
      if (budget && !budget.ok) {
        throw new ToolError('rate_limited', `Too many calls; try again in ${budget.retryAfterSeconds} s.`);
      }
      const tool = byName.get(name);
      if (!tool) throw new ToolError('unknown_tool');
      const grant = grantFor(principal.role, tool.permission);
      if (!grant) throw new ToolError('forbidden', `Your role (${principal.role}) does not permit ${tool.name}.`);
      const parsed = (tool.input as z.ZodType).safeParse(args ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues
          .slice(0, 10)
          .map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`);
        result = {
          ok: false,
          error: { code: 'invalid_input', message: `Invalid arguments for ${tool.name}.`, issues },
        };
      } else {
        const ehr = options.gateway.forPractice(principal.practiceId);
        const scope = resolveScope(principal, grant, ehr);
        const ctx: ToolContext = {
          principal,
          ehr: wallEhr(ehr, principal, scope),
          scope,
          fence: newFence(),
          touch: (...ids) => {
            for (const id of ids) touched.add(id);
          },
          ...(options.triageModel ? { triageModel: options.triageModel } : {}),
        };
        const raw = await tool.run(parsed.data, ctx);
        const checked = (tool.output as z.ZodType).safeParse(raw);
        if (!checked.success)
          throw new Error(`${tool.name} returned output that breaks its schema`, { cause: checked.error });
        const size = JSON.stringify(checked.data).length;
        if (size > maxChars) {
          throw new ToolError(
            'too_large',
            `The result (${size} characters) exceeds the ${maxChars}-character limit; ask for a smaller page.`,
          );
        }
        outputDigest = sha256Of(checked.data);
        result = { ok: true, output: checked.data };
      }
    } catch (error) {
      const toolError = toToolError(error);
      if (toolError.code === 'internal') options.onInternalError?.(error, name);
      result = { ok: false, error: { code: toolError.code, message: toolError.message } };
    }

    const event = auditEventFor(principal, {
      action: byName.has(name) ? name : 'unknown_tool',
      decision: result.ok ? 'allow' : DENIALS.has(result.error.code) ? 'deny' : 'error',
      reasonCode: result.ok ? null : result.error.code,
      recordIds: [...touched],
      inputDigest: sha256Of(args ?? null),
      outputDigest,
      latencyMs: Math.round(performance.now() - started),
      traceId: meta.traceId ?? null,
    });
    try {
      await options.audit.append(event);
    } catch (error) {
      options.onInternalError?.(error, name);
      return {
        ok: false,
        error: { code: 'internal', message: 'The call could not be audited, so it was not completed.' },
      };
    }
    return result;
  }

  return { listTools, callTool };
}

export type Pipeline = ReturnType<typeof createPipeline>;
