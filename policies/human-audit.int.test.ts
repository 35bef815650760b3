import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlAuditLog } from '../ehr/sql/audit-log.ts';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import { verifyStored } from '../test/audit-db.ts';
import { KEY } from '../test/audit-fixtures.ts';
import { openTestDatabase, type TestDatabase } from '../test/databases.ts';
import { CALLERS, ownClient } from '../test/pipeline-fixtures.ts';
import type { AuditLog } from './audit/log.ts';
import { auditedHumanActions } from './human-audit.ts';

let database: TestDatabase;
let audit: AuditLog;
beforeAll(async () => {
  database = await openTestDatabase('pglite', { seeded: true });
  audit = createSqlAuditLog(database.db, { signer: KEY });
});
afterAll(async () => {
  await audit?.close();
  await database?.drop();
});

const stored = async () => {
  await audit.flush();
  return database.db
    .selectFrom('auditEvents')
    .select(['action', 'decision', 'reasonCode', 'actorId', 'recordIds'])
    .orderBy('seq')
    .execute();
};

describe('human-only actions leave audit rows', () => {
  it('wraps every human-only action, including ones added later', () => {
    const raw = sqlGateway(database).humanActions('prc_lakeside');
    const wrapped = auditedHumanActions(raw, audit, CALLERS.avery);
    expect(Object.keys(wrapped).sort()).toEqual(Object.keys(raw).sort());
  });

  it('records a signature with its note, and a refused second signature as an error with the reason', async () => {
    const gateway = sqlGateway(database);
    const draft = await gateway.forPractice('prc_lakeside').drafts.notes.createDraft({
      clientId: ownClient,
      authorId: 'usr_avery_chen',
      kind: 'progress',
      format: 'SOAP',
      sections: { subjective: 's', objective: 'o', assessment: 'a', plan: 'p' },
      aiGenerated: false,
      provenance: null,
    });
    const human = auditedHumanActions(gateway.humanActions('prc_lakeside'), audit, {
      ...CALLERS.avery,
      surface: 'chat',
    });
    const signed = await human.signNote(draft.id, 'usr_avery_chen');
    expect(signed.status).toBe('signed');
    await expect(human.signNote(draft.id, 'usr_avery_chen')).rejects.toMatchObject({ code: 'conflict' });

    const rows = (await stored()).filter((r) => r.action === 'human.sign_note');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ decision: 'allow', reasonCode: null, actorId: 'usr_avery_chen' });
    expect(rows[0]?.recordIds).toContain(draft.id);
    expect(rows[0]?.recordIds).not.toContain('usr_avery_chen');
    expect(rows[1]).toMatchObject({ decision: 'error', reasonCode: 'conflict' });
    expect((await verifyStored(database.db)).ok).toBe(true);
  });

  it('records a risk-flag review with the flag, its client and source, and refused reviews as errors, never the note', async () => {
    const gateway = sqlGateway(database);
    const { flag } = await gateway.forPractice('prc_lakeside').drafts.riskFlags.upsert({
      clientId: ownClient,
      kind: 'phq9_item9',
      sourceId: 'asm_audit_review',
      urgency: 'urgent',
      evidence: [{ sourceType: 'assessment', sourceId: 'asm_audit_review', detail: 'PHQ-9 item 9 = 2' }],
      recommendedAction: 'Same-day safety check.',
      createdBy: 'usr_avery_chen',
    });
    const note = 'Reached the client by phone; rehearsed the synthetic safety plan, cli_lookalike text.';
    const asAvery = auditedHumanActions(gateway.humanActions('prc_lakeside'), audit, CALLERS.avery);
    const asJamie = auditedHumanActions(gateway.humanActions('prc_lakeside'), audit, CALLERS.jamie);
    await expect(
      asJamie.reviewRiskFlag(flag.id, 'usr_jamie_ortiz', { disposition: 'contacted_client', note }),
    ).rejects.toMatchObject({ code: 'invalid' });
    const reviewed = await asAvery.reviewRiskFlag(flag.id, 'usr_avery_chen', {
      disposition: 'no_further_action',
      note,
    });
    expect(reviewed).toMatchObject({ status: 'reviewed', reviewDisposition: 'no_further_action', reviewNote: note });
    await expect(
      asAvery.reviewRiskFlag(flag.id, 'usr_avery_chen', { disposition: 'contacted_client' }),
    ).rejects.toMatchObject({ code: 'conflict' });

    const rows = (await stored()).filter((r) => r.action === 'human.review_risk_flag');
    expect(rows.map((r) => [r.decision, r.reasonCode])).toEqual([
      ['error', 'invalid'],
      ['allow', null],
      ['error', 'conflict'],
    ]);
    expect(rows[1]).toMatchObject({ actorId: 'usr_avery_chen' });
    expect([...((rows[1]?.recordIds ?? []) as string[])].sort()).toEqual(
      [flag.id, ownClient, 'asm_audit_review'].sort(),
    );
    const everything = JSON.stringify(await database.db.selectFrom('auditEvents').selectAll().execute());
    for (const text of [note, 'rehearsed', 'cli_lookalike', 'no_further_action']) {
      expect(everything).not.toContain(text);
    }
    expect((await verifyStored(database.db)).ok).toBe(true);
  });

  it('fails the call when the audit row cannot be written, after the action committed', async () => {
    const human = auditedHumanActions(
      sqlGateway(database).humanActions('prc_lakeside'),
      { append: () => Promise.reject(new Error('audit down')) },
      CALLERS.jamie,
    );
    await expect(human.revokeConsent('cns_does_not_exist', 'usr_jamie_ortiz', 'test')).rejects.toThrow(/audit down/);
  });
});
