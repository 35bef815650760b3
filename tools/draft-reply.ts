import * as z from 'zod';
import { draftReplyBody, replyConcerns } from '../clinical/triage/replies.ts';
import type { EvidenceSpan, InboxMessage } from '../ehr/types.ts';
import { ToolError } from '../policies/errors.ts';
import { defineTool, type ToolContext } from './define.ts';
import { RecordId } from './schemas.ts';
import { routeOf, triageOf } from './triage-view.ts';

export const draftReply = defineTool({
  name: 'draft_reply',
  title: 'Draft a portal reply',
  description:
    'Saves a reply to a portal thread as a DRAFT, marked AI-generated with its provenance, for a client you may see. Give the body you wrote, or leave it out and charta drafts one from the message’s triage (messageId, or the thread’s latest client message): per category, in the practice’s voice and the message’s language, never a diagnosis, medication advice or a promise. A message triaged as a risk gets crisis resources (988 Suicide & Crisis Lifeline, 911) and is drafted only by a clinician, never the front desk. It only creates a draft that a staff member must review and send from the inbox; nothing is ever sent to the client by this tool.',
  permission: 'message:draft_reply',
  effect: 'draft',
  input: z.object({
    threadId: RecordId.describe('thread id, e.g. thr_…'),
    messageId: RecordId.optional().describe('the message in that thread being answered'),
    body: z
      .string()
      .trim()
      .min(1)
      .max(5000)
      .optional()
      .describe('the reply text, at most 5,000 characters; leave out to have charta draft it'),
  }),
  output: z.object({
    id: RecordId,
    threadId: RecordId,
    status: z.literal('draft'),
    version: z.number().int(),
    generated: z.boolean().optional(),
    route: z.enum(['clinician', 'front_desk']).optional(),
  }),
  async run(input, { scope, ehr, principal, touch }) {
    const thread = await ehr.read.inbox.getThread(input.threadId);
    if (!thread) throw new ToolError('not_found', 'No thread with that id.');
    await scope.requireClient(thread.clientId);
    touch(thread.id, thread.clientId);
    let body = input.body;
    let generated: { route: 'clinician' | 'front_desk'; evidence: EvidenceSpan[] } | null = null;
    // The message answered is triaged whoever wrote the body: a reply the front desk wrote itself to an escalated
    // message is as much out of its hands as one charta drafts.
    const message = await answeredMessage(ehr, thread.id, input.messageId, body === undefined);
    const messageId = message?.id ?? null;
    if (message) touch(message.id);
    const triage = message ? triageOf(message) : null;
    if (triage?.escalate && principal.role === 'front_desk') {
      throw new ToolError(
        'forbidden',
        'This message is escalated to the client’s clinician; the clinician drafts the reply, not the front desk.',
      );
    }
    if (body === undefined) {
      if (!message || !triage) throw new ToolError('invalid_input', 'This thread has no client message to answer.');
      const route = routeOf(triage);
      const practice = await ehr.read.practice();
      body = draftReplyBody(triage, { language: message.language, signature: `${practice.name} care team` });
      const concerns = replyConcerns(body);
      if (concerns.length > 0) throw new Error(`a reply template broke its rules: ${concerns[0]?.concern}`);
      generated = {
        route,
        evidence: triage.reasons.map((r) => ({
          section: 'body',
          sourceType: 'message' as const,
          sourceId: message.id,
          start: r.start,
          end: r.end,
        })),
      };
    }
    const draft = await ehr.drafts.replies.createDraft({
      threadId: thread.id,
      messageId,
      authorId: principal.userId,
      body,
      aiGenerated: true,
      provenance: {
        model: generated ? 'charta-reply-templates' : 'supplied-by-caller',
        promptVersion: generated ? 'reply-templates-v1' : 'n/a',
        generatedAt: new Date().toISOString(),
        evidence: generated?.evidence ?? [],
        tool: 'draft_reply',
        surface: principal.surface,
        clientApp: principal.clientApp,
      },
    });
    touch(draft.id);
    if (draft.status !== 'draft') throw new Error(`the draft writer returned a ${draft.status} reply`);
    return {
      id: draft.id,
      threadId: draft.threadId,
      status: draft.status,
      version: draft.version,
      ...(generated ? { generated: true, route: generated.route } : {}),
    };
  },
});

/**
 * The message a reply answers: the one named, which must be in the thread, or the latest from the client. A thread
 * with no client message has none; that is an error only when charta is to draft the body from it.
 */
async function answeredMessage(
  ehr: ToolContext['ehr'],
  threadId: string,
  messageId: string | undefined,
  required: boolean,
): Promise<InboxMessage | null> {
  if (messageId !== undefined) {
    const message = await ehr.read.inbox.getMessage(messageId);
    if (!message || message.threadId !== threadId) {
      throw new ToolError('invalid_input', 'That message is not in this thread.');
    }
    return message;
  }
  let latest: InboxMessage | undefined;
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await ehr.read.inbox.listMessages(threadId, { limit: 100, cursor });
    for (const m of page.items) if (m.senderKind !== 'staff') latest = m;
    cursor = page.nextCursor;
  } while (cursor && ++pages < 20);
  if (!latest && required)
    throw new ToolError('invalid_input', 'This thread has no client message to answer; give a body.');
  return latest ?? null;
}
