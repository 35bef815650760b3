import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import { buildDemoData } from '../ehr/sql/seed/build.ts';
import type { Role } from '../ehr/types.ts';
import { TEST_ANCHOR, TEST_SEED } from '../test/constants.ts';
import { openTestDatabase, type TestDatabase } from '../test/databases.ts';
import { allTools } from '../tools/index.ts';
import { PART2_NOTICE } from './part2.ts';
import { type CallAuditEvent, createPipeline, type Pipeline } from './pipeline.ts';
import type { Principal } from './principal.ts';

const { rows } = buildDemoData({ seed: TEST_SEED, anchor: TEST_ANCHOR });
const today = TEST_ANCHOR;
const current = (clinician: string) =>
  rows.caseloadAssignments
    .filter((a) => a.clinicianId === clinician && a.role === 'primary' && (a.endedOn == null || a.endedOn >= today))
    .map((a) => a.clientId);
const first = <T>(list: T[], what: string): T => {
  const found = list[0];
  if (found === undefined) throw new Error(`the demo has no ${what}`);
  return found;
};
const activePart2 = (clientId: string, purpose: string) =>
  rows.consents.some(
    (c) => c.clientId === clientId && c.kind === 'part2_disclosure' && c.purpose === purpose && c.revokedAt === null,
  );

// The records each case points at, picked from the demo by what they are.
const averyClients = current('usr_avery_chen');
const ownClient = first(
  averyClients.filter((id) => rows.notes.some((n) => n.clientId === id && n.kind === 'psychotherapy')),
  'avery client with a psychotherapy note',
);
const otherClinicianClient = first(current('usr_emery_walsh'), 'emery client');
const otherPracticeClient = first(current('usr_taylor_kim'), 'taylor client');
const alexClients = current('usr_alex_rivera');
const part2Consented = first(
  alexClients.filter((id) => rows.clients.find((c) => c.id === id)?.part2 && activePart2(id, 'treatment')),
  'consented Part 2 client',
);
const part2Unconsented = first(
  alexClients.filter((id) => rows.clients.find((c) => c.id === id)?.part2 && !activePart2(id, 'treatment')),
  'unconsented Part 2 client',
);

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

const principal = (username: string, role: Role, practiceId = 'prc_lakeside'): Principal => ({
  userId: `usr_${username.replace('.', '_')}`,
  username,
  role,
  practiceId,
  surface: 'mcp',
  clientApp: 'test',
});
const CALLERS = {
  avery: principal('avery.chen', 'clinician'),
  alex: principal('alex.rivera', 'clinician'),
  morgan: principal('morgan.lee', 'supervisor'),
  jamie: principal('jamie.ortiz', 'front_desk'),
  riley: principal('riley.brooks', 'biller'),
  casey: principal('casey.nguyen', 'practice_admin'),
};

type Outcome = 'allow' | 'forbidden' | 'out_of_scope' | 'not_found' | 'walled' | 'consent_required';
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

let database: TestDatabase;
let pipeline: Pipeline;
const audited: CallAuditEvent[] = [];
let calls = 0;

beforeAll(async () => {
  database = await openTestDatabase('pglite', { seeded: true });
  pipeline = createPipeline({
    tools: allTools,
    gateway: sqlGateway(database),
    audit: { append: async (event) => audited.push(event) },
  });
});
afterAll(async () => {
  await database.drop();
});

async function call(who: Principal, tool: string, args: unknown) {
  calls++;
  return pipeline.callTool(who, tool, args);
}

const outcomeOf = (result: Awaited<ReturnType<Pipeline['callTool']>>): string =>
  result.ok ? 'allow' : result.error.code;

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

describe('what each role is shown', () => {
  it.each([
    ['clinician', ['get_client', 'search_clients', 'list_appointments', 'list_notes', 'get_note']],
    ['supervisor', ['get_client', 'search_clients', 'list_appointments', 'list_notes', 'get_note']],
    ['front_desk', ['get_client', 'search_clients', 'list_appointments']],
    ['biller', ['get_client', 'search_clients', 'list_appointments']],
    ['practice_admin', []],
  ] as const)('lists exactly the tools a %s may call', (role, names) => {
    expect(pipeline.listTools(principal('x.y', role)).map((t) => t.name)).toEqual(names);
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
      gateway: sqlGateway(database),
      audit: { append: async () => Promise.reject(new Error('disk full')) },
    });
    const result = await failing.callTool(CALLERS.avery, 'get_client', { clientId: ownClient });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('audit', () => {
  it('writes one row per call, allowed or not, without PHI', () => {
    expect(audited.length).toBe(calls);
    const denied = audited.filter((e) => e.decision === 'deny');
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((e) => e.reasonCode !== null)).toBe(true);
    const text = JSON.stringify(audited);
    const client = rows.clients.find((c) => c.id === ownClient);
    expect(text).not.toContain(client?.lastName ?? '§');
    expect(audited.every((e) => e.inputDigest?.length === 64)).toBe(true);
  });
});
