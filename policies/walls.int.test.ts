import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewRiskFlag, RiskFlag } from '../ehr/flags.ts';
import type { ToolEhr } from '../ehr/gateway.ts';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import type { Page } from '../ehr/types.ts';
import { openTestDatabase, type TestDatabase } from '../test/databases.ts';
import {
  CALLERS,
  current,
  first,
  hasConsent,
  isPart2,
  otherClinicianClient,
  part2Consented,
} from '../test/pipeline-fixtures.ts';
import { ToolError } from './errors.ts';
import type { Principal } from './principal.ts';
import { grantFor } from './roles.ts';
import { resolveScope } from './scope.ts';
import { wallEhr } from './walls.ts';

// alex.rivera's clients, picked by what they are: one outside Part 2, and Part 2 clients by the consents in force.
const alexClients = current('usr_alex_rivera');
const plain = first(
  alexClients.filter((id) => !isPart2(id)),
  'alex client outside Part 2',
);
const part2PaymentOnly = first(
  alexClients.filter(
    (id) =>
      isPart2(id) && !hasConsent(id, 'part2_disclosure', 'treatment') && hasConsent(id, 'part2_disclosure', 'payment'),
  ),
  'alex Part 2 client with a payment consent only',
);

const part2Unconsented = first(
  alexClients.filter(
    (id) =>
      isPart2(id) && !hasConsent(id, 'part2_disclosure', 'treatment') && !hasConsent(id, 'part2_disclosure', 'payment'),
  ),
  'alex Part 2 client without disclosure consents in force',
);

let database: TestDatabase;
let raw: ToolEhr;
/** The gateway a risk:read tool receives for this caller: bound to the practice, scoped, walled. */
const walled = (who: Principal = CALLERS.alex): ToolEhr => {
  const grant = grantFor(who.role, 'risk:read');
  if (!grant) throw new Error(`${who.role} has no risk:read grant`);
  return wallEhr(raw, who, resolveScope(who, grant, raw));
};

const flagFor = (clientId: string, n: number): NewRiskFlag => ({
  clientId,
  kind: 'worsening_trend',
  sourceId: `asm_wall_${clientId}_${n}`,
  urgency: n % 2 === 0 ? 'urgent' : 'routine',
  evidence: [{ sourceType: 'assessment', sourceId: `asm_wall_${clientId}_${n}`, detail: 'PHQ-9 +6' }],
  recommendedAction: 'Review the trend at the next session.',
  createdBy: 'usr_alex_rivera',
});
const CLIENTS = [plain, part2Consented, part2Unconsented, part2PaymentOnly];
const stored = new Map<string, Set<string>>();

/** Every page of a flag list, following the cursor; the pages as they came back. */
async function pages(ehr: ToolEhr, query: { clientIds?: string[]; limit: number }): Promise<Page<RiskFlag>[]> {
  const out: Page<RiskFlag>[] = [];
  let cursor: string | null = null;
  do {
    const page = await ehr.drafts.riskFlags.list({ ...query, cursor });
    out.push(page);
    cursor = page.nextCursor;
    if (out.length > 500) throw new Error('the list never ends');
  } while (cursor);
  return out;
}
const refusal = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'allow';
  } catch (error) {
    if (error instanceof ToolError) return error.code;
    throw error;
  }
};

beforeAll(async () => {
  database = await openTestDatabase('pglite', { seeded: true });
  raw = sqlGateway(database).forPractice('prc_lakeside');
  for (const clientId of CLIENTS) {
    const ids = new Set<string>();
    for (let n = 1; n <= 3; n++) ids.add((await raw.drafts.riskFlags.upsert(flagFor(clientId, n))).flag.id);
    stored.set(clientId, ids);
  }
});
afterAll(async () => {
  await database?.drop();
});

const idsOf = (clientId: string) => [...(stored.get(clientId) ?? [])];

