import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRoute } from '../server/chat-route.ts';
import { createLogger } from '../server/logger.ts';
import { CALLERS, ownClient, rows, usePipeline } from '../test/pipeline-fixtures.ts';
import { type ChatTracing, createTracing } from './tracing.ts';

// A local stand-in for Langfuse's OTLP endpoint: traces arrive as OTLP JSON at /api/public/otel/v1/traces.
const received: { path: string; body: string }[] = [];
let server: Server;
let tracing: ChatTracing;
const h = usePipeline();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tracing = createTracing({ publicKey: 'pk-test', secretKey: 'sk-test', baseUrl: base, exportMode: 'immediate' });
});
afterAll(async () => {
  await tracing?.shutdown();
  await new Promise((resolve) => server.close(resolve));
});

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 2, text: 2, reasoning: 0 },
};

interface OtlpSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  traceId: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

describe('tracing a chat turn to a Langfuse-style OTLP receiver', () => {
  it('exports nested spans (turn → model call and tool → policy decision) with no PHI canary in them', async () => {
    const c = rows.clients.find((x) => x.id === ownClient);
    if (!c) throw new Error('own client');
    const canaries = [c.firstName, c.lastName, c.phone, c.email, c.dateOfBirth, 'MRN-CANARY-7731'].filter(
      (v): v is string => typeof v === 'string' && v.length > 3,
    );
    let step = 0;
    const model = new MockLanguageModelV4({
      doStream: async () => {
        step++;
        const parts: LanguageModelV4StreamPart[] =
          step === 1
            ? [
                {
                  type: 'tool-call',
                  toolCallId: 't1',
                  toolName: 'get_client',
                  input: JSON.stringify({ clientId: ownClient }),
                },
                { type: 'finish', usage, finishReason: { unified: 'tool-calls', raw: undefined } },
              ]
            : [
                { type: 'text-start', id: 'x' },
                {
                  type: 'text-delta',
                  id: 'x',
                  delta: `${c.firstName} ${c.lastName}, MRN-CANARY-7731, is on your caseload.`,
                },
                { type: 'text-end', id: 'x' },
                { type: 'finish', usage, finishReason: { unified: 'stop', raw: undefined } },
              ];
        return { stream: convertArrayToReadableStream(parts) };
      },
    });
    const app = new Hono().route(
      '/',
      chatRoute({
        pipeline: h.counted,
        model: { model, label: 'mock' },
        authenticate: async () => ({ principal: CALLERS.avery, token: { value: 'x' } }),
        guard: { allowedHosts: ['127.0.0.1:8787'], allowedOrigins: ['http://127.0.0.1:8787'] },
        maxSteps: 4,
        linkHosts: [],
        log: createLogger({ level: 'silent' }),
        tracing,
      }),
    );
    const res = await app.request('http://127.0.0.1:8787/api/chat', {
      method: 'POST',
      headers: { host: '127.0.0.1:8787', 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [
          { id: 'u', role: 'user', parts: [{ type: 'text', text: `Tell me about ${c.firstName} ${c.lastName}` }] },
        ],
      }),
    });
    expect(await res.text()).toContain('is on your caseload');
    await tracing.flush();
    await new Promise((r) => setTimeout(r, 100));

    const traces = received.filter((r) => r.path.endsWith('/api/public/otel/v1/traces'));
    expect(traces.length).toBeGreaterThan(0);
    const all = traces.map((t) => t.body).join('\n');
    for (const canary of canaries) expect(all, canary).not.toContain(canary);

    const spans: OtlpSpan[] = traces.flatMap((t) =>
      (JSON.parse(t.body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans.flatMap((r) =>
        r.scopeSpans.flatMap((s) => s.spans),
      ),
    );
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const turn = spans.find((s) => s.name === 'chat.turn');
    const tool = spans.find((s) => s.name === 'charta.tool');
    expect(turn).toBeDefined();
    expect(tool).toBeDefined();
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    // Every span descends from the turn.
    for (const span of spans) {
      let at: OtlpSpan | undefined = span;
      while (at?.parentSpanId && byId.has(at.parentSpanId)) at = byId.get(at.parentSpanId);
      expect(at?.name, span.name).toBe('chat.turn');
    }
    expect(spans.length).toBeGreaterThanOrEqual(4);
    const attr = (s: OtlpSpan | undefined, key: string) => s?.attributes.find((a) => a.key === key)?.value;
    expect(attr(tool, 'charta.decision')).toEqual({ stringValue: 'allow' });
    expect(attr(turn, 'charta.user_id')).toEqual({ stringValue: 'usr_avery_chen' });
  });
});
