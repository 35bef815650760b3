import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../test/databases.ts';
import {
  expectDatabaseRefusal,
  LAKESIDE,
  NORTHSIDE,
  pick,
  seed,
  USERS,
  useContract,
} from './gateway.contract.harness.ts';
import type { Database } from './schema.ts';

const signedNote = pick(seed.notes, (n) => n.practiceId === LAKESIDE && n.status === 'signed', 'signed note');
const lockableNote = pick(
  seed.notes,
  (n) => n.practiceId === LAKESIDE && n.status === 'signed' && n.id !== signedNote.id,
  'second signed note',
);
const lockedNote = pick(seed.notes, (n) => n.practiceId === LAKESIDE && n.status === 'locked', 'locked note');
const lakesideClient = pick(seed.clients, (c) => c.practiceId === LAKESIDE, 'lakeside client');
const northsideClient = pick(seed.clients, (c) => c.practiceId === NORTHSIDE, 'northside client');
const northsideAppointment = pick(seed.appointments, (a) => a.practiceId === NORTHSIDE, 'northside appointment');
const northsideThread = pick(seed.inboxThreads, (t) => t.practiceId === NORTHSIDE, 'northside thread');

const noteRow = async (db: Kysely<Database>, id: string) =>
  (
    await sql<{ status: string; sections: unknown; version: number }>`
    select status, sections, version from notes where id = ${id}`.execute(db)
  ).rows[0];

const auditRows = async (db: Kysely<Database>) =>
  (
    await sql<{
      id: string;
      action: string;
      hash: string;
    }>`select id, action, hash from audit_events order by seq`.execute(db)
  ).rows;

/** A refusal by one of the schema's triggers: SQLSTATE P0001 with a message naming the rule. */
async function expectTriggerRefusal(work: Promise<unknown>, message: RegExp) {
  const error = await expectDatabaseRefusal(work);
  expect(error.code).toBe('P0001');
  expect(error.message).toMatch(message);
}

/** A refusal by a foreign key: SQLSTATE 23503. */
async function expectForeignKeyRefusal(work: Promise<unknown>) {
  const error = await expectDatabaseRefusal(work);
  expect(error.code, error.message).toBe('23503');
}

