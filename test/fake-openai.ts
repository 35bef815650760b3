import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for an OpenAI-compatible chat-completions endpoint (vLLM, Ollama, Azure OpenAI's chat API) on
 * 127.0.0.1, streaming Server-Sent Events as they do, so the real provider code runs end to end: request building,
 * SSE parsing, tool calls and usage. On a fresh question it calls the tool `toolCall` picks (default:
 * list_appointments with no arguments when offered, else none); after a tool result it answers in text. Every
 * request is recorded. Used by agent/providers.int.test.ts (in process) and evals/run.e2e.test.ts (the runner as a
 * child process). Loopback only.
 */
export interface FakeOpenAiRequest {
  /** The request path without the query string. */
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface FakeOpenAi {
  /** `http://127.0.0.1:<port>`: append `/v1` for an OpenAI-compatible base URL. */
  origin: string;
  /** `<origin>/v1`. */
  baseUrl: string;
  requests: FakeOpenAiRequest[];
  /** The next `n` chat-completion requests answer 429 with `retry-after: 0`, then the fake recovers. */
  failNext(n: number): void;
  close(): Promise<void>;
}

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface FakeOpenAiOptions {
  /** The tool to call on a fresh question (arguments as JSON text), or undefined to answer in text at once. */
  toolCall?: (offered: string[], body: Record<string, unknown>) => { name: string; arguments: string } | undefined;
  /** The text answer, streamed one chunk per element (joined for a request with `stream: false`). */
  answer?: string[] | ((body: Record<string, unknown>) => string[]);
  /** Usage reported on the tool-call step and on the text step. */
  usage?: { toolStep?: Usage; answer?: Usage };
  /** Status for paths other than chat completions (default 404). */
  otherPathStatus?: number;
}

const usageOf = (prompt: number, completion: number): Usage => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
});
const sse = (chunks: object[]) => `${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')}data: [DONE]\n\n`;
const chunk = (model: string, delta: object, finish: string | null = null, usage?: object) => ({
  id: 'cmpl-fake',
  object: 'chat.completion.chunk',
  created: 1,
  model,
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...(usage ? { usage } : {}),
});

const defaultToolCall: NonNullable<FakeOpenAiOptions['toolCall']> = (offered) =>
  offered.includes('list_appointments') ? { name: 'list_appointments', arguments: '{}' } : undefined;

export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const pick = options.toolCall ?? defaultToolCall;
  const answerFor = (body: Record<string, unknown>) =>
    typeof options.answer === 'function' ? options.answer(body) : (options.answer ?? ['Here is what I found.']);
  const toolUsage = options.usage?.toolStep ?? usageOf(10, 3);
  const answerUsage = options.usage?.answer ?? usageOf(10, 3);
  const requests: FakeOpenAiRequest[] = [];
  let failing = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => {
      raw += d;
    });
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      requests.push({ path, headers: req.headers, body });
      if (!path.endsWith('/chat/completions')) {
        res.writeHead(options.otherPathStatus ?? 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not served by this fake', type: 'invalid_request_error' } }));
        return;
      }
      if (failing > 0) {
        failing--;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(JSON.stringify({ error: { message: 'rate limited', type: 'rate_limit_error' } }));
        return;
      }
      const model = String(body.model ?? 'fake');
      const messages = (body.messages ?? []) as { role: string }[];
      const offered = ((body.tools ?? []) as { function: { name: string } }[]).map((t) => t.function.name);
      const tool = messages.at(-1)?.role === 'tool' ? undefined : pick(offered, body);
      const answer = answerFor(body);
      if (body.stream !== true && !tool) {
        // A plain completion, as generateText asks for: one JSON body, no event stream.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'cmpl-fake',
            object: 'chat.completion',
            created: 1,
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: answer.join('') }, finish_reason: 'stop' }],
            usage: answerUsage,
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(
        tool
          ? sse([
              chunk(model, {
                role: 'assistant',
                tool_calls: [
                  { index: 0, id: 'call_1', type: 'function', function: { name: tool.name, arguments: '' } },
                ],
              }),
              chunk(model, { tool_calls: [{ index: 0, function: { arguments: tool.arguments } }] }),
              chunk(model, {}, 'tool_calls', toolUsage),
            ])
          : sse([
              ...answer.map((content, i) => chunk(model, i === 0 ? { role: 'assistant', content } : { content })),
              chunk(model, {}, 'stop', answerUsage),
            ]),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: `${origin}/v1`,
    requests,
    failNext: (n) => {
      failing = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
