import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Context, Hono } from 'hono';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  SignJWT,
} from 'jose';
import * as z from 'zod';
import { MCP_SCOPE } from './verify.ts';

/** The dev issuer signs with Ed25519: small keys, fast, and no parameters to get wrong. */
export const DEV_ISSUER_ALGORITHM = 'EdDSA' as const;
/** Names the client in the tokens it mints, so audit rows show a token came from the dev issuer. */
export const DEV_CLIENT_ID = 'charta-dev-issuer';

const DEFAULT_TTL_SEC = 8 * 3600;
const MAX_TTL_SEC = 30 * 24 * 3600;
// RFC 6749 §3.3 scope-token characters.
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

const KeyFile = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().min(1),
  d: z.string().min(1),
});

export interface DevIssuerOptions {
  /** `<PUBLIC_URL>/dev-issuer`. */
  issuer: string;
  /** The canonical `/mcp` URL: the only audience its tokens carry. */
  audience: string;
  /** Where the private key is kept across restarts; null keeps it in memory only (tests). */
  keyFile: string | null;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

export interface MintOptions {
  /** A charta user id; becomes `sub`. */
  userId: string;
  /** Lifetime in seconds. Default 8 h, at most 30 days. */
  ttlSec?: number;
  /** Default `['charta:mcp']`. */
  scopes?: readonly string[];
}

export interface DevIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUri: string;
  readonly kid: string;
  /** The key source to give `createTokenVerifier`: in process, no HTTP round trip. */
  readonly jwks: JWTVerifyGetKey;
  readonly publicJwks: JSONWebKeySet;
  mintToken(options: MintOptions): Promise<{ token: string; expiresAt: number }>;
  /** JWKS and RFC 8414 metadata routes, to mount on the app. */
  routes(): Hono;
}

const isNodeError = (error: unknown, code: string) =>
  error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === code;

async function readKey(path: string): Promise<JWK | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isNodeError(error, 'ENOENT')) return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = KeyFile.safeParse(json);
  // Refuse rather than overwrite: a silently replaced key would invalidate every token handed out so far.
  if (!parsed.success) throw new Error(`${path} is not an Ed25519 private JWK; delete it to have a new key made`);
  return parsed.data;
}

/** Loads the key from `path`, or makes one and saves it there (owner-only); two processes racing agree on one. */
async function loadOrCreateKey(path: string | null): Promise<JWK> {
  const existing = path ? await readKey(path) : null;
  if (existing) return existing;
  const { privateKey } = await generateKeyPair('Ed25519', { extractable: true });
  const jwk = await exportJWK(privateKey);
  if (!path) return jwk;
  await mkdir(dirname(path), { recursive: true });
  try {
    const { kty, crv, x, d } = jwk;
    await writeFile(path, `${JSON.stringify({ kty, crv, x, d }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return jwk;
  } catch (error) {
    if (!isNodeError(error, 'EEXIST')) throw error;
    const winner = await readKey(path);
    if (!winner) throw error;
    return winner;
  }
}

/**
 * A built-in authorization server for the demo: it has no login or token endpoint; tokens are minted by the
 * `charta token` command (or in process) for any user, which is exactly why config refuses it in production.
 */
export async function createDevIssuer(options: DevIssuerOptions): Promise<DevIssuer> {
  const { issuer, audience } = options;
  if (!URL.canParse(issuer)) throw new TypeError('createDevIssuer: issuer must be an absolute URL');
  if (!audience) throw new TypeError('createDevIssuer: audience is required');
  const now = options.now ?? Date.now;
  const privateJwk = await loadOrCreateKey(options.keyFile);
  const { kty, crv, x } = privateJwk;
  const kid = await calculateJwkThumbprint({ kty, crv, x });
  const privateKey = await importJWK(privateJwk, DEV_ISSUER_ALGORITHM);
  const publicJwks: JSONWebKeySet = { keys: [{ kty, crv, x, kid, alg: DEV_ISSUER_ALGORITHM, use: 'sig' }] };
  const jwksUri = `${issuer.replace(/\/+$/, '')}/jwks.json`;

  return {
    issuer,
    audience,
    jwksUri,
    kid,
    jwks: createLocalJWKSet(publicJwks),
    publicJwks,

    async mintToken({ userId, ttlSec = DEFAULT_TTL_SEC, scopes = [MCP_SCOPE] }) {
      if (!userId) throw new TypeError('mintToken: userId is required');
      if (!Number.isInteger(ttlSec) || ttlSec < 1 || ttlSec > MAX_TTL_SEC)
        throw new RangeError(`mintToken: ttlSec must be a whole number from 1 to ${MAX_TTL_SEC}`);
      for (const scope of scopes) if (!SCOPE_TOKEN.test(scope)) throw new TypeError(`mintToken: bad scope ${scope}`);
      const iat = Math.floor(now() / 1_000);
      const expiresAt = iat + ttlSec;
      // RFC 9068 access-token shape. No role or practice claim: the verifier reads both from the users table.
      const token = await new SignJWT({ scope: scopes.join(' '), client_id: DEV_CLIENT_ID })
        .setProtectedHeader({ alg: DEV_ISSUER_ALGORITHM, kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(userId)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(expiresAt)
        .setJti(randomUUID())
        .sign(privateKey);
      return { token, expiresAt };
    },

    routes() {
      const metadata = {
        issuer,
        jwks_uri: jwksUri,
        scopes_supported: [MCP_SCOPE],
        // No interactive flow: tokens come from `charta token --user <username>`.
        response_types_supported: [],
        grant_types_supported: [],
      };
      const issuerPath = new URL(issuer).pathname.replace(/\/+$/, '');
      const app = new Hono();
      // Public, static documents: any origin may read them.
      const publicDoc = (body: object) => (c: Context) => {
        c.header('Access-Control-Allow-Origin', '*');
        c.header('Cache-Control', 'public, max-age=300');
        return c.json(body);
      };
      app.get(new URL(jwksUri).pathname, publicDoc(publicJwks));
      // RFC 8414 §3.1 inserts the well-known segment before the issuer's path; the bare path serves old clients.
      for (const path of new Set([
        `/.well-known/oauth-authorization-server${issuerPath}`,
        '/.well-known/oauth-authorization-server',
      ])) {
        app.get(path, publicDoc(metadata));
      }
      return app;
    },
  };
}
