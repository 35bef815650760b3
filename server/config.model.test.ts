import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('chat model configuration', () => {
  it('defaults to the offline rule-based assistant, six steps, links only to 988 and charta itself', () => {
    expect(loadConfig({}).model).toEqual({
      kind: 'offline',
      maxSteps: 6,
      phiMode: 'off',
      retentionDays: 30,
      linkHosts: ['988lifeline.org', '127.0.0.1'],
    });
  });

  it('reads an Azure OpenAI deployment, Responses API by default', () => {
    const model = loadConfig({
      CHARTA_MODEL: 'azure',
      AZURE_RESOURCE_NAME: 'practice-east',
      AZURE_API_KEY: 'k',
      AZURE_DEPLOYMENT: 'gpt-notes',
    }).model;
    expect(model).toMatchObject({
      kind: 'azure',
      resourceName: 'practice-east',
      deployment: 'gpt-notes',
      api: 'responses',
    });
  });

  it('names every missing Azure setting, and never echoes a key', () => {
    expect(() => loadConfig({ CHARTA_MODEL: 'azure' })).toThrow(
      /AZURE_RESOURCE_NAME.*\n.*AZURE_API_KEY.*\n.*AZURE_DEPLOYMENT/s,
    );
    expect(() => loadConfig({ CHARTA_MODEL: 'azure', AZURE_API_KEY: '', AZURE_API: 'nope' })).toThrow(
      /AZURE_API: must be responses or chat/,
    );
  });

  it('reads an OpenAI-compatible endpoint and requires its URL and model', () => {
    expect(
      loadConfig({
        CHARTA_MODEL: 'openai-compatible',
        OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:8000/v1',
        OPENAI_COMPATIBLE_MODEL: 'local-llm',
      }).model,
    ).toMatchObject({
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:8000/v1',
      model: 'local-llm',
      apiKey: null,
    });
    expect(() => loadConfig({ CHARTA_MODEL: 'openai-compatible' })).toThrow(/OPENAI_COMPATIBLE_BASE_URL/);
  });

  it('rejects an unknown model kind', () => {
    expect(() => loadConfig({ CHARTA_MODEL: 'gpt' })).toThrow(
      /CHARTA_MODEL: must be offline, azure or openai-compatible/,
    );
  });

  it('turns tracing on only with both Langfuse keys, and never echoes the secret', () => {
    expect(loadConfig({}).langfuse).toBeNull();
    expect(
      loadConfig({ LANGFUSE_PUBLIC_KEY: 'pk', LANGFUSE_SECRET_KEY: 'sk', LANGFUSE_BASE_URL: 'http://127.0.0.1:3000' })
        .langfuse,
    ).toEqual({ publicKey: 'pk', secretKey: 'sk', baseUrl: 'http://127.0.0.1:3000' });
    expect(() => loadConfig({ LANGFUSE_PUBLIC_KEY: 'pk' })).toThrow(
      /LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY go together/,
    );
  });
});
