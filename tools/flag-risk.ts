import * as z from 'zod';
import { deriveRiskFlags } from '../clinical/triage/risk-flags.ts';
import { administrations } from './assessment-shared.ts';
import { defineTool } from './define.ts';
import { alertRecipients, storeFlagWithAlerts } from './risk-alerts.ts';
import { RiskFlagView, toRiskFlagView } from './risk-flag-view.ts';
import { RecordId } from './schemas.ts';
import { triageOf } from './triage-view.ts';

/** How many of the client's newest portal messages one call screens. */
const MESSAGE_WINDOW = 50;

export const flagRisk = defineTool({
  name: 'flag_risk',
  title: 'Flag risk for clinician review',
  description: `Checks one client of your caseload for risk and stores what it finds for clinician review: PHQ-9 item 9 above 0 or skipped on the latest PHQ-9 (same-day review), a reliable worsening of the PHQ-9 or GAD-7, and risk in the newest ${MESSAGE_WINDOW} portal messages. Each flag carries its evidence (record ids, codes, numbers; never message text) and a recommended action. Urgent and emergency flags queue an alert for the client's primary clinician and the on-call clinician. Idempotent: a flag or alert already stored for the same record is returned, not duplicated. Stores proposals for review only; it never contacts the client, closes a flag or changes the chart.`,
  permission: 'risk:flag',
  effect: 'draft',
  input: z.object({ clientId: RecordId.describe('client id, e.g. cli_…') }),
  output: z.object({
    clientId: RecordId,
    flags: z.array(
      RiskFlagView.extend({ created: z.boolean().describe('false when the same flag was stored before') }),
    ),
    alerts: z.array(
      z.object({
        id: RecordId,
        flagId: RecordId.nullable(),
        recipientId: RecordId,
        recipientKind: z.enum(['primary_clinician', 'on_call']),
        urgency: z.enum(['emergency', 'urgent']),
        delivery: z.enum(['pending', 'delivered', 'failed']),
        created: z.boolean(),
      }),
    ),
  }),
  async run(input, { scope, ehr, principal, touch }) {
    const client = await scope.requireClient(input.clientId);
    touch(client.id);
    const { items } = await administrations(ehr, client.id);
    const recent = await ehr.read.inbox.recentMessages({
      clientIds: [client.id],
      senderKinds: ['client', 'guardian'],
      limit: MESSAGE_WINDOW,
      cursor: null,
    });
    const derived = deriveRiskFlags({
      administrations: items,
      messages: recent.items.map((m) => ({ id: m.id, triage: triageOf(m) })),
    });
    const flags = [];
    const alerts = [];
    const recipients = await alertRecipients(ehr, client.id);
    for (const d of derived) {
      const stored = await storeFlagWithAlerts(ehr, client.id, d, principal.userId, recipients);
      touch(stored.flag.id, stored.flag.sourceId, ...stored.alerts.map((a) => a.alert.id));
      flags.push({ ...stored.flag, created: stored.created });
      alerts.push(...stored.alerts.map((a) => ({ ...a.alert, created: a.created })));
    }
    return {
      clientId: client.id,
      flags: flags.map(({ created, ...flag }) => ({ ...toRiskFlagView(flag), created })),
      alerts: alerts.map(({ id, flagId, recipientId, recipientKind, urgency, delivery, created }) => ({
        id,
        flagId,
        recipientId,
        recipientKind,
        urgency,
        delivery,
        created,
      })),
    };
  },
});
