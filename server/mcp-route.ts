import type { McpHttpHandler } from '@modelcontextprotocol/server';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Principal } from '../policies/principal.ts';
import { authInfoFor } from './mcp.ts';
import { type OriginGuardOptions, originGuard } from './origin-guard.ts';
import { problem } from './problem.ts';

export interface McpCaller {
  principal: Principal;
  token: { value: string; expiresAt?: number; scopes?: string[] };
}

export interface McpRouteOptions {
  handler: McpHttpHandler;
  /** Resolves the caller, or answers the request itself (401/403) when it cannot. */
  authenticate: (c: Context) => Promise<McpCaller | Response>;
  guard: OriginGuardOptions;
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** POST/GET/DELETE /mcp: Host/Origin check, body limit, authentication, then the stateless MCP handler. */
export function mcpRoute(options: McpRouteOptions) {
  const app = new Hono();
  const maxSize = options.maxBodyBytes ?? 1024 * 1024;
  app.use('/mcp', originGuard(options.guard));
  app.use(
    '/mcp',
    bodyLimit({
      maxSize,
      onError: (c) =>
        problem(c, 413, 'too-large', 'Request body too large', { detail: `The limit is ${maxSize} bytes.` }),
    }),
  );
  app.all('/mcp', async (c) => {
    const caller = await options.authenticate(c);
    if (caller instanceof Response) return caller;
    return options.handler.fetch(c.req.raw, { authInfo: authInfoFor(caller.principal, caller.token) });
  });
  return app;
}
