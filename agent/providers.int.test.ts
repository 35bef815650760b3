import { generateText, stepCountIs, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatErrorMessage } from '../server/chat-route.ts';
import { type FakeOpenAi, startFakeOpenAi } from '../test/fake-openai.ts';
import { CALLERS, ownClient, usePipeline } from '../test/pipeline-fixtures.ts';
import { chatModel } from './models.ts';
import { chatTools } from './tools.ts';

// A local stand-in for an OpenAI-compatible server (test/fake-openai.ts: vLLM, Ollama, Azure OpenAI's chat
// completions), so the real provider code runs end to end: request building, SSE parsing, tool calls and usage.
// Loopback only. On a fresh question it reads the caller's own client; after the tool result it answers in text.

let fake: FakeOpenAi;
let base = '';
let seen: FakeOpenAi['requests'] = [];

beforeAll(async () => {
  fake = await startFakeOpenAi({
    toolCall: () => ({ name: 'get_client', arguments: `{"clientId":"${ownClient}"}` }),
    answer: ['The client is on your caseload ', `[${ownClient}].`],
    usage: {
      toolStep: { prompt_tokens: 40, completion_tokens: 12, total_tokens: 52 },
      answer: { prompt_tokens: 50, completion_tokens: 9, total_tokens: 59 },
    },
    otherPathStatus: 400,
  });
  base = fake.origin;
  seen = fake.requests;
});
afterAll(async () => {
  await fake.close();
});

const h = usePipeline();

/** The local fake as an OpenAI-compatible endpoint without a key. */
const localModel = () =>
  chatModel({
    kind: 'openai-compatible',
    baseUrl: `${base}/v1`,
    apiKey: null,
    model: 'local-llm',
    maxSteps: 2,
    linkHosts: [],
    phiMode: 'off',
    retentionDays: 0,
  });

describe('OpenAI-compatible provider against a local fake server', () => {
  it('streams a tool call, runs it through the pipeline, and answers with usage counted', async () => {
    seen.length = 0;
    const { model, label } = chatModel({
      kind: 'openai-compatible',
      baseUrl: `${base}/v1`,
      apiKey: 'test-key',
      model: 'local-llm',
      maxSteps: 4,
      linkHosts: [],
      phiMode: 'off',
      retentionDays: 0,
    });
    const calls = h.calls;
    const result = streamText({
      model,
      prompt: 'Tell me about my client',
      tools: chatTools(h.counted, CALLERS.avery),
      stopWhen: stepCountIs(4),
    });
    const text = await result.text;
    expect(text).toBe(`The client is on your caseload [${ownClient}].`);
    expect(label).toBe('local-llm (OpenAI-compatible endpoint)');
    expect(h.calls - calls).toBe(1);
    expect(h.audited.at(-1)).toMatchObject({ action: 'get_client', decision: 'allow', surface: 'chat' });
    const usage = await result.totalUsage;
    expect(usage.inputTokens).toBe(90);
    expect(usage.outputTokens).toBe(21);

    expect(seen).toHaveLength(2);
    const [first, second] = seen;
    expect(first?.path).toBe('/v1/chat/completions');
    expect(first?.headers.authorization).toBe('Bearer test-key');
    expect(first?.body).toMatchObject({ model: 'local-llm', stream: true, stream_options: { include_usage: true } });
    const tools = first?.body.tools as { function: { name: string } }[];
    expect(tools.map((t) => t.function.name)).toContain('get_client');
    expect(tools.map((t) => t.function.name)).not.toContain('list_claims');
    const toolMessage = ((second?.body.messages ?? []) as { role: string; content: string }[]).find(
      (m) => m.role === 'tool',
    );
    expect(toolMessage?.content).toContain(ownClient);
  });

  it('sends Azure OpenAI chat completions to the deployment with the api-key header', async () => {
    seen.length = 0;
    const { model, label } = chatModel({
      kind: 'azure',
      resourceName: null,
      baseUrl: `${base}/openai/v1`,
      apiKey: 'azure-key',
      deployment: 'notes-gpt',
      api: 'chat',
      maxSteps: 4,
      linkHosts: [],
      phiMode: 'off',
      retentionDays: 0,
    });
    const result = await generateText({ model, prompt: 'hello' }).catch((e: unknown) => e);
    expect(label).toBe('Azure OpenAI (notes-gpt)');
    expect(seen[0]?.path).toMatch(/^\/openai\/v1\/chat\/completions/);
    expect(seen[0]?.headers['api-key']).toBe('azure-key');
    expect(seen[0]?.body).toMatchObject({ model: 'notes-gpt' });
    void result;
  });

  it('sends the Azure Responses API request to /openai/v1/responses', async () => {
    seen.length = 0;
    const { model } = chatModel({
      kind: 'azure',
      resourceName: null,
      baseUrl: `${base}/openai/v1`,
      apiKey: 'azure-key',
      deployment: 'notes-gpt',
      api: 'responses',
      maxSteps: 4,
      linkHosts: [],
      phiMode: 'off',
      retentionDays: 0,
    });
    await expect(generateText({ model, prompt: 'hello', maxRetries: 0 })).rejects.toThrow();
    expect(seen[0]?.path).toMatch(/^\/openai\/v1\/responses/);
    expect(seen[0]?.headers['api-key']).toBe('azure-key');
    expect(seen[0]?.body).toMatchObject({ model: 'notes-gpt' });
  });

  it('retries a 429 that carries retry-after, then answers', async () => {
    seen.length = 0;
    fake.failNext(1);
    const { model } = localModel();
    const result = streamText({ model, prompt: 'hello', maxRetries: 2 });
    // The fake's first real answer is a tool call: the retried request went through and was understood.
    expect(await result.finishReason).toBe('tool-calls');
    expect(seen.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
  });

  it('gives up after the retries when the provider stays rate-limited, with the status kept for the message', async () => {
    fake.failNext(10);
    const { model } = localModel();
    const error = await generateText({ model, prompt: 'hello', maxRetries: 1 }).catch((e: unknown) => e);
    fake.failNext(0);
    expect(chatErrorMessage(error)).toMatch(/rate limited/);
  });
});
