import { type Kysely, sql, type Transaction } from 'kysely';
import {
  type AuditEvent,
  type ChainedAuditEvent,
  linkEvents,
  normalizeAuditEvent,
} from '../../policies/audit/chain.ts';
import { type AuditCheckpoint, type CheckpointSigner, signCheckpoint } from '../../policies/audit/checkpoint.ts';
import type { AppendReceipt, AuditLog } from '../../policies/audit/log.ts';
import type { Database } from './schema.ts';

/**
 * The SQL audit writer: one global hash chain in audit_events, written with group commit.
 *
 * Appends that arrive while a batch is being written wait in a queue and go in the next batch, as one multi-row
 * INSERT in one transaction. Each transaction first takes a transaction-scoped advisory lock, so every writer in
 * every process on the same PostgreSQL takes turns; it then reads the head (last seq and hash), links the batch in
 * process and inserts it with explicit seq values head+1, head+2, … (OVERRIDING SYSTEM VALUE). Assigning seq under
 * the lock rather than taking it from the identity sequence keeps the chain gapless (a rolled-back batch would
 * otherwise burn sequence numbers) and lets the hash cover the row's position: nothing the hash depends on is
 * assigned by the database. See docs/decisions/0001-audit-hash-chain.md.
 */

/** The advisory lock every chain writer takes: "charta" in ASCII and a 1, as a signed 64-bit key. */
export const AUDIT_CHAIN_LOCK_KEY = '7161124082441191425';

/** 18 parameters a row: a batch must stay under PostgreSQL's 65,535 bind parameters. */
const MAX_BATCH_LIMIT = 2_000;

export interface SqlAuditLogOptions {
  /** Sign a checkpoint whenever the chain crosses a multiple of this many events. Default 100. */
  checkpointEvery?: number;
  /** Without a signer no checkpoints are written, and truncation and rewrites cannot be detected. */
  signer?: CheckpointSigner;
  /** Most events in one INSERT. Default 500. */
  maxBatch?: number;
  /** Called after each committed batch (metrics, and tests that count transactions). */
  onBatch?: (batch: { events: number; firstSeq: number; lastSeq: number }) => void;
  /**
   * Called after a checkpoint is committed. Log it: a copy outside the database is what still shows a truncation or
   * a rewrite when the attacker also deleted the checkpoints in it.
   */
  onCheckpoint?: (checkpoint: AuditCheckpoint) => void;
  /** Clock for checkpoint timestamps. */
  now?: () => Date;
}

interface Pending {
  event: AuditEvent;
  resolve(receipt: AppendReceipt): void;
  reject(error: unknown): void;
}

export class AuditLogClosedError extends Error {
  override readonly name = 'AuditLogClosedError';
  constructor() {
    super('the audit log is closed');
  }
}

