import { isEhrError } from '../ehr/errors.ts';
import type { HumanActions } from '../ehr/gateway.ts';
import { sha256Of } from './digest.ts';
import { type AuditSink, auditEventFor } from './pipeline.ts';
import type { Principal } from './principal.ts';

/** Record ids look like `not_…`, `cli_…`: a short lowercase prefix, an underscore, then the id proper. */
const RECORD_ID = /^[a-z]{2,5}_[A-Za-z0-9_-]{1,60}$/;

const idsIn = (value: unknown): string[] => {
  if (typeof value === 'string') return RECORD_ID.test(value) ? [value] : [];
  if (value && typeof value === 'object') {
    const out: string[] = [];
    for (const v of Object.values(value)) {
      if (typeof v === 'string' && RECORD_ID.test(v)) out.push(v);
      else if (v && typeof v === 'object' && 'id' in v && typeof v.id === 'string') out.push(v.id);
    }
    return out;
  }
  return [];
};

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The human-only actions with an audit row for each attempt: `human.sign_note`, `human.send_reply`… with the actor,
 * the decision (allow, or error with the EHR's reason), the record ids involved and digests of arguments and result.
 * Whatever route lets a person sign, send, apply, submit or record consent must take its HumanActions from here, so
 * invariant 5 (every human-only action leaves a row) holds for methods added later too: every function is wrapped.
 *
 * An action whose audit row cannot be written still happened (it committed first); the caller gets the audit
 * failure as an error, so the person sees that something needs attention.
 */
export function auditedHumanActions(actions: HumanActions, audit: AuditSink, actor: Principal): HumanActions {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(actions) as [string, unknown][]) {
    if (typeof method !== 'function') continue;
    wrapped[name] = async (...args: unknown[]) => {
      const started = performance.now();
      let result: unknown;
      let failure: unknown = null;
      try {
        result = await (method as (...a: unknown[]) => Promise<unknown>).apply(actions, args);
      } catch (error) {
        failure = error;
      }
      const touched = new Set([...args.flatMap(idsIn), ...idsIn(result)]);
      touched.delete(actor.userId);
      const event = auditEventFor(actor, {
        action: `human.${snake(name)}`,
        decision: failure ? 'error' : 'allow',
        reasonCode: failure ? (isEhrError(failure) ? failure.code : 'internal') : null,
        recordIds: [...touched],
        inputDigest: sha256Of(args),
        outputDigest: failure ? null : sha256Of(result ?? null),
        latencyMs: Math.round(performance.now() - started),
        traceId: null,
      });
      await audit.append(event);
      if (failure) throw failure;
      return result;
    };
  }
  return wrapped as unknown as HumanActions;
}
