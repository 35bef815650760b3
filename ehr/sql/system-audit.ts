import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../../policies/audit/chain.ts';

/**
 * An audit event for work charta does on its own (surface `system`, no actor): a background job's step, such as an
 * alert handed to the notifier or a message read by the configured model. Ids and codes only, never record text.
 */
export function systemAuditEvent(event: {
  practiceId: string;
  action: string;
  /** Null when the step succeeded; else why it failed, as a code. */
  failure: string | null;
  recordIds: string[];
  /** `performance.now()` when the step started. */
  startedAt: number;
}): AuditEvent {
  return {
    id: randomUUID(),
    practiceId: event.practiceId,
    occurredAt: new Date().toISOString(),
    actorId: null,
    actorRole: null,
    surface: 'system',
    clientApp: null,
    action: event.action,
    decision: event.failure ? 'error' : 'allow',
    reasonCode: event.failure,
    recordIds: event.recordIds,
    inputDigest: null,
    outputDigest: null,
    latencyMs: Math.round(performance.now() - event.startedAt),
    traceId: null,
  };
}
