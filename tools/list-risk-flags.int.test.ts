import { beforeAll, describe, expect, it } from 'vitest';
import { sqlRiskFlags } from '../ehr/sql/flags.ts';
import {
  CALLERS,
  current,
  first,
  hasConsent,
  isPart2,
  otherClinicianClient,
  otherPracticeClient,
  outcomeOf,
  ownClient,
  principal,
  rows,
  usePipeline,
} from '../test/pipeline-fixtures.ts';

const harness = usePipeline();
const { call } = harness;

type Listed = {
  items: Array<{
    id: string;
    clientId: string;
    kind: string;
    sourceId: string;
    urgency: 'emergency' | 'urgent' | 'routine';
    evidence: Array<{ sourceType: string; sourceId: string; detail: string }>;
    recommendedAction: string;
    status: 'pending_review' | 'reviewed';
    createdAt: string;
    reviewedBy: string | null;
    reviewedAt: string | null;
  }>;
  nextCursor: string | null;
};
type Flagged = { flags: Array<{ id: string }> };

const ok = <T>(result: Awaited<ReturnType<typeof call>>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.output as T;
};
const RANK = { emergency: 0, urgent: 1, routine: 2 } as const;
/** Most urgent first, then newest first, then id descending: the queue order the tool promises. */
const inQueueOrder = (items: Listed['items']) =>
  items.every((f, i) => {
    const prev = items[i - 1];
    if (!prev) return true;
    return (
      RANK[prev.urgency] < RANK[f.urgency] ||
      (RANK[prev.urgency] === RANK[f.urgency] &&
        (prev.createdAt > f.createdAt || (prev.createdAt === f.createdAt && prev.id > f.id)))
    );
  });

/** Every page of the queue, following nextCursor; fails on a page that repeats a flag. */
async function walk(who: (typeof CALLERS)[keyof typeof CALLERS], args: Record<string, unknown>) {
  const seen: Listed['items'] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Listed = ok(await call(who, 'list_risk_flags', { ...args, ...(cursor ? { cursor } : {}) }));
    seen.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    if (pages > 200) throw new Error('the queue never ends');
  } while (cursor);
  return { items: seen, pages };
}

