import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

const PRODUCTION = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://charta.example.com',
  AUTH_ISSUER: 'https://idp.example.com/',
};

describe('auth configuration', () => {
  it('defaults to the dev issuer on http://HOST:PORT outside production', () => {
    expect(loadConfig({ CHARTA_DATA_DIR: '/srv/charta' }).auth).toEqual({
      publicUrl: 'http://127.0.0.1:8787',
      resource: 'http://127.0.0.1:8787/mcp',
      audience: 'http://127.0.0.1:8787/mcp',
      issuer: 'http://127.0.0.1:8787/dev-issuer',
      jwksUrl: null,
      devIssuer: true,
      devIssuerKeyFile: '/srv/charta/dev-issuer-key.json',
    });
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '9000' }).auth.publicUrl).toBe('http://127.0.0.1:9000');
    expect(loadConfig({ HOST: '::1' }).auth.publicUrl).toBe('http://[::1]:8787');
  });

  it('derives the resource and audience from PUBLIC_URL, without a trailing slash', () => {
    const { auth } = loadConfig({ PUBLIC_URL: 'https://ehr.example.com/charta/' });
    expect(auth.resource).toBe('https://ehr.example.com/charta/mcp');
    expect(auth.audience).toBe('https://ehr.example.com/charta/mcp');
    expect(auth.issuer).toBe('https://ehr.example.com/charta/dev-issuer');
  });

  it('trusts AUTH_ISSUER exactly as written, turning the dev issuer off', () => {
    const { auth } = loadConfig({
      ...PRODUCTION,
      AUTH_AUDIENCE: 'api://charta',
      AUTH_JWKS_URL: 'https://idp.example.com/keys',
    });
    expect(auth).toMatchObject({
      issuer: 'https://idp.example.com/',
      audience: 'api://charta',
      resource: 'https://charta.example.com/mcp',
      jwksUrl: 'https://idp.example.com/keys',
      devIssuer: false,
    });
    expect(loadConfig({ AUTH_ISSUER: 'http://localhost:9999' }).auth.devIssuer).toBe(false);
  });

  it('refuses the dev issuer in production, naming AUTH_DEV_ISSUER', () => {
    expect(problemsOf({ ...PRODUCTION, AUTH_ISSUER: '', AUTH_DEV_ISSUER: 'true' })).toContainEqual(
      expect.stringMatching(/^AUTH_DEV_ISSUER: must be false in production/),
    );
  });

  it('requires an issuer and a public https URL in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toContainEqual(expect.stringMatching(/^PUBLIC_URL: required in production/));
    expect(problems).toContainEqual(expect.stringMatching(/^AUTH_ISSUER: required/));
    expect(problemsOf({ ...PRODUCTION, PUBLIC_URL: 'http://charta.example.com' })).toEqual([
      'PUBLIC_URL: must be an https:// URL in production',
    ]);
    expect(loadConfig({ ...PRODUCTION, AUTH_ISSUER: 'http://127.0.0.1:9000' }).auth.issuer).toBe(
      'http://127.0.0.1:9000',
    );
  });

  it('names conflicting and malformed auth variables', () => {
    expect(problemsOf({ AUTH_ISSUER: 'https://idp.test', AUTH_DEV_ISSUER: 'true' })).toEqual([
      'AUTH_DEV_ISSUER: must be false when AUTH_ISSUER is set',
    ]);
    expect(problemsOf({ AUTH_DEV_ISSUER: 'false' })[0]).toMatch(/^AUTH_ISSUER: required when the dev issuer is off/);
    expect(problemsOf({ AUTH_JWKS_URL: 'https://idp.test/jwks' })).toEqual([
      'AUTH_JWKS_URL: only applies with AUTH_ISSUER',
    ]);
    expect(problemsOf({ PUBLIC_URL: 'ftp://x' })[0]).toMatch(/^PUBLIC_URL: must be an http/);
    expect(problemsOf({ PUBLIC_URL: 'https://x.test/?a=1' })).toEqual([
      'PUBLIC_URL: must not have a query or fragment',
    ]);
    expect(problemsOf({ AUTH_AUDIENCE: 'not a uri' })[0]).toMatch(/^AUTH_AUDIENCE: must be an absolute URI/);
  });
});
