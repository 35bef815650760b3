import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import { TEST_ANCHOR, TEST_SEED } from '../../test/constants.ts';
import { type Backend, openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { EhrError, type EhrErrorCode } from '../errors.ts';
import type { EhrGateway, HumanActions, ToolEhr } from '../gateway.ts';
import type { Page, PageRequest, Provenance } from '../types.ts';
import { sqlGateway } from './gateway.ts';
import type { Database } from './schema.ts';
import { buildDemoData } from './seed/build.ts';

/** Shared pieces of the storage contract: one seeded database per group, the seed itself, and assertions. */

export const LAKESIDE = 'prc_lakeside';
export const NORTHSIDE = 'prc_northside';
export type PracticeId = typeof LAKESIDE | typeof NORTHSIDE;

export const USERS = {
  avery: 'usr_avery_chen',
  sam: 'usr_sam_okafor',
  morgan: 'usr_morgan_lee',
  emery: 'usr_emery_walsh',
  jamie: 'usr_jamie_ortiz',
  riley: 'usr_riley_brooks',
  dana: 'usr_dana_fox',
  taylor: 'usr_taylor_kim',
  quinn: 'usr_quinn_harper',
} as const;

/** The rows every seeded test database holds, byte for byte. */
export const demo = buildDemoData({ seed: TEST_SEED, anchor: TEST_ANCHOR });
export const seed = demo.rows;
export const annotations = demo.annotations;

export const inPractice = <R extends { practiceId: string }>(list: readonly R[], practiceId: string): R[] =>
  list.filter((row) => row.practiceId === practiceId);

export const ids = (list: readonly { id: string }[]): string[] => list.map((row) => row.id);

/** The first row matching `test`; fails the test when the seed has none, so a fixture cannot silently vanish. */
export function pick<R>(list: readonly R[], test: (row: R) => boolean, what: string): R {
  const row = list.find(test);
  if (row === undefined) throw new Error(`the demo seed has no ${what}`);
  return row;
}

/** Ascending by (key, id), the order the adapter declares for keyset pages; ids are ASCII so any collation agrees. */
export const byKeyThenId =
  <R extends { id: string }>(key: (row: R) => string) =>
  (a: R, b: R): number => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };

export interface Contract {
  readonly database: TestDatabase;
  readonly db: Kysely<Database>;
  readonly gateway: EhrGateway;
  readonly lakeside: ToolEhr;
  readonly northside: ToolEhr;
  ehr(practiceId: string): ToolEhr;
  human(practiceId?: string): HumanActions;
}

/** Opens a fresh seeded database for the enclosing describe block and drops it afterwards. */
export function useContract(backend: Backend): Contract {
  let open: { database: TestDatabase; gateway: EhrGateway } | undefined;
  beforeAll(async () => {
    const database = await openTestDatabase(backend, { seeded: true });
    open = { database, gateway: sqlGateway(database) };
  });
  afterAll(async () => {
    await open?.database.drop();
    open = undefined;
  });
  const get = () => {
    if (!open) throw new Error('the contract database is not open (used outside a test?)');
    return open;
  };
  return {
    get database() {
      return get().database;
    },
    get db() {
      return get().database.db;
    },
    get gateway() {
      return get().gateway;
    },
    get lakeside() {
      return get().gateway.forPractice(LAKESIDE);
    },
    get northside() {
      return get().gateway.forPractice(NORTHSIDE);
    },
    ehr: (practiceId) => get().gateway.forPractice(practiceId),
    human: (practiceId = LAKESIDE) => get().gateway.humanActions(practiceId),
  };
}

/** Awaits `work` and asserts it rejected with an EhrError of this code; returns the error. */
export async function expectEhrError(work: Promise<unknown>, code: EhrErrorCode): Promise<EhrError> {
  const outcome = await work.then(
    (value: unknown) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok)
    return expect.fail(`expected EhrError '${code}', but it resolved to ${JSON.stringify(outcome.value)}`);
  expect(outcome.error, String(outcome.error)).toBeInstanceOf(EhrError);
  const error = outcome.error as EhrError;
  expect(error.code, error.message).toBe(code);
  return error;
}

/** Awaits raw database work that must fail; returns the driver's error (with its SQLSTATE code). */
export async function expectDatabaseRefusal(work: Promise<unknown>): Promise<Error & { code?: string }> {
  const outcome = await work.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) return expect.fail('expected the database to refuse the statement, but it succeeded');
  expect(outcome.error).toBeInstanceOf(Error);
  return outcome.error as Error & { code?: string };
}

/**
 * Follows nextCursor from the first page to the last and checks the page shape on the way: every page but the
 * last is full and has a cursor, the last has none. Returns all items in the order they were served.
 */
export async function walk<T>(limit: number, fetch: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pages = 1; pages <= 2_000; pages++) {
    const page: Page<T> = await fetch({ limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    expect(page.items.length, 'a page with a next cursor is full').toBe(limit);
    cursor = page.nextCursor;
  }
  return expect.fail('pagination did not end after 2000 pages');
}

export const provenance = (extra: Partial<Provenance> = {}): Provenance => ({
  model: 'offline-rule-based',
  promptVersion: 'contract-test-1',
  generatedAt: '2026-11-22T18:00:00.000Z',
  evidence: [{ section: 'subjective', sourceType: 'transcript', sourceId: 'trn_contract', start: 0, end: 12 }],
  tool: 'draft_progress_note',
  // snake_case keys inside JSON are data: they must come back as stored, not camelCased.
  grounding_report: { supported_claims: 3, unsupported_claims: 0 },
  ...extra,
});

/** A timestamp string is an ISO-8601 UTC instant between two instants taken around the call that wrote it. */
export function expectInstantBetween(value: string | null, before: number, after: number): void {
  expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  const at = Date.parse(value ?? '');
  expect(at).toBeGreaterThanOrEqual(before);
  expect(at).toBeLessThanOrEqual(after);
}