const flagTableCount = async () =>
  Number(
    (
      await harness.database.db
        // biome-ignore lint/suspicious/noExplicitAny: the 0004 tables are typed in ehr/sql/flags.ts, not the shared schema.
        .selectFrom('riskFlags' as any)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const averyClients = current('usr_avery_chen');
const emery = principal('emery.walsh', 'clinician');
const taylorUser = first(
  rows.users.filter((u) => u.username === 'taylor.kim'),
  'user taylor.kim',
);
const taylor = principal('taylor.kim', 'clinician', taylorUser.practiceId);
// A Part 2 client of alex.rivera with no disclosure consent for treatment: flag_risk refuses it, so the test stores
// its flag through the store, as a flag raised before a consent was revoked would be.
const part2None = first(
  current('usr_alex_rivera').filter((id) => isPart2(id) && !hasConsent(id, 'part2_disclosure', 'treatment')),
  'unconsented Part 2 client',
);

/** Flag ids flag_risk stored per caller, by raising flags across each caseload. */
const stored = { avery: new Set<string>(), emery: new Set<string>(), taylor: new Set<string>() };

beforeAll(async () => {
  const raise = async (who: typeof emery, clients: string[], into: Set<string>) => {
    for (const clientId of clients) {
      const result = await call(who, 'flag_risk', { clientId });
      if (result.ok) for (const f of (result.output as Flagged).flags) into.add(f.id);
    }
  };
  await raise(CALLERS.avery, averyClients, stored.avery);
  await raise(emery, current('usr_emery_walsh'), stored.emery);
  await raise(taylor, current('usr_taylor_kim'), stored.taylor);
  // Twenty more routine flags, so the queue is longer than a default page; three of them stored in the same
  // microsecond, so the id alone must break the tie at a page boundary.
  const store = sqlRiskFlags(harness.database.db, 'prc_lakeside');
  const at = '2026-01-01T00:00:00.000001Z';
  for (let n = 1; n <= 20; n++) {
    const { flag } = await store.upsert({
      clientId: ownClient,
      kind: 'worsening_trend',
      sourceId: `asm_extra_${n}`,
      urgency: 'routine',
      evidence: [{ sourceType: 'assessment', sourceId: `asm_extra_${n}`, detail: 'PHQ-9 +6' }],
      recommendedAction: 'Review the trend at the next session.',
      createdBy: 'usr_avery_chen',
    });
    if (n <= 3) {
      await harness.database.db
        // biome-ignore lint/suspicious/noExplicitAny: the 0004 tables are typed in ehr/sql/flags.ts.
        .updateTable('riskFlags' as any)
        .set({ createdAt: at })
        .where('id', '=', flag.id)
        .execute();
    }
    stored.avery.add(flag.id);
  }
  await store.upsert({
    clientId: part2None,
    kind: 'phq9_item9',
    sourceId: 'asm_part2_walled',
    urgency: 'urgent',
    evidence: [{ sourceType: 'assessment', sourceId: 'asm_part2_walled', detail: 'PHQ-9 item 9 = 1' }],
    recommendedAction: 'Same-day safety review.',
    createdBy: 'usr_alex_rivera',
  });
});

describe('list_risk_flags', () => {
  it('lists the flags flag_risk stored for the caseload, most urgent first, then newest', async () => {
    expect(stored.avery.size).toBeGreaterThan(3);
    const { items } = await walk(CALLERS.avery, { status: 'all', limit: 100 });
    expect(new Set(items.map((f) => f.id))).toEqual(stored.avery);
    expect(inQueueOrder(items)).toBe(true);
    const urgencies = new Set(items.map((f) => f.urgency));
    expect(urgencies.size, 'the demo caseload raises flags of more than one urgency').toBeGreaterThan(1);
    for (const f of items) {
      expect(averyClients).toContain(f.clientId);
      expect(f).toMatchObject({ status: 'pending_review', reviewedBy: null, reviewedAt: null });
    }
  });

  it('returns every flag exactly once across pages of any size, in queue order', async () => {
    const all = (await walk(CALLERS.avery, { status: 'all', limit: 100 })).items.map((f) => f.id);
    for (const limit of [1, 2, 3, 7, 25, 100]) {
      const { items, pages } = await walk(CALLERS.avery, { status: 'all', limit });
      expect(
        items.map((f) => f.id),
        `limit ${limit}`,
      ).toEqual(all);
      expect(pages).toBe(Math.max(1, Math.ceil(all.length / limit)));
    }
  });

  it('defaults to 25 flags a page', async () => {
    expect(stored.avery.size).toBeGreaterThan(25);
    const page: Listed = ok(await call(CALLERS.avery, 'list_risk_flags', { status: 'all' }));
    expect(page.items).toHaveLength(25);
    expect(page.nextCursor).not.toBeNull();
  });

  it('shows pending flags by default, reviewed ones on request, and both with status all', async () => {
    const [reviewed] = [...stored.avery];
    if (!reviewed) throw new Error('no flag to review');
    // A clinician reviews the flag (HumanActions.reviewRiskFlag, which no tool can reach): written here directly.
    await harness.database.db
      // biome-ignore lint/suspicious/noExplicitAny: the 0004 tables are typed in ehr/sql/flags.ts.
      .updateTable('riskFlags' as any)
      .set({
        status: 'reviewed',
        reviewedBy: 'usr_avery_chen',
        reviewedAt: '2026-01-02T10:00:00Z',
        reviewDisposition: 'contacted_client',
      })
      .where('id', '=', reviewed)
      .execute();
    const pending = (await walk(CALLERS.avery, {})).items;
    const done = (await walk(CALLERS.avery, { status: 'reviewed' })).items;
    const both = (await walk(CALLERS.avery, { status: 'all' })).items;
    expect(pending.map((f) => f.id)).not.toContain(reviewed);
    expect(pending.every((f) => f.status === 'pending_review')).toBe(true);
    expect(done.map((f) => f.id)).toEqual([reviewed]);
    expect(done[0]).toMatchObject({ reviewedBy: 'usr_avery_chen', reviewedAt: '2026-01-02T10:00:00.000Z' });
    expect(both).toHaveLength(pending.length + 1);
  });

  it('narrows to one client of the caseload', async () => {
    const { items } = await walk(CALLERS.avery, { clientId: ownClient, status: 'all' });
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((f) => f.clientId === ownClient)).toBe(true);
  });

  it('never shows another clinician’s or another practice’s flags', async () => {
    expect(stored.emery.size + stored.taylor.size, 'the other caseloads raise flags too').toBeGreaterThan(0);
    const { items } = await walk(CALLERS.avery, { status: 'all' });
    for (const f of items) {
      expect(stored.emery.has(f.id)).toBe(false);
      expect(stored.taylor.has(f.id)).toBe(false);
    }
    const emerys = (await walk(emery, { status: 'all' })).items.map((f) => f.id);
    expect(new Set(emerys)).toEqual(stored.emery);
    // The supervisor oversees the supervisee's risk queue, and still never another practice's.
    const morgans = new Set((await walk(CALLERS.morgan, { status: 'all' })).items.map((f) => f.id));
    for (const id of stored.avery) expect(morgans.has(id)).toBe(true);
    for (const id of stored.taylor) expect(morgans.has(id)).toBe(false);
  });

  it.each([
    ['another clinician’s client', 'avery', otherClinicianClient, 'out_of_scope'],
    ['another practice’s client', 'avery', otherPracticeClient, 'not_found'],
    ['an unknown client', 'avery', 'cli_does_not_exist', 'not_found'],
    ['an unconsented Part 2 client of their own', 'alex', part2None, 'consent_required'],
  ] as const)('refuses %s', async (_, caller, clientId, code) => {
    expect(outcomeOf(await call(CALLERS[caller], 'list_risk_flags', { clientId }))).toBe(code);
  });

  it('leaves an unconsented Part 2 client’s flags out of the caseload queue', async () => {
    const { items } = await walk(CALLERS.alex, { status: 'all' });
    expect(items.some((f) => f.clientId === part2None)).toBe(false);
  });

  it.each(['jamie', 'riley', 'casey'] as const)('denies %s (front desk, biller, admin) the tool', async (caller) => {
    expect(outcomeOf(await call(CALLERS[caller], 'list_risk_flags', {}))).toBe('forbidden');
    expect(outcomeOf(await call(CALLERS[caller], 'list_risk_flags', { clientId: ownClient }))).toBe('forbidden');
  });

  const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  it.each([
    ['limit 0', { limit: 0 }, /limit/],
    ['limit 101', { limit: 101 }, /limit/],
    ['a fractional limit', { limit: 2.5 }, /limit/],
    ['an unknown status', { status: 'closed' }, /status/],
    ['a cursor that is not base64 JSON', { cursor: '!!not-a-cursor!!' }, /cursor/],
    ['a cursor of another list', { cursor: forged(['2026-01-01T00:00:00.000Z', 'msg_x']) }, /cursor/],
    ['a cursor with a bad urgency rank', { cursor: forged(['9|2026-01-01T00:00:00.000000Z', 'rfl_x']) }, /cursor/],
    ['a cursor with control characters', { cursor: 'eyJ\u0000\u0007' }, /cursor/],
    ['a cursor longer than 512 characters', { cursor: 'A'.repeat(513) }, /cursor/],
    ['a NUL in the client id', { clientId: 'cli_\u0000' }, /clientId/],
    ['a bell and a newline in the client id', { clientId: 'cli_a\u0007\nb' }, /clientId/],
    ['an empty client id', { clientId: '' }, /clientId/],
  ])('refuses %s as invalid input and writes nothing', async (_, args, names) => {
    const before = await flagTableCount();
    const result = await call(CALLERS.avery, 'list_risk_flags', args);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(`${result.error.message} ${(result.error as { issues?: string[] }).issues?.join(' ') ?? ''}`).toMatch(names);
    expect(result.error.message).not.toMatch(/unexpected/i);
    expect(await flagTableCount()).toBe(before);
  });

  it('never returns message text, only ids, codes and numbers', async () => {
    const { items } = await walk(CALLERS.avery, { status: 'all' });
    const text = JSON.stringify(items);
    for (const m of rows.inboxMessages.filter((x) => averyClients.includes(x.clientId) && x.body.length > 30)) {
      expect(text).not.toContain(m.body.slice(0, 30));
    }
  });

  it('audits every call: the flags it returned on an allow, the reason on a refusal', async () => {
    const page: Listed = ok(await call(CALLERS.avery, 'list_risk_flags', { status: 'all', limit: 3 }));
    const allowed = harness.audited.at(-1);
    expect(allowed).toMatchObject({ action: 'list_risk_flags', decision: 'allow', actorId: 'usr_avery_chen' });
    for (const f of page.items) expect(allowed?.recordIds).toContain(f.id);
    expect(allowed?.outputDigest).toMatch(/^[0-9a-f]{64}$/);
    await call(CALLERS.jamie, 'list_risk_flags', {});
    expect(harness.audited.at(-1)).toMatchObject({
      action: 'list_risk_flags',
      decision: 'deny',
      reasonCode: 'forbidden',
      recordIds: [],
    });
    await call(CALLERS.avery, 'list_risk_flags', { clientId: otherClinicianClient });
    expect(harness.audited.at(-1)).toMatchObject({ decision: 'deny', reasonCode: 'out_of_scope' });
  });
});
