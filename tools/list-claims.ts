import * as z from 'zod';
import { PART2_NOTICE } from '../policies/part2.ts';
import { defineTool } from './define.ts';
import { Cursor, Limit, page, RecordId } from './schemas.ts';

const CLAIM_STATUSES = ['draft', 'ready', 'submitted', 'accepted', 'rejected', 'denied', 'paid'] as const;

export const listClaims = defineTool({
  name: 'list_claims',
  title: 'List claims',
  description:
    'Insurance claims with their service lines (CPT, modifiers, units, diagnosis pointers, charges), newest date of service first: the practice’s, or one client’s; filter by status. Claims of a substance-use program client appear only under a Part 2 consent covering payment, and carry the redisclosure notice. Never creates, edits or submits a claim.',
  permission: 'claim:read',
  effect: 'read',
  input: z.object({
    clientId: RecordId.optional(),
    status: z.enum(CLAIM_STATUSES).optional(),
    limit: Limit(50, 10),
    cursor: Cursor,
  }),
  output: page(
    z.object({
      id: RecordId,
      clientId: RecordId,
      appointmentId: RecordId.nullable(),
      renderingProviderId: RecordId,
      payer: z.string(),
      payerId: z.string().nullable(),
      memberId: z.string().nullable(),
      dateOfService: z.string(),
      diagnosisCodes: z.array(z.string()),
      placeOfService: z.string(),
      status: z.enum(CLAIM_STATUSES),
      totalChargeCents: z.number().int(),
      denialReason: z.string().nullable(),
      submittedAt: z.string().nullable(),
      lines: z.array(
        z.object({
          lineNumber: z.number().int(),
          cpt: z.string(),
          modifiers: z.array(z.string()),
          units: z.number(),
          minutes: z.number().nullable(),
          placeOfService: z.string(),
          diagnosisPointers: z.array(z.string()),
          chargeCents: z.number().int(),
          dateOfService: z.string(),
        }),
      ),
    }),
  ).extend({ notice: z.string().optional() }),
  async run(input, { scope, ehr, touch }) {
    if (input.clientId) await scope.requireClient(input.clientId);
    // The walled gateway leaves out claims the caller may not see (reach, Part 2 without a payment consent).
    const result = await ehr.read.claims.list({
      ...(input.clientId ? { clientId: input.clientId } : {}),
      ...(input.status ? { status: input.status } : {}),
      limit: input.limit,
      cursor: input.cursor ?? null,
    });
    const clientIds = [...new Set(result.items.map((c) => c.clientId))];
    const clients = await Promise.all(clientIds.map((id) => ehr.read.clients.get(id)));
    touch(...clientIds, ...result.items.map((c) => c.id));
    return {
      items: result.items.map(({ submittedBy: _s, ...claim }) => claim),
      nextCursor: result.nextCursor,
      ...(clients.some((c) => c?.part2) ? { notice: PART2_NOTICE } : {}),
    };
  },
});
