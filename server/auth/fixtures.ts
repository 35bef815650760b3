/**
 * Test support for server/auth: synthetic users, keys made in the test, and a signer that can break any rule.
 * Nothing here runs in the server.
 */
import {
  type CryptoKey,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWTPayload,
  type JWTVerifyGetKey,
  SignJWT,
} from 'jose';
import type { Role, User } from '../../ehr/types.ts';

export const RESOURCE = 'https://charta.test/mcp';
export const ISSUER = 'https://idp.test/';
export const METADATA_URL = 'https://charta.test/.well-known/oauth-protected-resource/mcp';

export function testUser(id: string, role: Role, overrides: Partial<User> = {}): User {
  return {
    id,
    practiceId: 'prc_test',
    username: id.replace(/^usr_/, '').replace('_', '.'),
    email: `${id}@example.test`,
    displayName: id,
    role,
    credentials: null,
    npi: null,
    isPrescriber: false,
    onCall: false,
    active: true,
    ...overrides,
  };
}

/** A users table in a Map, counting lookups so tests can see when the cache read it. */
export function fakeUsers(users: User[]) {
  const byId = new Map(users.map((u) => [u.id, u]));
  const lookup = Object.assign(
    async (id: string) => {
      lookup.calls += 1;
      return byId.get(id) ?? null;
    },
    { calls: 0, byId },
  );
  return lookup;
}

export interface TestKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  kid: string;
  /** Counts how often the verifier asked for a key: one per full signature check. */
  jwks: JWTVerifyGetKey & { calls: number };
}

export async function testKeys(kid = 'test-key-1'): Promise<TestKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const local = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] });
  const jwks = Object.assign(
    async (...args: Parameters<JWTVerifyGetKey>) => {
      jwks.calls += 1;
      return local(...args);
    },
    { calls: 0 },
  );
  return { privateKey, publicKey, kid, jwks };
}

export interface SignOptions {
  claims?: JWTPayload & Record<string, unknown>;
  /** Claims to leave out entirely (e.g. 'exp'). */
  omit?: string[];
  alg?: string;
  kid?: string;
  key?: CryptoKey | Uint8Array;
  /** Seconds since the epoch; default the real now. */
  now?: number;
}

/** A well-formed access token for `sub`, unless the options break it on purpose. */
export async function signToken(keys: TestKeys, sub: string, options: SignOptions = {}): Promise<string> {
  const now = options.now ?? Math.floor(Date.now() / 1_000);
  const claims: Record<string, unknown> = {
    iss: ISSUER,
    aud: RESOURCE,
    sub,
    iat: now,
    exp: now + 3_600,
    scope: 'charta:mcp',
    client_id: 'test-client',
    ...options.claims,
  };
  for (const name of options.omit ?? []) delete claims[name];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'ES256', kid: options.kid ?? keys.kid, typ: 'at+jwt' })
    .sign(options.key ?? keys.privateKey);
}

/** An unsigned `alg: none` token, which jose will not produce. */
export function unsignedToken(sub: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1_000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: ISSUER, aud: RESOURCE, sub, exp: now + 3_600, scope: 'charta:mcp' })}.`;
}
