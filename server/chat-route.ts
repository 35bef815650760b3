import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { convertToModelMessages, stepCountIs, streamText, type UIMessage } from 'ai';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import type { ChatModel } from '../agent/models.ts';
import { createPseudonymizer, type Pseudonymizer } from '../agent/pseudonymize.ts';
import { sanitizingTransform } from '../agent/sanitize.ts';
import { systemPromptFor } from '../agent/system-prompt.ts';
import { chatTools } from '../agent/tools.ts';
import type { ChatTracing } from '../agent/tracing.ts';
import type { ConversationStore } from '../ehr/sql/conversations.ts';
import type { Pipeline } from '../policies/pipeline.ts';
import type { Logger } from './logger.ts';
import type { McpCaller } from './mcp-route.ts';
import { type OriginGuardOptions, originGuard } from './origin-guard.ts';
import { problem } from './problem.ts';

export interface ChatRouteOptions {
  pipeline: Pipeline;
  model: ChatModel;
  authenticate: (c: Context) => Promise<McpCaller | Response>;
  guard: OriginGuardOptions;
  maxSteps: number;
  linkHosts: readonly string[];
  log: Logger;
  today?: () => string;
  /** Where conversations are kept for their owner (a store, or a getter while the database starts); absent: none. */
  conversations?: () => ConversationStore | undefined;
  /** Langfuse/OpenTelemetry tracing; absent: none. */
  tracing?: ChatTracing;
  /** Pseudonymize PHI on its way to the model (PHI_MODE=pseudonymize). */
  phiMode?: 'off' | 'pseudonymize';
  /** A turn that takes longer is cancelled, model and tool work included. Default 120 s. */
  timeoutMs?: number;
  /** Largest request body, in bytes. Default 512 KiB. */
  maxBodyBytes?: number;
}

// The UI message stream protocol's request: the conversation so far. Parts are checked by the AI SDK when converted;
// here only the envelope and its size.
const ChatRequest = z.object({
  id: z.string().max(200).optional(),
  messages: z
    .array(
      z.looseObject({
        id: z.string().max(200).optional(),
        role: z.enum(['user', 'assistant', 'system']),
        parts: z.array(z.looseObject({ type: z.string().max(100) })).max(200),
      }),
    )
    .min(1, 'at least one message')
    .max(200, 'at most 200 messages'),
});

/**
 * POST /api/chat: the chat surface. The caller's bearer token decides the principal; the model sees the registry's
 * tools for that principal only, executed through the pipeline (surface chat); the answer streams back in the AI
 * SDK's UI message protocol (so `useChat` works), sanitized against exfiltration, labeled with the model.
 */
export function chatRoute(options: ChatRouteOptions) {
  const app = new Hono();
  const maxSize = options.maxBodyBytes ?? 512 * 1024;
  app.use('/api/chat', originGuard(options.guard));
  app.use('/api/chat/*', originGuard(options.guard));
  app.use(
    '/api/chat',
    bodyLimit({
      maxSize,
      onError: (c) =>
        problem(c, 413, 'too-large', 'Request body too large', { detail: `The limit is ${maxSize} bytes.` }),
    }),
  );
  app.post('/api/chat', async (c) => {
    const caller = await options.authenticate(c);
    if (caller instanceof Response) return caller;
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return problem(c, 400, 'invalid-json', 'The request body is not JSON');
    }
    const parsed = ChatRequest.safeParse(body);
    if (!parsed.success) {
      return problem(c, 400, 'invalid-request', 'Invalid chat request', {
        detail: parsed.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
          .join('; '),
      });
    }
    // The client cannot speak for the system: only user and assistant turns are taken from it.
    const turns = parsed.data.messages.filter((m) => m.role !== 'system') as unknown as UIMessage[];
    const principal = { ...caller.principal, surface: 'chat' as const };
    const owner = { practiceId: principal.practiceId, userId: principal.userId };
    const store = parsed.data.id ? options.conversations?.() : undefined;
    const conversationId = parsed.data.id;
    if (store && conversationId) {
      const last = turns.at(-1);
      const saved = await store.append(
        owner,
        conversationId,
        last?.role === 'user' ? [{ id: last.id ?? '', role: 'user', parts: last.parts, model: null }] : [],
      );
      if (!saved) return problem(c, 404, 'not-found', 'No such conversation');
    }
    const pseudonymizer = options.phiMode === 'pseudonymize' ? createPseudonymizer() : undefined;
    const tracing = options.tracing;
    const tools = chatTools(options.pipeline, principal, {
      ...(pseudonymizer ? { pseudonymizer } : {}),
      ...(tracing ? { tracing } : {}),
    });
    let messages: Awaited<ReturnType<typeof convertToModelMessages>>;
    try {
      // With the tools, earlier tool results in the history pass through the same masking as new ones.
      messages = await convertToModelMessages(turns, { tools });
      if (pseudonymizer) messages = maskHistory(messages, pseudonymizer);
    } catch (error) {
      return problem(c, 400, 'invalid-request', 'Invalid chat messages', {
        detail: error instanceof Error ? error.message.slice(0, 300) : 'unreadable messages',
      });
    }
    const today = options.today?.() ?? new Date().toISOString().slice(0, 10);
    const label = options.model.label;
    // The turn's span: charta ids only (never names), ended when the stream finishes, fails or is aborted.
    const turnSpan = tracing?.tracer.startSpan('chat.turn', {
      attributes: {
        'charta.user_id': principal.userId,
        'charta.practice_id': principal.practiceId,
        'charta.role': principal.role,
        'charta.surface': 'chat',
        'charta.model': label,
      },
    });
    const endTurn = (error?: unknown) => {
      if (!turnSpan) return;
      if (error)
        turnSpan.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      turnSpan.end();
    };
    const start = () =>
      streamText({
        model: options.model.model,
        system: systemPromptFor(principal.role, today, { pseudonymized: pseudonymizer !== undefined }),
        messages,
        tools,
        stopWhen: stepCountIs(options.maxSteps),
        // The client going away, or the turn outliving its budget, cancels the model call and any tool still running.
        abortSignal: AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(options.timeoutMs ?? 120_000)]),
        experimental_transform: sanitizingTransform(options.linkHosts, pseudonymizer?.restore) as never,
        onError: ({ error }) => {
          options.log.warn({ err: error, userId: principal.userId }, 'chat turn failed');
          endTurn(error);
        },
        onFinish: () => endTurn(),
        onAbort: () => endTurn(new Error('aborted')),
        ...(tracing
          ? {
              telemetry: {
                isEnabled: true,
                functionId: 'charta.chat',
                // Prompts, answers, tool arguments and results are PHI: never recorded in spans.
                recordInputs: false,
                recordOutputs: false,
                integrations: tracing.integration,
              },
            }
          : {}),
      });
    const result = turnSpan ? context.with(trace.setSpan(context.active(), turnSpan), start) : start();
    return result.toUIMessageStreamResponse({
      originalMessages: turns,
      onFinish: async ({ responseMessage }) => {
        if (!store || !conversationId) return;
        await store
          .append(owner, conversationId, [
            { id: responseMessage.id, role: 'assistant', parts: responseMessage.parts, model: label },
          ])
          .catch((error: unknown) => options.log.warn({ err: error }, 'could not store the chat answer'));
      },
      messageMetadata: ({ part }) => (part.type === 'start' || part.type === 'finish' ? { model: label } : undefined),
      onError: (error) => chatErrorMessage(error),
    });
  });
  conversationRoutes(app, options);
  return app;
}

