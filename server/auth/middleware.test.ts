import { Hono } from 'hono';
import { exportSPKI } from 'jose';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  fakeUsers,
  ISSUER,
  METADATA_URL,
  RESOURCE,
  signToken,
  type TestKeys,
  testKeys,
  testUser,
  unsignedToken,
} from './fixtures.ts';
import { type AuthEnv, bearerAuth, principalFor } from './middleware.ts';
import { AuthUnavailableError, createTokenVerifier, type TokenVerifierOptions } from './verify.ts';

const CLINICIAN = 'usr_test_clinician';
const INACTIVE = 'usr_test_former';

let keys: TestKeys;
let otherKeys: TestKeys;

beforeAll(async () => {
  keys = await testKeys();
  otherKeys = await testKeys('test-key-2');
});

/** An app with one protected route; `handled` counts how often the handler behind the middleware ran. */
function setup(overrides: Partial<TokenVerifierOptions> = {}) {
  const users = fakeUsers([testUser(CLINICIAN, 'clinician'), testUser(INACTIVE, 'clinician', { active: false })]);
  keys.jwks.calls = 0;
  const verifier = createTokenVerifier({
    issuer: ISSUER,
    audience: RESOURCE,
    jwks: keys.jwks,
    algorithms: ['ES256', 'RS256', 'EdDSA'],
    users,
    ...overrides,
  });
  const state = { handled: 0 };
  const app = new Hono<AuthEnv>();
  app.use('/mcp', bearerAuth({ verifier, resourceMetadataUrl: METADATA_URL }));
  app.post('/mcp', (c) => {
    state.handled += 1;
    const auth = c.get('auth');
    return c.json({ principal: principalFor(auth, 'test-client'), authInfo: { ...auth.authInfo, token: '…' } });
  });
  const call = (authorization?: string) =>
    app.request('/mcp', { method: 'POST', headers: authorization ? { authorization } : {} });
  return { app, call, state, users };
}

const now = () => Math.floor(Date.now() / 1_000);

/** Each case builds its Authorization header; all must be refused before the handler runs. */
const badTokens: [string, () => Promise<string | undefined>, RegExp][] = [
  ['no token', async () => undefined, /^$/],
  ['a malformed token', async () => 'Bearer not-a-jwt', /not a valid JWT/],
  ['an alg: none token', async () => `Bearer ${unsignedToken(CLINICIAN)}`, /algorithm/],
  [
    'an HS256 token signed with the public key as the secret',
    async () => {
      const secret = new TextEncoder().encode(await exportSPKI(keys.publicKey));
      return `Bearer ${await signToken(keys, CLINICIAN, { alg: 'HS256', key: secret })}`;
    },
    /algorithm/,
  ],
  [
    'an expired token',
    async () => `Bearer ${await signToken(keys, CLINICIAN, { claims: { iat: now() - 7_200, exp: now() - 3_600 } })}`,
    /expired/,
  ],
  [
    'a token not yet valid',
    async () => `Bearer ${await signToken(keys, CLINICIAN, { claims: { nbf: now() + 3_600 } })}`,
    /not yet valid/,
  ],
  [
    'a token from another issuer',
    async () => `Bearer ${await signToken(keys, CLINICIAN, { claims: { iss: 'https://evil.test/' } })}`,
    /issuer/,
  ],
  [
    'a token for another audience',
    async () => `Bearer ${await signToken(keys, CLINICIAN, { claims: { aud: 'https://other.test/mcp' } })}`,
    /not meant for this resource/,
  ],
  [
    'a token with a bad signature',
    async () => {
      const [header, , signature] = (await signToken(keys, CLINICIAN)).split('.');
      const forged = Buffer.from(JSON.stringify({ iss: ISSUER, aud: RESOURCE, sub: CLINICIAN, exp: now() + 60 }));
      return `Bearer ${header}.${forged.toString('base64url')}.${signature}`;
    },
    /signature is invalid/,
  ],
  [
    'a token signed with an unknown key',
    async () => `Bearer ${await signToken(keys, CLINICIAN, { kid: 'test-key-2', key: otherKeys.privateKey })}`,
    /unknown/,
  ],
  [
    'a token for an unknown user',
    async () => `Bearer ${await signToken(keys, 'usr_test_nobody')}`,
    /not a charta user/,
  ],
  ['a token for a deactivated user', async () => `Bearer ${await signToken(keys, INACTIVE)}`, /not an active/],
  [
    'a token without exp',
    async () => `Bearer ${await signToken(keys, CLINICIAN, { omit: ['exp'] })}`,
    /required exp claim/,
  ],
  ['a non-Bearer scheme', async () => 'Basic dXNlcjpwYXNz', /^$/],
];

describe('bearerAuth refuses bad tokens with 401 and never runs the handler', () => {
  it.each(badTokens)('%s', async (_name, header, description) => {
    const { call, state } = setup();
    const response = await call(await header());
    expect(response.status).toBe(401);
    expect(state.handled).toBe(0);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(new RegExp(`^Bearer resource_metadata="${METADATA_URL}"`));
    const body = (await response.json()) as { type: string; status: number; detail: string };
    expect(body).toMatchObject({ type: 'https://charta.dev/problems/unauthorized', status: 401 });
    if (description.source === '^$') {
      // No credentials: a bare challenge, no error code (RFC 6750 §3.1).
      expect(challenge).toBe(`Bearer resource_metadata="${METADATA_URL}"`);
    } else {
      expect(challenge).toContain('error="invalid_token"');
      expect(challenge).toMatch(description);
      expect(body.detail).toMatch(description);
    }
  });
});

