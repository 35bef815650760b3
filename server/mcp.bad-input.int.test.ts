import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlAuditLog } from '../ehr/sql/audit-log.ts';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import type { AuditLog } from '../policies/audit/log.ts';
import { createPipeline } from '../policies/pipeline.ts';
import { verifyStored } from '../test/audit-db.ts';
import { KEY } from '../test/audit-fixtures.ts';
import type { TestDatabase } from '../test/databases.ts';
import { openTestDatabase } from '../test/databases.ts';
import {
  CALLERS,
  otherPracticeClient,
  ownClient,
  rows,
  snapshotWrites,
  type WriteSnapshot,
} from '../test/pipeline-fixtures.ts';
import { allTools } from '../tools/index.ts';
import { createMcpHttp } from './mcp.ts';
import { mcpRoute } from './mcp-route.ts';

// Hostile and malformed traffic against the real /mcp route, over a seeded database with the real hash-chained
// audit log: each request gets a clear error, nothing is written, and every tool call that reached the pipeline
// is an audit row in a chain that still verifies.

const BASE = 'http://127.0.0.1:8787';
let database: TestDatabase;
let audit: AuditLog;
let app: Hono;
let before: WriteSnapshot;
let toolCalls = 0;
let nextId = 1;

beforeAll(async () => {
  database = await openTestDatabase('pglite', { seeded: true });
  before = await snapshotWrites(database);
  audit = createSqlAuditLog(database.db, { signer: KEY, checkpointEvery: 5 });
  const pipeline = createPipeline({ tools: allTools, gateway: sqlGateway(database), audit });
  app = new Hono().route(
    '/',
    mcpRoute({
      handler: createMcpHttp(pipeline),
      guard: { allowedHosts: ['127.0.0.1:8787'], allowedOrigins: [BASE] },
      maxBodyBytes: 256 * 1024,
      authenticate: async () => ({ principal: { ...CALLERS.avery, surface: 'mcp' }, token: { value: 't' } }),
    }),
  );
});
afterAll(async () => {
  await audit?.close();
  await database?.drop();
});

const post = (body: string) =>
  app.request(`${BASE}/mcp`, {
    method: 'POST',
    body,
    headers: {
      host: '127.0.0.1:8787',
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
    },
  });

/** The JSON-RPC message in a response, whether it came as JSON or as one SSE event. */
async function rpc(
  res: Response,
): Promise<{ result?: Record<string, unknown>; error?: { code: number; message: string } }> {
  const text = await res.text();
  const data = text.startsWith('{') ? text : (text.match(/^data: (.*)$/m)?.[1] ?? 'null');
  return JSON.parse(data);
}

async function callTool(name: string, args: unknown) {
  toolCalls++;
  const res = await post(
    JSON.stringify({ jsonrpc: '2.0', id: nextId++, method: 'tools/call', params: { name, arguments: args } }),
  );
  expect(res.status).toBe(200);
  const message = await rpc(res);
  const result = message.result as { isError?: boolean; content: { type: string; text: string }[] } | undefined;
  return { message, result, text: result?.content.map((c) => c.text).join('\n') ?? '' };
}

describe('malformed JSON-RPC', () => {
  it.each([
    ['truncated JSON', '{"jsonrpc":"2.0","id":1,"method":'],
    ['not JSON at all', 'hello'],
    ['a JSON string', '"tools/call"'],
  ])('answers %s with a JSON-RPC error, not a crash', async (_, body) => {
    const res = await post(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const message = (await res.json()) as { error?: { code: number; message: string } };
    expect(message.error?.code).toBeLessThanOrEqual(-32000);
    expect(message.error?.message.length).toBeGreaterThan(0);
  });

  it('answers a request without a method as an invalid request', async () => {
    const res = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, params: {} }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('answers an unknown method with method-not-found', async () => {
    const message = await rpc(await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'notes/sign', params: {} })));
    expect(message.error?.code).toBe(-32601);
  });
});

describe('tool calls with bad arguments', () => {
  it('refuses an unknown tool as a tool error naming the problem', async () => {
    const { result, text } = await callTool('sign_note', { noteId: 'not_1' });
    expect(result?.isError).toBe(true);
    expect(text).toMatch(/no such tool/i);
  });

  it.each([
    ['a missing required argument', 'get_client', {}],
    ['a wrong type', 'get_client', { clientId: 42 }],
    ['an unknown format', 'create_draft_note', { clientId: ownClient, format: 'XYZ', sections: { a: 'b' } }],
    ['a 200 KB search string', 'search_clients', { query: 'a'.repeat(200 * 1024) }],
    ['a 200 KB reply body', 'draft_reply', { threadId: rows.inboxThreads[0]?.id, body: 'x'.repeat(200 * 1024) }],
    ['a NUL character in an id', 'get_client', { clientId: 'cli_\u0000' }],
  ])('refuses %s with a clear invalid-input result', async (_, tool, args) => {
    const { result, text } = await callTool(tool, args);
    expect(result?.isError).toBe(true);
    expect(text).toMatch(/invalid|argument|not match/i);
    expect(text).not.toMatch(/unexpected error/i);
  });

  it('refuses arguments that are not an object at the protocol level, before any tool runs', async () => {
    const res = await post(
      JSON.stringify({
        jsonrpc: '2.0',
        id: nextId++,
        method: 'tools/call',
        params: { name: 'get_client', arguments: ['x'] },
      }),
    );
    const message = await rpc(res);
    expect(message.error?.code).toBe(-32602);
  });

  it('refuses a forged cursor without leaking rows or failing internally', async () => {
    for (const cursor of ['AAAA', 'eyJpZCI6Im5vcGUifQ', '../../etc/passwd', '{"k":["x"]}']) {
      const { result, text } = await callTool('list_notes', { clientId: ownClient, cursor });
      expect(result?.isError, cursor).toBe(true);
      expect(text, cursor).toMatch(/cursor/i);
    }
  });

  it('answers another practice’s client id as not found, never as its data', async () => {
    const { result, text } = await callTool('get_client', { clientId: otherPracticeClient });
    expect(result?.isError).toBe(true);
    expect(text).toMatch(/not_found/);
    const other = rows.clients.find((c) => c.id === otherPracticeClient);
    expect(text).not.toContain(other?.lastName ?? '∅');
  });

  it('treats a NUL character in free text as data: a clear answer, not a database error', async () => {
    const { result, text } = await callTool('search_clients', { query: 'ri\u0000ver' });
    expect(text).not.toMatch(/unexpected error/i);
    if (result?.isError) expect(text).toMatch(/invalid|argument/i);
  });
});

describe('after the hostile traffic', () => {
  it('wrote nothing', async () => {
    const after = await snapshotWrites(database);
    expect([...after.rows.keys()].filter((id) => !before.rows.has(id))).toEqual([]);
    expect(after).toEqual(before);
  });

  it('holds one audit row per tool call, in a chain that verifies', async () => {
    await audit.flush();
    const stored = await database.db.selectFrom('auditEvents').select(['action', 'decision']).execute();
    expect(stored).toHaveLength(toolCalls);
    expect(stored.every((r) => r.decision !== 'allow' || r.action === 'search_clients')).toBe(true);
    expect((await verifyStored(database.db)).ok).toBe(true);
  });
});
