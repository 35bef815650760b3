import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type { AuditLog } from '../../policies/audit/log.ts';
import { EhrError } from '../errors.ts';
import {
  type AlertNotifier,
  type AlertStore,
  MAX_RISK_FLAG_PAGE,
  type NewRiskFlag,
  type NewTriageAlert,
  type RiskFlag,
  type RiskFlagQuery,
  type RiskFlagStore,
  type TriageAlert,
} from '../flags.ts';
import { ID_PREFIX, newId } from '../ids.ts';
import { decodeCursor, pageLimit, toPage } from './cursor.ts';
import type { Database } from './schema.ts';
import { systemAuditEvent } from './system-audit.ts';
import { guarded } from './translate-error.ts';

type Json<T> = ColumnType<T, string, string>;

/**
 * The tables of migrations 0004 and 0008, kept beside their users (this file and flag-review.ts) rather than in the
 * shared schema file.
 */
export interface FlagTables {
  riskFlags: {
    id: string;
    practiceId: string;
    clientId: string;
    kind: string;
    sourceId: string;
    urgency: string;
    evidence: Json<unknown>;
    recommendedAction: string;
    status: Generated<string>;
    aiGenerated: Generated<boolean>;
    createdBy: string;
    createdAt: Generated<Date | string>;
    reviewedBy: string | null;
    reviewedAt: Date | string | null;
    reviewDisposition: string | null;
    reviewNote: string | null;
  };
  triageAlerts: {
    id: string;
    practiceId: string;
    clientId: string;
    messageId: string | null;
    flagId: string | null;
    sourceKey: string;
    recipientId: string;
    recipientKind: string;
    urgency: string;
    reasonCodes: Json<unknown>;
    delivery: Generated<string>;
    createdAt: Generated<Date | string>;
    deliveredAt: Date | string | null;
  };
}
export type FlagDb = Kysely<Database & FlagTables>;

const iso = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v.toISOString() : v);

export function toFlag(r: Record<string, unknown>): RiskFlag {
  return {
    id: r.id as string,
    clientId: r.clientId as string,
    kind: r.kind as RiskFlag['kind'],
    sourceId: r.sourceId as string,
    urgency: r.urgency as RiskFlag['urgency'],
    evidence: r.evidence as RiskFlag['evidence'],
    recommendedAction: r.recommendedAction as string,
    status: r.status as RiskFlag['status'],
    aiGenerated: true,
    createdBy: r.createdBy as string,
    createdAt: iso(r.createdAt as Date | string) ?? '',
    reviewedBy: (r.reviewedBy as string | null) ?? null,
    reviewedAt: iso((r.reviewedAt as Date | string | null) ?? null),
    reviewDisposition: (r.reviewDisposition as RiskFlag['reviewDisposition']) ?? null,
    reviewNote: (r.reviewNote as string | null) ?? null,
  };
}

/**
 * The queue order as one descending key: urgency as a rank (emergency 2, urgent 1, routine 0), then the creation
 * time with all six fractional digits (a millisecond cursor would repeat or skip rows stored within one), then id.
 */
const urgencyRank = sql<number>`case urgency when 'emergency' then 2 when 'urgent' then 1 else 0 end`;
const exactCreatedAt = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const FLAG_SORT_KEY = /^([0-2])\|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)$/;

/** The cursor's sort key, `rank|time`; anything else was not given out by list(). */
function flagPosition(cursor: string | null | undefined): { rank: number; at: string; id: string } | null {
  const key = decodeCursor(cursor);
  if (!key) return null;
  const m = FLAG_SORT_KEY.exec(key[0]);
  if (!m?.[1] || !m[2] || key[1].length === 0 || key[1].length > 64) {
    throw new EhrError('invalid', 'cursor is not valid; pass back the nextCursor of a previous page unchanged');
  }
  return { rank: Number(m[1]), at: m[2], id: key[1] };
}

function toAlert(r: Record<string, unknown>): TriageAlert {
  return {
    id: r.id as string,
    clientId: r.clientId as string,
    messageId: (r.messageId as string | null) ?? null,
    flagId: (r.flagId as string | null) ?? null,
    recipientId: r.recipientId as string,
    recipientKind: r.recipientKind as TriageAlert['recipientKind'],
    urgency: r.urgency as TriageAlert['urgency'],
    reasonCodes: r.reasonCodes as string[],
    delivery: r.delivery as TriageAlert['delivery'],
    createdAt: iso(r.createdAt as Date | string) ?? '',
    deliveredAt: iso(r.deliveredAt as Date | string | null),
  };
}

