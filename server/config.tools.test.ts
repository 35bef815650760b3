import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('tool configuration', () => {
  it('offers every tool, drafts included, at 120 calls a minute by default', () => {
    expect(loadConfig({}).tools).toEqual({ readOnly: false, allow: null, ratePerMinute: 120 });
  });

  it('reads read-only mode, an allow-list of tools and toolsets, and the rate limit', () => {
    const tools = loadConfig({
      CHARTA_READ_ONLY: 'true',
      CHARTA_TOOLS: ' get_client, message ,',
      TOOL_RATE_LIMIT_PER_MINUTE: '0',
    }).tools;
    expect(tools).toEqual({ readOnly: true, allow: ['get_client', 'message'], ratePerMinute: 0 });
  });

  it('names the unknown tool in CHARTA_TOOLS instead of starting with nothing offered', () => {
    expect(() => loadConfig({ CHARTA_TOOLS: 'get_client,sign_note' })).toThrow(ConfigError);
    expect(() => loadConfig({ CHARTA_TOOLS: 'get_client,sign_note' })).toThrow(/CHARTA_TOOLS: .*sign_note/);
  });

  it('rejects a negative or fractional rate limit, naming the variable', () => {
    expect(() => loadConfig({ TOOL_RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/TOOL_RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ TOOL_RATE_LIMIT_PER_MINUTE: '1.5' })).toThrow(/TOOL_RATE_LIMIT_PER_MINUTE/);
  });
});
