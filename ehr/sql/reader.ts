import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { EhrReader } from '../gateway.ts';
import type { ClaimLine } from '../types.ts';
import { type CursorKey, decodeCursor, pageLimit, toPage } from './cursor.ts';
import {
  toAppointment,
  toAssessment,
  toClaim,
  toClaimLine,
  toClient,
  toConsent,
  toDiagnosis,
  toIntake,
  toMessage,
  toNote,
  toPractice,
  toReplyDraft,
  toThread,
  toTranscript,
  toTreatmentPlan,
  toUser,
} from './mappers.ts';
import type { Database, Row } from './schema.ts';

const today = () => new Date().toISOString().slice(0, 10);

// Folding accents in SQL with translate() keeps search portable: unaccent is an extension PGlite and a managed
// PostgreSQL may not both have.
const ACCENTED = 'áàâäãåéèêëíìîïóòôöõúùûüñçÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇ';
const PLAIN = 'aaaaaaeeeeiiiiooooouuuuncAAAAAAEEEEIIIIOOOOOUUUUNC';
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A timestamp column as text with all six fractional digits. Cursors carry this rather than the millisecond ISO
 * string the row maps to: a row stored with microseconds would otherwise repeat forever (ascending) or be skipped
 * (descending) at a page boundary.
 */
const exactTime = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursorKey');

/** (sortColumn, id) after the cursor, in the given direction. */
function after(
  cursor: CursorKey | null,
  sortRef: Expression<unknown>,
  idRef: Expression<unknown>,
  direction: 'asc' | 'desc',
): Expression<SqlBool> | null {
  if (!cursor) return null;
  const op = direction === 'asc' ? sql.raw('>') : sql.raw('<');
  return sql<SqlBool>`(${sortRef}, ${idRef}) ${op} (${cursor[0]}, ${cursor[1]})`;
}

