import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { sqlGateway } from './gateway.ts';

const RILEY = 'usr_riley_brooks';
const MORGAN = 'usr_morgan_lee';
const AVERY = 'usr_avery_chen';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase('pglite', { seeded: true });
});
afterAll(async () => database?.drop());

async function suggestedClaim(): Promise<string> {
  const row = await database.db
    .selectFrom('claims')
    .select('id')
    .where('practiceId', '=', 'prc_lakeside')
    .where('status', 'in', ['draft', 'ready'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await sql`update claims set code_source = 'suggestion' where id = ${row.id}`.execute(database.db);
  return row.id;
}

describe('approval of suggested claim codes (human-only path)', () => {
  it('refuses to submit suggested codes until a biller or supervisor approves exactly those codes', async () => {
    const gateway = sqlGateway(database);
    const human = gateway.humanActions('prc_lakeside');
    const claimId = await suggestedClaim();

    await expect(human.submitClaim(claimId, RILEY)).rejects.toMatchObject({ code: 'conflict' });
    await expect(human.approveClaimCodes(claimId, AVERY)).rejects.toMatchObject({ code: 'invalid' });
    await expect(human.approveClaimCodes('clm_missing', RILEY)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      gateway.humanActions('prc_northside').approveClaimCodes(claimId, 'usr_reese_lang'),
    ).rejects.toMatchObject({
      code: 'not_found',
    });

    const approval = await human.approveClaimCodes(claimId, MORGAN, 'checked against the note');
    expect(approval).toMatchObject({ claimId, approvedBy: MORGAN, note: 'checked against the note' });

    // A code changed after the approval: the approval no longer covers the claim.
    await sql`update claim_lines set units = units + 1 where claim_id = ${claimId} and line_number = 1`.execute(
      database.db,
    );
    await expect(human.submitClaim(claimId, RILEY)).rejects.toMatchObject({ code: 'conflict' });
    await sql`update claim_lines set units = units - 1 where claim_id = ${claimId} and line_number = 1`.execute(
      database.db,
    );

    const submitted = await human.submitClaim(claimId, RILEY);
    expect(submitted.status).toBe('submitted');
  });

  it('keeps approvals append-only', async () => {
    await expect(sql`delete from claim_code_approvals`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('leaves claims coded by hand as they were: no approval needed', async () => {
    const human = sqlGateway(database).humanActions('prc_lakeside');
    const row = await database.db
      .selectFrom('claims')
      .select('id')
      .where('practiceId', '=', 'prc_lakeside')
      .where('status', '=', 'ready')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect((await human.submitClaim(row.id, RILEY)).status).toBe('submitted');
  });
});

describe('drafted documents', () => {
  it('creates drafts only, in the practice, with provenance for AI drafts', async () => {
    const drafts = sqlGateway(database).forPractice('prc_lakeside').drafts.documents;
    const client = await database.db
      .selectFrom('clients')
      .select('id')
      .where('practiceId', '=', 'prc_lakeside')
      .executeTakeFirstOrThrow();
    const input = {
      clientId: client.id,
      authorId: RILEY,
      kind: 'prior_auth_packet' as const,
      title: 'Prior authorization',
      body: { summary: 'x' },
      aiGenerated: true,
    };
    await expect(drafts.createDraft({ ...input, provenance: null })).rejects.toMatchObject({ code: 'invalid' });
    const provenance = {
      model: 'rules',
      promptVersion: 'n/a',
      generatedAt: new Date().toISOString(),
      evidence: [],
    };
    const doc = await drafts.createDraft({ ...input, provenance });
    expect(doc).toMatchObject({ status: 'draft', kind: 'prior_auth_packet', version: 1 });
    await expect(
      sqlGateway(database)
        .forPractice('prc_northside')
        .drafts.documents.createDraft({ ...input, authorId: 'usr_reese_lang', provenance }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
