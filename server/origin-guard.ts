import type { MiddlewareHandler } from 'hono';
import { problem } from './problem.ts';

export interface OriginGuardOptions {
  /** Host header values accepted (host or host:port), case-insensitive. */
  allowedHosts: readonly string[];
  /** Origin header values accepted when a browser sends one (scheme://host[:port]). */
  allowedOrigins?: readonly string[];
}

const normalize = (value: string) => value.trim().toLowerCase().replace(/\/$/, '');

/**
 * DNS-rebinding protection for the MCP endpoint: a page on another site that tricks a browser into resolving its
 * name to 127.0.0.1 still sends its own Host and Origin, so both are checked against what this server answers to.
 * Requests with no Origin (MCP clients that are not browsers) pass the Origin check.
 */
export function originGuard(options: OriginGuardOptions): MiddlewareHandler {
  if (options.allowedHosts.length === 0) throw new Error('originGuard needs at least one allowed host');
  const hosts = new Set(options.allowedHosts.map(normalize));
  const origins = new Set((options.allowedOrigins ?? []).map(normalize));
  for (const origin of origins) {
    if (!/^https?:\/\/[^/]+$/.test(origin))
      throw new Error(`originGuard: ${origin} is not a scheme://host[:port] origin`);
  }
  return async (c, next) => {
    // The Node adapter builds the request URL from the Host header; in-process requests carry it only in the URL.
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!host || !hosts.has(normalize(host))) {
      return problem(c, 403, 'forbidden-host', 'Forbidden', {
        detail: 'The Host header is not one this server answers to.',
      });
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !origins.has(normalize(origin))) {
      return problem(c, 403, 'forbidden-origin', 'Forbidden', {
        detail: 'Requests from this Origin are not accepted.',
      });
    }
    await next();
  };
}

/** The hosts a server bound to `host:port` answers to; loopback binds accept every loopback name. */
export function hostsFor(host: string, port: number, publicUrl?: string): string[] {
  const loopback = ['127.0.0.1', 'localhost', '[::1]'];
  const names = loopback.includes(host) || host === '::1' ? loopback : [host];
  const list = names.flatMap((name) => [`${name}:${port}`, ...(port === 80 || port === 443 ? [name] : [])]);
  if (publicUrl) list.push(new URL(publicUrl).host);
  return list;
}
