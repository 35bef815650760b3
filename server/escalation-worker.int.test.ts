import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TriageAlert } from '../ehr/flags.ts';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import { collectingAudit } from '../test/collecting-audit.ts';
import { TEST_ANCHOR } from '../test/constants.ts';
import { annotations, principal, rows, usePipeline } from '../test/pipeline-fixtures.ts';
import { triageOf } from '../tools/triage-view.ts';
import { SYSTEM_ACTOR, startEscalationWorker, sweepEscalations } from './escalation-worker.ts';
import { createLogger } from './logger.ts';

const harness = usePipeline();
const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });
const NOW = new Date(`${TEST_ANCHOR}T18:00:00Z`);
const PRACTICES = [...new Set(rows.practices.map((p) => p.id))];

/** Patient messages whose triage (as every tool shows it) is escalated risk: what must end up flagged. */
const mustFlag = rows.inboxMessages.filter((m) => {
  if (m.senderKind === 'staff') return false;
  const t = triageOf({ body: m.body, triage: null });
  return t.escalate && t.categories.includes('urgent_risk');
});

async function flaggedMessageIds(): Promise<string[]> {
  const found = (await harness.database.db
    .selectFrom('riskFlags' as never)
    .select(['sourceId' as never, 'createdBy' as never])
    .where('kind' as never, '=', 'message_risk' as never)
    .execute()) as Array<{ sourceId: string; createdBy: string }>;
  // Nobody asked: the sweep stores its flags as the system's.
  for (const f of found) expect(f.createdBy).toBe(SYSTEM_ACTOR);
  return found.map((f) => f.sourceId).sort();
}

describe('the escalation sweep', () => {
  const audit = collectingAudit();

  it('flags every escalated patient message and alerts its primary and the on-call clinician, unasked', async () => {
    expect(mustFlag.length).toBeGreaterThan(5);
    const gateway = sqlGateway(harness.database);
    const first = await sweepEscalations(gateway, PRACTICES, audit, { now: NOW });
    expect(first.flags).toBe(mustFlag.length);
    expect(await flaggedMessageIds()).toEqual(mustFlag.map((m) => m.id).sort());
    const alerts = await harness.database.db
      .selectFrom('triageAlerts' as never)
      .selectAll()
      .execute();
    expect(alerts).toHaveLength(first.alerts);
    for (const m of mustFlag) {
      const mine = (alerts as Array<{ messageId: string; recipientKind: string; recipientId: string }>).filter(
        (a) => a.messageId === m.id,
      );
      const primary = rows.caseloadAssignments.find(
        (a) => a.clientId === m.clientId && a.role === 'primary' && (a.endedOn == null || a.endedOn >= TEST_ANCHOR),
      );
      if (primary) expect(mine.map((a) => a.recipientId)).toContain(primary.clinicianId);
      expect(mine.length).toBeGreaterThan(0);
    }
    // Audited as the system, ids only.
    expect(audit.events).toHaveLength(first.flags + first.alerts);
    for (const e of audit.events) expect(e).toMatchObject({ surface: 'system', actorId: null });
    expect(JSON.stringify(audit.events)).not.toContain(mustFlag[0]?.body.slice(0, 30) ?? '');
  });

  it('stores nothing the second time, and flag_risk afterwards finds the same flags', async () => {
    const before = audit.events.length;
    const again = await sweepEscalations(sqlGateway(harness.database), PRACTICES, audit, { now: NOW });
    expect(again).toMatchObject({ flags: 0, alerts: 0 });
    expect(audit.events).toHaveLength(before);
    const goodbye = rows.inboxMessages.find((m) => m.id === annotations.messages['risk-preparatory-goodbye']);
    const primary = rows.caseloadAssignments.find((a) => a.clientId === goodbye?.clientId && a.role === 'primary');
    const clinician = rows.users.find((u) => u.id === primary?.clinicianId);
    if (!goodbye || !clinician) throw new Error('the demo has no goodbye message with a primary clinician');
    const result = await harness.call(principal(clinician.username, 'clinician', clinician.practiceId), 'flag_risk', {
      clientId: goodbye.clientId,
    });
    if (!result.ok) throw new Error(result.error.message);
    const flags = (result.output as { flags: Array<{ sourceId: string; created: boolean }> }).flags;
    expect(flags.find((f) => f.sourceId === goodbye.id)).toMatchObject({ created: false });
  });

  it('flags a message the rules left routine once a model reading stored on it escalates it', async () => {
    const routine = rows.inboxMessages.find(
      (m) => m.senderKind !== 'staff' && !triageOf({ body: m.body, triage: null }).escalate,
    );
    if (!routine) throw new Error('the demo has no routine patient message');
    await harness.database.db
      .updateTable('inboxMessages')
      .set({
        triageUrgency: 'urgent',
        triageCategories: JSON.stringify(['urgent_risk']),
        triageReasons: JSON.stringify([]),
        triageSource: 'model',
        triagedAt: NOW.toISOString(),
      })
      .where('id', '=', routine.id)
      .execute();
    const swept = await sweepEscalations(sqlGateway(harness.database), PRACTICES, collectingAudit(), { now: NOW });
    expect(swept.flags).toBe(1);
    expect(await flaggedMessageIds()).toContain(routine.id);
  });
});

describe('the escalation worker', () => {
  it('hands each pending alert to the notifier once, audited, and is off at an interval of 0', async () => {
    const seen: TriageAlert[] = [];
    const audit = collectingAudit();
    const store = {
      state: { status: 'ready' as const, migrations: [], demoLoaded: true },
      database: harness.database,
      audit,
      gateway: sqlGateway(harness.database),
    };
    expect(startEscalationWorker(store, 0, silent)).toBeNull();
    const worker = startEscalationWorker(store, 3_600_000, silent, {
      deliver: async (alert) => {
        seen.push(alert);
      },
    });
    try {
      const first = await worker?.runOnce();
      expect(first?.delivery.delivered).toBe(seen.length);
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen.map((a) => a.id)).size).toBe(seen.length);
      expect(audit.events.filter((e) => e.action === 'alert.deliver')).toHaveLength(seen.length);
      expect((await worker?.runOnce())?.delivery).toEqual({ delivered: 0, failed: 0 });
    } finally {
      await worker?.stop();
    }
  });
});
