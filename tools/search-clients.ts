import * as z from 'zod';
import { defineTool } from './define.ts';
import { Cursor, Limit, page } from './schemas.ts';

export const searchClients = defineTool({
  name: 'search_clients',
  title: 'Search clients',
  description:
    'Find clients you may see by name, preferred name or MRN (accents and case ignored). Returns ids and names only; use get_client for details.',
  permission: 'client:read',
  effect: 'read',
  input: z.object({
    query: z.string().trim().min(1).max(200).describe('name, part of a name, or an MRN'),
    limit: Limit(50, 10),
    cursor: Cursor,
  }),
  output: page(z.object({ id: z.string(), name: z.string(), mrn: z.string(), status: z.string() })),
  async run({ query, limit, cursor }, { scope, ehr, touch }) {
    const reach = await scope.clientIds();
    const result = await ehr.read.clients.search({
      text: query,
      limit,
      cursor: cursor ?? null,
      ...(reach ? { clientIds: [...reach] } : {}),
    });
    touch(...result.items.map((c) => c.id));
    return {
      items: result.items.map((c) => ({
        id: c.id,
        name: `${c.preferredName ?? c.firstName} ${c.lastName}`,
        mrn: c.mrn,
        status: c.status,
      })),
      nextCursor: result.nextCursor,
    };
  },
});
