import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the few Langfuse public API endpoints charta calls, on 127.0.0.1: OTLP traces (tracing), datasets,
 * dataset items, dataset run items, batch ingestion and scores (the eval export). It records every request, so the
 * PHI suite can search exported spans for canaries and the export test can check what arrived. Loopback only; no
 * persistence, no auth check beyond recording the header.
 */
export interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

export interface LangfuseReceiver {
  baseUrl: string;
  requests: ReceivedRequest[];
  /** Parsed JSON bodies of the requests whose path ends with `suffix`. */
  bodies(suffix: string): unknown[];
  close(): Promise<void>;
}

const now = () => new Date().toISOString();

function answer(path: string, body: Record<string, unknown>): { status: number; json: unknown } {
  if (path.endsWith('/otel/v1/traces')) return { status: 200, json: {} };
  if (path.endsWith('/api/public/v2/datasets'))
    return {
      status: 200,
      json: { id: `ds-${body.name}`, name: body.name, projectId: 'p', createdAt: now(), updatedAt: now() },
    };
  if (path.endsWith('/api/public/dataset-items'))
    return {
      status: 200,
      json: {
        id: body.id ?? randomUUID(),
        datasetName: body.datasetName,
        datasetId: `ds-${body.datasetName}`,
        status: 'ACTIVE',
        input: body.input ?? null,
        expectedOutput: body.expectedOutput ?? null,
        metadata: body.metadata ?? null,
        createdAt: now(),
        updatedAt: now(),
      },
    };
  if (path.endsWith('/api/public/dataset-run-items'))
    return {
      status: 200,
      json: {
        id: randomUUID(),
        datasetRunId: `run-${body.runName}`,
        datasetRunName: body.runName,
        datasetItemId: body.datasetItemId,
        traceId: body.traceId,
        createdAt: now(),
        updatedAt: now(),
      },
    };
  if (path.endsWith('/api/public/ingestion')) {
    const batch = (body.batch ?? []) as { id: string }[];
    return { status: 207, json: { successes: batch.map((e) => ({ id: e.id, status: 201 })), errors: [] } };
  }
  if (path.endsWith('/api/public/scores')) return { status: 200, json: { id: body.id ?? randomUUID() } };
  return { status: 404, json: { message: `not served by this receiver: ${path}` } };
}

export async function startLangfuseReceiver(): Promise<LangfuseReceiver> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '').split('?')[0] ?? '';
      requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
      let parsed: Record<string, unknown> = {};
      try {
        parsed = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        // OTLP may come as protobuf in other setups; the raw body is still recorded for the canary search.
      }
      const { status, json } = answer(path, parsed);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    requests,
    bodies: (suffix) =>
      requests.filter((r) => r.path.endsWith(suffix)).map((r) => (r.body ? (JSON.parse(r.body) as unknown) : null)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
