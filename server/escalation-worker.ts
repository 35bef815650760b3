import { deriveRiskFlags } from '../clinical/triage/risk-flags.ts';
import type { AlertNotifier, TriageAlert } from '../ehr/flags.ts';
import type { EhrGateway } from '../ehr/gateway.ts';
import { deliverPendingAlerts } from '../ehr/sql/flags.ts';
import { systemAuditEvent } from '../ehr/sql/system-audit.ts';
import type { AuditLog } from '../policies/audit/log.ts';
import { type AlertRecipient, alertRecipients, storeFlagWithAlerts } from '../tools/risk-alerts.ts';
import { triageOf } from '../tools/triage-view.ts';
import type { Logger } from './logger.ts';
import type { TriageStore } from './model-triage-worker.ts';
import { type Periodic, runPeriodically } from './periodic.ts';

/** How far back each sweep reads: a message escalated by a model reading stored later is still swept. */
export const SWEEP_WINDOW_MS = 3 * 24 * 3_600_000;
/** The newest patient messages one sweep reads per practice. */
const SWEEP_LIMIT = 500;
/** Who a flag raised by the sweep says created it: no person did. */
export const SYSTEM_ACTOR = 'system';

export interface SweepResult {
  screened: number;
  flags: number;
  alerts: number;
}

/**
 * The escalation sweep: every escalated patient message gets a risk flag for clinician review and an alert for the
 * client's primary clinician and the on-call clinician, without anyone having to open the inbox or call flag_risk.
 * It reads each practice's newest patient messages in the window through the same triage every tool shows (the
 * rules, merged with a stored model reading under the floor) and stores through the same idempotent path as
 * flag_risk, so a second sweep stores nothing. Each flag and alert it creates is audited as a `system` event.
 */
export async function sweepEscalations(
  gateway: Pick<EhrGateway, 'forPractice'>,
  practiceIds: readonly string[],
  audit: Pick<AuditLog, 'append'>,
  options: { now?: Date } = {},
): Promise<SweepResult> {
  const since = new Date((options.now ?? new Date()).getTime() - SWEEP_WINDOW_MS).toISOString();
  const result: SweepResult = { screened: 0, flags: 0, alerts: 0 };
  for (const practiceId of practiceIds) {
    const ehr = gateway.forPractice(practiceId);
    // Read once per client per sweep, however many of its messages are escalated.
    const recipients = new Map<string, Promise<AlertRecipient[]>>();
    const recipientsOf = (clientId: string) => {
      let found = recipients.get(clientId);
      if (!found) {
        found = alertRecipients(ehr, clientId);
        recipients.set(clientId, found);
      }
      return found;
    };
    let cursor: string | null = null;
    let read = 0;
    do {
      const page = await ehr.read.inbox.recentMessages({
        senderKinds: ['client', 'guardian'],
        since,
        limit: Math.min(100, SWEEP_LIMIT - read),
        cursor,
      });
      read += page.items.length;
      cursor = page.nextCursor;
      for (const message of page.items) {
        result.screened++;
        const triage = triageOf(message);
        if (!triage.escalate) continue;
        for (const derived of deriveRiskFlags({ administrations: [], messages: [{ id: message.id, triage }] })) {
          const startedAt = performance.now();
          const stored = await storeFlagWithAlerts(
            ehr,
            message.clientId,
            derived,
            SYSTEM_ACTOR,
            await recipientsOf(message.clientId),
          );
          if (stored.created) {
            result.flags++;
            await audit.append(
              systemAuditEvent({
                practiceId,
                action: 'risk_flag.raise',
                failure: null,
                recordIds: [stored.flag.id, message.id, message.clientId],
                startedAt,
              }),
            );
          }
          for (const { alert, created } of stored.alerts) {
            if (!created) continue;
            result.alerts++;
            await audit.append(
              systemAuditEvent({
                practiceId,
                action: 'alert.raise',
                failure: null,
                recordIds: [alert.id, message.id, message.clientId, alert.recipientId],
                startedAt,
              }),
            );
          }
        }
      }
    } while (cursor && read < SWEEP_LIMIT);
  }
  return result;
}

/**
 * The notification hook as shipped: each alert is written to the log as ids and codes (never message text), where
 * an operator's log pipeline can page someone. A practice that has a pager or SMS gateway replaces this notifier.
 */
export function logNotifier(log: Logger): AlertNotifier {
  return {
    async deliver(alert: TriageAlert) {
      const { id, urgency, recipientId, recipientKind, clientId, messageId, reasonCodes } = alert;
      log.warn(
        { riskAlert: { id, urgency, recipientId, recipientKind, clientId, messageId, reasonCodes } },
        'risk alert',
      );
    },
  };
}

export type EscalationWorker = Periodic<{
  sweep: SweepResult;
  delivery: { delivered: number; failed: number };
} | null>;

/**
 * Sweeps every `intervalMs` and then hands pending (and previously failed) alerts to the notifier, audited by
 * deliverPendingAlerts. Runs whatever model is configured: alerting never depends on one. Off when intervalMs is 0.
 */
export function startEscalationWorker(
  store: TriageStore & { readonly gateway: Pick<EhrGateway, 'forPractice'> | undefined },
  intervalMs: number,
  log: Logger,
  notifier: AlertNotifier = logNotifier(log),
): EscalationWorker | null {
  if (intervalMs <= 0) return null;
  const pass = async () => {
    const { database, audit, gateway } = store;
    if (store.state.status !== 'ready' || !database || !audit || !gateway) return null;
    const practices = await database.db.selectFrom('practices').select('id').orderBy('id').execute();
    const sweep = await sweepEscalations(
      gateway,
      practices.map((p) => p.id),
      audit,
    );
    const delivery = await deliverPendingAlerts(database.db, notifier, audit, { retryFailed: true });
    if (sweep.flags + sweep.alerts + delivery.failed > 0) log.info({ sweep, delivery }, 'escalation sweep');
    return { sweep, delivery };
  };
  // The first sweep soon after start: messages that arrived while charta was down should not wait a whole interval.
  return runPeriodically(pass, {
    intervalMs,
    firstDelayMs: Math.min(intervalMs, 5_000),
    log,
    what: 'escalation sweep',
  });
}
