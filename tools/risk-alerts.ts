import type { DerivedFlag } from '../clinical/triage/risk-flags.ts';
import type { RiskFlag, TriageAlert } from '../ehr/flags.ts';
import type { ToolEhr } from '../ehr/gateway.ts';

/** Who an alert goes to: a user id and why them. */
export type AlertRecipient = [userId: string, kind: 'primary_clinician' | 'on_call'];

export interface StoredFlag {
  flag: RiskFlag;
  created: boolean;
  alerts: Array<{ alert: TriageAlert; created: boolean }>;
}

/**
 * Stores a derived risk flag for clinician review and, when it is urgent or an emergency, queues an alert for the
 * client's primary clinician and the on-call clinician (one alert if they are the same person). Idempotent: the
 * flag and each alert are unique by what they are about, so a second call stores nothing. Used by flag_risk (a
 * person asks) and by the escalation sweep (server/escalation-worker.ts: nobody has to ask). `recipients` is
 * alertRecipients() for the client, read once by the caller however many flags it stores.
 */
export async function storeFlagWithAlerts(
  ehr: ToolEhr,
  clientId: string,
  derived: DerivedFlag,
  createdBy: string,
  recipients: readonly AlertRecipient[],
): Promise<StoredFlag> {
  const { flag, created } = await ehr.drafts.riskFlags.upsert({ clientId, ...derived, createdBy });
  const alerts: StoredFlag['alerts'] = [];
  if (flag.urgency === 'routine') return { flag, created, alerts };
  for (const [recipientId, recipientKind] of recipients) {
    alerts.push(
      await ehr.drafts.alerts.raise({
        clientId,
        messageId: flag.kind === 'message_risk' ? flag.sourceId : null,
        flagId: flag.id,
        recipientId,
        recipientKind,
        urgency: flag.urgency,
        reasonCodes: flag.kind === 'message_risk' ? [...new Set(flag.evidence.map((e) => e.detail))] : [flag.kind],
      }),
    );
  }
  return { flag, created, alerts };
}

/** The client's primary clinician, and the on-call clinician as the fallback (the first by id, for stability). */
export async function alertRecipients(ehr: ToolEhr, clientId: string): Promise<AlertRecipient[]> {
  const careTeam = await ehr.read.clients.careTeam(clientId);
  const primary = careTeam.find((a) => a.role === 'primary')?.clinicianId ?? null;
  const onCall = (await ehr.read.users.list({ active: true }))
    .filter((u) => u.onCall && (u.role === 'clinician' || u.role === 'supervisor'))
    .map((u) => u.id)
    .sort()[0];
  const recipients: AlertRecipient[] = [];
  if (primary) recipients.push([primary, 'primary_clinician']);
  if (onCall && onCall !== primary) recipients.push([onCall, 'on_call']);
  return recipients;
}
