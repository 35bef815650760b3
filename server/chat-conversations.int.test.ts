import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { chatModel } from '../agent/models.ts';
import { type ConversationStore, sqlConversationStore } from '../ehr/sql/conversations.ts';
import { CALLERS, usePipeline } from '../test/pipeline-fixtures.ts';
import { chatRoute } from './chat-route.ts';
import { createLogger } from './logger.ts';
import { problem } from './problem.ts';

const h = usePipeline();
let store: ConversationStore;
let app: Hono;
const BASE = 'http://127.0.0.1:8787';
const TOKENS = { avery: CALLERS.avery, jamie: CALLERS.jamie } as const;

beforeAll(() => {
  store = sqlConversationStore(h.database.db);
  app = new Hono().route(
    '/',
    chatRoute({
      pipeline: h.counted,
      model: chatModel(
        { kind: 'offline', maxSteps: 4, linkHosts: [], phiMode: 'off', retentionDays: 30 },
        { today: () => '2026-11-22' },
      ),
      authenticate: async (c) => {
        const who = TOKENS[(c.req.header('authorization') ?? '').replace('Bearer ', '') as keyof typeof TOKENS];
        return who ? { principal: who, token: { value: 'x' } } : problem(c, 401, 'unauthorized', 'Unauthorized');
      },
      guard: { allowedHosts: ['127.0.0.1:8787'], allowedOrigins: [BASE] },
      maxSteps: 4,
      linkHosts: [],
      log: createLogger({ level: 'silent' }),
      conversations: () => store,
    }),
  );
});

const req = (token: string, path: string, init: RequestInit = {}) =>
  app.request(`${BASE}${path}`, {
    ...init,
    headers: {
      host: '127.0.0.1:8787',
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...init.headers,
    },
  });
const say = async (token: string, id: string, text: string) =>
  (
    await req(token, '/api/chat', {
      method: 'POST',
      body: JSON.stringify({
        id,
        messages: [{ id: `m-${text.length}`, role: 'user', parts: [{ type: 'text', text }] }],
      }),
    })
  ).text();

describe('stored chat conversations', () => {
  it('keeps the person’s question and the labeled answer, titled by the first question', async () => {
    await say('jamie', 'conv-jamie-1', 'what is urgent in the inbox?');
    const list = (await (await req('jamie', '/api/chat/conversations')).json()) as {
      items: { id: string; title: string }[];
    };
    expect(list.items).toEqual([
      expect.objectContaining({ id: 'conv-jamie-1', title: 'what is urgent in the inbox?' }),
    ]);
    const convo = (await (await req('jamie', '/api/chat/conversations/conv-jamie-1')).json()) as {
      messages: { role: string; model: string | null; parts: { type: string; text?: string }[] }[];
    };
    expect(convo.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(convo.messages[1]?.model).toBe('offline rule-based assistant');
    expect(JSON.stringify(convo.messages[1]?.parts)).toContain('triage_inbox');
  });

  it('never shows or extends another person’s conversation: 404, not 403, and nothing written', async () => {
    expect((await req('avery', '/api/chat/conversations')).status).toBe(200);
    expect(((await (await req('avery', '/api/chat/conversations')).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await req('avery', '/api/chat/conversations/conv-jamie-1')).status).toBe(404);
    const hijack = await req('avery', '/api/chat', {
      method: 'POST',
      body: JSON.stringify({
        id: 'conv-jamie-1',
        messages: [{ id: 'x', role: 'user', parts: [{ type: 'text', text: 'hi' }] }],
      }),
    });
    expect(hijack.status).toBe(404);
    expect((await req('avery', '/api/chat/conversations/conv-jamie-1', { method: 'DELETE' })).status).toBe(404);
    const still = await store.messages({ practiceId: 'prc_lakeside', userId: 'usr_jamie_ortiz' }, 'conv-jamie-1');
    expect(still).toHaveLength(2);
  });

  it('lets the owner delete a conversation, and refuses without credentials', async () => {
    expect((await req('nobody', '/api/chat/conversations')).status).toBe(401);
    expect((await req('jamie', '/api/chat/conversations/conv-jamie-1', { method: 'DELETE' })).status).toBe(204);
    expect((await req('jamie', '/api/chat/conversations/conv-jamie-1')).status).toBe(404);
  });

  it('purges conversations past retention and keeps recent ones', async () => {
    await say('jamie', 'conv-old', 'what is urgent in the inbox?');
    await say('jamie', 'conv-new', 'triage the inbox');
    await h.database.db
      .updateTable('chatConversations' as never)
      .set({ updatedAt: '2020-01-01T00:00:00Z' } as never)
      .where('id' as never, '=', 'conv-old' as never)
      .execute();
    expect(await store.purge(new Date('2026-01-01T00:00:00Z'))).toBe(1);
    const left = await store.list({ practiceId: 'prc_lakeside', userId: 'usr_jamie_ortiz' });
    expect(left.map((c) => c.id)).toEqual(['conv-new']);
    // The purge cascades to the messages.
    expect(await store.messages({ practiceId: 'prc_lakeside', userId: 'usr_jamie_ortiz' }, 'conv-old')).toBeNull();
  });
});
