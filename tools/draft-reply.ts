import * as z from 'zod';
import { ToolError } from '../policies/errors.ts';
import { defineTool } from './define.ts';
import { RecordId } from './schemas.ts';

export const draftReply = defineTool({
  name: 'draft_reply',
  title: 'Draft a portal reply',
  description:
    'Saves a reply you wrote to a portal thread as a DRAFT, marked AI-generated with its provenance, for a client you may see. It only creates a draft that a staff member must review and send from the inbox; nothing is ever sent to the client by this tool.',
  permission: 'message:draft_reply',
  effect: 'draft',
  input: z.object({
    threadId: RecordId.describe('thread id, e.g. thr_…'),
    messageId: RecordId.optional().describe('the message in that thread being answered'),
    body: z.string().trim().min(1).max(5000).describe('the reply text, at most 5,000 characters'),
  }),
  output: z.object({
    id: RecordId,
    threadId: RecordId,
    status: z.literal('draft'),
    version: z.number().int(),
  }),
  async run(input, { scope, ehr, principal, touch }) {
    const thread = await ehr.read.inbox.getThread(input.threadId);
    if (!thread) throw new ToolError('not_found', 'No thread with that id.');
    await scope.requireClient(thread.clientId);
    touch(thread.id, thread.clientId);
    const draft = await ehr.drafts.replies.createDraft({
      threadId: thread.id,
      messageId: input.messageId ?? null,
      authorId: principal.userId,
      body: input.body,
      aiGenerated: true,
      provenance: {
        model: 'supplied-by-caller',
        promptVersion: 'n/a',
        generatedAt: new Date().toISOString(),
        evidence: [],
        tool: 'draft_reply',
        surface: principal.surface,
        clientApp: principal.clientApp,
      },
    });
    touch(draft.id);
    if (draft.status !== 'draft') throw new Error(`the draft writer returned a ${draft.status} reply`);
    return { id: draft.id, threadId: draft.threadId, status: draft.status, version: draft.version };
  },
});
