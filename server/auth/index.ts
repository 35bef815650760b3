import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { User } from '../../ehr/types.ts';
import type { AuthConfig } from '../config.ts';
import type { McpCaller } from '../mcp-route.ts';
import { createDevIssuer, DEV_ISSUER_ALGORITHM, type DevIssuer } from './dev-issuer.ts';
import { remoteJwks } from './discovery.ts';
import { protectedResourceMetadataUrl, protectedResourceRoutes } from './metadata.ts';
import { type AuthEnv, bearerAuth, mcpAuthenticate } from './middleware.ts';
import { ACCEPTED_ALGORITHMS, createTokenVerifier, type TokenVerifier } from './verify.ts';

export type { DevIssuer } from './dev-issuer.ts';
export {
  type AuthEnv,
  type Authenticated,
  bearerAuth,
  bearerCheck,
  mcpAuthenticate,
  principalFor,
} from './middleware.ts';
export { AuthError, AuthUnavailableError, MCP_SCOPE, type TokenVerifier, type VerifiedToken } from './verify.ts';

export interface AuthDeps {
  /** Looks a user up by charta user id, across practices (the token's `sub` does not say which practice). */
  users: (id: string) => Promise<User | null>;
  log?: { warn(details: object, message: string): void };
  /** For an external issuer's metadata and JWKS; tests pass a fake. */
  fetch?: typeof fetch;
}

export interface HttpAuth {
  verifier: TokenVerifier;
  /** Middleware form: sets `c.get('auth')` or answers 401/403/503. */
  middleware: MiddlewareHandler<AuthEnv>;
  /** The same check as `mcpRoute`'s `authenticate` option: a caller with its Principal, or the 401/403/503. */
  authenticate: (c: Context) => Promise<McpCaller | Response>;
  /** Public documents (RFC 9728 metadata; with the dev issuer, its JWKS and RFC 8414 metadata): mount at '/'. */
  routes: Hono;
  resourceMetadataUrl: string;
  /** Present when AUTH_DEV_ISSUER is on. */
  devIssuer: DevIssuer | null;
}

/** Everything HTTP authentication needs, built once at start from `config.auth`. */
export async function createAuth(auth: AuthConfig, deps: AuthDeps): Promise<HttpAuth> {
  const devIssuer = auth.devIssuer
    ? await createDevIssuer({ issuer: auth.issuer, audience: auth.audience, keyFile: auth.devIssuerKeyFile })
    : null;
  const verifier = createTokenVerifier({
    issuer: auth.issuer,
    audience: auth.audience,
    jwks: devIssuer?.jwks ?? remoteJwks({ issuer: auth.issuer, jwksUrl: auth.jwksUrl, fetch: deps.fetch }),
    // The dev issuer only ever signs with Ed25519, so nothing else is accepted from it.
    algorithms: devIssuer ? [DEV_ISSUER_ALGORITHM] : ACCEPTED_ALGORITHMS,
    users: deps.users,
  });
  const resourceMetadataUrl = protectedResourceMetadataUrl(auth.resource);
  const routes = new Hono();
  routes.route('/', protectedResourceRoutes({ resource: auth.resource, issuer: auth.issuer }));
  if (devIssuer) routes.route('/', devIssuer.routes());
  return {
    verifier,
    middleware: bearerAuth({ verifier, resourceMetadataUrl, log: deps.log }),
    authenticate: mcpAuthenticate({ verifier, resourceMetadataUrl, log: deps.log }),
    routes,
    resourceMetadataUrl,
    devIssuer,
  };
}
