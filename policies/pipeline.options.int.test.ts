import { describe, expect, it } from 'vitest';
import { CALLERS, ownClient, snapshotWrites, usePipeline } from '../test/pipeline-fixtures.ts';
import { createRateLimiter } from './rate-limit.ts';

const SOAP = { subjective: 'Reports better sleep.', objective: 'Calm.', assessment: 'Improving.', plan: 'Continue.' };
const names = (list: readonly { name: string }[]) => list.map((t) => t.name);

describe('read-only mode', () => {
  const h = usePipeline({ readOnly: true });

  it('lists no draft tool to a role that could otherwise draft', () => {
    const listed = names(h.pipeline.listTools(CALLERS.avery));
    expect(listed).toContain('get_client');
    expect(listed).not.toContain('create_draft_note');
    expect(listed).not.toContain('draft_reply');
  });

  it('refuses a draft tool called by name, writes nothing, and audits the refusal', async () => {
    const before = await snapshotWrites(h.database);
    const result = await h.call(CALLERS.avery, 'create_draft_note', {
      clientId: ownClient,
      format: 'SOAP',
      sections: SOAP,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_tool' } });
    expect(await snapshotWrites(h.database)).toEqual(before);
    expect(h.audited.at(-1)).toMatchObject({ decision: 'deny', reasonCode: 'unknown_tool', actorId: 'usr_avery_chen' });
  });
});

describe('tool allow-list', () => {
  const h = usePipeline({ allowTools: ['get_client', 'search_clients'] });

  it('offers only the allowed tools the role may use', () => {
    expect(names(h.pipeline.listTools(CALLERS.avery))).toEqual(['get_client', 'search_clients']);
    expect(names(h.pipeline.listTools(CALLERS.casey))).toEqual([]);
  });

  it('refuses a tool outside the list even when the role holds its permission', async () => {
    const result = await h.call(CALLERS.avery, 'list_notes', { clientId: ownClient });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_tool' } });
    expect((await h.call(CALLERS.avery, 'get_client', { clientId: ownClient })).ok).toBe(true);
  });
});

describe('per-principal rate limit', () => {
  let t = 0;
  const h = usePipeline({ rateLimit: createRateLimiter({ perMinute: 3, now: () => t }) });

  it('refuses the call over budget with a retry hint, runs nothing, and audits it as a denial', async () => {
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await h.call(CALLERS.avery, 'get_client', { clientId: ownClient }));
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, false]);
    expect(outcomes[3]).toMatchObject({ ok: false, error: { code: 'rate_limited', message: /try again in 20 s/ } });
    expect(h.audited.at(-1)).toMatchObject({
      decision: 'deny',
      reasonCode: 'rate_limited',
      recordIds: [],
      outputDigest: null,
    });
  });

  it('keeps other people on their own budget, and lets the limited one back in after the wait', async () => {
    expect((await h.call(CALLERS.morgan, 'get_client', { clientId: ownClient })).ok).toBe(true);
    t += 20_000;
    expect((await h.call(CALLERS.avery, 'get_client', { clientId: ownClient })).ok).toBe(true);
    expect(h.audited).toHaveLength(h.calls);
  });
});
