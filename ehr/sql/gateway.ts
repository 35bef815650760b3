import { sql } from 'kysely';
import type { EhrGateway } from '../gateway.ts';
import { sqlAuditReader } from './audit-query.ts';
import type { SqlDatabase } from './connect.ts';
import { sqlDraftWriter } from './drafts.ts';
import { sqlHumanActions } from './human.ts';
import { toUser } from './mappers.ts';
import { sqlReader } from './reader.ts';
import { guarded } from './translate-error.ts';

/** Wraps each method of a nested object so database errors surface as EhrErrors. */
function guardAll<T extends object>(target: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target)) {
    if (typeof value === 'function') {
      out[key] = (...args: unknown[]) => guarded(() => (value as (...a: unknown[]) => Promise<unknown>)(...args));
    } else if (value && typeof value === 'object') {
      out[key] = guardAll(value);
    } else {
      out[key] = value;
    }
  }
  return out as T;
}

/** The SQL adapter: one implementation of all three gateway parts, on PGlite or PostgreSQL. */
export function sqlGateway(database: SqlDatabase): EhrGateway {
  const { db } = database;
  return {
    forPractice(practiceId) {
      return Object.freeze({
        practiceId,
        read: guardAll({ ...sqlReader(db, practiceId), audit: sqlAuditReader(db, practiceId) }),
        drafts: sqlDraftWriter(db, practiceId),
      });
    },
    humanActions(practiceId) {
      return sqlHumanActions(db, practiceId);
    },
    findUserByUsername: (username) =>
      guarded(async () => {
        const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
        return row ? toUser(row) : null;
      }),
    findUserById: (id) =>
      guarded(async () => {
        const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? toUser(row) : null;
      }),
    ping: () =>
      guarded(async () => {
        await sql`select 1`.execute(db);
      }),
    close: () => database.close(),
  };
}
