import { Hono } from 'hono';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { fakeUsers, testUser } from './fixtures.ts';
import { type AuthEnv, createAuth } from './index.ts';

const ISSUER = 'https://idp.test/';
const USER = 'usr_test_clinician';
let privateKey: CryptoKey;
let publicJwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'rsa-1', alg: 'RS256' };
});

/** An identity provider on a fake network: each path answers with a JSON body or a status; `seen` logs requests. */
function fakeIdp(routes: Record<string, object | number>) {
  const seen: string[] = [];
  const fetchImpl = async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    seen.push(url);
    const route = routes[url];
    if (route === undefined) throw new TypeError('fetch failed');
    if (typeof route === 'number') return new Response('nope', { status: route });
    return Response.json(route);
  };
  return { fetch: fetchImpl as typeof fetch, seen };
}

async function externalApp(idp: ReturnType<typeof fakeIdp>, env: Record<string, string> = {}) {
  const config = loadConfig({
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://charta.test',
    AUTH_ISSUER: ISSUER,
    ...env,
  });
  const auth = await createAuth(config.auth, { users: fakeUsers([testUser(USER, 'biller')]), fetch: idp.fetch });
  const app = new Hono<AuthEnv>();
  app.use('/mcp', auth.middleware);
  app.post('/mcp', (c) => c.json({ role: c.get('auth').user.role }));
  const token = await new SignJWT({ scope: 'openid charta:mcp' })
    .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
    .setIssuer(ISSUER)
    .setAudience('https://charta.test/mcp')
    .setSubject(USER)
    .setExpirationTime('1h')
    .sign(privateKey);
  const call = () => app.request('/mcp', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return { call, auth };
}

describe('an external issuer', () => {
  it("finds the JWKS through the issuer's metadata (RFC 8414, then OpenID discovery) and verifies RS256", async () => {
    const idp = fakeIdp({
      'https://idp.test/.well-known/oauth-authorization-server': 404,
      'https://idp.test/.well-known/openid-configuration': { issuer: ISSUER, jwks_uri: 'https://idp.test/keys' },
      'https://idp.test/keys': { keys: [publicJwk] },
    });
    const { call } = await externalApp(idp);
    expect(idp.seen).toEqual([]); // discovery waits for the first token, so charta starts while the issuer is down
    const response = await call();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ role: 'biller' });
    expect((await call()).status).toBe(200);
    expect(idp.seen).toHaveLength(3);
  });

  it('uses AUTH_JWKS_URL as given, without discovery', async () => {
    const idp = fakeIdp({ 'https://keys.idp.test/jwks': { keys: [publicJwk] } });
    const { call } = await externalApp(idp, { AUTH_JWKS_URL: 'https://keys.idp.test/jwks' });
    expect((await call()).status).toBe(200);
    expect(idp.seen).toEqual(['https://keys.idp.test/jwks']);
  });

  it('answers 503, not 401, when the issuer cannot be reached or its metadata names another issuer', async () => {
    const cases: [ReturnType<typeof fakeIdp>, Record<string, string>][] = [
      [fakeIdp({}), {}],
      [
        fakeIdp({
          'https://idp.test/.well-known/oauth-authorization-server': {
            issuer: 'https://evil.test/',
            jwks_uri: 'https://evil.test/k',
          },
          'https://idp.test/.well-known/openid-configuration': 500,
        }),
        {},
      ],
      [fakeIdp({ 'https://keys.idp.test/jwks': 502 }), { AUTH_JWKS_URL: 'https://keys.idp.test/jwks' }],
    ];
    for (const [idp, env] of cases) {
      const { call } = await externalApp(idp, env);
      const response = await call();
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(idp.seen.some((u) => u.startsWith('https://evil.test'))).toBe(false);
    }
  });
});
