import { createHash } from 'node:crypto';
import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { User } from '../../ehr/types.ts';

/** The one scope charta's MCP endpoint requires. */
export const MCP_SCOPE = 'charta:mcp';

/**
 * The asymmetric algorithms charta accepts. `none` and the HS* family are never allowed: with an HMAC algorithm a
 * public key becomes a shared secret anyone can sign with.
 */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
export type AcceptedAlgorithm = (typeof ACCEPTED_ALGORITHMS)[number];

/** A token was refused. `description` is safe to send to the caller: it names the rule, never token contents. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly status: 401 | 403,
    readonly error: 'invalid_token' | 'insufficient_scope',
    readonly description: string,
  ) {
    super(description);
  }
}

/** The token could not be checked (issuer keys or the user directory unreachable): the caller should retry. */
export class AuthUnavailableError extends Error {
  override readonly name = 'AuthUnavailableError';
}

/** A verified token: the charta user as the users table has them now, never as the token describes them. */
export interface VerifiedToken {
  readonly user: User;
  readonly scopes: readonly string[];
  /** Seconds since the epoch. */
  readonly expiresAt: number;
  /** The OAuth client the token was issued to (`client_id`, else `azp`); null when the issuer names none. */
  readonly clientId: string | null;
}

export interface TokenVerifier {
  verify(token: string): Promise<VerifiedToken>;
}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  jwks: JWTVerifyGetKey;
  algorithms: readonly AcceptedAlgorithm[];
  /** Allowed clock skew for exp/nbf. Default 30 s; at most 300 s. */
  clockToleranceSec?: number;
  /** Looks a user up by charta user id (the token's `sub`). */
  users: (id: string) => Promise<User | null>;
  /** Verified tokens kept in memory. Default 1,000. */
  cacheSize?: number;
  /** How stale a cached user may get before it is read again (deactivation takes effect within this). Default 30 s. */
  userRecheckSec?: number;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

interface CacheEntry {
  verified: VerifiedToken;
  userCheckedAt: number;
}

// Generous for any real access token; longer input is refused before any parsing or hashing work.
const MAX_TOKEN_LENGTH = 8_192;
// The signature part may be empty so that `alg: none` tokens reach jose and are refused for their algorithm.
const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const invalid = (description: string) => new AuthError(401, 'invalid_token', description);

