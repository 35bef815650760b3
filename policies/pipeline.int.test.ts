import { describe, expect, it } from 'vitest';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import {
  annotations,
  CALLERS,
  current,
  first,
  type Outcome,
  otherClinicianClient,
  otherPracticeClient,
  outcomeOf,
  ownClient,
  part2Consented,
  part2Unconsented,
  principal,
  rows,
  usePipeline,
} from '../test/pipeline-fixtures.ts';
import { allTools } from '../tools/index.ts';
import { sanitizeUntrusted } from './fence.ts';
import { PART2_NOTICE } from './part2.ts';
import { createPipeline } from './pipeline.ts';

const noteOf = (clientId: string, kind: string) =>
  first(
    rows.notes.filter((n) => n.clientId === clientId && n.kind === kind && n.status !== 'draft'),
    `${kind} note of ${clientId}`,
  ).id;

type Target = 'own' | 'otherClinician' | 'otherPractice' | 'psychotherapy' | 'part2Consented' | 'part2Unconsented';
const TARGETS: Record<Target, { clientId: string; noteId: string }> = {
  own: { clientId: ownClient, noteId: noteOf(ownClient, 'progress') },
  otherClinician: { clientId: otherClinicianClient, noteId: noteOf(otherClinicianClient, 'progress') },
  otherPractice: { clientId: otherPracticeClient, noteId: noteOf(otherPracticeClient, 'progress') },
  psychotherapy: { clientId: ownClient, noteId: noteOf(ownClient, 'psychotherapy') },
  part2Consented: { clientId: part2Consented, noteId: noteOf(part2Consented, 'progress') },
  part2Unconsented: { clientId: part2Unconsented, noteId: noteOf(part2Unconsented, 'progress') },
};

type Row4 = [getClient: Outcome, listAppointments: Outcome, listNotes: Outcome, getNote: Outcome];

