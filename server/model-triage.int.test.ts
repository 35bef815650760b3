import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TriageModel } from '../agent/triage-model.ts';
import { classifyMessage } from '../clinical/triage/classify.ts';
import type { ModelOpinion } from '../clinical/triage/floor.ts';
import { MODEL_FAILED, triageUnreadMessages } from '../ehr/sql/model-triage.ts';
import { collectingAudit } from '../test/collecting-audit.ts';
import { type FakeOpenAi, startFakeOpenAi } from '../test/fake-openai.ts';
import { annotations, CALLERS, rows, usePipeline } from '../test/pipeline-fixtures.ts';
import { createLogger } from './logger.ts';
import { describeModelError, startModelTriage } from './model-triage-worker.ts';

const harness = usePipeline();
const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });

const idOf = (key: string) => {
  const id = annotations.messages[key];
  if (!id) throw new Error(`the demo has no message ${key}`);
  return id;
};
const GOODBYE = idOf('risk-preparatory-goodbye');
/** A scheduling request in the front desk's own practice. */
const RESCHEDULE = idOf(
  Object.keys(annotations.messages).find(
    (k) =>
      k.startsWith('sched-') &&
      rows.inboxMessages.find((m) => m.id === annotations.messages[k])?.practiceId === CALLERS.jamie.practiceId,
  ) ?? 'no lakeside scheduling message',
);
const patientMessages = rows.inboxMessages.filter((m) => m.senderKind !== 'staff');

type Queue = {
  items: Array<{ messageId: string; urgency: string; escalate: boolean; categories: string[] }>;
  nextCursor: string | null;
};
/** The message's row in the front desk's queue, paging through it. */
async function queueItem(messageId: string) {
  let cursor: string | null = null;
  do {
    const result = await harness.call(CALLERS.jamie, 'triage_inbox', { limit: 50, ...(cursor ? { cursor } : {}) });
    if (!result.ok) throw new Error(result.error.message);
    const page = result.output as Queue;
    const found = page.items.find((i) => i.messageId === messageId);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
}
async function storedTriage(messageId: string) {
  return harness.database.db
    .selectFrom('inboxMessages')
    .select(['triageUrgency', 'triageSource', 'triagedAt', 'triageReasons'])
    .where('id', '=', messageId)
    .executeTakeFirstOrThrow();
}

/**
 * A model that answers "routine, other" about everything (the downgrade a manipulated model would try), except that
 * it reads the reschedule request as urgent, and it fails on one message.
 */
const scripted =
  (failOn: string | null): TriageModel =>
  async (text) => {
    if (failOn !== null && text === failOn) throw new Error('provider 500');
    if (text === rows.inboxMessages.find((m) => m.id === RESCHEDULE)?.body) {
      const quote = text.split(/[.!?]/)[0] ?? text;
      return {
        urgency: 'urgent',
        categories: ['urgent_risk', 'scheduling'],
        reasons: [{ code: 'tone', text: quote, start: 0, end: quote.length }],
      } satisfies ModelOpinion;
    }
    return { urgency: 'routine', categories: ['other'], reasons: [] };
  };

describe('the model-triage job', () => {
  const failing = patientMessages.find((m) => m.id !== GOODBYE && m.id !== RESCHEDULE);
  const audit = collectingAudit();
  let first = { triaged: 0, failed: 0 };

  beforeAll(async () => {
    if (!failing) throw new Error('the demo has too few patient messages');
    first = await triageUnreadMessages(harness.database.db, scripted(failing.body), audit, { limit: 1_000 });
  });

  it('reads every patient message once, audits each, and marks the one the model failed on', async () => {
    expect(first).toEqual({ triaged: patientMessages.length - 1, failed: 1, stopped: false });
    expect(audit.events).toHaveLength(patientMessages.length);
    for (const e of audit.events) expect(e).toMatchObject({ surface: 'system', action: 'message.triage_model' });
    const errors = audit.events.filter((e) => e.decision === 'error');
    expect(errors.map((e) => e.recordIds[0])).toEqual([failing?.id]);
    expect(errors[0]?.reasonCode).toBe(MODEL_FAILED);
    // Ids only: never the message's words.
    expect(JSON.stringify(audit.events)).not.toContain((failing?.body ?? '').slice(0, 30));
    expect(await storedTriage(failing?.id ?? '')).toMatchObject({ triageUrgency: null, triageSource: MODEL_FAILED });
    const staff = rows.inboxMessages.find((m) => m.senderKind === 'staff');
    if (staff) expect((await storedTriage(staff.id)).triagedAt).toBeNull();
  });

  it('does not read a message twice, and reads a failed one again only once its attempt is older than the backoff', async () => {
    const again = collectingAudit();
    const none = { triaged: 0, failed: 0, stopped: false };
    expect(await triageUnreadMessages(harness.database.db, scripted(null), again)).toEqual(none);
    const tooSoon = new Date(Date.now() - 10 * 60_000).toISOString();
    expect(
      await triageUnreadMessages(harness.database.db, scripted(null), again, { retryFailedBefore: tooSoon }),
    ).toEqual(none);
    expect(again.events).toHaveLength(0);
    const later = new Date(Date.now() + 1_000).toISOString();
    const retry = await triageUnreadMessages(harness.database.db, scripted(null), again, { retryFailedBefore: later });
    expect(retry).toEqual({ triaged: 1, failed: 0, stopped: false });
    expect(await storedTriage(failing?.id ?? '')).toMatchObject({ triageUrgency: 'routine', triageSource: 'model' });
  });

  it('keeps the rules’ escalation in the queue when the model said routine', async () => {
    expect(await storedTriage(GOODBYE)).toMatchObject({ triageUrgency: 'routine', triageSource: 'model' });
    expect(await queueItem(GOODBYE)).toMatchObject({ urgency: 'emergency', escalate: true });
    expect((await queueItem(GOODBYE))?.categories).toContain('urgent_risk');
  });

  it('raises a message the rules left routine when the model reads risk in it', async () => {
    const body = rows.inboxMessages.find((m) => m.id === RESCHEDULE)?.body ?? '';
    expect(classifyMessage(body).urgency).toBe('routine');
    expect(await queueItem(RESCHEDULE)).toMatchObject({ urgency: 'urgent', escalate: true });
    expect((await queueItem(RESCHEDULE))?.categories).toEqual(['urgent_risk', 'scheduling']);
  });

  it('ends a pass after three failures in a row, leaving the rest unread instead of marking a backlog failed', async () => {
    const ids = patientMessages.slice(0, 6).map((m) => m.id);
    await harness.database.db
      .updateTable('inboxMessages')
      .set({ triageUrgency: null, triageCategories: null, triageReasons: null, triageSource: null, triagedAt: null })
      .where('id', 'in', ids)
      .execute();
    const down: TriageModel = async () => {
      throw new Error('503 service unavailable');
    };
    const audit = collectingAudit();
    const told: string[] = [];
    const onError = (error: unknown, messageId: string) => told.push(`${messageId}: ${describeModelError(error)}`);
    expect(await triageUnreadMessages(harness.database.db, down, audit, { onError })).toEqual({
      triaged: 0,
      failed: 3,
      stopped: true,
    });
    expect(audit.events).toHaveLength(3);
    expect(told).toHaveLength(3);
    expect(told[0]).toMatch(/: Error: 503 service unavailable$/);
    const unread = await harness.database.db
      .selectFrom('inboxMessages')
      .select('id')
      .where('id', 'in', ids)
      .where('triagedAt', 'is', null)
      .execute();
    expect(unread).toHaveLength(3);
    // The model is back: the rest are read, and the three failed ones wait for their backoff.
    expect(await triageUnreadMessages(harness.database.db, scripted(null), collectingAudit())).toMatchObject({
      triaged: 3,
      failed: 0,
    });
  });

  it('stores one opinion per message when two runs race over the same unread messages', async () => {
    await harness.database.db
      .updateTable('inboxMessages')
      .set({ triageUrgency: null, triageCategories: null, triageReasons: null, triageSource: null, triagedAt: null })
      .where('id', 'in', [GOODBYE, RESCHEDULE])
      .execute();
    let calls = 0;
    const slow: TriageModel = async (text, context) => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return scripted(null)(text, context);
    };
    const [a, b] = await Promise.all([
      triageUnreadMessages(harness.database.db, slow, collectingAudit()),
      triageUnreadMessages(harness.database.db, slow, collectingAudit()),
    ]);
    expect(calls).toBe(4);
    expect((a?.triaged ?? 0) + (b?.triaged ?? 0)).toBe(2);
  });
});

