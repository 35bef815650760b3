import { readFileSync } from 'node:fs';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import type { CallAuditEvent } from '../policies/pipeline.ts';
import { createPipeline } from '../policies/pipeline.ts';
import type { Principal } from '../policies/principal.ts';
import { openTestDatabase, type TestDatabase } from '../test/databases.ts';
import { allTools } from '../tools/index.ts';
import { createMcpServer, SERVER_INSTRUCTIONS } from './mcp.ts';

const avery: Principal = {
  userId: 'usr_avery_chen',
  username: 'avery.chen',
  role: 'clinician',
  practiceId: 'prc_lakeside',
  surface: 'mcp',
  clientApp: 'test',
};
const jamie: Principal = { ...avery, userId: 'usr_jamie_ortiz', username: 'jamie.ortiz', role: 'front_desk' };

let database: TestDatabase;
const audited: CallAuditEvent[] = [];

async function connectAs(principal: Principal) {
  const pipeline = createPipeline({
    tools: allTools,
    gateway: sqlGateway(database),
    audit: { append: async (e) => audited.push(e) },
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await createMcpServer(pipeline, principal).connect(serverTransport);
  const client = new Client({ name: 'charta-test', version: '1.0.0' });
  await client.connect(clientTransport);
  return client;
}

beforeAll(async () => {
  database = await openTestDatabase('pglite', { seeded: true });
});
afterAll(async () => {
  await database.drop();
});

describe('MCP adapter over an in-memory transport', () => {
  it('initializes with charta’s instructions and lists only the caller’s tools', async () => {
    const client = await connectAs(jamie);
    expect(client.getInstructions()).toBe(SERVER_INSTRUCTIONS);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    // Exactly the front desk's row of the matrix (tools/__snapshots__/roles/front_desk.txt pins the full list).
    const expected = readFileSync(new URL('../tools/__snapshots__/roles/front_desk.txt', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[0]);
    expect(names).toEqual(expected);
    expect(names).toContain('draft_reply');
    expect(names).not.toContain('list_notes');
    expect(names).not.toContain('create_draft_note');
    await client.close();
  });

  it('derives annotations from the effect and publishes input and output schemas', async () => {
    const client = await connectAs(avery);
    const { tools } = await client.listTools();
    const effects = new Map(allTools.map((t) => [t.name, t.effect] as const));
    expect(tools.some((t) => effects.get(t.name) === 'draft')).toBe(true);
    for (const tool of tools) {
      const read = effects.get(tool.name) === 'read';
      expect(tool.annotations).toMatchObject({
        readOnlyHint: read,
        destructiveHint: false,
        idempotentHint: read,
        openWorldHint: false,
      });
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
    }
    await client.close();
  });

  it('returns structured content for an allowed call and an error result for a refused one', async () => {
    const client = await connectAs(avery);
    const search = await client.callTool({ name: 'search_clients', arguments: { query: 'a', limit: 3 } });
    expect(search.isError).toBeFalsy();
    const structured = search.structuredContent as { items: { id: string }[] };
    expect(structured.items.length).toBeGreaterThan(0);
    const clientId = structured.items[0]?.id;
    const denied = await client.callTool({ name: 'list_notes', arguments: { clientId: 'cli_nonexistent' } });
    expect(denied.isError).toBe(true);
    expect(JSON.stringify(denied.content)).toContain('not_found');
    const invalid = await client.callTool({ name: 'get_client', arguments: { clientId: 7 } });
    expect(invalid.isError).toBe(true);
    expect(JSON.stringify(invalid.content)).toContain('invalid_input');
    const unknown = await client.callTool({ name: 'sign_note', arguments: {} });
    expect(unknown.isError).toBe(true);
    expect(clientId).toMatch(/^cli_/);
    await client.close();
  });

  it('audits every call that reached the server, including refused and invalid ones', () => {
    const actions = audited.map((e) => `${e.action}:${e.decision}`);
    expect(actions).toEqual(
      expect.arrayContaining(['search_clients:allow', 'list_notes:error', 'get_client:error', 'unknown_tool:deny']),
    );
  });
});
