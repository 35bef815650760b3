import { createHash } from 'node:crypto';
import { sha256Of } from '../digest.ts';

/**
 * The audit hash chain, pure (no I/O). Row n's hash covers the previous row's hash, its own seq and every field of
 * the event, so changing, removing, adding or moving any row breaks a link that `verifyChain` (verify.ts) finds.
 * See docs/decisions/0001-audit-hash-chain.md.
 */

export const AUDIT_SURFACES = ['chat', 'mcp', 'webhook', 'review', 'cli', 'system'] as const;
export type AuditSurface = (typeof AUDIT_SURFACES)[number];
export const AUDIT_DECISIONS = ['allow', 'deny', 'error'] as const;
export type AuditDecision = (typeof AUDIT_DECISIONS)[number];

/** One audit row without its chain fields (seq, prev_hash, hash). No PHI: ids, codes, digests and timings only. */
export interface AuditEvent {
  readonly id: string;
  readonly practiceId: string | null;
  /** ISO-8601; stored as timestamptz and hashed in the form the database gives back (UTC, milliseconds). */
  readonly occurredAt: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly surface: AuditSurface;
  readonly clientApp: string | null;
  readonly action: string;
  readonly decision: AuditDecision;
  readonly reasonCode: string | null;
  /** In the order given; the order is part of what is hashed. */
  readonly recordIds: readonly string[];
  readonly inputDigest: string | null;
  readonly outputDigest: string | null;
  /** Whole milliseconds (the column is an integer). */
  readonly latencyMs: number | null;
  readonly traceId: string | null;
}

/** An event as stored: with its position in the chain and its links. */
export interface ChainedAuditEvent extends AuditEvent {
  readonly seq: number;
  readonly prevHash: string | null;
  readonly hash: string;
}

/** Domain separation for the chain's hashes, and the version of the canonical form. */
export const CHAIN_GENESIS = 'charta-audit-chain/v1';

/**
 * The canonical bytes of one event at one position: a JSON array of the fields in a fixed order. Every value is a
 * string, a number, null or an array of strings, whose JSON form is fixed, so the same event always serializes the
 * same way. Field names are not included, so renaming a TypeScript property can never change a hash; adding a field
 * needs a new CHAIN_GENESIS version.
 */
export function canonicalAuditEvent(seq: number, event: AuditEvent): string {
  return JSON.stringify([
    seq,
    event.id,
    event.practiceId,
    new Date(event.occurredAt).toISOString(),
    event.actorId,
    event.actorRole,
    event.surface,
    event.clientApp,
    event.action,
    event.decision,
    event.reasonCode,
    event.recordIds,
    event.inputDigest,
    event.outputDigest,
    event.latencyMs,
    event.traceId,
  ]);
}

/** sha256(genesis ‖ previous hash ‖ canonical event), hex. `prevHash` is null for the first row only. */
export function chainHash(prevHash: string | null, seq: number, event: AuditEvent): string {
  return createHash('sha256')
    .update(`${CHAIN_GENESIS}\n${prevHash ?? ''}\n`)
    .update(canonicalAuditEvent(seq, event), 'utf8')
    .digest('hex');
}

/** The SHA-256 (hex) of a value's canonical JSON: what the audit keeps of inputs and outputs instead of the text. */
export function digest(value: unknown): string {
  return sha256Of(value);
}

export class AuditEventError extends Error {
  override readonly name = 'AuditEventError';
}

const nullableText = (name: string, value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  return text(name, value);
};

function text(name: string, value: unknown): string {
  // PostgreSQL text cannot hold NUL, and a lone surrogate would come back from the database as U+FFFD: either would
  // make the stored row hash differently from the row the writer hashed, so both are refused up front.
  if (typeof value !== 'string') throw new AuditEventError(`${name} must be a string`);
  if (value.includes('\u0000') || /\p{Cs}/u.test(value)) {
    throw new AuditEventError(`${name} must not contain NUL or unpaired surrogates`);
  }
  return value;
}

/**
 * Checks an event and puts it in the form the database will give back (timestamps in UTC with milliseconds), so the
 * hash computed before the insert equals the hash recomputed from the stored row. Throws AuditEventError.
 */
export function normalizeAuditEvent(event: AuditEvent): AuditEvent {
  const occurred = new Date(event.occurredAt);
  if (typeof event.occurredAt !== 'string' || Number.isNaN(occurred.getTime())) {
    throw new AuditEventError('occurredAt must be an ISO-8601 timestamp');
  }
  if (!AUDIT_SURFACES.includes(event.surface)) throw new AuditEventError(`unknown surface ${String(event.surface)}`);
  if (!AUDIT_DECISIONS.includes(event.decision))
    throw new AuditEventError(`unknown decision ${String(event.decision)}`);
  const latency = event.latencyMs ?? null;
  if (latency !== null && !(Number.isInteger(latency) && latency >= 0 && latency <= 2_147_483_647)) {
    throw new AuditEventError('latencyMs must be a whole, non-negative number of milliseconds');
  }
  if (!Array.isArray(event.recordIds)) throw new AuditEventError('recordIds must be an array');
  const id = text('id', event.id);
  if (id === '') throw new AuditEventError('id must not be empty');
  return {
    id,
    practiceId: nullableText('practiceId', event.practiceId),
    occurredAt: occurred.toISOString(),
    actorId: nullableText('actorId', event.actorId),
    actorRole: nullableText('actorRole', event.actorRole),
    surface: event.surface,
    clientApp: nullableText('clientApp', event.clientApp),
    action: text('action', event.action),
    decision: event.decision,
    reasonCode: nullableText('reasonCode', event.reasonCode),
    recordIds: event.recordIds.map((r, i) => text(`recordIds[${i}]`, r)),
    inputDigest: nullableText('inputDigest', event.inputDigest),
    outputDigest: nullableText('outputDigest', event.outputDigest),
    latencyMs: latency,
    traceId: nullableText('traceId', event.traceId),
  };
}

/** Links events into a chain after `head` (the last stored row, or null for an empty chain). */
export function linkEvents(
  head: { seq: number; hash: string } | null,
  events: readonly AuditEvent[],
): ChainedAuditEvent[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? null;
  return events.map((event) => {
    seq += 1;
    const hash = chainHash(prevHash, seq, event);
    const row = { ...event, seq, prevHash, hash };
    prevHash = hash;
    return row;
  });
}