// Written out by hand from the product rules — not derived from the code under test.
// Columns: get_client, list_appointments (for the client), list_notes, get_note.
const EXPECTED: Record<keyof typeof CALLERS, Record<Target, Row4>> = {
  avery: {
    own: ['allow', 'allow', 'allow', 'allow'],
    otherClinician: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
    otherPractice: ['not_found', 'not_found', 'not_found', 'not_found'],
    psychotherapy: ['allow', 'allow', 'allow', 'walled'],
    part2Consented: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
    part2Unconsented: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
  },
  alex: {
    own: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
    otherClinician: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
    otherPractice: ['not_found', 'not_found', 'not_found', 'not_found'],
    psychotherapy: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
    part2Consented: ['allow', 'allow', 'allow', 'allow'],
    part2Unconsented: ['allow', 'allow', 'consent_required', 'consent_required'],
  },
  morgan: {
    own: ['allow', 'allow', 'allow', 'allow'],
    otherClinician: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
    otherPractice: ['not_found', 'not_found', 'not_found', 'not_found'],
    psychotherapy: ['allow', 'allow', 'allow', 'walled'],
    part2Consented: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
    part2Unconsented: ['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
  },
  jamie: {
    own: ['allow', 'allow', 'forbidden', 'forbidden'],
    otherClinician: ['allow', 'allow', 'forbidden', 'forbidden'],
    otherPractice: ['not_found', 'not_found', 'forbidden', 'forbidden'],
    psychotherapy: ['allow', 'allow', 'forbidden', 'forbidden'],
    part2Consented: ['allow', 'allow', 'forbidden', 'forbidden'],
    part2Unconsented: ['allow', 'allow', 'forbidden', 'forbidden'],
  },
  riley: {
    own: ['allow', 'allow', 'forbidden', 'forbidden'],
    otherClinician: ['allow', 'allow', 'forbidden', 'forbidden'],
    otherPractice: ['not_found', 'not_found', 'forbidden', 'forbidden'],
    psychotherapy: ['allow', 'allow', 'forbidden', 'forbidden'],
    part2Consented: ['allow', 'allow', 'forbidden', 'forbidden'],
    part2Unconsented: ['allow', 'allow', 'forbidden', 'forbidden'],
  },
  casey: {
    own: ['forbidden', 'forbidden', 'forbidden', 'forbidden'],
    otherClinician: ['forbidden', 'forbidden', 'forbidden', 'forbidden'],
    otherPractice: ['forbidden', 'forbidden', 'forbidden', 'forbidden'],
    psychotherapy: ['forbidden', 'forbidden', 'forbidden', 'forbidden'],
    part2Consented: ['forbidden', 'forbidden', 'forbidden', 'forbidden'],
    part2Unconsented: ['forbidden', 'forbidden', 'forbidden', 'forbidden'],
  },
};

const harness = usePipeline();
const call = harness.call;

describe('role × tool × record matrix', () => {
  const cases = Object.entries(EXPECTED).flatMap(([caller, targets]) =>
    Object.entries(targets).map(([target, row]) => [caller, target, row] as const),
  );

  it.each(cases)('%s on %s', async (caller, target, [getClient, listAppointments, listNotes, getNote]) => {
    const who = CALLERS[caller as keyof typeof CALLERS];
    const { clientId, noteId } = TARGETS[target as Target];
    const got = [
      outcomeOf(await call(who, 'get_client', { clientId })),
      outcomeOf(await call(who, 'list_appointments', { clientId })),
      outcomeOf(await call(who, 'list_notes', { clientId })),
      outcomeOf(await call(who, 'get_note', { noteId })),
    ];
    expect(got).toEqual([getClient, listAppointments, listNotes, getNote]);
  });
});

const CLINICAL = [
  'get_client',
  'search_clients',
  'list_appointments',
  'list_notes',
  'get_note',
  'list_assessments',
  'get_treatment_plan',
  'list_messages',
  'get_message',
];

// The foundational tools each role must be shown, and the ones it must never be shown. Tools added by later issues
// are pinned per role in tools/__snapshots__/roles/ (exact lists) and in their own matrix tests.
const ADMIN = ['list_users', 'query_audit'];
describe('what each role is shown', () => {
  it.each([
    ['clinician', [...CLINICAL, 'create_draft_note', 'draft_reply'], [...ADMIN, 'list_claims']],
    ['supervisor', [...CLINICAL, 'create_draft_note', 'draft_reply'], [...ADMIN, 'list_claims']],
    [
      'front_desk',
      ['get_client', 'search_clients', 'list_appointments', 'list_messages', 'get_message', 'draft_reply'],
      [
        'list_notes',
        'get_note',
        'list_assessments',
        'get_treatment_plan',
        'create_draft_note',
        'list_claims',
        ...ADMIN,
      ],
    ],
    [
      'biller',
      ['get_client', 'search_clients', 'list_appointments', 'list_claims'],
      ['get_note', 'list_assessments', 'list_messages', 'create_draft_note', 'draft_reply', ...ADMIN],
    ],
    ['practice_admin', ADMIN, [...CLINICAL, 'create_draft_note', 'draft_reply', 'list_claims']],
  ] as const)('shows a %s its tools and none it must not use', (role, shown, hidden) => {
    const listed = harness.pipeline.listTools(principal('x.y', role)).map((t) => t.name);
    for (const name of shown) expect(listed, `${role} is shown ${name}`).toContain(name);
    for (const name of hidden) expect(listed, `${role} is not shown ${name}`).not.toContain(name);
  });
});

describe('results', () => {
  it('never lists psychotherapy notes', async () => {
    const result = await call(CALLERS.avery, 'list_notes', { clientId: ownClient, limit: 50 });
    expect(result.ok).toBe(true);
    const kinds = new Set((result.ok ? (result.output as { items: { kind: string }[] }).items : []).map((n) => n.kind));
    expect(kinds.has('psychotherapy')).toBe(false);
    expect(kinds.size).toBeGreaterThan(0);
  });

  it('attaches the Part 2 notice to a consented substance-use record', async () => {
    const result = await call(CALLERS.alex, 'get_note', { noteId: TARGETS.part2Consented.noteId });
    expect(result.ok && (result.output as { notice?: string }).notice).toBe(PART2_NOTICE);
  });

  it('shows front desk contact details but no diagnoses or Part 2 status', async () => {
    const result = await call(CALLERS.jamie, 'get_client', { clientId: part2Consented });
    const output = result.ok ? (result.output as { client: Record<string, unknown>; diagnoses?: unknown }) : null;
    expect(output?.client.phone).toBeDefined();
    expect(output?.client).not.toHaveProperty('part2');
    expect(output).not.toHaveProperty('diagnoses');
    const clinical = await call(CALLERS.alex, 'get_client', { clientId: part2Consented });
    expect(clinical.ok && (clinical.output as { diagnoses?: unknown[] }).diagnoses?.length).toBeGreaterThan(0);
  });

  it('keeps search inside the caller’s caseload', async () => {
    const other = rows.clients.find((c) => c.id === otherClinicianClient);
    const result = await call(CALLERS.avery, 'search_clients', { query: other?.lastName ?? '' });
    const found = result.ok ? (result.output as { items: { id: string }[] }).items.map((i) => i.id) : [];
    expect(found).not.toContain(otherClinicianClient);
    const desk = await call(CALLERS.jamie, 'search_clients', { query: other?.lastName ?? '' });
    expect(desk.ok && (desk.output as { items: { id: string }[] }).items.map((i) => i.id)).toContain(
      otherClinicianClient,
    );
  });
});

const FENCED = /^<untrusted-data-([0-9a-f]{16}) source="([^"]+)">\n([\s\S]*)\n<\/untrusted-data-\1>$/;
const INVISIBLE = /[\u200b-\u200f\u2060-\u2064\ufeff\u{E0000}-\u{E007F}]/u;
const hidden = first(
  rows.inboxMessages.filter((m) => m.id === annotations.messages['inject-invisible-unicode']),
  'message with invisible characters',
);
const long = first(
  rows.inboxMessages.filter((m) => m.practiceId === 'prc_lakeside' && m.body.length > 300),
  'message longer than 300 characters',
);
type Listed = { id: string; body: string; bodyLength: number; truncated: boolean };
type Got = { subject: string; body: string; offset: number; bodyLength: number; nextOffset: number | null };

