import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { type Config, describeDatabase } from './config.ts';
import type { Logger } from './logger.ts';
import { Store } from './store.ts';
import { VERSION } from './version.ts';

export interface RunningServer {
  url: string;
  store: Store;
  /** Stops accepting connections, lets in-flight requests finish (up to the timeout), closes the database. */
  stop(): Promise<void>;
}

/** Starts the HTTP server at once (so /health answers immediately) and the store beside it. */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const store = new Store(config, log);
  const app = createApp({ log, version: VERSION, readiness: () => store.readiness(config.readyTimeoutMs) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  await store.start();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections would hold close() open; in-flight requests still get to finish.
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs).unref());
      await Promise.race([closed, timeout]);
      if ('closeAllConnections' in server) server.closeAllConnections();
      await store.close();
    })();
    return stopping;
  };
  log.info({ url, database: describeDatabase(config), state: store.state.status }, 'charta started');
  return { url, store, stop };
}