/** The person's own conversations: list, read, delete. Another user's conversation is a 404, never a 403. */
function conversationRoutes(app: Hono, options: ChatRouteOptions) {
  const withStore = async (c: Context) => {
    const caller = await options.authenticate(c);
    if (caller instanceof Response) return caller;
    const store = options.conversations?.();
    if (!store) return problem(c, 503, 'unavailable', 'Conversations are not available');
    return { store, owner: { practiceId: caller.principal.practiceId, userId: caller.principal.userId } };
  };
  app.get('/api/chat/conversations', async (c) => {
    const ctx = await withStore(c);
    if (ctx instanceof Response) return ctx;
    return c.json({ items: await ctx.store.list(ctx.owner) });
  });
  app.get('/api/chat/conversations/:id', async (c) => {
    const ctx = await withStore(c);
    if (ctx instanceof Response) return ctx;
    const messages = await ctx.store.messages(ctx.owner, c.req.param('id'));
    return messages
      ? c.json({ id: c.req.param('id'), messages })
      : problem(c, 404, 'not-found', 'No such conversation');
  });
  app.delete('/api/chat/conversations/:id', async (c) => {
    const ctx = await withStore(c);
    if (ctx instanceof Response) return ctx;
    return (await ctx.store.remove(ctx.owner, c.req.param('id')))
      ? c.body(null, 204)
      : problem(c, 404, 'not-found', 'No such conversation');
  });
}

/** Earlier turns as the model may see them: the person's and the assistant's words re-masked. */
function maskHistory(
  messages: Awaited<ReturnType<typeof convertToModelMessages>>,
  p: Pseudonymizer,
): Awaited<ReturnType<typeof convertToModelMessages>> {
  return messages.map((m) => {
    if (m.role === 'system' || m.role === 'tool') return m;
    if (typeof m.content === 'string') return { ...m, content: p.maskText(m.content) } as typeof m;
    return {
      ...m,
      content: m.content.map((part) => (part.type === 'text' ? { ...part, text: p.maskText(part.text) } : part)),
    } as typeof m;
  });
}

/** What the person sees when a turn fails: what happened, never a stack trace or a provider's raw body. */
export function chatErrorMessage(outer: unknown): string {
  // After its retries the AI SDK throws a RetryError; the provider's own error is its lastError.
  const error = (outer as { lastError?: unknown } | null)?.lastError ?? outer;
  const status = (error as { statusCode?: number } | null)?.statusCode;
  const name = error instanceof Error ? error.name : '';
  if (status === 429) return 'The model is busy (rate limited). Try again in a moment.';
  if (status !== undefined && status >= 500) return 'The model service had an error. Try again.';
  if (/abort/i.test(name)) return 'The request was cancelled.';
  if (/timeout/i.test(name) || /timeout/i.test(String(error))) return 'The model took too long to answer. Try again.';
  if (/ECONNREFUSED|fetch failed|Cannot connect/i.test(String((error as Error)?.cause ?? error)))
    return 'The model service is unreachable right now.';
  return 'The assistant could not complete that request.';
}