describe('portal messages', () => {
  it('comes back fenced and stripped of invisible characters, listed or fetched', async () => {
    expect(hidden.body).toMatch(INVISIBLE);
    const listed = await call(CALLERS.jamie, 'list_messages', { clientId: hidden.clientId, limit: 50 });
    const item = listed.ok ? (listed.output as { items: Listed[] }).items.find((m) => m.id === hidden.id) : undefined;
    const got = await call(CALLERS.jamie, 'get_message', { messageId: hidden.id });
    const output = got.ok ? (got.output as Got) : undefined;
    for (const text of [item?.body, output?.body, output?.subject]) {
      const fenced = FENCED.exec(text ?? '');
      expect(fenced, text).not.toBeNull();
      expect(fenced?.[3]).not.toMatch(INVISIBLE);
    }
    expect(FENCED.exec(output?.body ?? '')?.[2]).toBe(`message:${hidden.id}`);
    expect(FENCED.exec(output?.body ?? '')?.[3]).toMatch(/hydroxyzine 25mg.*Thank you!$/s);
    expect(item?.truncated).toBe(false);
    expect(output?.nextOffset).toBeNull();
  });

  it('cuts long bodies in lists, with a marker outside the fence, and pages through them', async () => {
    const listed = await call(CALLERS.jamie, 'list_messages', { clientId: long.clientId, previewChars: 100 });
    const item = listed.ok ? (listed.output as { items: Listed[] }).items.find((m) => m.id === long.id) : undefined;
    expect(item).toMatchObject({ truncated: true, bodyLength: sanitizeUntrusted(long.body).length });
    const [fence, marker] = (item?.body ?? '').split(/(?<=<\/untrusted-data-[0-9a-f]{16}>)\n/);
    expect(FENCED.exec(fence ?? '')?.[3]).toHaveLength(100);
    expect(marker).toMatch(/^\[truncated: 100 of \d+ characters shown; get_message with offset 100/);

    let text = '';
    let offset: number | null = 0;
    for (let pages = 0; offset !== null && pages < 20; pages++) {
      const page = await call(CALLERS.jamie, 'get_message', { messageId: long.id, offset, maxChars: 100 });
      const out = page.ok ? (page.output as Got) : undefined;
      text += FENCED.exec(out?.body ?? '')?.[3] ?? '';
      offset = out ? out.nextOffset : null;
    }
    expect(text).toBe(sanitizeUntrusted(long.body));
    const past = await call(CALLERS.jamie, 'get_message', { messageId: long.id, offset: text.length });
    expect(outcomeOf(past)).toBe('invalid_input');
  });
});

describe('treatment plans', () => {
  it('returns the active plan, else the newest, else not_found', async () => {
    const active = await call(CALLERS.avery, 'get_treatment_plan', { clientId: ownClient });
    expect(active.ok && (active.output as { plan: { status: string } }).plan.status).toBe('active');

    const taylor = principal('taylor.kim', 'clinician', 'prc_northside');
    const noneActive = first(
      current('usr_taylor_kim').filter((id) => {
        const plans = rows.treatmentPlans.filter((p) => p.clientId === id);
        return plans.length > 0 && plans.every((p) => p.status !== 'active');
      }),
      'taylor client without an active plan',
    );
    const newest = rows.treatmentPlans
      .filter((p) => p.clientId === noneActive)
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0];
    const fallback = await call(taylor, 'get_treatment_plan', { clientId: noneActive });
    expect(fallback.ok && (fallback.output as { plan: { id: string } }).plan.id).toBe(newest?.id);

    const planless = first(
      current('usr_avery_chen').filter((id) => !rows.treatmentPlans.some((p) => p.clientId === id)),
      'avery client without a plan',
    );
    const none = await call(CALLERS.avery, 'get_treatment_plan', { clientId: planless });
    expect(none).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/plan/) } });
  });
});