describe('wallEhr: risk flags', () => {
  it('leaves a Part 2 client’s flags out of a list unless a consent covers the caller’s purpose', async () => {
    const { items } = await walled().drafts.riskFlags.list({ clientIds: CLIENTS, limit: 100 });
    const listed = new Set(items.map((f) => f.id));
    for (const id of idsOf(plain)) expect(listed.has(id), 'a client outside Part 2').toBe(true);
    for (const id of idsOf(part2Consented)) expect(listed.has(id), 'Part 2, treatment consent').toBe(true);
    for (const id of idsOf(part2Unconsented)) expect(listed.has(id), 'Part 2, no consent').toBe(false);
    // A consent for payment does not release records to a clinician, whose purpose is treatment.
    for (const id of idsOf(part2PaymentOnly)) expect(listed.has(id), 'Part 2, payment consent only').toBe(false);
  });

  it('filters page by page and keeps the store’s cursor, so walking the pages skips nothing it may show', async () => {
    for (const limit of [1, 2, 5]) {
      const outer = await pages(walled(), { clientIds: CLIENTS, limit });
      const inner = await pages(raw, { clientIds: CLIENTS, limit });
      expect(
        outer.map((p) => p.nextCursor),
        `limit ${limit}`,
      ).toEqual(inner.map((p) => p.nextCursor));
      const hidden = new Set([...idsOf(part2Unconsented), ...idsOf(part2PaymentOnly)]);
      expect(outer.map((p) => p.items.map((f) => f.id))).toEqual(
        inner.map((p) => p.items.map((f) => f.id).filter((id) => !hidden.has(id))),
      );
      if (limit === 1)
        expect(
          outer.some((p) => p.items.length === 0),
          'a walled page comes back empty',
        ).toBe(true);
    }
  });

  it('leaves out flags of clients outside the caller’s reach when the list names no clients', async () => {
    await raw.drafts.riskFlags.upsert(flagFor(otherClinicianClient, 1));
    const { items } = await walled().drafts.riskFlags.list({ limit: 100 });
    expect(items.length).toBeGreaterThan(0);
    for (const f of items) {
      expect(alexClients).toContain(f.clientId);
      expect([part2Unconsented, part2PaymentOnly]).not.toContain(f.clientId);
    }
  });

  it('refuses forClient for a walled Part 2 client, and returns a released client’s flags', async () => {
    const flags = walled().drafts.riskFlags;
    expect(await refusal(flags.forClient(part2Unconsented))).toBe('consent_required');
    expect(await refusal(flags.forClient(part2PaymentOnly))).toBe('consent_required');
    expect((await flags.forClient(part2Consented)).map((f) => f.id).sort()).toEqual(idsOf(part2Consented).sort());
    expect((await flags.forClient(plain)).map((f) => f.id).sort()).toEqual(idsOf(plain).sort());
    // Scope first: someone outside the caseload learns nothing about what kind of client an id names.
    expect(await refusal(flags.forClient(otherClinicianClient))).toBe('out_of_scope');
    expect(await refusal(flags.forClient('cli_does_not_exist'))).toBe('not_found');
  });

  it('passes raising a flag through unchanged: the stored flag comes back, not a copy', async () => {
    const again = await walled().drafts.riskFlags.upsert(flagFor(plain, 1));
    expect(again.created).toBe(false);
    expect(idsOf(plain)).toContain(again.flag.id);
  });

  it('releases a Part 2 client’s flags once a consent covering treatment is recorded', async () => {
    await sqlGateway(database).humanActions('prc_lakeside').recordConsent(
      {
        clientId: part2Unconsented,
        kind: 'part2_disclosure',
        purpose: 'treatment',
        recipient: 'Lakeside treating clinicians',
        grantedBy: 'client',
      },
      'usr_alex_rivera',
    );
    const flags = walled().drafts.riskFlags;
    expect((await flags.forClient(part2Unconsented)).map((f) => f.id).sort()).toEqual(idsOf(part2Unconsented).sort());
    const listed = new Set((await flags.list({ clientIds: CLIENTS, limit: 100 })).items.map((f) => f.id));
    for (const id of idsOf(part2Unconsented)) expect(listed.has(id)).toBe(true);
    for (const id of idsOf(part2PaymentOnly)) expect(listed.has(id)).toBe(false);
  });
});
