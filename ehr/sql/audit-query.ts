import { type Kysely, sql } from 'kysely';
import { EhrError } from '../errors.ts';
import type { AuditEntry, EhrReader } from '../gateway.ts';
import { decodeCursor, pageLimit, toPage } from './cursor.ts';
import type { Database } from './schema.ts';

/** Reads one practice's slice of the audit chain, newest first, keyset-paginated on the chain's sequence. */
export function sqlAuditReader(db: Kysely<Database>, practiceId: string): EhrReader['audit'] {
  return {
    async list(query) {
      const limit = pageLimit(query.limit);
      const cursor = decodeCursor(query.cursor);
      let q = db
        .selectFrom('auditEvents')
        .select([
          'seq',
          'id',
          'occurredAt',
          'actorId',
          'actorRole',
          'surface',
          'clientApp',
          'action',
          'decision',
          'reasonCode',
          'recordIds',
        ])
        .where('practiceId', '=', practiceId);
      if (query.actorId) q = q.where('actorId', '=', query.actorId);
      if (query.action) q = q.where('action', '=', query.action);
      if (query.decision) q = q.where('decision', '=', query.decision);
      if (query.recordId) q = q.where(sql<boolean>`record_ids @> ${JSON.stringify([query.recordId])}::jsonb`);
      if (query.since) q = q.where('occurredAt', '>=', query.since);
      if (query.until) q = q.where('occurredAt', '<', query.until);
      if (cursor) {
        const seq = Number(cursor[0]);
        if (!Number.isSafeInteger(seq))
          throw new EhrError('invalid', 'cursor is not valid; pass back a nextCursor unchanged');
        q = q.where('seq', '<', seq);
      }
      const rows = await q
        .orderBy('seq', 'desc')
        .limit(limit + 1)
        .execute();
      return toPage(
        rows,
        limit,
        (r): AuditEntry => ({
          seq: r.seq,
          occurredAt: r.occurredAt,
          actorId: r.actorId,
          actorRole: r.actorRole,
          surface: r.surface,
          clientApp: r.clientApp,
          action: r.action,
          decision: r.decision,
          reasonCode: r.reasonCode,
          recordIds: Array.isArray(r.recordIds) ? r.recordIds.filter((x): x is string => typeof x === 'string') : [],
        }),
        (r) => [String(r.seq), r.id],
      );
    },
  };
}
