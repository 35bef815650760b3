import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../test/databases.ts';
import { EhrError } from '../errors.ts';
import type { RiskFlag } from '../flags.ts';
import {
  type Contract,
  expectDatabaseRefusal,
  expectEhrError,
  expectInstantBetween,
  LAKESIDE,
  NORTHSIDE,
  pick,
  seed,
  USERS,
  useContract,
} from './gateway.contract.harness.ts';

const CASEY_ADMIN = 'usr_casey_nguyen';
const current = (clinicianId: string) =>
  seed.caseloadAssignments.filter((a) => a.clinicianId === clinicianId && a.endedOn == null).map((a) => a.clientId);
const averyClient = pick(current(USERS.avery), () => true, 'client of avery.chen');
const emeryClient = pick(current(USERS.emery), (id) => !current(USERS.avery).includes(id), 'client of emery only');
/** A client sam.okafor used to treat: the assignment has ended, so sam is no longer on the care team. */
const samFormerClient = pick(
  seed.caseloadAssignments.filter((a) => a.clinicianId === USERS.sam && a.endedOn != null),
  (a) => !current(USERS.sam).includes(a.clientId),
  'ended assignment of sam.okafor',
).clientId;
const northsideClient = pick(current(USERS.taylor), () => true, 'client of taylor.kim');

let sources = 0;
/** A new pending flag; each gets its own source id, so none is the same flag raised twice. */
async function newFlag(c: Contract, clientId = averyClient, practiceId: string = LAKESIDE): Promise<RiskFlag> {
  const sourceId = `asm_review_${++sources}`;
  const { flag, created } = await c.ehr(practiceId).drafts.riskFlags.upsert({
    clientId,
    kind: 'phq9_item9',
    sourceId,
    urgency: 'urgent',
    evidence: [{ sourceType: 'assessment', sourceId, detail: 'PHQ-9 item 9 = 2' }],
    recommendedAction: 'Same-day safety review.',
    createdBy: USERS.avery,
  });
  expect(created).toBe(true);
  return flag;
}

const stored = async (c: Contract, flag: RiskFlag, practiceId: string = LAKESIDE) =>
  (await c.ehr(practiceId).drafts.riskFlags.forClient(flag.clientId)).find((f) => f.id === flag.id);

/** A refusal by one of the schema's triggers: SQLSTATE P0001 with a message naming the rule. */
async function expectTriggerRefusal(work: Promise<unknown>, message: RegExp) {
  const error = await expectDatabaseRefusal(work);
  expect(error.code, error.message).toBe('P0001');
  expect(error.message).toMatch(message);
}

