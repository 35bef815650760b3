import type { AuditEvent } from '../policies/audit/chain.ts';

/** An audit sink that keeps every event in memory, for tests of jobs that append audit events themselves. */
export function collectingAudit() {
  const events: AuditEvent[] = [];
  return {
    events,
    append: async (event: AuditEvent) => {
      events.push(event);
      return { seq: events.length, hash: 'x' };
    },
  };
}
