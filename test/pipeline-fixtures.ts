import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import { buildDemoData } from '../ehr/sql/seed/build.ts';
import type { Role } from '../ehr/types.ts';
import { type CallAuditEvent, createPipeline, type Pipeline, type PipelineOptions } from '../policies/pipeline.ts';
import type { Principal } from '../policies/principal.ts';
import { allTools } from '../tools/index.ts';
import { TEST_ANCHOR, TEST_SEED } from './constants.ts';
import { openTestDatabase, type TestDatabase } from './databases.ts';

/** The demo the test database holds, for picking records by what they are (never by hard-coded id). */
export const { rows, annotations } = buildDemoData({ seed: TEST_SEED, anchor: TEST_ANCHOR });

/** Clients a clinician is primary for today. */
export const current = (clinician: string) =>
  rows.caseloadAssignments
    .filter(
      (a) => a.clinicianId === clinician && a.role === 'primary' && (a.endedOn == null || a.endedOn >= TEST_ANCHOR),
    )
    .map((a) => a.clientId);

export const first = <T>(list: T[], what: string): T => {
  const found = list[0];
  if (found === undefined) throw new Error(`the demo has no ${what}`);
  return found;
};

/** Whether a consent of this kind (and purpose) is in force for the client, as the seed wrote it. */
export const hasConsent = (clientId: string, kind: string, purpose?: string) =>
  rows.consents.some(
    (c) =>
      c.clientId === clientId &&
      c.kind === kind &&
      (purpose === undefined || c.purpose === purpose) &&
      c.revokedAt === null &&
      (c.expiresAt == null || c.expiresAt > `${TEST_ANCHOR}T23:59:59Z`),
  );
export const isPart2 = (clientId: string) => rows.clients.find((c) => c.id === clientId)?.part2 === true;

// The clients each case points at.
const averyClients = current('usr_avery_chen');
const alexClients = current('usr_alex_rivera');
export const ownClient = first(
  averyClients.filter((id) => rows.notes.some((n) => n.clientId === id && n.kind === 'psychotherapy')),
  'avery client with a psychotherapy note',
);
export const otherClinicianClient = first(current('usr_emery_walsh'), 'emery client');
export const otherPracticeClient = first(current('usr_taylor_kim'), 'taylor client');
export const part2Consented = first(
  alexClients.filter((id) => isPart2(id) && hasConsent(id, 'part2_disclosure', 'treatment')),
  'consented Part 2 client',
);
export const part2Unconsented = first(
  alexClients.filter((id) => isPart2(id) && !hasConsent(id, 'part2_disclosure', 'treatment')),
  'unconsented Part 2 client',
);

export const principal = (username: string, role: Role, practiceId = 'prc_lakeside'): Principal => ({
  userId: `usr_${username.replace('.', '_')}`,
  username,
  role,
  practiceId,
  surface: 'mcp',
  clientApp: 'test',
});
export const CALLERS = {
  avery: principal('avery.chen', 'clinician'),
  alex: principal('alex.rivera', 'clinician'),
  morgan: principal('morgan.lee', 'supervisor'),
  jamie: principal('jamie.ortiz', 'front_desk'),
  riley: principal('riley.brooks', 'biller'),
  casey: principal('casey.nguyen', 'practice_admin'),
};
export type Caller = keyof typeof CALLERS;

export type Outcome = 'allow' | 'forbidden' | 'out_of_scope' | 'not_found' | 'walled' | 'consent_required';
export const outcomeOf = (result: Awaited<ReturnType<Pipeline['callTool']>>): string =>
  result.ok ? 'allow' : result.error.code;

/**
 * A seeded database and a pipeline over every tool, opened before the file's tests and dropped after them, with
 * an in-memory audit sink and a call counter.
 *
 * Whatever the file's tests do, two invariants are checked when it ends: one audit row per call (allowed, denied or
 * failed), and no state change but new AI-generated drafts. Each file's counts go to the run's pipeline ledger,
 * which the global teardown sums up, so "rows == invocations, no non-draft write" holds across the whole suite.
 */
