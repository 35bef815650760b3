import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import { createPipeline } from '../policies/pipeline.ts';
import type { Principal } from '../policies/principal.ts';
import { openTestDatabase, type TestDatabase } from '../test/databases.ts';
import { allTools } from '../tools/index.ts';
import { createMcpHttp } from './mcp.ts';
import { mcpRoute } from './mcp-route.ts';
import { problem } from './problem.ts';

const avery: Principal = {
  userId: 'usr_avery_chen',
  username: 'avery.chen',
  role: 'clinician',
  practiceId: 'prc_lakeside',
  surface: 'mcp',
  clientApp: 'test',
};
const BASE = 'http://127.0.0.1:8787';

let database: TestDatabase;
let app: Hono;

beforeAll(async () => {
  database = await openTestDatabase('pglite', { seeded: true });
  const pipeline = createPipeline({
    tools: allTools,
    gateway: sqlGateway(database),
    audit: { append: async () => {} },
  });
  app = new Hono().route(
    '/',
    mcpRoute({
      handler: createMcpHttp(pipeline),
      guard: { allowedHosts: ['127.0.0.1:8787'], allowedOrigins: ['http://127.0.0.1:8787'] },
      maxBodyBytes: 64 * 1024,
      // A stand-in for bearer auth (tested on its own): the token "good" is avery; anything else is refused.
      authenticate: async (c) =>
        c.req.header('authorization') === 'Bearer good'
          ? { principal: avery, token: { value: 'good' } }
          : problem(c, 401, 'unauthorized', 'Unauthorized'),
    }),
  );
});
afterAll(async () => {
  await database.drop();
});

/** A fetch that hands requests to the Hono app in process: no port, but the real HTTP semantics. */
const inProcessFetch = (input: string | URL | Request, init?: RequestInit) =>
  Promise.resolve(app.fetch(new Request(input, init)));

async function connect(mode: 'legacy' | 'auto') {
  const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
    fetch: inProcessFetch,
    requestInit: { headers: { authorization: 'Bearer good' } },
  });
  const client = new Client({ name: 'charta-http-test', version: '1.0.0' }, { versionNegotiation: { mode } });
  await client.connect(transport);
  return client;
}

const post = (body: string, headers: Record<string, string> = {}) =>
  app.request(`${BASE}/mcp`, {
    method: 'POST',
    body,
    headers: {
      host: '127.0.0.1:8787',
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: 'Bearer good',
      ...headers,
    },
  });

describe('MCP over Streamable HTTP', () => {
  it.each(['legacy', 'auto'] as const)('round-trips list and call with a %s-negotiating SDK client', async (mode) => {
    const client = await connect(mode);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('get_note');
    const result = await client.callTool({ name: 'search_clients', arguments: { query: 'e', limit: 2 } });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(2);
    await client.close();
  });

  it('refuses a request without valid credentials before any MCP processing', async () => {
    const res = await post('{"jsonrpc":"2.0","id":1,"method":"tools/list"}', { authorization: 'Bearer nope' });
    expect(res.status).toBe(401);
  });

  it('refuses a foreign Host or Origin (DNS rebinding)', async () => {
    expect((await post('{}', { host: 'evil.example:8787' })).status).toBe(403);
    expect((await post('{}', { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await post(
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(70 * 1024) } }),
    );
    expect(res.status).toBe(413);
  });

  it('answers malformed JSON with a JSON-RPC parse error', async () => {
    const res = await post('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await res.json())).toMatch(/-32700|[Pp]arse/);
  });
});
