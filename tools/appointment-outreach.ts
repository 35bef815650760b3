import * as z from 'zod';
import { noShowRisk, reminderDraft } from '../clinical/outreach/no-show.ts';
import { defineTool } from './define.ts';
import { Cursor, Limit, RecordId } from './schemas.ts';

export const appointmentOutreach = defineTool({
  name: 'appointment_outreach',
  title: 'Appointment outreach',
  description:
    'Upcoming scheduled appointments (your own for clinicians and supervisors, the practice’s for the front desk) with an explainable no-show risk from the client’s own last 12 months — prior no-shows and late cancellations, how far ahead the visit is, time of day, first visit, recent visits and portal contact — every factor shown with its points, and a drafted reminder (a between-session check-in when the risk is high) in the client’s language for staff to review and send. The drafts are returned, not stored or sent; nothing is changed.',
  permission: 'message:draft_reply',
  effect: 'read',
  input: z.object({
    from: z.iso.datetime({ offset: true }).optional().describe('start of the window, ISO 8601; default now'),
    days: z.number().int().min(1).max(14).default(7).describe('window length in days, 1–14'),
    limit: Limit(25, 10),
    cursor: Cursor,
  }),
  output: z.object({
    items: z.array(
      z.object({
        appointmentId: RecordId,
        clientId: RecordId,
        clinicianId: RecordId,
        startsAt: z.string(),
        risk: z.object({
          score: z.number().int(),
          level: z.enum(['low', 'medium', 'high']),
          factors: z.array(z.object({ code: z.string(), points: z.number().int(), detail: z.string() })),
        }),
        draft: z.object({
          kind: z.enum(['reminder', 'check_in']),
          body: z.string(),
          status: z.literal('unsent_draft'),
        }),
      }),
    ),
    nextCursor: z.string().nullable(),
  }),
  async run(input, { scope, ehr, principal, touch }) {
    const now = new Date().toISOString();
    const from = input.from ?? now;
    const to = new Date(Date.parse(from) + input.days * 86_400_000).toISOString();
    const clinicianIds = scope.grant.reach === 'practice' ? undefined : [principal.userId];
    const practice = await ehr.read.practice();
    const page = await ehr.read.appointments.list({
      ...(clinicianIds ? { clinicianIds } : {}),
      from,
      to,
      status: 'scheduled',
      limit: input.limit,
      cursor: input.cursor ?? null,
    });
    const items = [];
    for (const appointment of page.items) {
      const client = await ehr.read.clients.get(appointment.clientId);
      if (!client) continue;
      const history = await ehr.read.appointments.list({
        clientId: client.id,
        to: from,
        order: 'desc',
        limit: 100,
        cursor: null,
      });
      const lastMessage = await ehr.read.inbox.recentMessages({
        clientIds: [client.id],
        senderKinds: ['client', 'guardian'],
        limit: 1,
        cursor: null,
      });
      const risk = noShowRisk({
        startsAt: appointment.startsAt,
        timeZone: practice.timezone,
        history: history.items,
        lastMessageAt: lastMessage.items[0]?.receivedAt ?? null,
        now: from,
      });
      touch(appointment.id, client.id);
      items.push({
        appointmentId: appointment.id,
        clientId: client.id,
        clinicianId: appointment.clinicianId,
        startsAt: appointment.startsAt,
        risk,
        draft: {
          kind: risk.level === 'high' ? ('check_in' as const) : ('reminder' as const),
          body: reminderDraft({
            startsAt: appointment.startsAt,
            timeZone: practice.timezone,
            language: client.preferredLanguage,
            level: risk.level,
            practiceName: practice.name,
          }),
          status: 'unsent_draft' as const,
        },
      });
    }
    return { items, nextCursor: page.nextCursor };
  },
});
