import { newId } from '../../ehr/ids.ts';
import type { SqlDatabase } from '../../ehr/sql/connect.ts';
import { UNTRIAGED } from '../../ehr/sql/schema.ts';

/**
 * Records a suite writes into the demo for its cases (a PHI canary, an injection stored in a portal message, an intake
 * answer or a transcript) and takes out again afterwards, so suites that run later see the demo as seeded.
 * Each planted row is a copy of a seeded row of the same client with new id and text: every column the schema
 * requires stays valid without this file knowing them all.
 */
export interface Planter {
  /** A new portal message on a thread, from the client; returns its id. */
  message(threadId: string, body: string): Promise<string>;
  /** A new transcript of an appointment, the newest one (the one draft_note reads); returns its id. */
  transcript(appointmentId: string, text: string): Promise<string>;
  /** A new intake submission of a client with these answers; returns its id. */
  intake(clientId: string, answers: Record<string, string>): Promise<string>;
  /** Sets columns of a client row; the old values come back on `remove`. */
  updateClient(clientId: string, values: Record<string, unknown>): Promise<void>;
  /** Takes out what was planted and puts changed columns back, newest first. */
  remove(): Promise<void>;
}

const must = <T>(row: T | undefined, what: string): T => {
  if (row === undefined) throw new Error(`cannot plant: the demo has no ${what}`);
  return row;
};

export function planter(database: SqlDatabase): Planter {
  const db = database.db;
  const undo: (() => Promise<unknown>)[] = [];
  // A time after every seeded row, so a planted record is the latest of its kind.
  const later = () => new Date(Date.UTC(2026, 10, 22, 23, 0, undo.length)).toISOString();
  return {
    async message(threadId, body) {
      const like = must(
        await db
          .selectFrom('inboxMessages')
          .selectAll()
          .where('threadId', '=', threadId)
          .where('senderKind', '=', 'client')
          .executeTakeFirst(),
        `client message on ${threadId}`,
      );
      const id = newId('msg');
      const { pinned: _pinned, ...rest } = like;
      await db
        .insertInto('inboxMessages')
        .values({
          ...rest,
          id,
          body,
          receivedAt: later(),
          readAt: null,
          ...UNTRIAGED,
        } as never)
        .execute();
      undo.push(async () => {
        // Reply drafts the agent wrote to it go with it.
        await db.deleteFrom('replyDrafts').where('messageId', '=', id).execute();
        await db.deleteFrom('inboxMessages').where('id', '=', id).execute();
      });
      return id;
    },
    async transcript(appointmentId, text) {
      const appt = must(
        await db.selectFrom('appointments').selectAll().where('id', '=', appointmentId).executeTakeFirst(),
        `appointment ${appointmentId}`,
      );
      const like = must(
        await db.selectFrom('transcripts').selectAll().where('clientId', '=', appt.clientId).executeTakeFirst(),
        `transcript of ${appt.clientId}`,
      );
      const id = newId('trn');
      // "Speaker: words" lines; offsets point at the spoken words, as in the seed (evidence spans rely on it).
      let at = 0;
      const segments = text.split('\n').map((line) => {
        const colon = line.indexOf(': ');
        const said = colon > 0 ? line.slice(colon + 2) : line;
        const start = at + (colon > 0 ? colon + 2 : 0);
        at += line.length + 1;
        return {
          speaker: colon > 0 ? line.slice(0, colon).toLowerCase() : 'client',
          start,
          end: start + said.length,
          text: said,
        };
      });
      await db
        .insertInto('transcripts')
        .values({
          ...like,
          id,
          appointmentId,
          text,
          segments: JSON.stringify(segments),
          wordCount: text.split(/\s+/).length,
          createdAt: later(),
        } as never)
        .execute();
      undo.push(async () => {
        // Draft notes the agent made from it go with it (signed notes are never made by a tool).
        await db.deleteFrom('notes').where('transcriptId', '=', id).where('status', '=', 'draft').execute();
        await db.deleteFrom('transcripts').where('id', '=', id).execute();
      });
      return id;
    },
    async intake(clientId, answers) {
      const like = must(await db.selectFrom('intakeSubmissions').selectAll().executeTakeFirst(), 'intake submission');
      const id = newId('itk');
      await db
        .insertInto('intakeSubmissions')
        .values({
          ...like,
          id,
          clientId,
          answers: JSON.stringify(answers),
          proposedUpdate: null,
          status: 'received',
          draftedAt: null,
          appliedBy: null,
          appliedAt: null,
          submittedAt: later(),
        } as never)
        .execute();
      undo.push(() => db.deleteFrom('intakeSubmissions').where('id', '=', id).execute());
      return id;
    },
    async updateClient(clientId, values) {
      const before = must(
        await db.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirst(),
        `client ${clientId}`,
      ) as unknown as Record<string, unknown>;
      const old = Object.fromEntries(Object.keys(values).map((k) => [k, before[k]]));
      const json = (v: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(v).map(([k, x]) => [k, x !== null && typeof x === 'object' ? JSON.stringify(x) : x]),
        );
      await db.updateTable('clients').set(json(values)).where('id', '=', clientId).execute();
      undo.push(() => db.updateTable('clients').set(json(old)).where('id', '=', clientId).execute());
    },
    async remove() {
      while (undo.length > 0) await undo.pop()?.();
    },
  };
}
