import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('AUDIT_CHECKPOINT_KEY', () => {
  it('is optional: without it no checkpoint key is configured', () => {
    expect(loadConfig({}).auditCheckpointKey).toBeNull();
  });

  it('accepts 32 or more bytes as hex or base64', () => {
    const bytes = Buffer.alloc(32, 0xab);
    expect(Buffer.from(loadConfig({ AUDIT_CHECKPOINT_KEY: bytes.toString('hex') }).auditCheckpointKey!)).toEqual(bytes);
    expect(Buffer.from(loadConfig({ AUDIT_CHECKPOINT_KEY: bytes.toString('base64') }).auditCheckpointKey!)).toEqual(
      bytes,
    );
  });

  it('refuses a short key without echoing it', () => {
    const secret = Buffer.alloc(16, 0xcd).toString('hex');
    const error = (() => {
      try {
        loadConfig({ AUDIT_CHECKPOINT_KEY: secret });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^AUDIT_CHECKPOINT_KEY: must be at least 32 bytes/),
    ]);
    expect((error as ConfigError).message).not.toContain(secret);
  });
});
