import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, TEST_DATABASE_URL, withDatabase } from '../test/databases.ts';
import { TcpProxy } from '../test/tcp-proxy.ts';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { Store } from './store.ts';

const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

// Needs a PostgreSQL server to come and go behind a proxy; CI provides one through TEST_DATABASE_URL.
describe.skipIf(!TEST_DATABASE_URL)('store against a PostgreSQL that goes away and comes back', () => {
  const name = `charta_test_${randomBytes(6).toString('hex')}`;
  let proxy: TcpProxy;
  let store: Store;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(TEST_DATABASE_URL ?? '');
    proxy = new TcpProxy(await TcpProxy.freePort(), { host: target.hostname, port: Number(target.port || 5432) });
    const url = new URL(withDatabase(TEST_DATABASE_URL ?? '', name));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const config = loadConfig({ DATABASE_URL: url.toString(), CHARTA_DEMO: 'true', READY_TIMEOUT_MS: '500' });
    store = new Store(config, silent);
    app = createApp({ log: silent, version: 'test', readiness: () => store.readiness(config.readyTimeoutMs) });
  });

  afterAll(async () => {
    await store?.close();
    await proxy?.close();
    await dropDatabase(name);
  });

  it('starts while the database is unreachable and answers /ready 503 with the reason', async () => {
    await store.start();
    expect(store.state.status).toBe('unavailable');
    const res = await app.request('/ready');
    expect(res.status).toBe(503);
    expect((await res.json()) as { detail: string }).toMatchObject({
      detail: expect.stringMatching(/database unreachable: .*ECONNREFUSED/),
    });
    expect((await app.request('/health')).status).toBe(200);
  });

  it('migrates, loads the demo and turns ready once the database comes back', async () => {
    await proxy.open();
    await until(async () => (await app.request('/ready')).status === 200, 20_000);
    expect(store.state).toMatchObject({ status: 'ready', demoLoaded: true });
    const practices = await store.gateway?.forPractice('prc_lakeside').read.practice();
    expect(practices?.name).toBe('Lakeside Counseling');
  });

  it('reports 503 while the database drops out after startup, and 200 again when it returns', async () => {
    await proxy.close();
    const down = await app.request('/ready');
    expect(down.status).toBe(503);
    expect(((await down.json()) as { detail: string }).detail).toMatch(/database unreachable/);
    await proxy.open();
    await until(async () => (await app.request('/ready')).status === 200, 15_000);
  });
});