export function usePipeline(options: Partial<PipelineOptions> = {}) {
  const state = {
    database: undefined as TestDatabase | undefined,
    pipeline: undefined as Pipeline | undefined,
    before: undefined as WriteSnapshot | undefined,
    audited: [] as CallAuditEvent[],
    calls: 0,
  };
  beforeAll(async () => {
    state.database = await openTestDatabase('pglite', { seeded: true });
    state.before = await snapshotWrites(state.database);
    state.pipeline = createPipeline({
      tools: allTools,
      gateway: sqlGateway(state.database),
      audit: { append: async (event) => state.audited.push(event) },
      ...options,
    });
  });
  afterAll(async () => {
    try {
      if (state.database && state.before) {
        expect(state.audited, 'one audit row per tool call').toHaveLength(state.calls);
        expectOnlyDraftsWritten(state.before, await snapshotWrites(state.database));
        await recordInLedger(state.calls, state.audited);
      }
    } finally {
      await state.database?.drop();
    }
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('usePipeline: used outside a test');
    return value;
  };
  return {
    get database() {
      return need(state.database);
    },
    get pipeline() {
      return need(state.pipeline);
    },
    audited: state.audited,
    get calls() {
      return state.calls;
    },
    call(who: Principal, tool: string, args: unknown) {
      state.calls++;
      return need(state.pipeline).callTool(who, tool, args);
    },
    /** The pipeline for a surface under test (chat, a provider): its calls count toward the file's audit check. */
    counted: {
      listTools: (who: Principal) => need(state.pipeline).listTools(who),
      callTool: (who: Principal, tool: string, args: unknown, meta?: { traceId?: string }) => {
        state.calls++;
        return need(state.pipeline).callTool(who, tool, args, meta);
      },
    } satisfies Pipeline,
  };
}

/** One file's share of the run's pipeline ledger (summed by test/global-setup.ts). */
async function recordInLedger(calls: number, audited: readonly CallAuditEvent[]): Promise<void> {
  const decisions = { allow: 0, deny: 0, error: 0 };
  for (const e of audited) decisions[e.decision]++;
  const tools = new Set(audited.map((e) => e.action));
  await writeFile(
    join(inject('pipelineLedgerDir'), `${randomUUID()}.json`),
    JSON.stringify({ calls, audited: audited.length, decisions, tools: [...tools] }),
  );
}

const STATEFUL = ['notes', 'replyDrafts', 'treatmentPlans', 'intakeSubmissions'] as const;
const DRAFTABLE: ReadonlySet<string> = new Set(['notes', 'replyDrafts', 'treatmentPlans']);

export interface WriteSnapshot {
  rows: Map<string, { table: string; status: string; aiGenerated: boolean }>;
  messages: Set<string>;
  consents: Map<string, string | null>;
}

/** Every record whose state a tool could change: status-bearing rows, portal messages, consents. */
export async function snapshotWrites(database: TestDatabase): Promise<WriteSnapshot> {
  const snapshot: WriteSnapshot = { rows: new Map(), messages: new Set(), consents: new Map() };
  for (const table of STATEFUL) {
    const found = await database.db.selectFrom(table).select(['id', 'status', 'aiGenerated']).execute();
    for (const r of found) snapshot.rows.set(r.id, { table, status: r.status, aiGenerated: r.aiGenerated });
  }
  for (const r of await database.db.selectFrom('claims').select(['id', 'status']).execute()) {
    snapshot.rows.set(r.id, { table: 'claims', status: r.status, aiGenerated: false });
  }
  for (const m of await database.db.selectFrom('inboxMessages').select('id').execute()) snapshot.messages.add(m.id);
  for (const c of await database.db.selectFrom('consents').select(['id', 'revokedAt']).execute()) {
    snapshot.consents.set(c.id, c.revokedAt);
  }
  return snapshot;
}

/** Asserts that between two snapshots only new AI-generated drafts appeared: nothing changed, sent or went away. */
export function expectOnlyDraftsWritten(before: WriteSnapshot, after: WriteSnapshot): void {
  for (const [id, was] of before.rows) {
    const now = after.rows.get(id);
    // A drafted intake update is a draft on the submission's own row: received (or draft_ready) → draft_ready.
    const intakeDrafted =
      was.table === 'intakeSubmissions' &&
      ['received', 'draft_ready'].includes(was.status) &&
      now?.status === 'draft_ready' &&
      now.aiGenerated;
    if (!intakeDrafted) expect(now, `${was.table} ${id}`).toEqual(was);
  }
  for (const [id, now] of after.rows) {
    if (before.rows.has(id)) continue;
    expect(DRAFTABLE.has(now.table), `new ${now.table} row ${id}`).toBe(true);
    expect(now, `new ${now.table} row ${id}`).toMatchObject({ status: 'draft', aiGenerated: true });
  }
  expect([...after.messages].sort()).toEqual([...before.messages].sort());
  expect(after.consents).toEqual(before.consents);
}
