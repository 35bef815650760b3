import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlAuditLog } from '../ehr/sql/audit-log.ts';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import type { AuditLog } from '../policies/audit/log.ts';
import { createPipeline, type Pipeline } from '../policies/pipeline.ts';
import type { Principal } from '../policies/principal.ts';
import { openTestDatabase, type TestDatabase } from '../test/databases.ts';
import {
  CALLERS,
  type Caller,
  type Outcome,
  otherPracticeClient,
  outcomeOf,
  ownClient,
  principal,
  rows,
} from '../test/pipeline-fixtures.ts';
import { allTools } from './index.ts';

// The practice administrator's tools over the real hash-chained audit log: what it may read (staff accounts and
// the audit trail, never clinical content), and who else may not.

let database: TestDatabase;
let audit: AuditLog;
let pipeline: Pipeline;
let calls = 0;
const kai = principal('kai.santos', 'practice_admin', 'prc_northside');

beforeAll(async () => {
  database = await openTestDatabase('pglite', { seeded: true });
  audit = createSqlAuditLog(database.db);
  pipeline = createPipeline({ tools: allTools, gateway: sqlGateway(database), audit });
});
afterAll(async () => {
  await audit?.close();
  await database?.drop();
});

const call = (who: Principal, tool: string, args: unknown) => {
  calls++;
  return pipeline.callTool(who, tool, args);
};
const output = async <T>(who: Principal, tool: string, args: unknown): Promise<T> => {
  const result = await call(who, tool, args);
  if (!result.ok) throw new Error(`${tool}: ${result.error.code} ${result.error.message}`);
  return result.output as T;
};

interface AuditRow {
  seq: number;
  actorId: string;
  action: string;
  decision: string;
  reasonCode: string | null;
  recordIds: string[];
}
type AuditPage = { items: AuditRow[]; nextCursor: string | null };

// Written by hand from the product rules: only the practice administrator reads staff accounts and the audit trail.
const EXPECTED: Record<Caller, [listUsers: Outcome, queryAudit: Outcome]> = {
  avery: ['forbidden', 'forbidden'],
  alex: ['forbidden', 'forbidden'],
  morgan: ['forbidden', 'forbidden'],
  jamie: ['forbidden', 'forbidden'],
  riley: ['forbidden', 'forbidden'],
  casey: ['allow', 'allow'],
};

describe('administrator tools in the role matrix', () => {
  it.each(Object.entries(EXPECTED))('%s', async (caller, expected) => {
    const who = CALLERS[caller as Caller];
    expect([outcomeOf(await call(who, 'list_users', {})), outcomeOf(await call(who, 'query_audit', {}))]).toEqual(
      expected,
    );
  });
});

describe('list_users', () => {
  it('lists the practice’s own staff only, with supervision links and no client data', async () => {
    const { items } = await output<{ items: { id: string; role: string; supervises: string[] }[] }>(
      CALLERS.casey,
      'list_users',
      {},
    );
    const lakeside = rows.users.filter((u) => u.practiceId === 'prc_lakeside').map((u) => u.id);
    expect(items.map((u) => u.id).sort()).toEqual([...lakeside].sort());
    expect(items.find((u) => u.id === 'usr_morgan_lee')?.supervises.sort()).toEqual([
      'usr_avery_chen',
      'usr_sam_okafor',
    ]);
    expect(JSON.stringify(items)).not.toMatch(/cli_/);
  });

  it('filters by role and by active flag', async () => {
    const inactive = await output<{ items: { username: string }[] }>(CALLERS.casey, 'list_users', { active: false });
    expect(inactive.items.map((u) => u.username)).toEqual(['dana.fox']);
    const billers = await output<{ items: { role: string }[] }>(CALLERS.casey, 'list_users', { role: 'biller' });
    expect(billers.items.length).toBeGreaterThan(0);
    expect(billers.items.every((u) => u.role === 'biller')).toBe(true);
  });
});

describe('query_audit', () => {
  beforeAll(async () => {
    await call(CALLERS.avery, 'get_client', { clientId: ownClient });
    await call(CALLERS.jamie, 'get_client', { clientId: ownClient });
    await call(CALLERS.riley, 'list_notes', { clientId: ownClient });
    await call(CALLERS.avery, 'get_client', { clientId: otherPracticeClient });
    await audit.flush();
  });

  it('answers who accessed a client: every event that touched its id, newest first', async () => {
    const page = await output<AuditPage>(CALLERS.casey, 'query_audit', { recordId: ownClient });
    expect(page.items.map((e) => [e.actorId, e.action, e.decision])).toEqual([
      ['usr_jamie_ortiz', 'get_client', 'allow'],
      ['usr_avery_chen', 'get_client', 'allow'],
    ]);
    expect(page.items[0]?.seq).toBeGreaterThan(page.items[1]?.seq ?? Number.POSITIVE_INFINITY);
  });

  it('filters denials, and shows the reason code', async () => {
    const page = await output<AuditPage>(CALLERS.casey, 'query_audit', {
      decision: 'deny',
      actorId: 'usr_riley_brooks',
    });
    expect(page.items.some((e) => e.action === 'list_notes' && e.reasonCode === 'forbidden')).toBe(true);
    expect(page.items.every((e) => e.decision === 'deny' && e.actorId === 'usr_riley_brooks')).toBe(true);
  });

  it('pages with a cursor, without overlap or gaps', async () => {
    const first = await output<AuditPage>(CALLERS.casey, 'query_audit', { limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await output<AuditPage>(CALLERS.casey, 'query_audit', { limit: 3, cursor: first.nextCursor });
    const seqs = [...first.items, ...second.items].map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs.at(2)! - seqs.at(3)!).toBeGreaterThanOrEqual(1);
  });

  it('never shows another practice’s events, in either direction', async () => {
    await audit.flush();
    const northside = await output<AuditPage>(kai, 'query_audit', { limit: 200 });
    expect(northside.items.filter((e) => e.actorId?.startsWith('usr_') && e.actorId !== 'usr_kai_santos')).toEqual([]);
    const lakeside = await output<AuditPage>(CALLERS.casey, 'query_audit', { actorId: 'usr_kai_santos' });
    expect(lakeside.items).toEqual([]);
  });

  it('refuses a forged cursor and an inverted time window with clear errors', async () => {
    for (const cursor of ['AAAA', Buffer.from('["x","y"]').toString('base64url')]) {
      expect(await call(CALLERS.casey, 'query_audit', { cursor })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: /cursor/ },
      });
    }
    expect(
      await call(CALLERS.casey, 'query_audit', { since: '2026-11-20T00:00:00Z', until: '2026-11-01T00:00:00Z' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('audits its own use: one row per call made in this file', async () => {
    await audit.flush();
    const stored = await database.db.selectFrom('auditEvents').select('action').execute();
    expect(stored).toHaveLength(calls);
    expect(stored.filter((r) => r.action === 'query_audit').length).toBeGreaterThan(5);
  });
});
