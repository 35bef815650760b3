import type { EhrGateway } from '../ehr/gateway.ts';
import { createSqlAuditLog } from '../ehr/sql/audit-log.ts';
import { connect, type SqlDatabase } from '../ehr/sql/connect.ts';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import { MigrationError, migrateToLatest, migrationStatus } from '../ehr/sql/migrate.ts';
import { buildDemoData } from '../ehr/sql/seed/build.ts';
import { todayIn } from '../ehr/sql/seed/calendar.ts';
import { DEMO_PRACTICES } from '../ehr/sql/seed/content/people.ts';
import { hasData, loadRows } from '../ehr/sql/seed/load.ts';
import { hmacCheckpointKey } from '../policies/audit/checkpoint.ts';
import type { AuditLog } from '../policies/audit/log.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';

export type StoreState =
  | { status: 'starting' }
  | { status: 'ready'; migrations: string[]; demoLoaded: boolean }
  | { status: 'unavailable'; reason: string; retryInMs: number }
  | { status: 'failed'; reason: string };

export interface ReadinessReport {
  ready: boolean;
  database: 'pglite' | 'postgres';
  reason?: string;
  migrations?: { applied: number; pending: string[] };
}

/**
 * Owns the database for the server's lifetime: opens it, applies migrations, loads the demo practice into an
 * empty embedded database, and keeps retrying with backoff while the database is unreachable, so the process
 * stays up (and /ready says why it is not ready) until the database comes back.
 */
export class Store {
  #state: StoreState = { status: 'starting' };
  #database: SqlDatabase | undefined;
  #gateway: EhrGateway | undefined;
  #audit: AuditLog | undefined;
  #timer: NodeJS.Timeout | undefined;
  #attempt = 0;
  #stopped = false;
  #firstAttempt: Promise<void> | undefined;

  constructor(
    private readonly config: Config,
    private readonly log: Logger,
  ) {}

  get state(): StoreState {
    return this.#state;
  }

  /** The gateway; undefined until the database has been opened. */
  get gateway(): EhrGateway | undefined {
    return this.#gateway;
  }

  /** The open database; undefined until opened. For operator commands and tests, not for request handling. */
  get database(): SqlDatabase | undefined {
    return this.#database;
  }

  /** The audit log; undefined until the database is migrated. */
  get audit(): AuditLog | undefined {
    return this.#audit;
  }

  /** Starts the first attempt and resolves when it has finished, whatever its outcome. */
  start(): Promise<void> {
    this.#firstAttempt ??= this.#attemptOnce();
    return this.#firstAttempt;
  }

  async #open(): Promise<SqlDatabase> {
    if (this.#database) return this.#database;
    const db = this.config.database;
    this.#database =
      db.kind === 'postgres'
        ? await connect({ kind: 'postgres', url: db.url, poolSize: db.poolSize })
        : await connect({ kind: 'pglite', dataDir: db.dataDir });
    this.#gateway = sqlGateway(this.#database);
    return this.#database;
  }

  async #attemptOnce(): Promise<void> {
    if (this.#stopped) return;
    this.#attempt++;
    try {
      const database = await this.#open();
      const applied = await migrateToLatest(database.db);
      if (applied.length > 0) this.log.info({ migrations: applied }, 'applied migrations');
      let demoLoaded = false;
      if (this.config.demo && !(await hasData(database.db))) {
        const anchor = todayIn(DEMO_PRACTICES[0]?.timezone ?? 'UTC');
        const started = Date.now();
        await loadRows(database.db, buildDemoData({ seed: this.config.seed, anchor }).rows);
        demoLoaded = true;
        this.log.info({ seed: this.config.seed, anchor, ms: Date.now() - started }, 'loaded the demo practices');
      }
      const status = await migrationStatus(database.db);
      const key = this.config.auditCheckpointKey;
      this.#audit ??= createSqlAuditLog(database.db, {
        ...(key ? { signer: hmacCheckpointKey(key) } : {}),
        // A copy of each checkpoint outside the database is what exposes a truncation that also removed checkpoints.
        onCheckpoint: (c) =>
          this.log.info({ auditCheckpoint: { seq: c.seq, hash: c.hash, keyId: c.keyId } }, 'audit checkpoint'),
      });
      if (!key) this.log.warn('AUDIT_CHECKPOINT_KEY is not set: the audit chain detects edits but not tail truncation');
      this.#state = { status: 'ready', migrations: status.applied, demoLoaded };
      this.#attempt = 0;
    } catch (error) {
      if (error instanceof MigrationError && !isConnectionError(error.cause)) {
        // A migration that fails for a reason other than connectivity fails the same way next time; its
        // transaction rolled back, so the database is as it was. Stay up and say so on /ready.
        this.#state = { status: 'failed', reason: error.message };
        this.log.error({ err: error, migration: error.failed }, 'migration failed; the database was left unchanged');
        return;
      }
      const retryInMs = Math.min(30_000, 500 * 2 ** Math.min(this.#attempt - 1, 6));
      const reason = `database unreachable: ${describeError(error)}`;
      this.#state = { status: 'unavailable', reason, retryInMs };
      this.log.warn({ reason, retryInMs, attempt: this.#attempt }, 'database not ready; will retry');
      this.#timer = setTimeout(() => void this.#attemptOnce(), retryInMs);
      this.#timer.unref();
    }
  }

  /** Readiness as /ready reports it: the database answers now, and migrations are current. */
  async readiness(timeoutMs: number): Promise<ReadinessReport> {
    const database = this.config.database.kind;
    const state = this.#state;
    if (state.status !== 'ready') {
      return { ready: false, database, reason: state.status === 'starting' ? 'starting up' : state.reason };
    }
    try {
      await withTimeout(this.#gateway?.ping() ?? Promise.reject(new Error('no database')), timeoutMs);
      return { ready: true, database, migrations: { applied: state.migrations.length, pending: [] } };
    } catch (error) {
      return { ready: false, database, reason: `database unreachable: ${describeError(error)}` };
    }
  }

  async close(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#firstAttempt?.catch(() => {});
    // The final checkpoint seals the chain's tail before the database closes.
    await this.#audit
      ?.close()
      .catch((error: unknown) => this.log.error({ err: error }, 'could not close the audit log'));
    await this.#database?.close();
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && (code.startsWith('08') || code.startsWith('E') || code === '57P01')) return true;
  return error instanceof Error && /connect|terminated|timeout/i.test(error.message);
}

/** A short, credential-free description of why the database did not answer. */
function describeError(error: unknown): string {
  const err = error instanceof Error ? error : new Error(String(error));
  const cause = (err as { cause?: unknown }).cause;
  const code = (err as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code;
  const aggregate = err instanceof AggregateError ? err.errors[0] : undefined;
  const message = (aggregate instanceof Error ? aggregate.message : err.message) || err.name;
  return (typeof code === 'string' && !message.includes(code) ? `${code} ${message}` : message).replace(
    /postgres(ql)?:\/\/\S+/g,
    '[url]',
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
