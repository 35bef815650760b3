import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditVerify } from '../server/audit-cli.ts';
import { mintDevToken } from '../server/auth/token-cli.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { type RunningServer, startServer } from '../server/start.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const KEY = Buffer.alloc(32, 7).toString('base64');

describe('charta end to end: MCP over HTTP with a dev-issuer token, and over stdio', () => {
  let dataDir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'charta-mcp-e2e-'));
    const config = loadConfig({ CHARTA_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', AUDIT_CHECKPOINT_KEY: KEY });
    server = await startServer(config, createLogger({ level: 'silent' }));
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the protected-resource metadata and refuses /mcp without a token', async () => {
    const meta = await fetch(`${server.url}/.well-known/oauth-protected-resource`);
    expect(await meta.json()).toMatchObject({ resource: `${server.url}/mcp`, scopes_supported: ['charta:mcp'] });
    const res = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('resource_metadata=');
  });

  it('lists and calls tools for a clinician holding a dev-issuer token, and audits the calls in a valid chain', async () => {
    const gateway = server.store.gateway;
    if (!gateway) throw new Error('store not ready');
    const { token } = await mintDevToken(server.config, gateway, 'avery.chen');
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    });
    const client = new Client({ name: 'e2e', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('create_draft_note');
    const found = await client.callTool({ name: 'search_clients', arguments: { query: 'a', limit: 1 } });
    expect(found.isError).toBeFalsy();
    const denied = await client.callTool({ name: 'get_note', arguments: { noteId: 'note_not_there' } });
    expect(denied.isError).toBe(true);
    await client.close();

    await server.store.audit?.flush();
    const db = server.store.database?.db;
    if (!db) throw new Error('no database');
    const rows = await db.selectFrom('auditEvents').select(['action', 'decision', 'actorId']).execute();
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: 'search_clients', decision: 'allow', actorId: 'usr_avery_chen' },
        { action: 'get_note', decision: 'error', actorId: 'usr_avery_chen' },
      ]),
    );
    const lines: string[] = [];
    expect(await auditVerify(db, Buffer.from(KEY, 'base64'), (line) => lines.push(line))).toBe(0);
    expect(lines.join('\n')).toMatch(/intact/);
  });

  it('serves MCP over stdio as the named user', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(root, 'bin/charta.js'), 'mcp', '--user', 'jamie.ortiz'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        CHARTA_DATA_DIR: join(dataDir, 'stdio'),
        LOG_LEVEL: 'error',
      },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'e2e-stdio', version: '1.0.0' });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['list_messages', 'draft_reply']));
    expect(tools.map((t) => t.name)).not.toContain('get_note');
    const messages = await client.callTool({ name: 'list_messages', arguments: { limit: 2 } });
    expect(messages.isError).toBeFalsy();
    expect(JSON.stringify(messages.structuredContent)).toContain('untrusted-data-');
    await client.close();
  }, 60_000);
});
