import type { Hono } from 'hono';
import { chatModel } from '../agent/models.ts';
import { createTracing } from '../agent/tracing.ts';
import { configuredTriageModel } from '../agent/triage-model.ts';
import { EhrError } from '../ehr/errors.ts';
import type { EhrGateway } from '../ehr/gateway.ts';
import { type ConversationStore, sqlConversationStore } from '../ehr/sql/conversations.ts';
import { createPipeline, type Pipeline } from '../policies/pipeline.ts';
import { createRateLimiter } from '../policies/rate-limit.ts';
import { allTools } from '../tools/index.ts';
import { selectTools } from '../tools/select.ts';
import { createAuth } from './auth/index.ts';
import { chatRoute } from './chat-route.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { createMcpHttp } from './mcp.ts';
import { mcpRoute } from './mcp-route.ts';
import { hostsFor } from './origin-guard.ts';
import type { Store } from './store.ts';

/**
 * The pipeline over the store's database. The store may still be connecting when a request arrives: then the
 * gateway answers `unavailable` and the audit refuses, so the call fails closed instead of running unaudited.
 */
export function pipelineFor(store: Store, log: Logger, tools: Config['tools'], model?: Config['model']): Pipeline {
  const gateway: Pick<EhrGateway, 'forPractice'> = {
    forPractice(practiceId) {
      const ready = store.gateway;
      if (!ready || store.state.status !== 'ready') throw new EhrError('unavailable', 'the EHR database is not ready');
      return ready.forPractice(practiceId);
    },
  };
  const allowed = tools.allow ? selectTools(allTools, tools.allow) : null;
  const triageModel = model ? configuredTriageModel(model, { timeoutMs: 20_000 }) : null;
  if (allowed && !allowed.ok) throw new Error(`CHARTA_TOOLS names unknown tools: ${allowed.unknown.join(', ')}`);
  return createPipeline({
    tools: allTools,
    readOnly: tools.readOnly,
    ...(allowed?.ok ? { allowTools: allowed.names } : {}),
    ...(tools.ratePerMinute > 0 ? { rateLimit: createRateLimiter({ perMinute: tools.ratePerMinute }) } : {}),
    gateway,
    audit: {
      append: (event) => {
        const audit = store.audit;
        return audit ? audit.append(event) : Promise.reject(new Error('the audit log is not ready'));
      },
    },
    onInternalError: (error, tool) => log.error({ err: error, tool }, 'tool call failed'),
    ...(triageModel ? { triageModel } : {}),
  });
}

/** The HTTP surfaces beside /health and /ready: OAuth metadata (and the dev issuer), and /mcp behind bearer auth. */
export async function httpSurfaces(
  config: Config,
  store: Store,
  log: Logger,
  port: number,
): Promise<{ routes: Hono[]; close: () => Promise<void> }> {
  const auth = await createAuth(config.auth, {
    users: async (id) => {
      const gateway = store.gateway;
      if (!gateway) throw new EhrError('unavailable', 'the EHR database is not ready');
      return gateway.findUserById(id);
    },
    log,
  });
  const pipeline = pipelineFor(store, log, config.tools, config.model);
  const publicOrigin = new URL(config.auth.resource).origin;
  // One DNS-rebinding guard for every surface: the same hosts and origin reach /mcp and /api/chat.
  const guard = { allowedHosts: hostsFor(config.host, port, publicOrigin), allowedOrigins: [publicOrigin] };
  const mcp = mcpRoute({
    handler: createMcpHttp(pipeline),
    authenticate: auth.authenticate,
    guard,
  });
  const tracing = config.langfuse ? createTracing(config.langfuse) : undefined;
  const conversations = conversationsFor(store, config.model.retentionDays, log);
  const chat = chatRoute({
    pipeline,
    model: chatModel(config.model),
    authenticate: auth.authenticate,
    guard,
    maxSteps: config.model.maxSteps,
    linkHosts: config.model.linkHosts,
    phiMode: config.model.phiMode,
    ...(conversations ? { conversations } : {}),
    ...(tracing ? { tracing } : {}),
    log,
  });
  return {
    routes: [auth.routes, mcp, chat],
    // The last batch of spans goes out before the process does.
    close: async () => {
      await tracing?.shutdown().catch((error: unknown) => log.warn({ err: error }, 'could not flush traces'));
    },
  };
}

/** The conversation store once the database is ready, and an hourly purge of conversations past retention. */
function conversationsFor(
  store: Store,
  retentionDays: number,
  log: Logger,
): (() => ConversationStore | undefined) | null {
  if (retentionDays === 0) return null;
  let cached: { database: unknown; conversations: ConversationStore } | undefined;
  const get = () => {
    const database = store.database;
    if (!database || store.state.status !== 'ready') return undefined;
    if (cached?.database !== database) cached = { database, conversations: sqlConversationStore(database.db) };
    return cached.conversations;
  };
  const purge = () => {
    const conversations = get();
    if (!conversations) return;
    conversations
      .purge(new Date(Date.now() - retentionDays * 86_400_000))
      .then((n) => n > 0 && log.info({ purged: n, retentionDays }, 'purged chat conversations past retention'))
      .catch((error: unknown) => log.warn({ err: error }, 'could not purge chat conversations'));
  };
  setTimeout(purge, 5_000).unref();
  setInterval(purge, 3_600_000).unref();
  return get;
}
