import type { Kysely, Selectable } from 'kysely';
import type { AuditSurface, ChainedAuditEvent } from '../../policies/audit/chain.ts';
import type { AuditCheckpoint, CheckpointAlgorithm } from '../../policies/audit/checkpoint.ts';
import type { AuditCheckpointsTable, AuditEventsTable, Database } from './schema.ts';

/**
 * Reading the audit chain back for verification and export. Rows are mapped as stored, without validation: a
 * tampered value must reach the verifier as it is, so that its hash fails, rather than be "fixed" here.
 */

const PAGE = 5_000;

/** Every audit row with seq > `afterSeq`, in seq order, a page at a time (keyset pagination on the primary key). */
export async function* auditRowsInOrder(
  db: Kysely<Database>,
  options: { since?: string; afterSeq?: number } = {},
): AsyncGenerator<ChainedAuditEvent> {
  let after = options.afterSeq ?? 0;
  for (;;) {
    let query = db.selectFrom('auditEvents').selectAll().where('seq', '>', after);
    if (options.since) query = query.where('occurredAt', '>=', options.since);
    const page = await query.orderBy('seq').limit(PAGE).execute();
    for (const row of page) yield toChainedEvent(row);
    if (page.length < PAGE) return;
    after = page.at(-1)!.seq;
  }
}

/**
 * The whole chain and every checkpoint, for verifyChain, from one snapshot: read at different moments while writers
 * append, a checkpoint could vouch for rows the earlier read did not see, and look like a truncation.
 */
export function readAuditChain(
  db: Kysely<Database>,
): Promise<{ rows: ChainedAuditEvent[]; checkpoints: AuditCheckpoint[] }> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const rows: ChainedAuditEvent[] = [];
      for await (const row of auditRowsInOrder(trx)) rows.push(row);
      const checkpoints = await trx.selectFrom('auditCheckpoints').selectAll().orderBy('seq').execute();
      return { rows, checkpoints: checkpoints.map(toCheckpoint) };
    });
}

export function toChainedEvent(row: Selectable<AuditEventsTable>): ChainedAuditEvent {
  return {
    seq: row.seq,
    id: row.id,
    practiceId: row.practiceId,
    occurredAt: row.occurredAt,
    actorId: row.actorId,
    actorRole: row.actorRole,
    surface: row.surface as AuditSurface,
    clientApp: row.clientApp,
    action: row.action,
    decision: row.decision as ChainedAuditEvent['decision'],
    reasonCode: row.reasonCode,
    // jsonb comes back parsed; whatever shape it has is what gets hashed.
    recordIds: row.recordIds as readonly string[],
    inputDigest: row.inputDigest,
    outputDigest: row.outputDigest,
    latencyMs: row.latencyMs,
    traceId: row.traceId,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export function toCheckpoint(row: Selectable<AuditCheckpointsTable>): AuditCheckpoint {
  return {
    seq: row.seq,
    hash: row.hash,
    eventCount: row.eventCount,
    signedAt: row.signedAt,
    keyId: row.keyId,
    algorithm: row.algorithm as CheckpointAlgorithm,
    signature: row.signature,
  };
}
