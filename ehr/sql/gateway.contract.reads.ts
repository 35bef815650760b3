import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { TEST_ANCHOR } from '../../test/constants.ts';
import type { Backend } from '../../test/databases.ts';
import {
  expectEhrError,
  ids,
  inPractice,
  LAKESIDE,
  NORTHSIDE,
  pick,
  seed,
  USERS,
  useContract,
} from './gateway.contract.harness.ts';

const clientNamed = (first: string, last: string) =>
  pick(seed.clients, (c) => c.firstName === first && c.lastName === last, `client ${first} ${last}`);

/** Client ids assigned to any of these clinicians on `on`, computed from the seed. */
const seededCaseload = (clinicianIds: string[], on: string) =>
  [
    ...new Set(
      seed.caseloadAssignments
        .filter(
          (a) => clinicianIds.includes(a.clinicianId) && a.startedOn <= on && (a.endedOn == null || a.endedOn >= on),
        )
        .map((a) => a.clientId),
    ),
  ].sort();

export function describeReads(backend: Backend) {
  describe('reads: clients, care teams and consents', () => {
    const c = useContract(backend);

    it('searches client names case- and accent-insensitively, in either direction', async () => {
      const tomas = clientNamed('Tomás', 'Echeverría');
      const search = async (text: string, practice = LAKESIDE) =>
        ids((await c.ehr(practice).read.clients.search({ text })).items);
      for (const text of [
        'echeverria',
        'ECHEVERRÍA',
        'tomas echeverria',
        'Tomás Echeverría',
        'Echeverría, Tomás',
        'tomás'.normalize('NFD'),
      ]) {
        expect(await search(text), text).toContain(tomas.id);
      }
      // A stored accent is folded too: 'lucia' and 'Lucía' find both Lucía Benavides and Lucia Brightwater.
      const accented = clientNamed('Lucía', 'Benavides');
      const plain = clientNamed('Lucia', 'Brightwater');
      for (const text of ['lucia', 'LUCÍA'])
        expect(await search(text, NORTHSIDE), text).toEqual(expect.arrayContaining([accented.id, plain.id]));
      expect(await search('lozano perez', NORTHSIDE)).toEqual([clientNamed('Santiago', 'Lozano Pérez').id]);
      expect(await search('echeverriaz')).toEqual([]);
    });

    it('finds a client by preferred name and by exact MRN only', async () => {
      const santi = clientNamed('Santiago', 'Galindo');
      expect(ids((await c.lakeside.read.clients.search({ text: 'santi' })).items)).toContain(santi.id);
      expect(ids((await c.lakeside.read.clients.search({ text: santi.mrn })).items)).toEqual([santi.id]);
      expect(ids((await c.lakeside.read.clients.search({ text: santi.mrn.toLowerCase() })).items)).toEqual([santi.id]);
      expect((await c.lakeside.read.clients.search({ text: santi.mrn.slice(0, -1) })).items).toEqual([]);
    });

    it('returns an empty page for an empty clientIds list and restricts to the ids given', async () => {
      expect(await c.lakeside.read.clients.search({ clientIds: [] })).toEqual({ items: [], nextCursor: null });
      expect(await c.lakeside.read.clients.search({ clientIds: [], text: 'a' })).toEqual({
        items: [],
        nextCursor: null,
      });
      const two = inPractice(seed.clients, LAKESIDE).slice(0, 2);
      expect(ids((await c.lakeside.read.clients.search({ clientIds: ids(two) })).items).sort()).toEqual(
        ids(two).sort(),
      );
    });

    it('treats LIKE wildcards, quotes, SQL and 10 KB strings in search text as plain text', async () => {
      const hostile = [
        '%',
        '_',
        '%%',
        '\\',
        "'",
        "O'Brien",
        '"; drop table clients; --',
        "'); delete from clients; --",
        'x'.repeat(10_240),
        `${'%'.repeat(5_000)}a`,
      ];
      for (const text of hostile) {
        const page = await c.lakeside.read.clients.search({ text });
        expect(page, text.slice(0, 40)).toEqual({ items: [], nextCursor: null });
      }
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from clients`.execute(c.db);
      expect(rows[0]?.n).toBe(seed.clients.length);
    });

    it('rejects search text with a NUL character as invalid instead of leaking a driver error', async () => {
      await expectEhrError(c.lakeside.read.clients.search({ text: 'Tess\u0000' }), 'invalid');
    });

    it('reflects caseload assignments by date: ended assignments are not current', async () => {
      const { read } = c.lakeside;
      expect(await read.clients.caseload([USERS.dana], TEST_ANCHOR)).toEqual([]);
      const danaEarlier = seededCaseload([USERS.dana], '2026-05-01');
      expect(danaEarlier.length).toBeGreaterThan(0);
      expect(await read.clients.caseload([USERS.dana], '2026-05-01')).toEqual(danaEarlier);
      expect(await read.clients.caseload([USERS.avery, USERS.sam], TEST_ANCHOR)).toEqual(
        seededCaseload([USERS.avery, USERS.sam], TEST_ANCHOR),
      );
      expect(await read.clients.caseload([], TEST_ANCHOR)).toEqual([]);

      const handedOver = pick(seed.caseloadAssignments, (a) => a.clinicianId === USERS.dana, 'dana.fox assignment');
      const team = await read.clients.careTeam(handedOver.clientId, TEST_ANCHOR);
      expect(team.map((m) => m.clinicianId)).not.toContain(USERS.dana);
      expect(team.map((m) => m.clinicianId).sort()).toEqual(
        seed.caseloadAssignments
          .filter(
            (a) =>
              a.clientId === handedOver.clientId &&
              a.startedOn <= TEST_ANCHOR &&
              (a.endedOn == null || a.endedOn >= TEST_ANCHOR),
          )
          .map((a) => a.clinicianId)
          .sort(),
      );
      const lastDay = handedOver.endedOn ?? '';
      expect((await read.clients.careTeam(handedOver.clientId, lastDay)).map((m) => m.clinicianId)).toContain(
        USERS.dana,
      );
      expect(await read.clients.careTeam(handedOver.clientId, lastDay)).toContainEqual({
        clientId: handedOver.clientId,
        clinicianId: USERS.dana,
        role: handedOver.role,
        startedOn: handedOver.startedOn,
        endedOn: lastDay,
      });
    });

    it('lists morgan.lee’s supervisees as avery.chen and sam.okafor', async () => {
      expect(await c.lakeside.read.users.supervisees(USERS.morgan)).toEqual([USERS.avery, USERS.sam]);
      expect(await c.lakeside.read.users.supervisees(USERS.avery)).toEqual([]);
      const clinicians = await c.lakeside.read.users.list({ role: 'clinician', active: true });
      expect(ids(clinicians)).toContain(USERS.avery);
      expect(ids(clinicians)).not.toContain(USERS.dana);
      expect(clinicians.every((u) => u.role === 'clinician' && u.active)).toBe(true);
    });

    it('excludes revoked, expired and not-yet-granted consents from active ones and honors purpose', async () => {
      const { read } = c.lakeside;
      const revoked = pick(
        seed.consents,
        (k) => k.kind === 'part2_disclosure' && k.revokedAt != null,
        'revoked part 2 consent',
      );
      const at = TEST_ANCHOR;
      expect(await read.consents.active(revoked.clientId, 'part2_disclosure', { at })).toEqual([]);
      expect(
        ids(await read.consents.active(revoked.clientId, 'part2_disclosure', { at: '2026-10-15T00:00:00.000Z' })),
      ).toEqual([revoked.id]);
      expect((await read.consents.list(revoked.clientId)).find((k) => k.id === revoked.id)).toMatchObject({
        revokedAt: revoked.revokedAt,
        revokedBy: revoked.revokedBy,
      });
      const aiRevoked = pick(
        seed.consents,
        (k) => k.kind === 'ai_documentation' && k.revokedAt != null,
        'revoked AI consent',
      );
      expect(await read.consents.active(aiRevoked.clientId, 'ai_documentation', { at })).toEqual([]);

      const payment = pick(
        seed.consents,
        (k) =>
          k.kind === 'part2_disclosure' && k.purpose === 'payment' && k.revokedAt == null && k.practiceId === LAKESIDE,
        'payment consent',
      );
      const both = seed.consents.filter((k) => k.clientId === payment.clientId && k.kind === 'part2_disclosure');
      expect(both.length).toBeGreaterThan(1);
      expect(ids(await read.consents.active(payment.clientId, 'part2_disclosure', { at })).sort()).toEqual(
        ids(both).sort(),
      );
      expect(ids(await read.consents.active(payment.clientId, 'part2_disclosure', { at, purpose: 'payment' }))).toEqual(
        [payment.id],
      );
      expect(await read.consents.active(payment.clientId, 'part2_disclosure', { at, purpose: 'research' })).toEqual([]);
      expect(
        await read.consents.active(payment.clientId, 'part2_disclosure', { at: '2030-01-01T00:00:00.000Z' }),
      ).toEqual([]);
      expect(
        await read.consents.active(payment.clientId, 'part2_disclosure', { at: '2026-01-01T00:00:00.000Z' }),
      ).toEqual([]);
    });
  });
}
