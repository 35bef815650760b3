import type { ToolEhr } from '../ehr/gateway.ts';
import type { Client } from '../ehr/types.ts';
import { ToolError } from './errors.ts';
import type { Principal } from './principal.ts';
import type { Grant } from './roles.ts';

/**
 * How far one call may reach into the practice's clients, resolved once per call from the grant that allowed it.
 * Cross-practice access is impossible before this point (the gateway is bound to the principal's practice).
 */
export interface CallerScope {
  readonly grant: Grant;
  /** The client ids within reach, or null when the grant covers the whole practice. */
  clientIds(): Promise<ReadonlySet<string> | null>;
  /** The client, when within reach; `not_found` when it does not exist here, `out_of_scope` when it is not theirs. */
  requireClient(clientId: string): Promise<Client>;
}

export function resolveScope(principal: Principal, grant: Grant, ehr: ToolEhr): CallerScope {
  let cached: Promise<ReadonlySet<string> | null> | undefined;
  const clientIds = () => {
    cached ??= (async () => {
      if (grant.reach === 'practice') return null;
      const clinicians =
        grant.reach === 'supervision'
          ? [principal.userId, ...(await ehr.read.users.supervisees(principal.userId))]
          : [principal.userId];
      return new Set(await ehr.read.clients.caseload(clinicians));
    })();
    return cached;
  };
  return {
    grant,
    clientIds,
    async requireClient(clientId) {
      const client = await ehr.read.clients.get(clientId);
      if (!client) throw new ToolError('not_found', 'No client with that id.');
      const reach = await clientIds();
      if (reach && !reach.has(clientId)) throw new ToolError('out_of_scope');
      return client;
    },
  };
}