export function describeRiskFlagReview(backend: Backend) {
  describe('risk flag review (human only)', () => {
    const c = useContract(backend);

    it('closes a pending flag with the reviewer, the time, the disposition and the note', async () => {
      const flag = await newFlag(c);
      expect(flag).toMatchObject({ status: 'pending_review', reviewedBy: null, reviewDisposition: null });
      const note = 'Called the client (synthetic): safe tonight,\nplan reviewed.\tNext visit moved to Tuesday.';
      const before = Date.now();
      const reviewed = await c.human().reviewRiskFlag(flag.id, USERS.avery, { disposition: 'contacted_client', note });
      expect(reviewed).toEqual({
        ...flag,
        status: 'reviewed',
        reviewedBy: USERS.avery,
        reviewedAt: reviewed.reviewedAt,
        reviewDisposition: 'contacted_client',
        reviewNote: note,
      });
      expectInstantBetween(reviewed.reviewedAt, before, Date.now());
      expect(await stored(c, flag)).toEqual(reviewed);
      const queue = await c.lakeside.drafts.riskFlags.list({ clientIds: [flag.clientId], status: 'reviewed' });
      expect(queue.items).toContainEqual(reviewed);
    });

    it('takes the note as optional: none, or blank, is stored as no note; 2,000 characters is the most', async () => {
      const plain = await c
        .human()
        .reviewRiskFlag((await newFlag(c)).id, USERS.avery, { disposition: 'no_further_action' });
      expect(plain).toMatchObject({ reviewDisposition: 'no_further_action', reviewNote: null });
      const blank = await c
        .human()
        .reviewRiskFlag((await newFlag(c)).id, USERS.avery, { disposition: 'safety_plan_updated', note: ' \n ' });
      expect(blank.reviewNote).toBeNull();
      // 2,000 code points, 2,001 UTF-16 units: the limit counts characters as PostgreSQL's char_length does.
      const longest = `${'é'.repeat(1_999)}🙂`;
      const full = await c
        .human()
        .reviewRiskFlag((await newFlag(c)).id, USERS.avery, { disposition: 'emergency_services', note: longest });
      expect(full.reviewNote).toBe(longest);
    });

    it('refuses a bad review as invalid and leaves the flag pending', async () => {
      const flag = await newFlag(c);
      const review = (r: unknown) => c.human().reviewRiskFlag(flag.id, USERS.avery, r as never);
      for (const bad of [
        undefined,
        {},
        { disposition: 'closed' },
        { disposition: 'CONTACTED_CLIENT' },
        { disposition: 'contacted_client', note: 42 },
        { disposition: 'contacted_client', note: 'x'.repeat(2_001) },
        { disposition: 'contacted_client', note: 'nul \u0000 byte' },
        { disposition: 'contacted_client', note: 'bell \u0007' },
        { disposition: 'contacted_client', note: 'escape \u001b[31m' },
        { disposition: 'contacted_client', note: 'c1 \u0085' },
        { disposition: 'contacted_client', note: 'lone \ud800 surrogate' },
      ]) {
        const error = await expectEhrError(review(bad), 'invalid');
        expect(error.message).not.toMatch(/byte|bell|escape|surrogate|xxxx/);
      }
      expect(await stored(c, flag)).toEqual(flag);
    });

    it('lets only the care team or their supervisor review; anyone else is refused', async () => {
      const flag = await newFlag(c);
      for (const who of [USERS.jamie, USERS.riley, CASEY_ADMIN, USERS.emery]) {
        const error = await expectEhrError(
          c.human().reviewRiskFlag(flag.id, who, { disposition: 'no_further_action' }),
          'invalid',
        );
        expect(error.message).toMatch(/care team/);
      }
      await expectEhrError(
        c.human().reviewRiskFlag(flag.id, USERS.dana, { disposition: 'no_further_action' }),
        'not_found',
      );
      await expectEhrError(
        c.human().reviewRiskFlag(flag.id, USERS.taylor, { disposition: 'no_further_action' }),
        'not_found',
      );
      expect(await stored(c, flag)).toEqual(flag);
      // Morgan supervises avery.chen, who treats the client; emery.walsh's client is nobody morgan supervises.
      expect(
        await c.human().reviewRiskFlag(flag.id, USERS.morgan, { disposition: 'appointment_moved_sooner' }),
      ).toMatchObject({ status: 'reviewed', reviewedBy: USERS.morgan });
      const emerys = await newFlag(c, emeryClient);
      await expectEhrError(
        c.human().reviewRiskFlag(emerys.id, USERS.morgan, { disposition: 'no_further_action' }),
        'invalid',
      );
      expect(
        await c.human().reviewRiskFlag(emerys.id, USERS.emery, { disposition: 'no_further_action' }),
      ).toMatchObject({
        reviewedBy: USERS.emery,
      });
    });

    it('refuses a clinician whose assignment to the client has ended', async () => {
      const flag = await newFlag(c, samFormerClient);
      await expectEhrError(
        c.human().reviewRiskFlag(flag.id, USERS.sam, { disposition: 'no_further_action' }),
        'invalid',
      );
      expect(await stored(c, flag)).toEqual(flag);
    });

    it('reads another practice’s flag as not found, both ways', async () => {
      const lakeside = await newFlag(c);
      const northside = await newFlag(c, northsideClient, NORTHSIDE);
      const review = { disposition: 'no_further_action' } as const;
      await expectEhrError(c.human(NORTHSIDE).reviewRiskFlag(lakeside.id, USERS.quinn, review), 'not_found');
      await expectEhrError(c.human(NORTHSIDE).reviewRiskFlag(lakeside.id, USERS.taylor, review), 'not_found');
      await expectEhrError(c.human().reviewRiskFlag(northside.id, USERS.avery, review), 'not_found');
      await expectEhrError(c.human().reviewRiskFlag('rfl_missing', USERS.avery, review), 'not_found');
      expect(await stored(c, lakeside)).toEqual(lakeside);
      expect(await stored(c, northside, NORTHSIDE)).toEqual(northside);
    });

    it('reviews a flag once: a second review, by anyone, is a conflict and changes nothing', async () => {
      const flag = await newFlag(c);
      const reviewed = await c
        .human()
        .reviewRiskFlag(flag.id, USERS.avery, { disposition: 'contacted_client', note: 'first' });
      await expectEhrError(
        c.human().reviewRiskFlag(flag.id, USERS.avery, { disposition: 'contacted_client' }),
        'conflict',
      );
      await expectEhrError(
        c.human().reviewRiskFlag(flag.id, USERS.morgan, { disposition: 'emergency_services', note: 'second' }),
        'conflict',
      );
      expect(await stored(c, flag)).toEqual(reviewed);
      // Raising the same flag again returns the reviewed one; it does not reopen it.
      expect((await c.lakeside.drafts.riskFlags.upsert(flag)).flag).toEqual(reviewed);
    });

    it('lets exactly one of 10 concurrent reviews of one flag win', async () => {
      const flag = await newFlag(c);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          c.human().reviewRiskFlag(flag.id, i % 2 === 0 ? USERS.avery : USERS.morgan, {
            disposition: 'contacted_client',
            note: `reviewer ${i}`,
          }),
        ),
      );
      const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      for (const reason of lost) {
        expect(reason, String(reason)).toBeInstanceOf(EhrError);
        expect((reason as EhrError).code).toBe('conflict');
      }
      expect(await stored(c, flag)).toEqual(won[0]);
    });

    it('refuses, in the schema, any change to a reviewed flag and any deletion of a flag', async () => {
      const flag = await newFlag(c);
      const reviewed = await c
        .human()
        .reviewRiskFlag(flag.id, USERS.avery, { disposition: 'contacted_client', note: 'kept' });
      for (const change of [
        sql`update risk_flags set status = 'pending_review', reviewed_by = null, reviewed_at = null,
              review_disposition = null, review_note = null where id = ${flag.id}`,
        sql`update risk_flags set review_note = 'rewritten' where id = ${flag.id}`,
        sql`update risk_flags set review_disposition = 'no_further_action' where id = ${flag.id}`,
        sql`update risk_flags set reviewed_by = ${USERS.morgan}, reviewed_at = now() where id = ${flag.id}`,
        sql`update risk_flags set urgency = 'routine' where practice_id = ${LAKESIDE}`,
      ]) {
        await expectTriggerRefusal(change.execute(c.db), /reviewed; a review is final/);
      }
      const pending = await newFlag(c);
      for (const id of [flag.id, pending.id]) {
        await expectTriggerRefusal(sql`delete from risk_flags where id = ${id}`.execute(c.db), /cannot be deleted/);
      }
      expect(await stored(c, flag)).toEqual(reviewed);
      expect(await stored(c, pending)).toEqual(pending);
    });

    it('holds the shape of a review in the schema: the status and a whole review go together', async () => {
      const flag = await newFlag(c);
      const set = (columns: ReturnType<typeof sql>) =>
        sql`update risk_flags set ${columns} where id = ${flag.id}`.execute(c.db);
      const whole = sql`status = 'reviewed', reviewed_by = ${USERS.avery}, reviewed_at = now()`;
      for (const [columns, code] of [
        [sql`status = 'reviewed'`, '23514'],
        [whole, '23514'],
        [sql`review_note = 'a note on a pending flag'`, '23514'],
        [sql`${whole}, review_disposition = 'closed'`, '23514'],
        [sql`${whole}, review_disposition = 'contacted_client', review_note = ${'x'.repeat(2_001)}`, '23514'],
        [
          sql`status = 'reviewed', reviewed_by = ${USERS.taylor}, reviewed_at = now(), review_disposition = 'contacted_client'`,
          '23503',
        ],
      ] as const) {
        const error = await expectDatabaseRefusal(set(columns));
        expect(error.code, error.message).toBe(code);
      }
      await expectTriggerRefusal(
        set(sql`${whole}, review_disposition = 'contacted_client', evidence = '[]'::jsonb`),
        /records the review only/,
      );
      expect(await stored(c, flag)).toEqual(flag);
    });

    it('gives the tool layer no path to a review', async () => {
      expect(Object.keys(c.lakeside.drafts.riskFlags).sort()).toEqual(['forClient', 'list', 'upsert']);
      const reachable = (value: object, depth: number): string[] =>
        Object.entries(value).flatMap(([k, v]) =>
          depth > 0 && v && typeof v === 'object' ? [k, ...reachable(v, depth - 1)] : [k],
        );
      expect(reachable(c.lakeside, 3).filter((k) => /review|humanActions/i.test(k))).toEqual([]);
    });
  });
}