export function describeDatabaseGuards(backend: Backend) {
  describe('database guards', () => {
    const c = useContract(backend);

    it('refuses a direct change to a signed note’s content or status, but allows locking it', async () => {
      const before = await noteRow(c.db, signedNote.id);
      const sections = JSON.stringify({ plan: 'rewritten after signing' });
      await expectTriggerRefusal(
        sql`update notes set sections = ${sections}::jsonb where id = ${signedNote.id}`.execute(c.db),
        /signed/,
      );
      await expectTriggerRefusal(
        sql`update notes set status = 'draft' where id = ${signedNote.id}`.execute(c.db),
        /signed/,
      );
      await expectTriggerRefusal(
        sql`update notes set provenance = '{}'::jsonb where id = ${signedNote.id}`.execute(c.db),
        /signed/,
      );
      await expectTriggerRefusal(
        sql`update notes set signed_by = ${USERS.morgan} where id = ${signedNote.id}`.execute(c.db),
        /signed/,
      );
      await expectTriggerRefusal(
        sql`update notes set sections = ${sections}::jsonb where practice_id = ${LAKESIDE}`.execute(c.db),
        /signed|locked/,
      );
      expect(await noteRow(c.db, signedNote.id)).toEqual(before);
      expect(before?.sections).toEqual(JSON.parse(signedNote.sections));
      await sql`update notes set status = 'locked', locked_at = now() where id = ${lockableNote.id}`.execute(c.db);
      expect((await noteRow(c.db, lockableNote.id))?.status).toBe('locked');
    });

    it('refuses any change at all to a locked note', async () => {
      await expectTriggerRefusal(
        sql`update notes set version = version + 1 where id = ${lockedNote.id}`.execute(c.db),
        /locked/,
      );
      await expectTriggerRefusal(
        sql`update notes set status = 'signed', locked_at = null where id = ${lockedNote.id}`.execute(c.db),
        /locked/,
      );
      expect((await noteRow(c.db, lockedNote.id))?.status).toBe('locked');
    });

    it('refuses to delete a signed or locked note', async () => {
      for (const id of [signedNote.id, lockedNote.id]) {
        await expectTriggerRefusal(sql`delete from notes where id = ${id}`.execute(c.db), /cannot be deleted/);
        expect(await noteRow(c.db, id)).toBeDefined();
      }
      await expectTriggerRefusal(
        sql`delete from notes where practice_id = ${LAKESIDE}`.execute(c.db),
        /cannot be deleted/,
      );
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from notes`.execute(c.db);
      expect(rows[0]?.n).toBe(seed.notes.length);
    });

    it('lets a draft note be updated and deleted directly', async () => {
      const draft = await c.lakeside.drafts.notes.createDraft({
        clientId: lakesideClient.id,
        authorId: USERS.avery,
        kind: 'progress',
        format: 'narrative',
        sections: { narrative: 'first' },
        aiGenerated: false,
        provenance: null,
      });
      await sql`update notes set sections = ${JSON.stringify({ narrative: 'second' })}::jsonb where id = ${draft.id}`.execute(
        c.db,
      );
      expect((await noteRow(c.db, draft.id))?.sections).toEqual({ narrative: 'second' });
      await sql`delete from notes where id = ${draft.id}`.execute(c.db);
      expect(await noteRow(c.db, draft.id)).toBeUndefined();
    });

    it('keeps the audit trail append-only: update, delete and truncate are refused', async () => {
      await sql`insert into audit_events (id, practice_id, occurred_at, surface, action, decision, hash)
        values ('aud_contract_1', ${LAKESIDE}, now(), 'system', 'test', 'allow', 'x')`.execute(c.db);
      const before = await auditRows(c.db);
      expect(before).toEqual([{ id: 'aud_contract_1', action: 'test', hash: 'x' }]);
      await expectTriggerRefusal(
        sql`update audit_events set hash = 'forged' where id = 'aud_contract_1'`.execute(c.db),
        /append-only/,
      );
      await expectTriggerRefusal(sql`update audit_events set action = 'other'`.execute(c.db), /append-only/);
      await expectTriggerRefusal(
        sql`delete from audit_events where id = 'aud_contract_1'`.execute(c.db),
        /append-only/,
      );
      await expectTriggerRefusal(sql`delete from audit_events`.execute(c.db), /append-only/);
      await expectTriggerRefusal(sql`truncate audit_events`.execute(c.db), /append-only/);
      expect(await auditRows(c.db)).toEqual(before);
      await sql`insert into audit_events (id, practice_id, occurred_at, surface, action, decision, hash, prev_hash)
        values ('aud_contract_2', ${LAKESIDE}, now(), 'system', 'test', 'deny', 'y', 'x')`.execute(c.db);
      expect(await auditRows(c.db)).toHaveLength(2);
    });

    it('rejects a note that points at another practice’s client, appointment or author (composite foreign keys)', async () => {
      const insertNote = (
        id: string,
        practiceId: string,
        clientId: string,
        authorId: string,
        appointmentId: string | null,
      ) =>
        sql`insert into notes (id, practice_id, client_id, appointment_id, author_id, kind, format, sections)
          values (${id}, ${practiceId}, ${clientId}, ${appointmentId}, ${authorId}, 'progress', 'narrative', '{"narrative":"x"}')`.execute(
          c.db,
        );
      await expectForeignKeyRefusal(insertNote('note_cross_1', LAKESIDE, northsideClient.id, USERS.avery, null));
      await expectForeignKeyRefusal(insertNote('note_cross_2', NORTHSIDE, lakesideClient.id, USERS.taylor, null));
      await expectForeignKeyRefusal(insertNote('note_cross_3', LAKESIDE, lakesideClient.id, USERS.taylor, null));
      await expectForeignKeyRefusal(
        insertNote('note_cross_4', LAKESIDE, lakesideClient.id, USERS.avery, northsideAppointment.id),
      );
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from notes where id like 'note_cross_%'`.execute(c.db);
      expect(rows[0]?.n).toBe(0);
      // The same row is accepted once everything it points at is in its own practice.
      await insertNote('note_cross_ok', LAKESIDE, lakesideClient.id, USERS.avery, null);
      await expectForeignKeyRefusal(
        sql`update notes set client_id = ${northsideClient.id} where id = 'note_cross_ok'`.execute(c.db),
      );
    });

    it('rejects a message or draft that points at another practice’s thread', async () => {
      await expectForeignKeyRefusal(
        sql`insert into inbox_messages (id, practice_id, thread_id, client_id, sender_kind, sender_display, body, received_at)
          values ('msg_cross', ${LAKESIDE}, ${northsideThread.id}, ${lakesideClient.id}, 'client', 'x', 'x', now())`.execute(
          c.db,
        ),
      );
      await expectForeignKeyRefusal(
        sql`insert into reply_drafts (id, practice_id, thread_id, client_id, author_id, body)
          values ('rpl_cross', ${LAKESIDE}, ${northsideThread.id}, ${northsideThread.clientId}, ${USERS.jamie}, 'x')`.execute(
          c.db,
        ),
      );
    });
  });
}
