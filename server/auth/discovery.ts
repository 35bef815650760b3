import { createRemoteJWKSet, customFetch, type FetchImplementation, type JWTVerifyGetKey } from 'jose';

export interface RemoteJwksOptions {
  issuer: string;
  /** AUTH_JWKS_URL; when null the issuer's metadata names it. */
  jwksUrl: string | null;
  /** Tests hand in a fake; production uses the global fetch. */
  fetch?: typeof fetch;
  /** How long a failed discovery is remembered before the next request tries again. Default 10 s. */
  retryAfterMs?: number;
}

const TIMEOUT_MS = 5_000;

/** RFC 8414 §3.1 path-inserted form first, then OpenID Connect Discovery's appended form. */
function metadataUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, '');
  return [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}${path}/.well-known/openid-configuration`,
  ];
}

async function discoverJwksUri(issuer: string, fetchImpl: typeof fetch): Promise<string> {
  const failures: string[] = [];
  for (const url of metadataUrls(issuer)) {
    try {
      const response = await fetchImpl(url, {
        headers: { accept: 'application/json' },
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.status !== 200) {
        failures.push(`${url}: HTTP ${response.status}`);
        continue;
      }
      const body: unknown = await response.json();
      const meta = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      // RFC 8414 §3.3: metadata naming another issuer must not be used (it could point at an attacker's keys).
      if (meta.issuer !== issuer) {
        failures.push(`${url}: names a different issuer`);
        continue;
      }
      if (typeof meta.jwks_uri !== 'string' || !URL.canParse(meta.jwks_uri)) {
        failures.push(`${url}: no jwks_uri`);
        continue;
      }
      return meta.jwks_uri;
    } catch (error) {
      failures.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`could not discover the JWKS of ${issuer} (${failures.join('; ')})`);
}

/**
 * The key source for an external issuer: jose's remote JWKS (cached, refetched on an unknown kid with a cooldown),
 * at AUTH_JWKS_URL or at the `jwks_uri` the issuer's metadata gives. Discovery runs on first use, not at start, so
 * charta starts while the issuer is down; errors thrown here become 503s in the verifier, not 401s.
 */
export function remoteJwks(options: RemoteJwksOptions): JWTVerifyGetKey {
  const fetchImpl = options.fetch ?? fetch;
  const retryAfterMs = options.retryAfterMs ?? 10_000;
  const build = (url: string) =>
    createRemoteJWKSet(new URL(url), {
      timeoutDuration: TIMEOUT_MS,
      [customFetch]: fetchImpl as FetchImplementation,
    });
  if (options.jwksUrl) return build(options.jwksUrl);

  let keys: Promise<JWTVerifyGetKey> | null = null;
  let failedAt = 0;
  return async (header, token) => {
    if (!keys || (failedAt && Date.now() - failedAt > retryAfterMs)) {
      failedAt = 0;
      keys = discoverJwksUri(options.issuer, fetchImpl).then(build);
      keys.catch(() => {
        failedAt = Date.now();
      });
    }
    const getKey = await keys;
    return getKey(header, token);
  };
}
