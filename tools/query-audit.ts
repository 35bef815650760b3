import * as z from 'zod';
import { defineTool } from './define.ts';
import { Cursor, Limit, page, RecordId } from './schemas.ts';

const Timestamp = z.iso.datetime({ offset: true });

export const queryAudit = defineTool({
  name: 'query_audit',
  title: 'Query the audit trail',
  description:
    'Reads the practice’s audit trail, newest first: who called which tool or took which action, when, through which surface, whether it was allowed, and which record ids it touched. Filter by user, action, decision, a record id (for an access report on one client, note or claim) and a time window. Rows hold ids and codes only, never clinical text.',
  permission: 'audit:read',
  effect: 'read',
  input: z
    .object({
      actorId: RecordId.optional().describe('user id, e.g. usr_…'),
      action: z
        .string()
        .regex(/^[a-z][a-z0-9_.]{0,63}$/, 'must be a tool or action name such as get_note')
        .optional(),
      decision: z.enum(['allow', 'deny', 'error']).optional(),
      recordId: RecordId.optional().describe('only events that touched this record'),
      since: Timestamp.optional().describe('ISO 8601 timestamp, inclusive'),
      until: Timestamp.optional().describe('ISO 8601 timestamp, exclusive'),
      limit: Limit(200, 50),
      cursor: Cursor,
    })
    .refine((q) => !q.since || !q.until || Date.parse(q.since) < Date.parse(q.until), {
      message: 'since must be before until',
      path: ['until'],
    }),
  output: page(
    z.object({
      seq: z.number().int(),
      occurredAt: z.string(),
      actorId: z.string().nullable(),
      actorRole: z.string().nullable(),
      surface: z.string(),
      clientApp: z.string().nullable(),
      action: z.string(),
      decision: z.string(),
      reasonCode: z.string().nullable(),
      recordIds: z.array(z.string()),
    }),
  ),
  async run(input, { ehr }) {
    const { since, until, ...filters } = input;
    return ehr.read.audit.list({
      ...filters,
      cursor: input.cursor ?? null,
      ...(since ? { since: new Date(since).toISOString() } : {}),
      ...(until ? { until: new Date(until).toISOString() } : {}),
    });
  },
});
