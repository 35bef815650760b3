import { type AddressInfo, createServer } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sqlGateway } from '../../ehr/sql/gateway.ts';
import { createPipeline } from '../../policies/pipeline.ts';
import type { Principal } from '../../policies/principal.ts';
import { createMcpHttp } from '../../server/mcp.ts';
import { mcpRoute } from '../../server/mcp-route.ts';
import { allTools } from '../../tools/index.ts';
import { openTestDatabase, type TestDatabase } from '../databases.ts';

/** The caller every request runs as: the conformance runner sends no token, so this instance has auth off. */
export const CONFORMANCE_PRINCIPAL: Principal = {
  userId: 'usr_avery_chen',
  username: 'avery.chen',
  role: 'clinician',
  practiceId: 'prc_lakeside',
  surface: 'mcp',
  clientApp: 'mcp-conformance',
};

export interface ConformanceServer {
  url: string;
  audited: number;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A loopback-only charta MCP endpoint over the seeded demo practice, for the official conformance runner. It is the
 * production route (Host/Origin guard, body limit, pipeline, audit) with one difference: authentication is replaced
 * by a fixed principal, because the runner cannot obtain a token. Bearer auth has its own suite (server/auth/).
 */
export async function startConformanceServer(): Promise<ConformanceServer> {
  const database: TestDatabase = await openTestDatabase('pglite', { seeded: true });
  const state = { audited: 0 };
  const pipeline = createPipeline({
    tools: allTools,
    gateway: sqlGateway(database),
    audit: {
      append: async () => {
        state.audited++;
      },
    },
  });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const app = new Hono().route(
    '/',
    mcpRoute({
      handler: createMcpHttp(pipeline),
      guard: { allowedHosts: [`127.0.0.1:${port}`, `localhost:${port}`], allowedOrigins: [origin] },
      authenticate: async () => ({ principal: CONFORMANCE_PRINCIPAL, token: { value: 'conformance' } }),
    }),
  );
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolve(s));
  });
  return {
    url: `${origin}/mcp`,
    get audited() {
      return state.audited;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.drop();
    },
  };
}
