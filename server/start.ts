import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { type AuthConfig, type Config, describeDatabase } from './config.ts';
import { startEscalationWorker } from './escalation-worker.ts';
import type { Logger } from './logger.ts';
import { startModelTriage } from './model-triage-worker.ts';
import { Store } from './store.ts';
import { httpSurfaces } from './surfaces.ts';
import { VERSION } from './version.ts';

/** With PORT=0 and no PUBLIC_URL, the default URLs name port 0 until the OS picks one; use the one it picked. */
function withBoundPort(auth: AuthConfig, port: number): AuthConfig {
  const url = new URL(auth.publicUrl);
  if (url.port !== '0') return auth;
  const fix = (value: string) => value.replace(auth.publicUrl, `${url.protocol}//${url.hostname}:${port}`);
  return {
    ...auth,
    publicUrl: fix(auth.publicUrl),
    resource: fix(auth.resource),
    audience: fix(auth.audience),
    issuer: fix(auth.issuer),
  };
}

export interface RunningServer {
  url: string;
  store: Store;
  /** The configuration as served (with the bound port filled in). */
  config: Config;
  /** Stops accepting connections, lets in-flight requests finish (up to the timeout), closes the database. */
  stop(): Promise<void>;
}

/** Starts the HTTP server at once (so /health answers immediately) and the store beside it. */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const store = new Store(config, log);
  const readiness = () => store.readiness(config.readyTimeoutMs);
  // Health and readiness answer from the first moment; the other routes join once the port (and so the canonical
  // URL the tokens are checked against) is known.
  let app = createApp({ log, version: VERSION, readiness });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: (request) => app.fetch(request), hostname: config.host, port: config.port }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const bound: Config = { ...config, auth: withBoundPort(config.auth, address.port) };
  const surfaces = await httpSurfaces(bound, store, log, address.port);
  app = createApp({ log, version: VERSION, readiness, routes: surfaces.routes });
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  await store.start();
  const modelTriage = startModelTriage(store, config, log);
  const escalation = startEscalationWorker(store, config.escalationSweepIntervalMs, log);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections would hold close() open; in-flight requests still get to finish.
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs).unref());
      await Promise.race([closed, timeout]);
      if ('closeAllConnections' in server) server.closeAllConnections();
      await modelTriage?.stop();
      await escalation?.stop();
      await surfaces.close();
      await store.close();
    })();
    return stopping;
  };
  log.info({ url, database: describeDatabase(config), state: store.state.status }, 'charta started');
  return { url, store, stop, config: bound };
}
