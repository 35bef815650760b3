import type { Role } from '../ehr/types.ts';

/** Where a call came from. */
export type Surface = 'chat' | 'mcp' | 'webhook';

/**
 * Who is calling: an authenticated charta user, with the role charta's users table gives them (never a role taken
 * from a token claim, a model or a request body), and the surface and client application they called through.
 */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly practiceId: string;
  readonly surface: Surface;
  /** e.g. "claude-desktop", "charta-web"; null when unknown. */
  readonly clientApp: string | null;
}