export function sqlRiskFlags(database: Kysely<Database>, practiceId: string): RiskFlagStore {
  const db = database as unknown as FlagDb;
  return {
    upsert: (flag: NewRiskFlag) =>
      guarded(async () => {
        const inserted = await db
          .insertInto('riskFlags')
          .values({
            id: newId(ID_PREFIX.riskFlag),
            practiceId,
            clientId: flag.clientId,
            kind: flag.kind,
            sourceId: flag.sourceId,
            urgency: flag.urgency,
            evidence: JSON.stringify(flag.evidence),
            recommendedAction: flag.recommendedAction,
            createdBy: flag.createdBy,
          })
          .onConflict((oc) => oc.columns(['practiceId', 'clientId', 'kind', 'sourceId']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (inserted) return { flag: toFlag(inserted), created: true };
        const existing = await db
          .selectFrom('riskFlags')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('clientId', '=', flag.clientId)
          .where('kind', '=', flag.kind)
          .where('sourceId', '=', flag.sourceId)
          .executeTakeFirstOrThrow();
        return { flag: toFlag(existing), created: false };
      }),
    forClient: (clientId: string) =>
      guarded(async () =>
        (
          await db
            .selectFrom('riskFlags')
            .selectAll()
            .where('practiceId', '=', practiceId)
            .where('clientId', '=', clientId)
            .orderBy('createdAt', 'desc')
            .orderBy('id')
            .limit(200)
            .execute()
        ).map(toFlag),
      ),
    list: (query: RiskFlagQuery) =>
      guarded(async () => {
        const limit = Math.min(pageLimit(query.limit), MAX_RISK_FLAG_PAGE);
        const after = flagPosition(query.cursor);
        if (query.clientIds && query.clientIds.length === 0) return { items: [], nextCursor: null };
        let q = db
          .selectFrom('riskFlags')
          .selectAll()
          .select([urgencyRank.as('urgencyRank'), exactCreatedAt.as('cursorKey')])
          .where('practiceId', '=', practiceId);
        if (query.clientIds) q = q.where('clientId', 'in', [...query.clientIds]);
        if (query.status) q = q.where('status', '=', query.status);
        if (after) {
          q = q.where(
            sql<boolean>`(${urgencyRank}, created_at, id) < (${after.rank}::int, ${after.at}::timestamptz, ${after.id})`,
          );
        }
        const rows = await q
          .orderBy(urgencyRank, 'desc')
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1)
          .execute();
        return toPage(rows, limit, toFlag, (r) => [`${r.urgencyRank}|${r.cursorKey}`, r.id]);
      }),
  };
}

export function sqlAlerts(database: Kysely<Database>, practiceId: string): AlertStore {
  const db = database as unknown as FlagDb;
  return {
    raise: (alert: NewTriageAlert) =>
      guarded(async () => {
        const sourceKey = alert.messageId ?? alert.flagId ?? alert.clientId;
        const inserted = await db
          .insertInto('triageAlerts')
          .values({
            id: newId(ID_PREFIX.triageAlert),
            practiceId,
            clientId: alert.clientId,
            messageId: alert.messageId,
            flagId: alert.flagId,
            sourceKey,
            recipientId: alert.recipientId,
            recipientKind: alert.recipientKind,
            urgency: alert.urgency,
            reasonCodes: JSON.stringify(alert.reasonCodes),
          })
          .onConflict((oc) => oc.columns(['practiceId', 'sourceKey', 'recipientId']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (inserted) return { alert: toAlert(inserted), created: true };
        const existing = await db
          .selectFrom('triageAlerts')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('sourceKey', '=', sourceKey)
          .where('recipientId', '=', alert.recipientId)
          .executeTakeFirstOrThrow();
        return { alert: toAlert(existing), created: false };
      }),
  };
}

/**
 * The delivery job for the alert outbox: hands each pending alert to the notifier, oldest first, audits each
 * attempt (surface `system`, action `alert.deliver`, ids only) and records the outcome. A notifier that throws leaves
 * the alert `failed` for the next run to retry; an audit that cannot be written stops the run before the alert is
 * marked, so nothing is delivered unaudited without being tried again.
 */
export async function deliverPendingAlerts(
  database: Kysely<Database>,
  notifier: AlertNotifier,
  audit: Pick<AuditLog, 'append'>,
  options: { limit?: number; retryFailed?: boolean } = {},
): Promise<{ delivered: number; failed: number }> {
  const db = database as unknown as FlagDb;
  const pending = await db
    .selectFrom('triageAlerts')
    .selectAll()
    .where('delivery', 'in', options.retryFailed ? ['pending', 'failed'] : ['pending'])
    .orderBy('createdAt')
    .orderBy('id')
    .limit(options.limit ?? 100)
    .execute();
  let delivered = 0;
  let failed = 0;
  for (const row of pending) {
    const alert = toAlert(row);
    const started = performance.now();
    let error: unknown = null;
    try {
      await notifier.deliver(alert);
    } catch (e) {
      error = e;
    }
    await audit.append(
      systemAuditEvent({
        practiceId: row.practiceId,
        action: 'alert.deliver',
        failure: error ? 'notifier_failed' : null,
        recordIds: [alert.id, alert.clientId, alert.recipientId, ...(alert.messageId ? [alert.messageId] : [])],
        startedAt: started,
      }),
    );
    if (!error) {
      await db
        .updateTable('triageAlerts')
        .set({ delivery: 'delivered', deliveredAt: new Date().toISOString() })
        .where('id', '=', row.id)
        .execute();
      delivered++;
    } else {
      await db.updateTable('triageAlerts').set({ delivery: 'failed' }).where('id', '=', row.id).execute();
      failed++;
    }
  }
  return { delivered, failed };
}
