import { describe, expect, it } from 'vitest';
import { KEY, OTHER_KEY } from '../../test/audit-fixtures.ts';
import {
  checkpointMessage,
  checkpointSignatureProblem,
  hmacCheckpointKey,
  parseCheckpointKey,
  signCheckpoint,
} from './checkpoint.ts';

const claim = { seq: 100, hash: 'c'.repeat(64), eventCount: 100, signedAt: '2026-03-01T12:00:00Z' };

describe('checkpoint signatures', () => {
  it('sign and verify with the same HMAC key, and name the key without revealing it', () => {
    const signed = signCheckpoint(KEY, claim);
    expect(signed).toMatchObject({ seq: 100, algorithm: 'hmac-sha256', keyId: KEY.keyId });
    expect(signed.signedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(checkpointSignatureProblem(KEY, signed)).toBeNull();
    expect(KEY.keyId).toMatch(/^hmac-[0-9a-f]{16}$/);
    expect(KEY.keyId).not.toBe(OTHER_KEY.keyId);
    expect(KEY.keyId).not.toContain(Buffer.alloc(32, 7).toString('hex').slice(0, 8));
  });

  it('cover every field: changing any one breaks the signature', () => {
    const signed = signCheckpoint(KEY, claim);
    for (const change of [
      { seq: 101 },
      { hash: 'd'.repeat(64) },
      { eventCount: 99 },
      { signedAt: '2026-03-01T12:00:01.000Z' },
    ]) {
      expect(checkpointSignatureProblem(KEY, { ...signed, ...change }), JSON.stringify(change)).toMatch(/forged/);
    }
    expect(checkpointSignatureProblem(KEY, { ...signed, algorithm: 'ed25519' })).toMatch(/ed25519/);
    expect(checkpointSignatureProblem(OTHER_KEY, signed)).toContain(KEY.keyId);
    expect(checkpointSignatureProblem(KEY, { ...signed, signature: 'not base64!' })).not.toBeNull();
  });

  it('serialize the signed message unambiguously', () => {
    const message = checkpointMessage({ ...claim, keyId: 'k', algorithm: 'hmac-sha256' });
    expect(JSON.parse(message)).toEqual([
      'charta-audit-checkpoint/v1',
      100,
      'c'.repeat(64),
      100,
      '2026-03-01T12:00:00.000Z',
      'k',
      'hmac-sha256',
    ]);
  });
});

describe('AUDIT_CHECKPOINT_KEY parsing', () => {
  it('reads hex and base64 (standard and url-safe) keys of at least 32 bytes', () => {
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 250));
    expect(Buffer.from(parseCheckpointKey(bytes.toString('hex')))).toEqual(bytes);
    expect(Buffer.from(parseCheckpointKey(bytes.toString('base64')))).toEqual(bytes);
    expect(Buffer.from(parseCheckpointKey(` ${bytes.toString('base64url')}\n`))).toEqual(bytes);
  });

  it('refuses short keys and other text', () => {
    expect(() => parseCheckpointKey('ab'.repeat(16).slice(2))).toThrow(/at least 32 bytes/);
    expect(() => parseCheckpointKey(Buffer.alloc(31).toString('base64'))).toThrow(/at least 32 bytes/);
    expect(() => parseCheckpointKey('not a key at all, with spaces')).toThrow(/hex or base64/);
    expect(() => hmacCheckpointKey(new Uint8Array(16))).toThrow(/at least 32 bytes/);
  });
});
