import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { createLogger } from './logger.ts';
import type { ReadinessReport } from './store.ts';

const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });

function appWith(report: ReadinessReport | (() => Promise<ReadinessReport>)) {
  return createApp({
    log: silent,
    version: '0.0.0-test',
    readiness: typeof report === 'function' ? report : async () => report,
  });
}

describe('HTTP app', () => {
  it('answers /health with ok whatever the database does', async () => {
    const res = await appWith({ ready: false, database: 'postgres', reason: 'down' }).request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: '0.0.0-test' });
  });

  it('answers /ready 200 with the migration state when ready', async () => {
    const res = await appWith({ ready: true, database: 'pglite', migrations: { applied: 1, pending: [] } }).request(
      '/ready',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', database: 'pglite', migrations: { pending: [] } });
  });

  it('answers /ready 503 as problem+json with the reason when not ready', async () => {
    const res = await appWith({
      ready: false,
      database: 'postgres',
      reason: 'database unreachable: ECONNREFUSED',
    }).request('/ready');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      status: 503,
      title: 'Service not ready',
      detail: 'database unreachable: ECONNREFUSED',
    });
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await appWith({ ready: true, database: 'pglite' }).request('/nope', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, detail: 'no route for POST /nope' });
  });

  it('turns an unexpected error into a 500 problem without internals', async () => {
    const res = await appWith(async () => {
      throw new Error('secret internal detail: pool exhausted at 10.0.0.5');
    }).request('/ready');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('10.0.0.5');
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: 'Internal error' });
  });
});
