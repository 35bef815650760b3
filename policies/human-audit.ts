import { isEhrError } from '../ehr/errors.ts';
import type { HumanActions } from '../ehr/gateway.ts';
import { ID_PREFIX } from '../ehr/ids.ts';
import { sha256Of } from './digest.ts';
import { type AuditSink, auditEventFor } from './pipeline.ts';
import type { Principal } from './principal.ts';

/**
 * Record ids look like `note_…`, `cli_…`: one of charta's type prefixes, an underscore, then the id proper. Free text
 * (a revocation reason, a review note) and codes such as the disposition `no_further_action` are not ids, and must
 * not land in the row as if they were.
 */
const RECORD_ID = new RegExp(`^(?:${Object.values(ID_PREFIX).join('|')})_[A-Za-z0-9_-]{1,60}$`);
/** Inside an argument or a result, only the fields that name a record: `id`, `…Id`, `…By`. */
const ID_FIELD = /^(?:id|[A-Za-z]+Id|[A-Za-z]+By)$/;

const idsIn = (value: unknown): string[] => {
  if (typeof value === 'string') return RECORD_ID.test(value) ? [value] : [];
  if (value && typeof value === 'object') {
    const out: string[] = [];
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'string' && ID_FIELD.test(key) && RECORD_ID.test(v)) out.push(v);
      else if (v && typeof v === 'object' && 'id' in v && typeof v.id === 'string' && RECORD_ID.test(v.id)) {
        out.push(v.id);
      }
    }
    return out;
  }
  return [];
};

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The human-only actions with an audit row for each attempt: `human.sign_note`, `human.send_reply`,
 * `human.review_risk_flag`… with the actor, the decision (allow, or error with the EHR's reason), the record ids
 * involved and digests of arguments and result: never the arguments themselves, so free text such as a review note
 * stays out of the trail.
 * Whatever route lets a person sign, send, apply, submit, record consent or review a risk flag must take its
 * HumanActions from here, so invariant 5 (every human-only action leaves a row) holds for methods added later too:
 * every function is wrapped.
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
