import * as z from 'zod';
import { minimizeClient, SEES_DIAGNOSES } from '../policies/phi.ts';
import { defineTool } from './define.ts';
import { ClientView, RecordId } from './schemas.ts';

export const getClient = defineTool({
  name: 'get_client',
  title: 'Get client',
  description:
    'One client of your caseload (front desk and billing: of the practice) with the fields your role may see, their diagnoses where your role may see them, and their care team.',
  permission: 'client:read',
  effect: 'read',
  input: z.object({ clientId: RecordId.describe('client id, e.g. cli_…') }),
  output: z.object({
    client: ClientView,
    diagnoses: z
      .array(z.object({ code: z.string(), description: z.string(), rank: z.number(), status: z.string() }))
      .optional(),
    careTeam: z.array(z.object({ clinicianId: z.string(), role: z.string() })),
  }),
  async run({ clientId }, { scope, ehr, principal, touch }) {
    const client = await scope.requireClient(clientId);
    touch(client.id);
    const [diagnoses, careTeam] = await Promise.all([
      SEES_DIAGNOSES[principal.role] ? ehr.read.clients.diagnoses(client.id) : Promise.resolve(undefined),
      ehr.read.clients.careTeam(client.id),
    ]);
    return {
      client: minimizeClient(principal.role, client),
      ...(diagnoses
        ? { diagnoses: diagnoses.map(({ code, description, rank, status }) => ({ code, description, rank, status })) }
        : {}),
      careTeam: careTeam.map(({ clinicianId, role }) => ({ clinicianId, role })),
    };
  },
});
