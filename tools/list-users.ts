import * as z from 'zod';
import { ROLES } from '../ehr/types.ts';
import { defineTool } from './define.ts';

export const listUsers = defineTool({
  name: 'list_users',
  title: 'List practice staff',
  description:
    'The practice’s staff accounts: role, credentials, whether active and on call, and whom each supervisor supervises. For practice administrators reviewing access; it shows no client information.',
  permission: 'user:read',
  effect: 'read',
  input: z.object({
    role: z.enum(ROLES).optional().describe('only users with this role'),
    active: z.boolean().optional().describe('only active (true) or deactivated (false) accounts'),
  }),
  output: z.object({
    items: z.array(
      z.object({
        id: z.string(),
        username: z.string(),
        displayName: z.string(),
        role: z.enum(ROLES),
        credentials: z.string().nullable(),
        active: z.boolean(),
        onCall: z.boolean(),
        supervises: z.array(z.string()),
      }),
    ),
  }),
  async run({ role, active }, { ehr, touch }) {
    const users = await ehr.read.users.list({ ...(role ? { role } : {}), ...(active === undefined ? {} : { active }) });
    const items = await Promise.all(
      users.map(async (u) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        credentials: u.credentials,
        active: u.active,
        onCall: u.onCall,
        supervises: u.role === 'supervisor' ? await ehr.read.users.supervisees(u.id) : [],
      })),
    );
    touch(...items.map((u) => u.id));
    return { items };
  },
});
