import { UNTRIAGED } from '../schema.ts';
import { userId } from './build-people.ts';
import { addDays, zonedToUtc } from './calendar.ts';
import { inboxMessages } from './content/messages.ts';
import type { InboxMessageScript } from './content/types.ts';
import { fill } from './fill.ts';
import type { PracticeContext, SeededClient } from './model.ts';

/** Share of the inbox scripts each practice gets: Lakeside most, Northside the rest. */
const PRACTICE_SHARE: Record<string, (index: number) => boolean> = {
  prc_lakeside: (i) => i % 5 !== 4,
  prc_northside: (i) => i % 5 === 4,
};

const ROUTINE_STAFF_REPLY = [
  'Thanks for letting us know. I have passed this along and someone will follow up within one business day.',
  'Thank you for your message. We received it and will get back to you shortly.',
];

/**
 * Portal messages from the scripts, each bound to a client that fits (language, minor or adult), untriaged. Risk
 * messages arrived in the last two days; the rest over the last two weeks. Some threads carry an earlier message
 * and a staff reply.
 */
export function buildInbox(ctx: PracticeContext): void {
  const rng = ctx.rng.fork('inbox');
  const share = PRACTICE_SHARE[ctx.spec.id] ?? (() => false);
  const scripts = inboxMessages.filter((_, i) => share(i));
  const candidates = ctx.clients.filter((c) => !c.isCompanion && c.plan.clinician !== undefined);
  const frontDesk = ctx.spec.staff.find((s) => s.role === 'front_desk');
  const frontDeskId = frontDesk ? userId(ctx, frontDesk.username) : null;
  const clinicianFirst = new Map(ctx.rows.users.map((u) => [u.id, u.displayName.split(' ')[0] ?? ''] as const));
  const used = new Map<string, number>();

  const fits = (script: InboxMessageScript, client: SeededClient) =>
    (script.from === 'guardian' || script.profile === 'minor') === client.isMinor &&
    (script.language === 'es') === (client.plan.language === 'es') &&
    client.plan.kind !== 'couple';

  for (const script of scripts) {
    let pool = candidates.filter((c) => fits(script, c));
    if (pool.length === 0)
      pool = candidates.filter((c) => c.isMinor === (script.from === 'guardian' || script.profile === 'minor'));
    if (pool.length === 0) pool = candidates;
    // Spread messages: prefer the clients who have written least so far.
    const fewest = Math.min(...pool.map((c) => used.get(c.id) ?? 0));
    const client = rng.pick(pool.filter((c) => (used.get(c.id) ?? 0) === fewest));
    used.set(client.id, (used.get(client.id) ?? 0) + 1);

    const say = (text: string) => fill(text, ctx, client, clinicianFirst.get(client.clinicianId) ?? '');
    const risky = script.expectedUrgency !== 'routine';
    const daysAgo = risky ? rng.int(0, 1) : rng.int(0, 13);
    const day = addDays(ctx.anchor, -daysAgo);
    const receivedAt = zonedToUtc(day, rng.int(6, 22), rng.int(0, 59), ctx.spec.timezone);
    const sender =
      script.from === 'guardian' && client.guardianName
        ? { kind: 'guardian', display: `${client.guardianName} (parent/guardian of ${client.firstName})` }
        : { kind: 'client', display: client.displayName };
    const threadId = rng.id('thr');
    const earlierAt = script.earlier
      ? new Date(Date.parse(receivedAt) - rng.int(26, 96) * 3_600_000).toISOString()
      : null;
    const replyAt = earlierAt ? new Date(Date.parse(earlierAt) + rng.int(2, 20) * 3_600_000).toISOString() : null;

    ctx.rows.inboxThreads.push({
      id: threadId,
      practiceId: ctx.spec.id,
      clientId: client.id,
      subject: say(script.subject),
      status: 'open',
      assignedTo: null,
      createdAt: earlierAt ?? receivedAt,
      lastMessageAt: receivedAt,
    });
    const message = (id: string, body: string, at: string) => ({
      id,
      practiceId: ctx.spec.id,
      threadId,
      clientId: client.id,
      senderKind: sender.kind,
      senderUserId: null,
      senderDisplay: sender.display,
      body,
      language: script.language,
      receivedAt: at,
      readAt: null,
      ...UNTRIAGED,
    });
    if (script.earlier && earlierAt && replyAt) {
      ctx.rows.inboxMessages.push({ ...message(rng.id('msg'), say(script.earlier), earlierAt), readAt: replyAt });
      if (frontDeskId && replyAt < receivedAt) {
        const replyId = rng.id('msg');
        const body = rng.pick(ROUTINE_STAFF_REPLY);
        ctx.rows.inboxMessages.push({
          ...message(replyId, body, replyAt),
          senderKind: 'staff',
          senderUserId: frontDeskId,
          senderDisplay: frontDesk?.displayName ?? 'Front desk',
          language: 'en',
        });
        ctx.rows.replyDrafts.push({
          id: rng.id('rpl'),
          practiceId: ctx.spec.id,
          threadId,
          messageId: null,
          clientId: client.id,
          authorId: frontDeskId,
          body,
          status: 'sent',
          aiGenerated: false,
          provenance: null,
          createdAt: replyAt,
          updatedAt: replyAt,
          sentBy: frontDeskId,
          sentAt: replyAt,
          sentMessageId: replyId,
        });
      }
    }
    const id = rng.id('msg');
    ctx.rows.inboxMessages.push(message(id, say(script.body), receivedAt));
    ctx.annotations.messages[script.key] = id;
  }
}
