import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { auditRowsInOrder, readAuditChain } from '../ehr/sql/audit-read.ts';
import type { SqlDatabase } from '../ehr/sql/connect.ts';
import type { Database } from '../ehr/sql/schema.ts';
import type { ChainedAuditEvent } from '../policies/audit/chain.ts';
import { hmacCheckpointKey } from '../policies/audit/checkpoint.ts';
import { verifyChain } from '../policies/audit/verify.ts';

/** `charta audit verify` exits with this when the chain is broken (1 stays "could not run"). */
export const EXIT_CHAIN_BROKEN = 2;

/**
 * Verifies the whole audit chain and its checkpoints; prints one line saying what was found. Returns the exit code:
 * 0 intact, 2 broken. Without a key the checkpoints are still compared with the rows, but a forged checkpoint or a
 * rewritten chain cannot be told apart from the real one, and the line says so.
 */
export async function auditVerify(
  db: Kysely<Database>,
  key: Uint8Array | null,
  print: (line: string) => void = console.log,
): Promise<number> {
  const { rows, checkpoints } = await readAuditChain(db);
  const verdict = verifyChain(rows, checkpoints, key ? hmacCheckpointKey(key) : null);
  if (!verdict.ok) {
    const { seq, reason, detail } = verdict.firstBroken;
    print(`audit chain BROKEN at seq ${seq}: ${reason} — ${detail}`);
    return EXIT_CHAIN_BROKEN;
  }
  const n = verdict.unvouched;
  const after = n > 0 ? ` (${n} event${n === 1 ? '' : 's'} after it)` : '';
  const checkpoint =
    verdict.lastCheckpointSeq === null
      ? 'no checkpoint yet'
      : `last checkpoint at seq ${verdict.lastCheckpointSeq}${after}`;
  const unsigned = verdict.signaturesChecked
    ? ''
    : ' (checkpoint signatures not checked: AUDIT_CHECKPOINT_KEY is not set)';
  print(`audit chain intact: ${verdict.count} events, head ${verdict.head ?? 'none'}, ${checkpoint}${unsigned}`);
  return 0;
}

/** One exported line: the stored row, column names as in the table, so a reviewer can recompute every hash. */
export function exportLine(row: ChainedAuditEvent): string {
  return JSON.stringify({
    seq: row.seq,
    id: row.id,
    practice_id: row.practiceId,
    occurred_at: row.occurredAt,
    actor_id: row.actorId,
    actor_role: row.actorRole,
    surface: row.surface,
    client_app: row.clientApp,
    action: row.action,
    decision: row.decision,
    reason_code: row.reasonCode,
    record_ids: row.recordIds,
    input_digest: row.inputDigest,
    output_digest: row.outputDigest,
    latency_ms: row.latencyMs,
    trace_id: row.traceId,
    prev_hash: row.prevHash,
    hash: row.hash,
  });
}

/**
 * Writes audit events as JSON lines, in seq order; with `since` (an ISO date or timestamp), only those that occurred
 * at or after it. Respects back-pressure. Returns how many lines were written.
 */
export async function auditExport(db: Kysely<Database>, options: { since?: string; out: Writable }): Promise<number> {
  let since: string | undefined;
  if (options.since !== undefined) {
    const parsed = new Date(options.since);
    if (Number.isNaN(parsed.getTime())) throw new RangeError(`not a date: ${JSON.stringify(options.since)}`);
    since = parsed.toISOString();
  }
  let count = 0;
  for await (const row of auditRowsInOrder(db, since === undefined ? {} : { since })) {
    if (!options.out.write(`${exportLine(row)}\n`)) await once(options.out, 'drain');
    count++;
  }
  return count;
}

/** A bad `charta audit …` command line; the CLI prints the usage text with it. */
export class AuditUsageError extends Error {}

/**
 * `charta audit verify` and `charta audit export [--since YYYY-MM-DD]`. Reads only: it never migrates, so it can
 * run with a read-only database role. The arguments are checked before the database is opened.
 */
export async function auditCommand(
  args: readonly string[],
  open: () => Promise<SqlDatabase>,
  key: Uint8Array | null,
  out: Writable = process.stdout,
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify' && sub !== 'export') throw new AuditUsageError('audit needs a subcommand: verify or export');
  const { values } = parseArgs({
    args: [...rest],
    options: sub === 'export' ? { since: { type: 'string' } } : {},
    strict: true,
  });
  const since = typeof values.since === 'string' ? values.since : undefined;
  if (since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    throw new AuditUsageError('--since must be a date, YYYY-MM-DD');
  }
  const database = await open();
  try {
    if (sub === 'verify') return await auditVerify(database.db, key, (line) => out.write(`${line}\n`));
    await auditExport(database.db, since === undefined ? { out } : { since, out });
    return 0;
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    // `charta audit export | head`: the reader has what it wanted; that is not a failure.
    if (code === 'EPIPE') return 0;
    if (code === '42P01') throw new Error('the audit tables are missing: run `charta migrate` first', { cause: error });
    throw error;
  } finally {
    await database.close();
  }
}
