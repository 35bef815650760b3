import * as z from 'zod';
import { defineTool } from './define.ts';
import { AppointmentView, Cursor, Limit, page, RecordId } from './schemas.ts';

export const listAppointments = defineTool({
  name: 'list_appointments',
  title: 'List appointments',
  description:
    'Appointments in time order: one client’s (when clientId is given) or, otherwise, yours (clinicians), yours and your supervisees’ (supervisors), or the practice’s (front desk, billing). Filter by an ISO time window and status.',
  permission: 'appointment:read',
  effect: 'read',
  input: z.object({
    clientId: RecordId.optional(),
    from: z.iso.datetime({ offset: true }).optional().describe('inclusive start, ISO 8601'),
    to: z.iso.datetime({ offset: true }).optional().describe('exclusive end, ISO 8601'),
    status: z.enum(['scheduled', 'completed', 'cancelled', 'no_show', 'late_cancelled']).optional(),
    limit: Limit(50, 10),
    cursor: Cursor,
  }),
  output: page(AppointmentView),
  async run(input, { scope, ehr, principal, touch }) {
    let clinicianIds: string[] | undefined;
    if (input.clientId) {
      await scope.requireClient(input.clientId);
    } else if (scope.grant.reach !== 'practice') {
      clinicianIds =
        scope.grant.reach === 'supervision'
          ? [principal.userId, ...(await ehr.read.users.supervisees(principal.userId))]
          : [principal.userId];
    }
    const result = await ehr.read.appointments.list({
      ...(input.clientId ? { clientId: input.clientId } : {}),
      ...(clinicianIds ? { clinicianIds } : {}),
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
      ...(input.status ? { status: input.status } : {}),
      limit: input.limit,
      cursor: input.cursor ?? null,
    });
    touch(...result.items.map((a) => a.id));
    return {
      items: result.items.map(({ participants: _p, location: _l, cancelReason: _c, ...rest }) => rest),
      nextCursor: result.nextCursor,
    };
  },
});
