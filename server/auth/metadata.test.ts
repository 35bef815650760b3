import { describe, expect, it } from 'vitest';
import { protectedResourceMetadataUrl, protectedResourceRoutes } from './metadata.ts';

describe('protected-resource metadata (RFC 9728)', () => {
  const app = protectedResourceRoutes({ resource: 'https://charta.test/mcp', issuer: 'https://idp.test/' });

  it('serves the document at the bare and the path-suffixed well-known paths', async () => {
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.json()).toEqual({
        resource: 'https://charta.test/mcp',
        authorization_servers: ['https://idp.test/'],
        scopes_supported: ['charta:mcp'],
        bearer_methods_supported: ['header'],
        resource_name: 'charta',
      });
    }
  });

  it('derives the metadata URL from the resource URL, as clients do', () => {
    expect(protectedResourceMetadataUrl('https://charta.test/mcp')).toBe(
      'https://charta.test/.well-known/oauth-protected-resource/mcp',
    );
    expect(protectedResourceMetadataUrl('http://127.0.0.1:8787/ehr/charta/mcp/')).toBe(
      'http://127.0.0.1:8787/.well-known/oauth-protected-resource/ehr/charta/mcp',
    );
  });

  it('validates its options', () => {
    expect(() => protectedResourceRoutes({ resource: 'mcp', issuer: 'https://idp.test/' })).toThrow(/absolute URL/);
    expect(() => protectedResourceRoutes({ resource: 'https://charta.test/mcp', issuer: '' })).toThrow(/issuer/);
  });
});
