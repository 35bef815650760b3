import { describe, expect, it } from 'vitest';
import { replyConcerns } from '../clinical/triage/replies.ts';
import { TEST_ANCHOR } from '../test/constants.ts';
import { annotations, CALLERS, current, outcomeOf, principal, rows, usePipeline } from '../test/pipeline-fixtures.ts';

const harness = usePipeline();
const { call } = harness;

type Classified = {
  messageId: string | null;
  categories: string[];
  urgency: string;
  escalate: boolean;
  route: string;
  reasons: Array<{ code: string; start: number; end: number; quote: string }>;
};
type Queue = {
  items: Array<{ messageId: string; clientId: string; urgency: string; pinned: boolean; route: string } & object>;
  nextCursor: string | null;
  scanned: number;
};
const output = <T>(result: Awaited<ReturnType<typeof call>>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.output as T;
};
const seeded = (key: string) => {
  const id = annotations.messages[key];
  if (!id) throw new Error(`the demo has no message ${key}`);
  return id;
};
const messageCount = async () =>
  Number(
    (
      await harness.database.db
        .selectFrom('inboxMessages')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('classify_message', () => {
  it('escalates the seeded injection that asks to be marked routine, quoting the risk words in a fence', async () => {
    const result = output<Classified>(
      await call(CALLERS.jamie, 'classify_message', { messageId: seeded('inject-system-routine-with-risk') }),
    );
    expect(result.urgency).toBe('emergency');
    expect(result.escalate).toBe(true);
    expect(result.route).toBe('clinician');
    expect(result.categories).toEqual(expect.arrayContaining(['urgent_risk', 'medication_refill']));
    const risk = result.reasons.find((r) => r.code === 'suicide_direct');
    expect(risk?.quote).toMatch(/^<untrusted-data-[0-9a-f]+ source="span:suicide_direct">\n.*end it/);
  });

  it('gives the same answer for a stored message and its pasted text', async () => {
    const id = seeded('risk-passive-buried-in-reschedule');
    const body = rows.inboxMessages.find((m) => m.id === id)?.body ?? '';
    const stored = output<Classified>(await call(CALLERS.jamie, 'classify_message', { messageId: id }));
    const pasted = output<Classified>(await call(CALLERS.jamie, 'classify_message', { text: body }));
    expect({ ...pasted, messageId: id, clientId: null }).toMatchObject({
      categories: stored.categories,
      urgency: stored.urgency,
      escalate: stored.escalate,
    });
    expect(pasted.reasons.map((r) => [r.code, r.start, r.end])).toEqual(
      stored.reasons.map((r) => [r.code, r.start, r.end]),
    );
  });

  it.each([
    ['empty text', { text: '   ' }],
    ['a 100 KB message', { text: 'I need to reschedule. '.repeat(5000) }],
    ['control characters', { text: 'hello\u0000there\u0007' }],
    ['both a message id and text', { messageId: 'msg_x', text: 'hi' }],
    ['neither', {}],
  ])('refuses %s with invalid_input and writes nothing', async (_label, args) => {
    const before = await messageCount();
    const result = await call(CALLERS.avery, 'classify_message', args);
    expect(outcomeOf(result)).toBe('invalid_input');
    if (!result.ok) expect(result.error.message).toMatch(/classify_message/);
    expect(await messageCount()).toBe(before);
  });

  it('refuses text that is nothing but invisible characters', async () => {
    const result = await call(CALLERS.avery, 'classify_message', { text: '\u200B\u200B\u{E0041}' });
    expect(outcomeOf(result)).toBe('invalid_input');
  });

  it('answers not found for an id that does not exist', async () => {
    expect(outcomeOf(await call(CALLERS.jamie, 'classify_message', { messageId: 'msg_does_not_exist' }))).toBe(
      'not_found',
    );
  });
});

describe('triage_inbox', () => {
  it('puts every escalated message above every routine one, pinned, with the clinician as route', async () => {
    const queue = output<Queue>(await call(CALLERS.jamie, 'triage_inbox', { limit: 50 }));
    const ranks = queue.items.map((i) => ({ emergency: 2, urgent: 1, routine: 0 })[i.urgency] ?? -1);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(queue.items[0]?.urgency).toBe('emergency');
    for (const item of queue.items.filter((i) => i.urgency !== 'routine')) {
      expect(item.pinned).toBe(true);
      expect(item.route).toBe('clinician');
    }
    const ids = queue.items.map((i) => i.messageId);
    expect(ids).toContain(seeded('risk-preparatory-cancel-given-away'));
  });

  it('shows the front desk categories and urgency but no message text or clinical history', async () => {
    const queue = output<Queue>(await call(CALLERS.jamie, 'triage_inbox', { limit: 10 }));
    for (const item of queue.items) {
      expect(Object.keys(item).sort()).toEqual(
        [
          'categories',
          'clientId',
          'escalate',
          'messageId',
          'pinned',
          'reasons',
          'receivedAt',
          'route',
          'senderKind',
          'threadId',
          'urgency',
        ].sort(),
      );
    }
    expect(JSON.stringify(queue)).not.toMatch(/untrusted-data|diagnos|F\d\d\.\d/);
  });

  it('keeps a clinician’s queue to their caseload', async () => {
    // Any current assignment counts (primary or not), as the gateway's caseload does.
    const caseload = new Set(
      rows.caseloadAssignments
        .filter((a) => a.clinicianId === 'usr_avery_chen' && (a.endedOn == null || a.endedOn >= TEST_ANCHOR))
        .map((a) => a.clientId),
    );
    const queue = output<Queue>(await call(CALLERS.avery, 'triage_inbox', { limit: 50 }));
    expect(queue.items.length).toBeGreaterThan(0);
    for (const item of queue.items) expect(caseload.has(item.clientId)).toBe(true);
  });

  it('pages through the whole queue once, in order', async () => {
    const all = output<Queue>(await call(CALLERS.jamie, 'triage_inbox', { limit: 50 }));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: Queue = output<Queue>(
        await call(CALLERS.jamie, 'triage_inbox', { limit: 7, ...(cursor ? { cursor } : {}) }),
      );
      seen.push(...page.items.map((i) => i.messageId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && seen.length < 200);
    expect(seen.slice(0, all.items.length)).toEqual(all.items.map((i) => i.messageId));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(all.scanned);
  });

  it('refuses a forged cursor', async () => {
    for (const cursor of ['not-a-cursor', Buffer.from('{"o":-1,"s":"x"}').toString('base64url')]) {
      expect(outcomeOf(await call(CALLERS.jamie, 'triage_inbox', { cursor }))).toBe('invalid_input');
    }
  });

  it('refuses a page size above 50', async () => {
    expect(outcomeOf(await call(CALLERS.jamie, 'triage_inbox', { limit: 51 }))).toBe('invalid_input');
  });
});

describe('score_assessment and assessment_trend', () => {
  it('names the bad item when responses are out of range', async () => {
    const result = await call(CALLERS.avery, 'score_assessment', {
      instrument: 'PHQ-9',
      items: [0, 1, 2, 3, 4, 0, 0, 0, 0],
    });
    expect(outcomeOf(result)).toBe('invalid_input');
    if (!result.ok) expect(result.error.message).toMatch(/item 5/);
  });

  it('asks for a same-day review for an item-9 answer above 0', async () => {
    const result = output<{ sameDayRiskReview: boolean; severity: string }>(
      await call(CALLERS.avery, 'score_assessment', { instrument: 'PHQ-9', items: [0, 0, 0, 0, 0, 0, 0, 0, 1] }),
    );
    expect(result).toMatchObject({ sameDayRiskReview: true, severity: 'minimal' });
  });

  it('scores a stored administration as the record says', async () => {
    const own = rows.assessments.find((a) => current('usr_avery_chen').includes(a.clientId));
    if (!own) throw new Error('the demo has no assessment of an avery client');
    const result = output<{ total: number; severity: string }>(
      await call(CALLERS.avery, 'score_assessment', { clientId: own.clientId, assessmentId: own.id }),
    );
    expect(result.total).toBe(own.total);
    expect(result.severity).toBe(own.severity);
  });

  it('returns a client’s series oldest first with change from the first', async () => {
    const own = rows.assessments.find((a) => current('usr_avery_chen').includes(a.clientId));
    if (!own) throw new Error('the demo has no assessment of an avery client');
    const result = output<{ points: Array<{ administeredAt: string; changeFromBaseline: number; total: number }> }>(
      await call(CALLERS.avery, 'assessment_trend', { clientId: own.clientId, instrument: own.instrument }),
    );
    const dates = result.points.map((p) => p.administeredAt);
    expect(dates).toEqual([...dates].sort());
    const base = result.points[0]?.total ?? 0;
    for (const p of result.points) expect(p.changeFromBaseline).toBe(p.total - base);
  });
});

describe('draft_reply without a body', () => {
  const messageRow = (key: string) => {
    const m = rows.inboxMessages.find((x) => x.id === seeded(key));
    if (!m) throw new Error(`no row for ${key}`);
    return m;
  };
  const clinicianOf = (clientId: string) => {
    const assignment = rows.caseloadAssignments.find(
      (a) => a.clientId === clientId && a.role === 'primary' && (a.endedOn == null || a.endedOn >= TEST_ANCHOR),
    );
    const user = rows.users.find((u) => u.id === assignment?.clinicianId);
    if (!user) throw new Error(`no clinician for ${clientId}`);
    return principal(user.username, 'clinician', user.practiceId);
  };
  const storedBody = async (id: string) =>
    (await harness.database.db.selectFrom('replyDrafts').select('body').where('id', '=', id).executeTakeFirstOrThrow())
      .body;
  const drafts = async () =>
    Number(
      (
        await harness.database.db
          .selectFrom('replyDrafts')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('drafts a scheduling reply for the front desk, with nothing that diagnoses, advises or promises', async () => {
    const m = messageRow('sched-running-late');
    const result = output<{ id: string; generated: boolean; route: string }>(
      await call(CALLERS.jamie, 'draft_reply', { threadId: m.threadId, messageId: m.id }),
    );
    expect(result).toMatchObject({ generated: true, route: 'front_desk' });
    const body = await storedBody(result.id);
    expect(body).toMatch(/calendar/);
    expect(replyConcerns(body)).toEqual([]);
    expect(body).not.toMatch(/988/);
  });

  it('refuses the front desk a reply to an escalated message, and writes nothing', async () => {
    const m = messageRow('risk-preparatory-cancel-given-away');
    const before = await drafts();
    const result = await call(CALLERS.jamie, 'draft_reply', { threadId: m.threadId, messageId: m.id });
    expect(outcomeOf(result)).toBe('forbidden');
    if (!result.ok) expect(result.error.message).toMatch(/clinician/);
    expect(await drafts()).toBe(before);
  });

  it('refuses the front desk a reply it wrote itself to an escalated message (named or the latest), and writes nothing', async () => {
    const m = messageRow('risk-preparatory-cancel-given-away');
    const before = await drafts();
    const body = 'Thanks for letting us know, we have cancelled your appointment.';
    for (const args of [
      { threadId: m.threadId, messageId: m.id, body },
      { threadId: m.threadId, body },
    ]) {
      const result = await call(CALLERS.jamie, 'draft_reply', args);
      expect(outcomeOf(result)).toBe('forbidden');
    }
    expect(await drafts()).toBe(before);
    // The clinician may write that reply.
    const own = await call(clinicianOf(m.clientId), 'draft_reply', { threadId: m.threadId, messageId: m.id, body });
    expect(outcomeOf(own)).toBe('allow');
    expect(await drafts()).toBe(before + 1);
  });

  it('gives the client’s clinician a risk reply with 988 and 911, routed to the clinician', async () => {
    const m = messageRow('risk-preparatory-cancel-given-away');
    const result = output<{ id: string; route: string }>(
      await call(clinicianOf(m.clientId), 'draft_reply', { threadId: m.threadId, messageId: m.id }),
    );
    expect(result.route).toBe('clinician');
    const body = await storedBody(result.id);
    expect(body).toMatch(/988/);
    expect(body).toMatch(/911/);
    expect(replyConcerns(body)).toEqual([]);
  });

  it('answers a Spanish message in Spanish, taking the thread’s latest client message when none is named', async () => {
    const m = messageRow('sched-es-cambiar-cita');
    const result = output<{ id: string }>(await call(CALLERS.jamie, 'draft_reply', { threadId: m.threadId }));
    expect(await storedBody(result.id)).toMatch(/^Hola,/);
  });

  it('answers not found for another practice’s thread, and writes nothing', async () => {
    const m = messageRow('sched-reschedule-training');
    const before = await drafts();
    expect(outcomeOf(await call(CALLERS.jamie, 'draft_reply', { threadId: m.threadId, messageId: m.id }))).toBe(
      'not_found',
    );
    expect(await drafts()).toBe(before);
  });

  it('refuses a named message from another thread', async () => {
    const a = messageRow('sched-running-late');
    const b = messageRow('billing-superbill');
    expect(outcomeOf(await call(CALLERS.jamie, 'draft_reply', { threadId: a.threadId, messageId: b.id }))).toBe(
      'invalid_input',
    );
  });
});

describe('appointment_outreach', () => {
  type Outreach = {
    items: Array<{
      appointmentId: string;
      clinicianId: string;
      startsAt: string;
      risk: { score: number; level: string; factors: Array<{ code: string; points: number; detail: string }> };
      draft: { kind: string; body: string; status: string };
    }>;
  };
  const from = `${TEST_ANCHOR}T00:00:00Z`;

  it('lists the week’s scheduled visits with every risk factor shown and a reviewable, unsent draft', async () => {
    const result = output<Outreach>(await call(CALLERS.jamie, 'appointment_outreach', { from, limit: 25 }));
    expect(result.items.length).toBeGreaterThan(0);
    for (const item of result.items) {
      expect(item.startsAt >= from).toBe(true);
      expect(item.risk.score).toBe(
        Math.max(
          0,
          item.risk.factors.reduce((s, f) => s + f.points, 0),
        ),
      );
      for (const f of item.risk.factors) expect(f.detail.length).toBeGreaterThan(0);
      expect(item.draft.status).toBe('unsent_draft');
      expect(item.draft.kind).toBe(item.risk.level === 'high' ? 'check_in' : 'reminder');
      expect(replyConcerns(item.draft.body)).toEqual([]);
    }
  });

  it('keeps a clinician to their own appointments', async () => {
    const result = output<Outreach>(await call(CALLERS.avery, 'appointment_outreach', { from, limit: 25 }));
    for (const item of result.items) expect(item.clinicianId).toBe('usr_avery_chen');
  });

  it('refuses a window longer than two weeks', async () => {
    expect(outcomeOf(await call(CALLERS.jamie, 'appointment_outreach', { from, days: 15 }))).toBe('invalid_input');
  });
});
