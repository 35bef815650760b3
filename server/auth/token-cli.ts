import type { EhrGateway } from '../../ehr/gateway.ts';
import type { Config } from '../config.ts';
import { createDevIssuer } from './dev-issuer.ts';

export interface DevToken {
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  userId: string;
  username: string;
  /** The `/mcp` URL the token is for. */
  audience: string;
}

/** A refusal meant for the person at the terminal: the CLI prints the message and exits non-zero. */
export class DevTokenError extends Error {
  override readonly name = 'DevTokenError';
}

/**
 * `charta token --user <username>`: mints a dev-issuer access token for a demo user. It signs with the same key
 * file the server loads (`CHARTA_DATA_DIR/dev-issuer-key.json`, created here if the server has not run yet), so the
 * token is accepted by a server started before or after. The user must exist and be active; the role is not in the
 * token (the server reads it from the users table on every verification).
 */
export async function mintDevToken(
  config: Config,
  gateway: Pick<EhrGateway, 'findUserByUsername'>,
  username: string,
  options: { ttlSec?: number } = {},
): Promise<DevToken> {
  if (!config.auth.devIssuer) {
    throw new DevTokenError(
      'the dev issuer is off (AUTH_DEV_ISSUER=false, AUTH_ISSUER set, or NODE_ENV=production); get a token from your authorization server',
    );
  }
  const user = await gateway.findUserByUsername(username);
  if (!user) throw new DevTokenError(`no user named ${JSON.stringify(username)}`);
  if (!user.active) throw new DevTokenError(`${username} is deactivated; the server would refuse the token`);
  const issuer = await createDevIssuer({
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    keyFile: config.auth.devIssuerKeyFile,
  });
  const { token, expiresAt } = await issuer.mintToken({ userId: user.id, ttlSec: options.ttlSec });
  return { token, expiresAt, userId: user.id, username: user.username, audience: config.auth.audience };
}
