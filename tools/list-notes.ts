import * as z from 'zod';
import { defineTool } from './define.ts';
import { Cursor, Limit, NoteSummary, page, RecordId } from './schemas.ts';

export const listNotes = defineTool({
  name: 'list_notes',
  title: 'List notes',
  description:
    'Progress and intake notes of one client, newest first, without their text (use get_note). Psychotherapy notes are never listed; substance-use program records need a Part 2 consent.',
  permission: 'note:read',
  effect: 'read',
  input: z.object({
    clientId: RecordId,
    status: z.enum(['draft', 'signed', 'locked']).optional(),
    limit: Limit(50, 10),
    cursor: Cursor,
  }),
  output: page(NoteSummary),
  async run(input, { scope, ehr, touch }) {
    await scope.requireClient(input.clientId);
    const result = await ehr.read.notes.list({
      clientId: input.clientId,
      ...(input.status ? { status: input.status } : {}),
      limit: input.limit,
      cursor: input.cursor ?? null,
    });
    touch(input.clientId, ...result.items.map((n) => n.id));
    return {
      items: result.items.map((n) => ({
        id: n.id,
        clientId: n.clientId,
        appointmentId: n.appointmentId,
        kind: n.kind,
        format: n.format,
        status: n.status,
        aiGenerated: n.aiGenerated,
        authorId: n.authorId,
        createdAt: n.createdAt,
        signedAt: n.signedAt,
      })),
      nextCursor: result.nextCursor,
    };
  },
});
