import { beforeAll, describe, expect, it } from 'vitest';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import {
  CALLERS,
  current,
  expectOnlyDraftsWritten,
  first,
  hasConsent,
  outcomeOf,
  ownClient,
  principal,
  rows,
  snapshotWrites,
  usePipeline,
  type WriteSnapshot,
} from '../test/pipeline-fixtures.ts';
import { allTools } from '../tools/index.ts';
import { createPipeline } from './pipeline.ts';

const harness = usePipeline();
const { call } = harness;
let before: WriteSnapshot;
beforeAll(async () => {
  before = await snapshotWrites(harness.database);
});

const SOAP = {
  subjective: 'Client reports sleeping six hours most nights.',
  objective: 'Alert, engaged, affect brighter than last session.',
  assessment: 'Depressive symptoms improving.',
  plan: 'Continue weekly CBT; review sleep log next session.',
};
const { plan: _plan, ...soapWithoutPlan } = SOAP;
const withoutAiConsent = first(
  current('usr_avery_chen').filter(
    (id) => !rows.consents.some((c) => c.clientId === id && c.kind === 'ai_documentation'),
  ),
  'avery client who never gave an AI-documentation consent',
);
const threadOf = (clientId: string) =>
  first(
    rows.inboxThreads.filter((t) => t.clientId === clientId),
    `thread of ${clientId}`,
  );
const noteRow = (id: string) =>
  harness.database.db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const countOf = async (table: 'notes' | 'replyDrafts', clientId: string) =>
  (await harness.database.db.selectFrom(table).select('id').where('clientId', '=', clientId).execute()).length;

describe('create_draft_note', () => {
  it('writes an AI-generated draft with its provenance, and nothing final', async () => {
    const evidence = [{ section: 'subjective', sourceType: 'transcript', sourceId: 'trn_x', start: 0, end: 12 }];
    const result = await call(CALLERS.avery, 'create_draft_note', {
      clientId: ownClient,
      format: 'SOAP',
      sections: SOAP,
      evidence,
    });
    expect(result).toMatchObject({ ok: true, output: { status: 'draft', version: 1, clientId: ownClient } });
    const row = await noteRow(result.ok ? (result.output as { id: string }).id : '');
    expect(row).toMatchObject({
      status: 'draft',
      aiGenerated: true,
      kind: 'progress',
      authorId: 'usr_avery_chen',
      signedBy: null,
    });
    expect(row.provenance).toMatchObject({
      model: 'supplied-by-caller',
      promptVersion: 'n/a',
      tool: 'create_draft_note',
      surface: 'mcp',
      clientApp: 'test',
      evidence,
    });
    expect(row.sections).toEqual(SOAP);
  });

  it('refuses a client without an AI-documentation consent, and writes nothing', async () => {
    expect(hasConsent(withoutAiConsent, 'ai_documentation')).toBe(false);
    const notes = await countOf('notes', withoutAiConsent);
    const result = await call(CALLERS.avery, 'create_draft_note', {
      clientId: withoutAiConsent,
      format: 'SOAP',
      sections: SOAP,
    });
    expect(outcomeOf(result)).toBe('consent_required');
    expect(await countOf('notes', withoutAiConsent)).toBe(notes);
  });

  it.each([
    ['keys of another format', { format: 'DAP', sections: SOAP }, /Missing: data\. Not in DAP: subjective, objective/],
    ['a missing section', { format: 'SOAP', sections: soapWithoutPlan }, /Missing: plan\./],
    ['an extra section', { format: 'SOAP', sections: { ...SOAP, notes: 'x' } }, /Not in SOAP: notes\./],
    ['a section over 20,000 characters', { format: 'SOAP', sections: { ...SOAP, plan: 'x'.repeat(20_001) } }, null],
    ['a narrative note', { format: 'narrative', sections: { narrative: 'x' } }, null],
    [
      'evidence for a section the format lacks',
      {
        format: 'SOAP',
        sections: SOAP,
        evidence: [{ section: 'data', sourceType: 'note', sourceId: 'note_x', start: 0, end: 1 }],
      },
      /not in SOAP: data/,
    ],
  ])('refuses %s as invalid input, and writes nothing', async (_label, args, message) => {
    const notes = await countOf('notes', ownClient);
    const result = await call(CALLERS.avery, 'create_draft_note', { clientId: ownClient, ...args });
    expect(outcomeOf(result)).toBe('invalid_input');
    if (message && !result.ok) expect(result.error.message).toMatch(message);
    expect(await countOf('notes', ownClient)).toBe(notes);
  });

  it('refuses an appointment of another client', async () => {
    const other = first(
      rows.appointments.filter((a) => a.clientId !== ownClient && a.practiceId === 'prc_lakeside'),
      'appointment of another client',
    );
    const result = await call(CALLERS.avery, 'create_draft_note', {
      clientId: ownClient,
      appointmentId: other.id,
      format: 'SOAP',
      sections: SOAP,
    });
    expect(outcomeOf(result)).toBe('invalid_input');
  });

  it('lets a supervisor draft for their own caseload but not for a supervisee’s client', async () => {
    expect(current('usr_avery_chen')).toContain(ownClient);
    const denied = await call(CALLERS.morgan, 'create_draft_note', {
      clientId: ownClient,
      format: 'SOAP',
      sections: SOAP,
    });
    expect(outcomeOf(denied)).toBe('out_of_scope');
    const own = first(
      current('usr_morgan_lee').filter((id) => hasConsent(id, 'ai_documentation')),
      'morgan client with an AI-documentation consent',
    );
    const allowed = await call(CALLERS.morgan, 'create_draft_note', { clientId: own, format: 'SOAP', sections: SOAP });
    expect(outcomeOf(allowed)).toBe('allow');
  });
});