describe('the model-triage worker', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi({
      answer: () => [JSON.stringify({ urgency: 'routine', categories: ['other'], reasons: [] })],
    });
  });
  afterAll(async () => {
    await fake.close();
  });

  const store = () => ({
    database: harness.database,
    audit: collectingAudit(),
    state: { status: 'ready' as const, migrations: [], demoLoaded: true },
  });
  const model = (baseUrl: string) => ({
    kind: 'openai-compatible' as const,
    baseUrl,
    apiKey: null,
    model: 'local-llm',
    maxSteps: 2,
    linkHosts: [],
    phiMode: 'pseudonymize' as const,
    retentionDays: 0,
  });

  it('does not start with the offline model or an interval of 0', () => {
    const offline = { ...model(''), kind: 'offline' as const };
    expect(startModelTriage(store(), { model: offline, triageModelIntervalMs: 60_000 }, silent)).toBeNull();
    expect(startModelTriage(store(), { model: model(fake.baseUrl), triageModelIntervalMs: 0 }, silent)).toBeNull();
  });

  it('reads unread messages through a real OpenAI-compatible provider, pseudonymized, and stores its opinion', async () => {
    await harness.database.db
      .updateTable('inboxMessages')
      .set({ triageUrgency: null, triageCategories: null, triageReasons: null, triageSource: null, triagedAt: null })
      .where('id', '=', GOODBYE)
      .execute();
    const worker = startModelTriage(store(), { model: model(fake.baseUrl), triageModelIntervalMs: 3_600_000 }, silent);
    try {
      expect(await worker?.runOnce()).toMatchObject({ triaged: 1, failed: 0 });
    } finally {
      await worker?.stop();
    }
    const request = fake.requests.at(-1);
    expect(request?.body).toMatchObject({ model: 'local-llm', temperature: 0 });
    expect(request?.body.stream).not.toBe(true);
    const goodbye = rows.inboxMessages.find((m) => m.id === GOODBYE);
    const client = rows.clients.find((c) => c.id === goodbye?.clientId);
    const sent = JSON.stringify(request?.body.messages);
    expect(sent).toContain('untrusted-data-');
    if (client) expect(sent).not.toContain(client.lastName);
    expect(await storedTriage(GOODBYE)).toMatchObject({ triageUrgency: 'routine', triageSource: 'model' });
    expect(await queueItem(GOODBYE)).toMatchObject({ urgency: 'emergency', escalate: true });
  });
});
