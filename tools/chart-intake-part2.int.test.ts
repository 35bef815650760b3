import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import { createPipeline, type Pipeline } from '../policies/pipeline.ts';
import { openTestDatabase, type TestDatabase } from '../test/databases.ts';
import {
  CALLERS,
  expectOnlyDraftsWritten,
  outcomeOf,
  part2Consented,
  part2Unconsented,
  snapshotWrites,
  type WriteSnapshot,
} from '../test/pipeline-fixtures.ts';
import { allTools } from './index.ts';

// The seeded demo has no intake from a substance-use program client, so this file adds one for each Part 2 case
// before it snapshots the database: the intake answers of a Part 2 client are behind the same consent wall as
// their notes.

let database: TestDatabase;
let pipeline: Pipeline;
let before: WriteSnapshot;
const audited: unknown[] = [];
const ids = { consented: 'itk_part2consented01', unconsented: 'itk_part2unconsent01' };

beforeAll(async () => {
  database = await openTestDatabase('pglite', { seeded: true });
  for (const [key, clientId] of [
    ['consented', part2Consented],
    ['unconsented', part2Unconsented],
  ] as const) {
    await database.db
      .insertInto('intakeSubmissions')
      .values({
        id: ids[key],
        practiceId: 'prc_lakeside',
        clientId,
        submittedAt: '2026-11-21T12:00:00.000Z',
        answers: JSON.stringify({ preferred_pronouns: 'they/them', reason_for_visit: 'cutting back on drinking' }),
        proposedUpdate: null,
        status: 'received',
        aiGenerated: false,
        provenance: null,
        draftedAt: null,
        appliedBy: null,
        appliedAt: null,
      })
      .execute();
  }
  before = await snapshotWrites(database);
  pipeline = createPipeline({
    tools: allTools,
    gateway: sqlGateway(database),
    audit: { append: async (event) => void audited.push(event) },
  });
});

afterAll(async () => {
  try {
    expectOnlyDraftsWritten(before, await snapshotWrites(database));
  } finally {
    await database.drop();
  }
});

describe('draft_intake_update for a Part 2 client', () => {
  it('refuses without a Part 2 consent covering treatment, and leaves the submission as it was', async () => {
    const result = await pipeline.callTool(CALLERS.alex, 'draft_intake_update', { submissionId: ids.unconsented });
    expect(outcomeOf(result)).toBe('consent_required');
    const row = await database.db
      .selectFrom('intakeSubmissions')
      .select(['status', 'proposedUpdate'])
      .where('id', '=', ids.unconsented)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'received', proposedUpdate: null });
  });

  it('drafts under the consent, for the treating clinician only', async () => {
    expect(
      outcomeOf(await pipeline.callTool(CALLERS.alex, 'draft_intake_update', { submissionId: ids.consented })),
    ).toBe('allow');
    for (const who of [CALLERS.avery, CALLERS.morgan]) {
      expect(outcomeOf(await pipeline.callTool(who, 'draft_intake_update', { submissionId: ids.consented }))).toBe(
        'out_of_scope',
      );
    }
    for (const who of [CALLERS.jamie, CALLERS.riley, CALLERS.casey]) {
      expect(outcomeOf(await pipeline.callTool(who, 'draft_intake_update', { submissionId: ids.consented }))).toBe(
        'forbidden',
      );
    }
    expect(audited).toHaveLength(7);
  });
});