describe('bearerAuth', () => {
  it('answers 403 insufficient_scope, naming the scope, when charta:mcp is missing', async () => {
    const { call, state } = setup();
    const response = await call(`Bearer ${await signToken(keys, CLINICIAN, { claims: { scope: 'openid email' } })}`);
    expect(response.status).toBe(403);
    expect(state.handled).toBe(0);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${METADATA_URL}", error="insufficient_scope", scope="charta:mcp", error_description="the token lacks the charta:mcp scope"`,
    );
    expect(await response.json()).toMatchObject({
      status: 403,
      type: 'https://charta.dev/problems/insufficient-scope',
    });
  });

  it('accepts a good token; the role and practice come from the users table, not forged claims', async () => {
    const { call, state } = setup();
    const token = await signToken(keys, CLINICIAN, {
      claims: { role: 'practice_admin', practiceId: 'prc_other', scp: ['charta:mcp'], scope: undefined },
    });
    const response = await call(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(state.handled).toBe(1);
    const body = (await response.json()) as { principal: object; authInfo: object };
    expect(body.principal).toEqual({
      userId: CLINICIAN,
      username: 'test.clinician',
      role: 'clinician',
      practiceId: 'prc_test',
      surface: 'mcp',
      clientApp: 'test-client',
    });
    expect(body.authInfo).toMatchObject({
      clientId: 'test-client',
      scopes: ['charta:mcp'],
      extra: { userId: CLINICIAN },
    });
    expect(body.authInfo).toHaveProperty('expiresAt');
  });

  it('formats the invalid_token challenge as RFC 6750 asks', async () => {
    const { call } = setup();
    const response = await call('Bearer a.b.c');
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${METADATA_URL}", error="invalid_token", error_description="the token is not a valid JWT"`,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 with Retry-After, not 401, when the user directory or the keys cannot be reached', async () => {
    const down = async () => {
      throw new Error('connection refused');
    };
    const token = `Bearer ${await signToken(keys, CLINICIAN)}`;
    for (const broken of [{ users: down }, { jwks: down }]) {
      const { call, state } = setup(broken);
      const response = await call(token);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(state.handled).toBe(0);
    }
  });

  it('validates its options when built', () => {
    const verifier = { verify: async () => Promise.reject(new AuthUnavailableError('unused')) };
    expect(() => bearerAuth({ verifier, resourceMetadataUrl: '/relative' })).toThrow(/resourceMetadataUrl/);
    expect(() => bearerAuth({ verifier: {} as typeof verifier, resourceMetadataUrl: METADATA_URL })).toThrow(
      /verifier/,
    );
  });
});

describe('token cache', () => {
  let clock: number;
  beforeEach(() => {
    clock = Date.now();
  });

  it('verifies a token once and serves repeats from the cache, re-reading the user only after the recheck period', async () => {
    const { call, users, state } = setup({ now: () => clock, userRecheckSec: 30 });
    const token = `Bearer ${await signToken(keys, CLINICIAN, { now: Math.floor(clock / 1_000) })}`;
    for (let i = 0; i < 5; i++) expect((await call(token)).status).toBe(200);
    expect(keys.jwks.calls).toBe(1);
    expect(users.calls).toBe(1);
    expect(state.handled).toBe(5);

    clock += 31_000;
    expect((await call(token)).status).toBe(200);
    expect(keys.jwks.calls).toBe(1);
    expect(users.calls).toBe(2);

    // Deactivation takes effect at the next recheck, though the token itself is still valid.
    users.byId.set(CLINICIAN, testUser(CLINICIAN, 'clinician', { active: false }));
    clock += 31_000;
    const refused = await call(token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('not an active charta user');
  });

  it('drops a cached token when it expires', async () => {
    const { call } = setup({ now: () => clock, clockToleranceSec: 0 });
    const token = `Bearer ${await signToken(keys, CLINICIAN, { now: Math.floor(clock / 1_000), claims: { exp: Math.floor(clock / 1_000) + 60 } })}`;
    expect((await call(token)).status).toBe(200);
    clock += 61_000;
    const response = await call(token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('expired');
    expect(keys.jwks.calls).toBe(2);
  });

  it('evicts the least recently used token when full', async () => {
    const { call } = setup({ cacheSize: 2 });
    const tokens = await Promise.all([1, 2, 3].map((n) => signToken(keys, CLINICIAN, { claims: { jti: `t${n}` } })));
    for (const t of tokens) await call(`Bearer ${t}`);
    expect(keys.jwks.calls).toBe(3);
    await call(`Bearer ${tokens[2]}`);
    await call(`Bearer ${tokens[1]}`);
    expect(keys.jwks.calls).toBe(3);
    await call(`Bearer ${tokens[0]}`);
    expect(keys.jwks.calls).toBe(4);
  });

  it('does not cache refusals', async () => {
    const { call } = setup();
    const token = `Bearer ${await signToken(keys, 'usr_test_nobody')}`;
    await call(token);
    await call(token);
    expect(keys.jwks.calls).toBe(2);
  });
});

describe('createTokenVerifier', () => {
  it('refuses algorithms outside RS256, ES256 and EdDSA, and bad tolerances', () => {
    const base = { issuer: ISSUER, audience: RESOURCE, jwks: keys.jwks, users: fakeUsers([]) };
    expect(() => createTokenVerifier({ ...base, algorithms: ['HS256' as 'RS256'] })).toThrow(/HS256 is not accepted/);
    expect(() => createTokenVerifier({ ...base, algorithms: [] })).toThrow(/at least one/);
    expect(() => createTokenVerifier({ ...base, algorithms: ['ES256'], clockToleranceSec: 3_600 })).toThrow(/0 to 300/);
  });
});
