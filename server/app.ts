import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { Logger } from './logger.ts';
import { problem } from './problem.ts';
import type { ReadinessReport } from './store.ts';

export interface AppDeps {
  log: Logger;
  readiness: () => Promise<ReadinessReport>;
  version: string;
  /** Sub-apps mounted at the root (MCP, OAuth metadata, dev issuer), in order. */
  routes?: readonly Hono[];
}

/** The HTTP surface. Routes are added here as sub-apps; handlers get their dependencies, never globals. */
export function createApp(deps: AppDeps) {
  const app = new Hono();

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // Method, route and status only: paths hold ids, never names, and bodies are never logged.
    deps.log.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });

  app.get('/health', (c) => c.json({ status: 'ok', version: deps.version }));

  app.get('/ready', async (c) => {
    const report = await deps.readiness();
    if (report.ready) return c.json({ status: 'ready', ...report });
    return problem(c, 503, 'not-ready', 'Service not ready', { detail: report.reason, database: report.database });
  });

  for (const routes of deps.routes ?? []) app.route('/', routes);

  app.notFound((c) =>
    problem(c, 404, 'not-found', 'Not found', { detail: `no route for ${c.req.method} ${c.req.path}` }),
  );

  app.onError((error, c) => {
    deps.log.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
    return problem(c, 500, 'internal', 'Internal error', {
      detail: 'an unexpected error occurred; it has been logged',
      requestId: c.get('requestId'),
    });
  });

  return app;
}