/** Safe descriptions for jose's refusals; anything unlisted gets the generic one. */
function describeJoseError(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `the token lacks the required ${error.claim} claim`;
    switch (error.claim) {
      case 'nbf':
        return 'the token is not yet valid';
      case 'iss':
        return 'the token was issued by an issuer charta does not trust';
      case 'aud':
        return 'the token is not meant for this resource';
      default:
        return `the token's ${error.claim} claim is invalid`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm charta does not accept';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof errors.JWKSNoMatchingKey) return "the token was signed with a key unknown to charta's issuer";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'the token is not a valid JWT';
  return 'the token is invalid';
}

/**
 * Wraps a key source so that failing to *reach* the keys (timeout, HTTP error, bad JWKS document) is told apart
 * from a token whose key is unknown: the first is our outage (503), the second the caller's problem (401).
 */
function guardKeySource(jwks: JWTVerifyGetKey): JWTVerifyGetKey {
  const outage = new Set(['ERR_JOSE_GENERIC', 'ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      if (error instanceof errors.JOSEError && !outage.has(error.code)) throw error;
      throw new AuthUnavailableError("the issuer's signing keys could not be fetched", { cause: error });
    }
  };
}

function scopesOf(payload: JWTPayload): string[] {
  // RFC 9068 uses a space-separated `scope`; Entra ID and Okta put an array (or string) in `scp`.
  const raw = payload.scope ?? payload.scp;
  if (typeof raw === 'string') return raw.split(' ').filter(Boolean);
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return [];
}

function clientIdOf(payload: JWTPayload): string | null {
  const id = payload.client_id ?? payload.azp;
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * Checks bearer tokens for charta's MCP endpoint: signature (issuer's JWKS, accepted algorithms only), `iss`, `aud`,
 * `exp`/`nbf`, a `sub` naming an active charta user, and the `charta:mcp` scope. Verified tokens are cached until
 * they expire, so a client sending the same token on every request pays for one signature check.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const { issuer, audience, users } = options;
  if (!issuer) throw new TypeError('createTokenVerifier: issuer is required');
  if (!audience) throw new TypeError('createTokenVerifier: audience is required');
  if (options.algorithms.length === 0) throw new TypeError('createTokenVerifier: at least one algorithm is required');
  for (const alg of options.algorithms) {
    if (!(ACCEPTED_ALGORITHMS as readonly string[]).includes(alg))
      throw new TypeError(
        `createTokenVerifier: algorithm ${alg} is not accepted (use ${ACCEPTED_ALGORITHMS.join(', ')})`,
      );
  }
  const tolerance = options.clockToleranceSec ?? 30;
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 300)
    throw new TypeError('createTokenVerifier: clockToleranceSec must be a whole number from 0 to 300');
  const cacheSize = options.cacheSize ?? 1_000;
  const recheckMs = (options.userRecheckSec ?? 30) * 1_000;
  const now = options.now ?? Date.now;
  const jwks = guardKeySource(options.jwks);
  const algorithms = [...options.algorithms];
  // Insertion order is recency order: a hit is deleted and re-set, the oldest key is evicted first.
  const cache = new Map<string, CacheEntry>();

  async function activeUser(id: string): Promise<User> {
    let user: User | null;
    try {
      user = await users(id);
    } catch (error) {
      throw new AuthUnavailableError('the user directory could not be reached', { cause: error });
    }
    // Both answers are 401: the token no longer stands for anyone who may act, like a revoked token (RFC 6750 §3.1).
    if (!user) throw invalid('the token subject is not a charta user');
    if (!user.active) throw invalid('the token subject is not an active charta user');
    return user;
  }

  function remember(key: string, entry: CacheEntry) {
    cache.delete(key);
    cache.set(key, entry);
    while (cache.size > cacheSize) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  }

  async function fromCache(key: string): Promise<VerifiedToken | null> {
    const entry = cache.get(key);
    if (!entry) return null;
    const at = now();
    if (at >= entry.verified.expiresAt * 1_000) {
      cache.delete(key);
      return null;
    }
    if (at - entry.userCheckedAt < recheckMs) {
      remember(key, entry);
      return entry.verified;
    }
    // Stale user data: read the user again, so a deactivation or a role change takes effect within recheckMs.
    cache.delete(key);
    const user = await activeUser(entry.verified.user.id);
    const verified = { ...entry.verified, user };
    remember(key, { verified, userCheckedAt: at });
    return verified;
  }

  async function verifyFully(token: string): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer,
        audience,
        algorithms,
        clockTolerance: tolerance,
        currentDate: new Date(now()),
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) throw invalid(describeJoseError(error));
      throw error;
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') throw invalid('the token has no subject');
    if (typeof payload.exp !== 'number') throw invalid('the token has no expiry');
    // The user comes from charta's table; role, practice and any other claim in the token are ignored.
    const user = await activeUser(payload.sub);
    const scopes = scopesOf(payload);
    if (!scopes.includes(MCP_SCOPE))
      throw new AuthError(403, 'insufficient_scope', `the token lacks the ${MCP_SCOPE} scope`);
    return { user, scopes, expiresAt: payload.exp, clientId: clientIdOf(payload) };
  }

  return {
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH || !JWS_COMPACT.test(token)) throw invalid('the token is not a valid JWT');
      // The cache is keyed by a digest, so live bearer tokens are not kept in memory as map keys.
      const key = createHash('sha256').update(token).digest('base64url');
      const cached = await fromCache(key);
      if (cached) return cached;
      const verified = await verifyFully(token);
      remember(key, { verified, userCheckedAt: now() });
      return verified;
    },
  };
}