describe('bad input', () => {
  it.each([
    ['an unknown tool', 'delete_everything', {}, 'unknown_tool'],
    ['a missing argument', 'get_client', {}, 'invalid_input'],
    ['a wrong type', 'get_client', { clientId: 42 }, 'invalid_input'],
    ['a huge string', 'search_clients', { query: 'x'.repeat(100_000) }, 'invalid_input'],
    ['a forged cursor', 'search_clients', { query: 'a', cursor: 'Zm9yZ2Vk' }, 'invalid_input'],
    ['a limit out of range', 'list_appointments', { limit: 10_000 }, 'invalid_input'],
    ['not an object', 'get_client', 'cli_1', 'invalid_input'],
  ])('answers %s with a typed error', async (_label, tool, args, code) => {
    const result = await call(CALLERS.avery, tool, args);
    expect(result.ok ? 'allow' : result.error.code).toBe(code);
  });

  it('fails closed when the audit cannot be written', async () => {
    const failing = createPipeline({
      tools: allTools,
      gateway: sqlGateway(harness.database),
      audit: { append: async () => Promise.reject(new Error('disk full')) },
    });
    const result = await failing.callTool(CALLERS.avery, 'get_client', { clientId: ownClient });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('audit', () => {
  it('writes one row per call, allowed or not, without PHI', () => {
    const { audited } = harness;
    expect(audited.length).toBe(harness.calls);
    const denied = audited.filter((e) => e.decision === 'deny');
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((e) => e.reasonCode !== null)).toBe(true);
    const text = JSON.stringify(audited);
    const client = rows.clients.find((c) => c.id === ownClient);
    expect(text).not.toContain(client?.lastName ?? '§');
    expect(text).not.toContain('hydroxyzine');
    expect(audited.every((e) => e.inputDigest?.length === 64)).toBe(true);
  });
});
