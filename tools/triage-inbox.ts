import * as z from 'zod';
import { URGENCY_RANK } from '../clinical/triage/risk.ts';
import { ToolError } from '../policies/errors.ts';
import { defineTool } from './define.ts';
import { Limit, RecordId } from './schemas.ts';
import { CategorySchema, ReasonSpan, routeOf, triageOf, UrgencySchema } from './triage-view.ts';

/** The most recent client and guardian messages one call reads: the queue is bounded, whatever the inbox holds. */
export const MAX_SCAN = 500;
const SCAN_PAGE = 100;

const QueueCursor = z.object({ o: z.number().int().min(0).max(MAX_SCAN), s: z.string().max(64) });

export const triageInbox = defineTool({
  name: 'triage_inbox',
  title: 'Triage the portal inbox',
  description: `The portal inbox as a work queue: messages from clients and guardians you may see (clinicians: your caseload; front desk: the practice), emergencies first, then urgent, then routine, newest first within each, each with its categories, urgency, whether it is escalated and pinned, who should handle it (route), and reason codes with their offsets (classify_message quotes the words). Reads the newest ${MAX_SCAN} messages at most (scanLimited says when older ones were left out). No message text and no clinical history is returned. Changes nothing.`,
  permission: 'message:read',
  effect: 'read',
  input: z.object({
    since: z.iso.datetime({ offset: true }).optional().describe('only messages received at or after this time'),
    limit: Limit(50, 20),
    cursor: z.string().max(256).optional().describe('nextCursor from the previous page'),
  }),
  output: z.object({
    items: z.array(
      z.object({
        messageId: RecordId,
        threadId: RecordId,
        clientId: RecordId,
        senderKind: z.enum(['client', 'guardian', 'staff']),
        receivedAt: z.string(),
        urgency: UrgencySchema,
        categories: z.array(CategorySchema),
        escalate: z.boolean(),
        pinned: z.boolean(),
        route: z.enum(['clinician', 'front_desk']),
        reasons: z.array(ReasonSpan),
      }),
    ),
    nextCursor: z.string().nullable(),
    scanned: z.number().int(),
    scanLimited: z.boolean(),
  }),
  async run(input, { scope, ehr, touch }) {
    const cursor = input.cursor === undefined ? null : decodeCursor(input.cursor);
    const reach = await scope.clientIds();
    const messages = [];
    let next: string | null = null;
    let scanLimited = false;
    do {
      const page = await ehr.read.inbox.recentMessages({
        ...(reach ? { clientIds: [...reach] } : {}),
        senderKinds: ['client', 'guardian'],
        ...(input.since ? { since: input.since } : {}),
        limit: Math.min(SCAN_PAGE, MAX_SCAN - messages.length),
        cursor: next,
      });
      messages.push(...page.items);
      next = page.nextCursor;
      if (messages.length >= MAX_SCAN && next) scanLimited = true;
    } while (next && messages.length < MAX_SCAN);
    // The newest message read names the snapshot a cursor belongs to; a page of a different snapshot is refused.
    const snapshot = messages[0]?.id ?? 'empty';
    if (cursor && cursor.s !== snapshot) {
      throw new ToolError('conflict', 'The inbox changed since that page; start again without a cursor.');
    }
    const queue = messages
      .map((m) => ({ m, t: triageOf(m) }))
      .sort(
        (a, b) => URGENCY_RANK[b.t.urgency] - URGENCY_RANK[a.t.urgency] || b.m.receivedAt.localeCompare(a.m.receivedAt),
      );
    const offset = cursor?.o ?? 0;
    const slice = queue.slice(offset, offset + input.limit);
    touch(...slice.map(({ m }) => m.id));
    const end = offset + slice.length;
    return {
      items: slice.map(({ m, t }) => ({
        messageId: m.id,
        threadId: m.threadId,
        clientId: m.clientId,
        senderKind: m.senderKind,
        receivedAt: m.receivedAt,
        urgency: t.urgency,
        categories: t.categories,
        escalate: t.escalate,
        pinned: t.escalate || m.pinned,
        route: routeOf(t),
        reasons: t.reasons.map(({ code, start, end }) => ({ code, start, end })),
      })),
      nextCursor: end < queue.length ? encodeCursor({ o: end, s: snapshot }) : null,
      scanned: messages.length,
      scanLimited,
    };
  },
});

function encodeCursor(c: z.infer<typeof QueueCursor>): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string): z.infer<typeof QueueCursor> {
  try {
    return QueueCursor.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw new ToolError('invalid_input', 'That cursor is not one triage_inbox gave out.');
  }
}