export function createSqlAuditLog(db: Kysely<Database>, options: SqlAuditLogOptions = {}): AuditLog {
  const every = options.checkpointEvery ?? 100;
  if (!Number.isInteger(every) || every < 1) throw new RangeError('checkpointEvery must be a positive integer');
  const maxBatch = Math.min(options.maxBatch ?? 500, MAX_BATCH_LIMIT);
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError('maxBatch must be a positive integer');
  const signer = options.signer;
  const now = options.now ?? (() => new Date());

  const queue: Pending[] = [];
  let draining: Promise<void> | null = null;
  let closing: Promise<void> | null = null;

  function append(event: AuditEvent): Promise<AppendReceipt> {
    if (closing) return Promise.reject(new AuditLogClosedError());
    let normalized: AuditEvent;
    try {
      normalized = normalizeAuditEvent(event);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      queue.push({ event: normalized, resolve, reject });
      draining ??= drain();
    });
  }

  async function drain(): Promise<void> {
    // Start on the next microtask, so a burst of appends made in one tick goes out as one batch. There is no timer:
    // an append that finds the writer idle is written at once, and only appends that arrive during a write wait.
    await Promise.resolve();
    try {
      while (queue.length > 0) await writeBatch(queue.splice(0, maxBatch));
    } catch (error) {
      for (const p of queue.splice(0)) p.reject(error);
    }
    // Synchronous with the last queue check above: an append made from now on starts a new drain.
    draining = null;
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    let written: Awaited<ReturnType<typeof insertBatch>>;
    try {
      written = await insertBatch(batch.map((p) => p.event));
    } catch (error) {
      if (batch.length > 1 && isDataError(error)) {
        // One bad event (a duplicate id, say) must not sink the events batched with it: write them one by one.
        for (const p of batch) await writeBatch([p]);
        return;
      }
      for (const p of batch) p.reject(error);
      return;
    }
    const { rows, checkpoint } = written;
    rows.forEach((r, i) => {
      batch[i]!.resolve({ seq: r.seq, hash: r.hash });
    });
    notify(() => options.onBatch?.({ events: rows.length, firstSeq: rows[0]!.seq, lastSeq: rows.at(-1)!.seq }));
    if (checkpoint) notify(() => options.onCheckpoint?.(checkpoint));
  }

  function insertBatch(events: readonly AuditEvent[]) {
    return inChainTransaction(db, async (trx, head) => {
      const rows = linkEvents(head, events);
      await insertAuditRows(trx, rows);
      const last = rows.at(-1)!;
      const before = head?.seq ?? 0;
      let checkpoint: AuditCheckpoint | null = null;
      if (signer && Math.floor(last.seq / every) > Math.floor(before / every)) {
        checkpoint = signCheckpoint(signer, claimFor(last));
        await insertCheckpoint(trx, checkpoint);
      }
      return { rows, checkpoint };
    });
  }

  const claimFor = (head: { seq: number; hash: string }) => ({
    seq: head.seq,
    hash: head.hash,
    eventCount: head.seq,
    signedAt: now().toISOString(),
  });

  async function flush(): Promise<void> {
    while (draining) await draining;
  }

  async function checkpoint(): Promise<AuditCheckpoint | null> {
    if (!signer) return null;
    await flush();
    const signed = await inChainTransaction(db, async (trx, head) => {
      if (!head) return null;
      const existing = await trx
        .selectFrom('auditCheckpoints')
        .select('seq')
        .where('seq', '=', head.seq)
        .executeTakeFirst();
      if (existing) return null;
      const fresh = signCheckpoint(signer, claimFor(head));
      await insertCheckpoint(trx, fresh);
      return fresh;
    });
    if (signed) notify(() => options.onCheckpoint?.(signed));
    return signed;
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      await flush();
      await checkpoint();
    })();
    return closing;
  }

  return { append, checkpoint, flush, close };
}

/**
 * Runs `work` holding the chain lock, with the head as it is once the lock is held. READ COMMITTED is required, not
 * just the default: each statement then sees every batch committed before the lock was granted. Under REPEATABLE
 * READ the snapshot would date from before the lock wait and the head could be stale.
 */
async function inChainTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>, head: { seq: number; hash: string } | null) => Promise<T>,
): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel('read committed')
    .execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY}::bigint)`.execute(trx);
      const head = await trx
        .selectFrom('auditEvents')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return work(trx, head ?? null);
    });
}

/**
 * Inserts chained rows with their own seq values, in one statement, and moves the identity sequence up to match
 * (so that an insert that does rely on the identity, such as a test fixture, does not collide). The writer is the
 * only production caller; tamper tests use it to put forged rows back.
 */
export async function insertAuditRows(trx: Kysely<Database>, rows: readonly ChainedAuditEvent[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (r) =>
      sql`(${r.seq}::bigint, ${r.id}, ${r.practiceId}, ${r.occurredAt}::timestamptz, ${r.actorId}, ${r.actorRole},
        ${r.surface}, ${r.clientApp}, ${r.action}, ${r.decision}, ${r.reasonCode}, ${JSON.stringify(r.recordIds)}::jsonb,
        ${r.inputDigest}, ${r.outputDigest}, ${r.latencyMs}::integer, ${r.traceId}, ${r.prevHash}, ${r.hash})`,
  );
  await sql`
    with inserted as (
      insert into audit_events (seq, id, practice_id, occurred_at, actor_id, actor_role, surface, client_app, action,
        decision, reason_code, record_ids, input_digest, output_digest, latency_ms, trace_id, prev_hash, hash)
      overriding system value
      values ${sql.join(values)}
      returning seq)
    select setval(pg_get_serial_sequence('audit_events', 'seq'), max(seq)) from inserted`.execute(trx);
}

async function insertCheckpoint(trx: Kysely<Database>, checkpoint: AuditCheckpoint): Promise<void> {
  await trx.insertInto('auditCheckpoints').values(checkpoint).execute();
}

/** Runs a hook after a commit. A throwing hook must not turn a committed append into a reported failure. */
function notify(hook: () => void): void {
  try {
    hook();
  } catch {
    // Deliberately ignored: see above.
  }
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the rows were at fault, not the connection. */
function isDataError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
