import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed checkpoints: every so often the writer signs "the chain's head at seq S is hash H". A hash chain alone
 * cannot tell a cut-off tail or a consistently recomputed chain from the real one; a signature by a key the
 * attacker lacks can. Pure: no I/O.
 */

export const CHECKPOINT_ALGORITHMS = ['hmac-sha256', 'ed25519'] as const;
export type CheckpointAlgorithm = (typeof CHECKPOINT_ALGORITHMS)[number];

/** What a checkpoint vouches for. `eventCount` equals `seq`: the chain is gapless from seq 1. */
export interface CheckpointClaim {
  readonly seq: number;
  readonly hash: string;
  readonly eventCount: number;
  readonly signedAt: string;
}

/** One row of audit_checkpoints. */
export interface AuditCheckpoint extends CheckpointClaim {
  readonly keyId: string;
  readonly algorithm: CheckpointAlgorithm;
  /** Base64. */
  readonly signature: string;
}

/** Signs checkpoint messages. HMAC-SHA256 today; an Ed25519 signer implements the same interface. */
export interface CheckpointSigner {
  readonly algorithm: CheckpointAlgorithm;
  /** Names the key without revealing it, so a verifier can say which key signed a checkpoint. */
  readonly keyId: string;
  sign(message: string): string;
}

/** Checks checkpoint signatures. For HMAC the same object signs and verifies; for Ed25519 it holds the public key. */
export interface CheckpointVerifier {
  readonly algorithm: CheckpointAlgorithm;
  readonly keyId: string;
  verify(message: string, signature: string): boolean;
}

export const CHECKPOINT_KEY_MIN_BYTES = 32;

/**
 * The exact bytes a checkpoint signature covers: a JSON array in a fixed order (unambiguous, unlike joining with a
 * separator that a field could contain). The timestamp is normalized as the database returns it.
 */
export function checkpointMessage(c: CheckpointClaim & { keyId: string; algorithm: string }): string {
  return JSON.stringify([
    'charta-audit-checkpoint/v1',
    c.seq,
    c.hash,
    c.eventCount,
    new Date(c.signedAt).toISOString(),
    c.keyId,
    c.algorithm,
  ]);
}

export function signCheckpoint(signer: CheckpointSigner, claim: CheckpointClaim): AuditCheckpoint {
  const unsigned = {
    seq: claim.seq,
    hash: claim.hash,
    eventCount: claim.eventCount,
    signedAt: new Date(claim.signedAt).toISOString(),
    keyId: signer.keyId,
    algorithm: signer.algorithm,
  };
  return { ...unsigned, signature: signer.sign(checkpointMessage(unsigned)) };
}

/** Why a checkpoint's signature does not hold, or null when it does. */
export function checkpointSignatureProblem(verifier: CheckpointVerifier, checkpoint: AuditCheckpoint): string | null {
  if (checkpoint.algorithm !== verifier.algorithm) {
    return `signed with ${checkpoint.algorithm}, but the configured key is ${verifier.algorithm}`;
  }
  if (verifier.verify(checkpointMessage(checkpoint), checkpoint.signature)) return null;
  return checkpoint.keyId === verifier.keyId
    ? 'the signature does not match its contents (the checkpoint was forged or altered)'
    : `signed by key ${checkpoint.keyId}, not by the configured key ${verifier.keyId}`;
}

/** An HMAC-SHA256 key that both signs and verifies. */
export function hmacCheckpointKey(key: Uint8Array): CheckpointSigner & CheckpointVerifier {
  if (key.byteLength < CHECKPOINT_KEY_MIN_BYTES) {
    throw new Error(`the checkpoint key must be at least ${CHECKPOINT_KEY_MIN_BYTES} bytes`);
  }
  const secret = Buffer.from(key);
  // A one-way fingerprint of the key: safe to store beside every checkpoint and to print.
  const keyId = `hmac-${createHash('sha256').update('charta-audit-key-id\n').update(secret).digest('hex').slice(0, 16)}`;
  const mac = (message: string) => createHmac('sha256', secret).update(message, 'utf8').digest();
  return {
    algorithm: 'hmac-sha256',
    keyId,
    sign: (message) => mac(message).toString('base64'),
    verify(message, signature) {
      const given = Buffer.from(signature, 'base64');
      const expected = mac(message);
      return given.byteLength === expected.byteLength && timingSafeEqual(given, expected);
    },
  };
}

/**
 * Parses AUDIT_CHECKPOINT_KEY: hex (64 or more hex digits) or base64 / base64url, at least 32 bytes either way.
 * Hex is tried first, since a hex string is also valid base64 but would decode to different bytes.
 */
export function parseCheckpointKey(text: string): Uint8Array {
  const value = text.trim();
  let bytes: Buffer;
  if (/^(?:[0-9a-f]{2})+$/i.test(value)) bytes = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) bytes = Buffer.from(value, 'base64');
  else throw new Error('must be hex or base64');
  if (bytes.byteLength < CHECKPOINT_KEY_MIN_BYTES) {
    throw new Error(`must be at least ${CHECKPOINT_KEY_MIN_BYTES} bytes (got ${bytes.byteLength})`);
  }
  return new Uint8Array(bytes);
}
