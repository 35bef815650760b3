import { describe, expect, it } from 'vitest';
import type { TriageAlert } from '../ehr/flags.ts';
import { deliverPendingAlerts } from '../ehr/sql/flags.ts';
import { TEST_ANCHOR } from '../test/constants.ts';
import { annotations, outcomeOf, principal, rows, usePipeline } from '../test/pipeline-fixtures.ts';

const harness = usePipeline();
const { call } = harness;

const messageRow = (key: string) => {
  const m = rows.inboxMessages.find((x) => x.id === annotations.messages[key]);
  if (!m) throw new Error(`the demo has no message ${key}`);
  return m;
};
const primaryOf = (clientId: string) => {
  const a = rows.caseloadAssignments.find(
    (x) => x.clientId === clientId && x.role === 'primary' && (x.endedOn == null || x.endedOn >= TEST_ANCHOR),
  );
  const user = rows.users.find((u) => u.id === a?.clinicianId);
  if (!user) throw new Error(`no primary clinician for ${clientId}`);
  return user;
};
type Flagged = {
  flags: Array<{ id: string; kind: string; sourceId: string; urgency: string; created: boolean; evidence: unknown[] }>;
  alerts: Array<{ id: string; recipientId: string; recipientKind: string; created: boolean }>;
};
const output = (result: Awaited<ReturnType<typeof call>>): Flagged => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.output as Flagged;
};
const count = async (table: 'riskFlags' | 'triageAlerts') =>
  Number(
    (
      await harness.database.db
        // biome-ignore lint/suspicious/noExplicitAny: the 0004 tables are typed in ehr/sql/flags.ts, not the shared schema.
        .selectFrom(table as any)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('flag_risk', () => {
  const m = messageRow('risk-preparatory-goodbye');
  const clinician = primaryOf(m.clientId);
  const who = principal(clinician.username, 'clinician', clinician.practiceId);

  it('stores a message-risk flag and alerts the primary clinician and the on-call clinician', async () => {
    const result = output(await call(who, 'flag_risk', { clientId: m.clientId }));
    const flag = result.flags.find((f) => f.kind === 'message_risk' && f.sourceId === m.id);
    expect(flag).toMatchObject({ urgency: 'emergency', created: true });
    const mine = result.alerts.filter((a) => a.created);
    expect(mine.map((a) => a.recipientKind)).toContain('primary_clinician');
    expect(mine.find((a) => a.recipientKind === 'primary_clinician')?.recipientId).toBe(clinician.id);
    const onCall = rows.users.filter((u) => u.practiceId === clinician.practiceId && u.onCall && u.active);
    if (onCall.some((u) => u.id !== clinician.id)) expect(mine.map((a) => a.recipientKind)).toContain('on_call');
    expect(JSON.stringify(result)).not.toContain(m.body.slice(0, 40));
  });

  it('is idempotent: a second call returns the same flags and alerts and stores nothing new', async () => {
    const flags = await count('riskFlags');
    const alerts = await count('triageAlerts');
    const first = output(await call(who, 'flag_risk', { clientId: m.clientId }));
    const again = output(await call(who, 'flag_risk', { clientId: m.clientId }));
    expect(again.flags.map((f) => f.id)).toEqual(first.flags.map((f) => f.id));
    expect(again.flags.every((f) => !f.created)).toBe(true);
    expect(again.alerts.every((a) => !a.created)).toBe(true);
    expect(await count('riskFlags')).toBe(flags);
    expect(await count('triageAlerts')).toBe(alerts);
  });

  it('hands pending alerts to the notification hook once, audits every attempt, and keeps a failed one for the next run', async () => {
    const seen: TriageAlert[] = [];
    let fail = true;
    const notifier = {
      async deliver(alert: TriageAlert) {
        if (fail) {
          fail = false;
          throw new Error('pager down');
        }
        seen.push(alert);
      },
    };
    const events: Array<{ action: string; decision: string; recordIds: readonly string[]; surface: string }> = [];
    const audit = {
      async append(event: (typeof events)[number]) {
        events.push(event);
        return { seq: events.length, hash: 'x' };
      },
    };
    const firstRun = await deliverPendingAlerts(harness.database.db, notifier, audit);
    expect(firstRun.failed).toBe(1);
    const retry = await deliverPendingAlerts(harness.database.db, notifier, audit, { retryFailed: true });
    expect(retry.failed).toBe(0);
    expect(firstRun.delivered + retry.delivered).toBe(seen.length);
    expect(new Set(seen.map((a) => a.id)).size).toBe(seen.length);
    expect(await deliverPendingAlerts(harness.database.db, notifier, audit)).toEqual({ delivered: 0, failed: 0 });
    // One audit event per attempt, the failed one included, naming the alert and never its text.
    expect(events).toHaveLength(firstRun.delivered + firstRun.failed + retry.delivered + retry.failed);
    expect(events.filter((e) => e.decision === 'error')).toHaveLength(1);
    for (const e of events) expect(e).toMatchObject({ action: 'alert.deliver', surface: 'system' });
    for (const alert of seen) expect(events.some((e) => e.recordIds[0] === alert.id)).toBe(true);
    for (const alert of seen) expect(JSON.stringify(alert)).not.toMatch(/given|letters|goodbye/i);
  });

  it('refuses another practice’s client as not found and stores nothing', async () => {
    const elsewhere = rows.clients.find((c) => c.practiceId !== clinician.practiceId);
    if (!elsewhere) throw new Error('the demo has one practice');
    const flags = await count('riskFlags');
    expect(outcomeOf(await call(who, 'flag_risk', { clientId: elsewhere.id }))).toBe('not_found');
    expect(await count('riskFlags')).toBe(flags);
  });
});