describe('draft_reply', () => {
  const staffMessages = async () =>
    (await harness.database.db.selectFrom('inboxMessages').select('id').where('senderKind', '=', 'staff').execute())
      .length;

  it('saves a draft reply and never sends anything', async () => {
    const thread = threadOf(ownClient);
    const sentBefore = await staffMessages();
    const result = await call(CALLERS.jamie, 'draft_reply', {
      threadId: thread.id,
      body: 'Thanks for reaching out. Your clinician will reply by tomorrow.',
    });
    expect(result).toMatchObject({ ok: true, output: { status: 'draft', threadId: thread.id } });
    const row = await harness.database.db
      .selectFrom('replyDrafts')
      .selectAll()
      .where('id', '=', result.ok ? (result.output as { id: string }).id : '')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'draft', aiGenerated: true, sentAt: null, sentMessageId: null });
    expect(row.provenance).toMatchObject({ tool: 'draft_reply', model: 'supplied-by-caller', surface: 'mcp' });
    expect(await staffMessages()).toBe(sentBefore);
  });

  it('refuses a supervisor drafting on a supervisee’s client’s thread', async () => {
    const replies = await countOf('replyDrafts', ownClient);
    const result = await call(CALLERS.morgan, 'draft_reply', { threadId: threadOf(ownClient).id, body: 'Hello.' });
    expect(outcomeOf(result)).toBe('out_of_scope');
    expect(await countOf('replyDrafts', ownClient)).toBe(replies);
  });

  it.each([
    ['an empty body', { body: '   ' }],
    ['a body over 5,000 characters', { body: 'x'.repeat(5001) }],
  ])('refuses %s', async (_label, args) => {
    const result = await call(CALLERS.avery, 'draft_reply', { threadId: threadOf(ownClient).id, ...args });
    expect(outcomeOf(result)).toBe('invalid_input');
  });

  it('refuses a message of another thread', async () => {
    const elsewhere = first(
      rows.inboxMessages.filter((m) => m.practiceId === 'prc_lakeside' && m.threadId !== threadOf(ownClient).id),
      'message of another thread',
    );
    const result = await call(CALLERS.jamie, 'draft_reply', {
      threadId: threadOf(ownClient).id,
      messageId: elsewhere.id,
      body: 'Hello.',
    });
    expect(outcomeOf(result)).toBe('invalid_input');
  });
});

describe('a read-only pipeline', () => {
  it('hides and refuses the draft tools', async () => {
    const readOnly = createPipeline({
      tools: allTools,
      gateway: sqlGateway(harness.database),
      audit: { append: async () => undefined },
      readOnly: true,
    });
    const names = readOnly.listTools(principal('x.y', 'clinician')).map((t) => t.name);
    expect(names).toContain('get_note');
    expect(names).not.toContain('create_draft_note');
    expect(names).not.toContain('draft_reply');
    const notes = await countOf('notes', ownClient);
    const refused = await readOnly.callTool(CALLERS.avery, 'create_draft_note', {
      clientId: ownClient,
      format: 'SOAP',
      sections: SOAP,
    });
    expect(outcomeOf(refused)).toBe('unknown_tool');
    expect(outcomeOf(await readOnly.callTool(CALLERS.jamie, 'draft_reply', { threadId: 'thr_x', body: 'x' }))).toBe(
      'unknown_tool',
    );
    expect(await countOf('notes', ownClient)).toBe(notes);
  });
});

describe('writes', () => {
  it('left every record as it was, apart from new AI-generated drafts', async () => {
    expectOnlyDraftsWritten(before, await snapshotWrites(harness.database));
  });
});
