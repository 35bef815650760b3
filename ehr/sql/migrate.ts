import type { Kysely } from 'kysely';
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration';
import * as initial from './migrations/0001-initial.ts';
import * as auditCheckpoints from './migrations/0002-audit-checkpoints.ts';
import * as triageFlags from './migrations/0004-triage-flags.ts';
import * as codingClaims from './migrations/0005-coding-claims.ts';
import * as chatConversations from './migrations/0006-chat-conversations.ts';
import * as auditRecordIndex from './migrations/0007-audit-record-index.ts';
import * as riskFlagReview from './migrations/0008-risk-flag-review.ts';
import * as untriagedIndex from './migrations/0009-untriaged-index.ts';

/**
 * The versioned migrations, in order. Listed here rather than read from a folder so that they travel with the
 * code (bundled, type-checked) and the order is explicit. Never edit one that has shipped: add the next.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-audit-checkpoints': auditCheckpoints,
  '0004-triage-flags': triageFlags,
  '0005-coding-claims': codingClaims,
  '0006-chat-conversations': chatConversations,
  '0007-audit-record-index': auditRecordIndex,
  '0008-risk-flag-review': riskFlagReview,
  '0009-untriaged-index': untriagedIndex,
};

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    message: string,
    readonly failed: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

function migrator(db: Kysely<unknown>, set: Readonly<Record<string, Migration>>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...set }) },
    migrationTableName: 'charta_migrations',
    migrationLockTableName: 'charta_migrations_lock',
  });
}

/**
 * Applies every pending migration in one transaction: PostgreSQL has transactional DDL, so a failure leaves the
 * database exactly as it was. Returns the names applied by this call.
 */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: any Kysely instance works; migrations only use raw SQL.
  db: Kysely<any>,
  set: Readonly<Record<string, Migration>> = migrations,
): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db, set).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const cause = result.error instanceof Error ? result.error : new Error(String(result.error));
    throw new MigrationError(`migration ${failed ?? '(unknown)'} failed: ${cause.message}`, failed, { cause });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Which migrations the database has and which it lacks; used by /ready. */
export async function migrationStatus(
  // biome-ignore lint/suspicious/noExplicitAny: see migrateToLatest.
  db: Kysely<any>,
  set: Readonly<Record<string, Migration>> = migrations,
): Promise<MigrationStatus> {
  const infos = await migrator(db, set).getMigrations();
  return {
    applied: infos.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: infos.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}