/** Every read but the audit trail's (ehr/sql/audit-query.ts). */
export function sqlReader(db: Kysely<Database>, practiceId: string): Omit<EhrReader, 'audit'> {
  const claimsWithLines = async (rows: Row<'claims'>[]) => {
    if (rows.length === 0) return [];
    const lines = await db
      .selectFrom('claimLines')
      .selectAll()
      .where('practiceId', '=', practiceId)
      .where(
        'claimId',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('claimId')
      .orderBy('lineNumber')
      .execute();
    const byClaim = new Map<string, ClaimLine[]>();
    for (const line of lines) {
      const list = byClaim.get(line.claimId) ?? [];
      list.push(toClaimLine(line));
      byClaim.set(line.claimId, list);
    }
    return rows.map((r) => toClaim(r, byClaim.get(r.id) ?? []));
  };

  return {
    async practice() {
      const row = await db.selectFrom('practices').selectAll().where('id', '=', practiceId).executeTakeFirstOrThrow();
      return toPractice(row);
    },

    users: {
      async get(id) {
        const row = await db
          .selectFrom('users')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('id', '=', id)
          .executeTakeFirst();
        return row ? toUser(row) : null;
      },
      async list(filter = {}) {
        let q = db.selectFrom('users').selectAll().where('practiceId', '=', practiceId);
        if (filter.role) q = q.where('role', '=', filter.role);
        if (filter.active !== undefined) q = q.where('active', '=', filter.active);
        return (await q.orderBy('username').execute()).map(toUser);
      },
      async supervisees(supervisorId) {
        const on = today();
        const rows = await db
          .selectFrom('supervisionLinks')
          .select('superviseeId')
          .where('practiceId', '=', practiceId)
          .where('supervisorId', '=', supervisorId)
          .where('startedOn', '<=', on)
          .where((eb) => eb.or([eb('endedOn', 'is', null), eb('endedOn', '>=', on)]))
          .orderBy('superviseeId')
          .execute();
        return rows.map((r) => r.superviseeId);
      },
    },

    clients: {
      async get(id) {
        const row = await db
          .selectFrom('clients')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('id', '=', id)
          .executeTakeFirst();
        return row ? toClient(row) : null;
      },
      async search(query) {
        const limit = pageLimit(query.limit);
        const cursor = decodeCursor(query.cursor);
        if (query.clientIds && query.clientIds.length === 0) return { items: [], nextCursor: null };
        const sortName = sql<string>`lower(last_name || ', ' || first_name)`;
        let q = db
          .selectFrom('clients')
          .selectAll()
          .select(sortName.as('sortName'))
          .where('practiceId', '=', practiceId);
        if (query.clientIds) q = q.where('id', 'in', [...query.clientIds]);
        if (query.status) q = q.where('status', '=', query.status);
        const text = query.text?.trim();
        if (text) {
          const pattern = `%${escapeLike(fold(text))}%`;
          const folded = (column: string) => sql`translate(lower(${sql.ref(column)}), ${ACCENTED}, ${PLAIN})`;
          q = q.where((eb) =>
            eb.or([
              eb(sql`${folded('first_name')} || ' ' || ${folded('last_name')}`, 'like', pattern),
              eb(sql`${folded('last_name')} || ', ' || ${folded('first_name')}`, 'like', pattern),
              eb(folded('preferred_name'), 'like', pattern),
              eb(sql`lower(mrn)`, '=', text.toLowerCase()),
            ]),
          );
        }
        const cond = after(cursor, sortName, sql.ref('id'), 'asc');
        if (cond) q = q.where(cond);
        const rows = await q
          .orderBy(sortName)
          .orderBy('id')
          .limit(limit + 1)
          .execute();
        return toPage(rows, limit, toClient, (r) => [r.sortName, r.id]);
      },
      async diagnoses(clientId) {
        const rows = await db
          .selectFrom('clientDiagnoses')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('clientId', '=', clientId)
          .orderBy('rank')
          .orderBy('id')
          .execute();
        return rows.map(toDiagnosis);
      },
      async relationships(clientId) {
        const rows = await db
          .selectFrom('clientRelationships')
          .select(['clientId', 'relatedClientId', 'relationship'])
          .where('practiceId', '=', practiceId)
          .where('clientId', '=', clientId)
          .orderBy('relatedClientId')
          .execute();
        return rows.map((r) => ({ ...r, relationship: r.relationship as 'partner' }));
      },
      async careTeam(clientId, on = today()) {
        const rows = await db
          .selectFrom('caseloadAssignments')
          .select(['clientId', 'clinicianId', 'role', 'startedOn', 'endedOn'])
          .where('practiceId', '=', practiceId)
          .where('clientId', '=', clientId)
          .where('startedOn', '<=', on)
          .where((eb) => eb.or([eb('endedOn', 'is', null), eb('endedOn', '>=', on)]))
          .orderBy('role')
          .orderBy('clinicianId')
          .execute();
        return rows.map((r) => ({ ...r, role: r.role as 'primary' | 'secondary' }));
      },
      async caseload(clinicianIds, on = today()) {
        if (clinicianIds.length === 0) return [];
        const rows = await db
          .selectFrom('caseloadAssignments')
          .select('clientId')
          .distinct()
          .where('practiceId', '=', practiceId)
          .where('clinicianId', 'in', [...clinicianIds])
          .where('startedOn', '<=', on)
          .where((eb) => eb.or([eb('endedOn', 'is', null), eb('endedOn', '>=', on)]))
          .orderBy('clientId')
          .execute();
        return rows.map((r) => r.clientId);
      },
    },

    consents: {
      async list(clientId) {
        const rows = await db
          .selectFrom('consents')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('clientId', '=', clientId)
          .orderBy('grantedAt')
          .orderBy('id')
          .execute();
        return rows.map(toConsent);
      },
      async active(clientId, kind, options = {}) {
        const at = options.at ?? new Date().toISOString();
        let q = db
          .selectFrom('consents')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('clientId', '=', clientId)
          .where('kind', '=', kind)
          .where('grantedAt', '<=', at)
          .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', at)]))
          .where((eb) => eb.or([eb('revokedAt', 'is', null), eb('revokedAt', '>', at)]));
        if (options.purpose) q = q.where('purpose', '=', options.purpose);
        return (await q.orderBy('grantedAt').orderBy('id').execute()).map(toConsent);
      },
    },

    appointments: {
      async get(id) {
        const row = await db
          .selectFrom('appointments')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('id', '=', id)
          .executeTakeFirst();
        return row ? toAppointment(row) : null;
      },
      async list(query) {
        const limit = pageLimit(query.limit);
        const cursor = decodeCursor(query.cursor);
        const direction = query.order ?? 'asc';
        if (query.clinicianIds && query.clinicianIds.length === 0) return { items: [], nextCursor: null };
        let q = db
          .selectFrom('appointments')
          .selectAll()
          .select(exactTime('starts_at'))
          .where('practiceId', '=', practiceId);
        if (query.clientId) q = q.where('clientId', '=', query.clientId);
        if (query.clinicianIds) q = q.where('clinicianId', 'in', [...query.clinicianIds]);
        if (query.from) q = q.where('startsAt', '>=', query.from);
        if (query.to) q = q.where('startsAt', '<', query.to);
        if (query.status) q = q.where('status', '=', query.status);
        const cond = after(cursor, sql.ref('starts_at'), sql.ref('id'), direction);
        if (cond) q = q.where(cond);
        const rows = await q
          .orderBy('startsAt', direction)
          .orderBy('id', direction)
          .limit(limit + 1)
          .execute();
        return toPage(rows, limit, toAppointment, (r) => [r.cursorKey, r.id]);
      },
    },

    transcripts: {
      async get(id) {
        const row = await db
          .selectFrom('transcripts')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('id', '=', id)
          .executeTakeFirst();
        return row ? toTranscript(row) : null;
      },
      async forAppointment(appointmentId) {
        const rows = await db
          .selectFrom('transcripts')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('appointmentId', '=', appointmentId)
          .orderBy('createdAt')
          .orderBy('id')
          .execute();
        return rows.map(toTranscript);
      },
    },

    notes: {
      async get(id) {
        const row = await db
          .selectFrom('notes')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('id', '=', id)
          .executeTakeFirst();
        return row ? toNote(row) : null;
      },
      async list(query) {
        const limit = pageLimit(query.limit);
        const cursor = decodeCursor(query.cursor);
        if (query.kinds && query.kinds.length === 0) return { items: [], nextCursor: null };
        let q = db
          .selectFrom('notes')
          .selectAll()
          .select(exactTime('created_at'))
          .where('practiceId', '=', practiceId)
          .where('clientId', '=', query.clientId);
        if (query.kinds) q = q.where('kind', 'in', [...query.kinds]);
        if (query.status) q = q.where('status', '=', query.status);
        const cond = after(cursor, sql.ref('created_at'), sql.ref('id'), 'desc');
        if (cond) q = q.where(cond);
        const rows = await q
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1)
          .execute();
        return toPage(rows, limit, toNote, (r) => [r.cursorKey, r.id]);
      },
    },

    assessments: {
      async list(query) {
        const limit = pageLimit(query.limit);
        const cursor = decodeCursor(query.cursor);
        let q = db
          .selectFrom('assessments')
          .selectAll()
          .select(exactTime('administered_at'))
          .where('practiceId', '=', practiceId)
          .where('clientId', '=', query.clientId);
        if (query.instrument) q = q.where('instrument', '=', query.instrument);
        const cond = after(cursor, sql.ref('administered_at'), sql.ref('id'), 'desc');
        if (cond) q = q.where(cond);
        const rows = await q
          .orderBy('administeredAt', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1)
          .execute();
        return toPage(rows, limit, toAssessment, (r) => [r.cursorKey, r.id]);
      },
    },

    treatmentPlans: {
      async get(id) {
        const row = await db
          .selectFrom('treatmentPlans')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('id', '=', id)
          .executeTakeFirst();
        return row ? toTreatmentPlan(row) : null;
      },
      async list(clientId) {
        const rows = await db
          .selectFrom('treatmentPlans')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('clientId', '=', clientId)
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .execute();
        return rows.map(toTreatmentPlan);
      },
    },

    inbox: {
      async listThreads(query) {
        const limit = pageLimit(query.limit);
        const cursor = decodeCursor(query.cursor);
        if (query.clientIds && query.clientIds.length === 0) return { items: [], nextCursor: null };
        let q = db
          .selectFrom('inboxThreads')
          .selectAll()
          .select(exactTime('last_message_at'))
          .where('practiceId', '=', practiceId);
        if (query.clientIds) q = q.where('clientId', 'in', [...query.clientIds]);
        if (query.status) q = q.where('status', '=', query.status);
        const cond = after(cursor, sql.ref('last_message_at'), sql.ref('id'), 'desc');
        if (cond) q = q.where(cond);
        const rows = await q
          .orderBy('lastMessageAt', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1)
          .execute();
        return toPage(rows, limit, toThread, (r) => [r.cursorKey, r.id]);
      },
      async getThread(id) {
        const row = await db
          .selectFrom('inboxThreads')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('id', '=', id)
          .executeTakeFirst();
        return row ? toThread(row) : null;
      },
      async listMessages(threadId, page = {}) {
        const limit = pageLimit(page.limit);
        const cursor = decodeCursor(page.cursor);
        let q = db
          .selectFrom('inboxMessages')
          .selectAll()
          .select(exactTime('received_at'))
          .where('practiceId', '=', practiceId)
          .where('threadId', '=', threadId);
        const cond = after(cursor, sql.ref('received_at'), sql.ref('id'), 'asc');
        if (cond) q = q.where(cond);
        const rows = await q
          .orderBy('receivedAt')
          .orderBy('id')
          .limit(limit + 1)
          .execute();
        return toPage(rows, limit, toMessage, (r) => [r.cursorKey, r.id]);
      },
      async getMessage(id) {
        const row = await db
          .selectFrom('inboxMessages')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('id', '=', id)
          .executeTakeFirst();
        return row ? toMessage(row) : null;
      },
      async recentMessages(query) {
        const limit = pageLimit(query.limit);
        const cursor = decodeCursor(query.cursor);
        if (query.clientIds && query.clientIds.length === 0) return { items: [], nextCursor: null };
        let q = db
          .selectFrom('inboxMessages')
          .selectAll()
          .select(exactTime('received_at'))
          .where('practiceId', '=', practiceId);
        if (query.clientIds) q = q.where('clientId', 'in', [...query.clientIds]);
        if (query.senderKinds) q = q.where('senderKind', 'in', [...query.senderKinds]);
        if (query.since) q = q.where('receivedAt', '>=', query.since);
        const cond = after(cursor, sql.ref('received_at'), sql.ref('id'), 'desc');
        if (cond) q = q.where(cond);
        const rows = await q
          .orderBy('receivedAt', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1)
          .execute();
        return toPage(rows, limit, toMessage, (r) => [r.cursorKey, r.id]);
      },
      async replyDrafts(threadId) {
        const rows = await db
          .selectFrom('replyDrafts')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('threadId', '=', threadId)
          .orderBy('createdAt')
          .orderBy('id')
          .execute();
        return rows.map(toReplyDraft);
      },
    },

    claims: {
      async get(id) {
        const row = await db
          .selectFrom('claims')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) return null;
        const [claim] = await claimsWithLines([row]);
        return claim ?? null;
      },
      async list(query) {
        const limit = pageLimit(query.limit);
        const cursor = decodeCursor(query.cursor);
        let q = db.selectFrom('claims').selectAll().where('practiceId', '=', practiceId);
        if (query.clientId) q = q.where('clientId', '=', query.clientId);
        if (query.status) q = q.where('status', '=', query.status);
        const cond = after(cursor, sql.ref('date_of_service'), sql.ref('id'), 'desc');
        if (cond) q = q.where(cond);
        const rows = await q
          .orderBy('dateOfService', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1)
          .execute();
        const page = toPage(
          rows,
          limit,
          (r) => r,
          (r) => [r.dateOfService, r.id],
        );
        return { items: await claimsWithLines(page.items), nextCursor: page.nextCursor };
      },
    },

    intake: {
      async get(id) {
        const row = await db
          .selectFrom('intakeSubmissions')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('id', '=', id)
          .executeTakeFirst();
        return row ? toIntake(row) : null;
      },
      async list(clientId) {
        const rows = await db
          .selectFrom('intakeSubmissions')
          .selectAll()
          .where('practiceId', '=', practiceId)
          .where('clientId', '=', clientId)
          .orderBy('submittedAt', 'desc')
          .orderBy('id', 'desc')
          .execute();
        return rows.map(toIntake);
      },
    },
  };
}
