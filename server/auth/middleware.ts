import type { AuthInfo } from '@modelcontextprotocol/server';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Principal } from '../../policies/principal.ts';
import type { McpCaller } from '../mcp-route.ts';
import { problem } from '../problem.ts';
import { AuthError, AuthUnavailableError, MCP_SCOPE, type TokenVerifier, type VerifiedToken } from './verify.ts';

/** What `bearerAuth` puts on the context under `auth` once a token is accepted. */
export interface Authenticated extends VerifiedToken {
  /** The bearer token as received, for handlers that pass it on (the MCP SDK's AuthInfo carries it). */
  readonly token: string;
  /** The same facts in the MCP SDK's shape, for `mcp.fetch(c.req.raw, { authInfo })`. */
  readonly authInfo: AuthInfo;
}

/** Hono environment of routes behind `bearerAuth`: `c.get('auth')` is typed. */
export interface AuthEnv {
  Variables: { auth: Authenticated };
}

export interface BearerAuthOptions {
  verifier: TokenVerifier;
  /** Absolute URL of the RFC 9728 metadata document, sent in every challenge so clients can find the issuer. */
  resourceMetadataUrl: string;
  /** Where outages (issuer keys or user directory unreachable) are reported; token refusals are not logged. */
  log?: { warn(details: object, message: string): void };
}

// RFC 6750 §2.1: the credentials are a b64token (token68).
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;
const HAS_BEARER_SCHEME = /^Bearer(?: |$)/i;

/** RFC 6750 §3: quoted values may hold only these characters; anything else is dropped rather than escaped. */
const quoted = (value: string) => `"${value.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '')}"`;

function challenge(metadataUrl: string, error?: AuthError): string {
  const params = [`resource_metadata=${quoted(metadataUrl)}`];
  if (error) {
    params.push(`error=${quoted(error.error)}`);
    if (error.error === 'insufficient_scope') params.push(`scope=${quoted(MCP_SCOPE)}`);
    params.push(`error_description=${quoted(error.description)}`);
  }
  return `Bearer ${params.join(', ')}`;
}

/**
 * The check itself, for routes that authenticate inside their handler (the `/mcp` route's `authenticate` option):
 * resolves to the authenticated caller, or to the 401/403/503 response to send. Options are validated here, once.
 */
export function bearerCheck(options: BearerAuthOptions): (c: Context) => Promise<Authenticated | Response> {
  const { verifier, resourceMetadataUrl, log } = options;
  if (typeof verifier?.verify !== 'function') throw new TypeError('bearerAuth: verifier.verify must be a function');
  if (!URL.canParse(resourceMetadataUrl) || !/^https?:$/.test(new URL(resourceMetadataUrl).protocol))
    throw new TypeError('bearerAuth: resourceMetadataUrl must be an absolute http(s) URL');

  const refuse = (c: Context, error?: AuthError) => {
    c.header('WWW-Authenticate', challenge(resourceMetadataUrl, error));
    c.header('Cache-Control', 'no-store');
    if (error?.status === 403)
      return problem(c, 403, 'insufficient-scope', 'Insufficient scope', { detail: error.description });
    return problem(c, 401, 'unauthorized', 'Authentication required', {
      detail: error?.description ?? 'send an OAuth access token as "Authorization: Bearer <token>"',
    });
  };

  return async (c) => {
    const header = c.req.header('authorization') ?? '';
    // No Bearer credentials at all: a bare challenge with no error code (RFC 6750 §3.1).
    if (!HAS_BEARER_SCHEME.test(header)) return refuse(c);
    const token = BEARER.exec(header)?.[1];
    if (!token) return refuse(c, new AuthError(401, 'invalid_token', 'the Authorization header is malformed'));
    let verified: VerifiedToken;
    try {
      verified = await verifier.verify(token);
    } catch (error) {
      if (error instanceof AuthError) return refuse(c, error);
      if (error instanceof AuthUnavailableError) {
        log?.warn({ err: error }, 'token could not be verified');
        c.header('Retry-After', '5');
        return problem(c, 503, 'auth-unavailable', 'Authentication unavailable', { detail: error.message });
      }
      throw error;
    }
    const authInfo: AuthInfo = {
      token,
      clientId: verified.clientId ?? 'unknown',
      scopes: [...verified.scopes],
      expiresAt: verified.expiresAt,
      resourceMetadataUrl,
      extra: { userId: verified.user.id },
    };
    return { ...verified, token, authInfo };
  };
}

/**
 * Middleware form: requires a valid bearer token, sets `auth` (an `Authenticated`) on the context, and otherwise
 * answers 401/403/503 with an RFC 6750 challenge and a problem+json body; the handlers after it never run.
 */
export function bearerAuth(options: BearerAuthOptions) {
  const check = bearerCheck(options);
  return createMiddleware<AuthEnv>(async (c, next) => {
    const result = await check(c);
    if (result instanceof Response) return result;
    c.set('auth', result);
    await next();
  });
}

/** The `/mcp` route's `authenticate` option (server/mcp-route.ts), backed by the same check. */
export function mcpAuthenticate(options: BearerAuthOptions): (c: Context) => Promise<McpCaller | Response> {
  const check = bearerCheck(options);
  return async (c) => {
    const result = await check(c);
    if (result instanceof Response) return result;
    return {
      principal: principalFor(result, result.clientId),
      token: { value: result.token, expiresAt: result.expiresAt, scopes: [...result.scopes] },
    };
  };
}

/**
 * The pipeline's Principal for an authenticated MCP caller. The role and practice are the users table's, read when
 * the token was verified (and re-read every few seconds while it is cached). `mcpAuthenticate` passes the token's
 * OAuth client id as `clientApp`, the best name known before the MCP handshake.
 */
export function principalFor(auth: VerifiedToken, clientApp: string | null): Principal {
  return {
    userId: auth.user.id,
    username: auth.user.username,
    role: auth.user.role,
    practiceId: auth.user.practiceId,
    surface: 'mcp',
    clientApp,
  };
}
