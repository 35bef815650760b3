import type { AuditEvent } from './chain.ts';
import type { AuditCheckpoint } from './checkpoint.ts';

/** Where an appended event landed in the chain. */
export interface AppendReceipt {
  readonly seq: number;
  readonly hash: string;
}

/**
 * The audit trail as the rest of charta sees it: append-only, one global hash chain, signed checkpoints. The SQL
 * implementation is ehr/sql/audit-log.ts. It satisfies the pipeline's AuditSink.
 */
export interface AuditLog {
  /**
   * Adds one event to the chain. Resolves only once the row is committed; rejects if it could not be (the caller
   * must then fail whatever it was auditing). Invalid events are rejected at once (AuditEventError).
   */
  append(event: AuditEvent): Promise<AppendReceipt>;
  /** Signs the current head now (if a signer is configured and the head is not signed yet); null when nothing to sign. */
  checkpoint(): Promise<AuditCheckpoint | null>;
  /** Resolves when every event appended before the call has been committed or rejected. */
  flush(): Promise<void>;
  /** Refuses further appends, flushes, and writes a final checkpoint. Does not close the database. */
  close(): Promise<void>;
}
