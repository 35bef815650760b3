import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createDevIssuer } from './dev-issuer.ts';
import { fakeUsers, testUser } from './fixtures.ts';
import { type AuthEnv, createAuth } from './index.ts';

const USER = 'usr_test_clinician';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'charta-auth-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The app as the lead will wire it: public routes at '/', the middleware in front of /mcp. */
async function devApp(env: Record<string, string> = {}) {
  const config = loadConfig({ CHARTA_DATA_DIR: dir, PUBLIC_URL: 'http://127.0.0.1:8787', ...env });
  const users = fakeUsers([testUser(USER, 'supervisor')]);
  const auth = await createAuth(config.auth, { users });
  const app = new Hono<AuthEnv>();
  app.route('/', auth.routes);
  app.use('/mcp', auth.middleware);
  app.post('/mcp', (c) => c.json({ role: c.get('auth').user.role }));
  return { app, auth, config };
}

describe('dev issuer', () => {
  it('mints tokens the verifier accepts (round trip through the HTTP middleware)', async () => {
    const { app, auth } = await devApp();
    const { token, expiresAt } = await auth.devIssuer!.mintToken({ userId: USER, ttlSec: 600 });
    expect(decodeJwt(token)).toMatchObject({
      iss: 'http://127.0.0.1:8787/dev-issuer',
      aud: 'http://127.0.0.1:8787/mcp',
      sub: USER,
      scope: 'charta:mcp',
      exp: expiresAt,
    });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: auth.devIssuer!.kid, typ: 'at+jwt' });
    const response = await app.request('/mcp', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ role: 'supervisor' });
  });

  it('keeps its key in CHARTA_DATA_DIR (owner-only), so tokens survive a restart', async () => {
    const first = await devApp();
    const { token } = await first.auth.devIssuer!.mintToken({ userId: USER });
    const file = first.config.auth.devIssuerKeyFile;
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });

    const restarted = await devApp();
    expect(restarted.auth.devIssuer!.kid).toBe(first.auth.devIssuer!.kid);
    const response = await restarted.app.request('/mcp', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
  });

  it('refuses a damaged key file instead of replacing it', async () => {
    const keyFile = join(dir, 'dev-issuer-key.json');
    await writeFile(keyFile, '{"kty":"RSA"}');
    await expect(createDevIssuer({ issuer: 'http://h/dev-issuer', audience: 'http://h/mcp', keyFile })).rejects.toThrow(
      /not an Ed25519 private JWK; delete it/,
    );
  });

  it('serves its JWKS and RFC 8414 metadata, and the protected-resource metadata names it', async () => {
    const { app, auth } = await devApp();
    const jwks = (await (await app.request('/dev-issuer/jwks.json')).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', kid: auth.devIssuer!.kid })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    for (const path of [
      '/.well-known/oauth-authorization-server/dev-issuer',
      '/.well-known/oauth-authorization-server',
    ]) {
      expect(await (await app.request(path)).json()).toMatchObject({
        issuer: 'http://127.0.0.1:8787/dev-issuer',
        jwks_uri: 'http://127.0.0.1:8787/dev-issuer/jwks.json',
        scopes_supported: ['charta:mcp'],
      });
    }
    const prm = await (await app.request('/.well-known/oauth-protected-resource/mcp')).json();
    expect(prm).toMatchObject({ authorization_servers: ['http://127.0.0.1:8787/dev-issuer'] });
    expect(auth.resourceMetadataUrl).toBe('http://127.0.0.1:8787/.well-known/oauth-protected-resource/mcp');
  });

  it('hands the /mcp route a caller whose Principal comes from the users table', async () => {
    const { auth } = await devApp();
    const app = new Hono();
    app.post('/mcp', async (c) => {
      const caller = await auth.authenticate(c);
      return caller instanceof Response ? caller : c.json(caller);
    });
    const { token, expiresAt } = await auth.devIssuer!.mintToken({ userId: USER });
    const ok = await app.request('/mcp', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(await ok.json()).toEqual({
      principal: {
        userId: USER,
        username: 'test.clinician',
        role: 'supervisor',
        practiceId: 'prc_test',
        surface: 'mcp',
        clientApp: 'charta-dev-issuer',
      },
      token: { value: token, expiresAt, scopes: ['charta:mcp'] },
    });
    const refused = await app.request('/mcp', { method: 'POST' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${auth.resourceMetadataUrl}"`);
  });

  it('refuses bad mint requests', async () => {
    const issuer = await createDevIssuer({ issuer: 'http://h/dev-issuer', audience: 'http://h/mcp', keyFile: null });
    await expect(issuer.mintToken({ userId: '' })).rejects.toThrow(/userId/);
    await expect(issuer.mintToken({ userId: USER, ttlSec: 0 })).rejects.toThrow(/ttlSec/);
    await expect(issuer.mintToken({ userId: USER, scopes: ['a"b'] })).rejects.toThrow(/bad scope/);
  });

  it('is refused in production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://c.example', AUTH_DEV_ISSUER: 'true' }),
    ).toThrow(/AUTH_DEV_ISSUER: must be false in production/);
  });
});
