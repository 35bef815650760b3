import { Hono } from 'hono';
import { MCP_SCOPE } from './verify.ts';

const WELL_KNOWN = '/.well-known/oauth-protected-resource';

/** RFC 9728 §3.1: the metadata of `https://host/mcp` lives at `https://host/.well-known/oauth-protected-resource/mcp`. */
export function protectedResourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${WELL_KNOWN}${path}`;
}

export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  scopes_supported: string[];
  bearer_methods_supported: string[];
  resource_name: string;
}

export function protectedResourceMetadata(resource: string, issuer: string): ProtectedResourceMetadata {
  return {
    resource,
    authorization_servers: [issuer],
    scopes_supported: [MCP_SCOPE],
    // Tokens in query strings end up in logs and browser history; only the Authorization header is read.
    bearer_methods_supported: ['header'],
    resource_name: 'charta',
  };
}

/**
 * Serves the protected-resource metadata at the bare well-known path and at the path-suffixed one that RFC 9728
 * derives from the resource URL (clients try the suffixed one first). Public and static, so any origin may read it.
 */
export function protectedResourceRoutes(options: { resource: string; issuer: string }): Hono {
  const { resource, issuer } = options;
  if (!URL.canParse(resource)) throw new TypeError('protectedResourceRoutes: resource must be an absolute URL');
  if (!issuer) throw new TypeError('protectedResourceRoutes: issuer is required');
  const body = protectedResourceMetadata(resource, issuer);
  const suffixed = new URL(protectedResourceMetadataUrl(resource)).pathname;
  const app = new Hono();
  for (const path of new Set([WELL_KNOWN, suffixed, `${WELL_KNOWN}/mcp`])) {
    app.get(path, (c) => {
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(body);
    });
  }
  return app;
}
