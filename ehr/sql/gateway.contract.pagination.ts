import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../test/databases.ts';
import type { ToolEhr } from '../gateway.ts';
import type { Page, PageRequest } from '../types.ts';
import { encodeCursor } from './cursor.ts';
import {
  byKeyThenId,
  expectEhrError,
  ids,
  inPractice,
  LAKESIDE,
  pick,
  seed,
  USERS,
  useContract,
  walk,
} from './gateway.contract.harness.ts';

type Lister = (ehr: ToolEhr, page: PageRequest) => Promise<Page<{ id: string }>>;

const lakesideAppointments = inPractice(seed.appointments, LAKESIDE);
const count = <T>(list: readonly T[], key: (row: T) => string) => {
  const counts = new Map<string, number>();
  for (const row of list) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
};

/** The first key counted more than `atLeast` times (or the most counted, with `atLeast` 0); fails when none is. */
function keyCounted(counts: Map<string, number>, test: (n: number) => boolean, what: string): string {
  const entry = pick(
    [...counts].sort((a, b) => b[1] - a[1]),
    ([, n]) => test(n),
    what,
  );
  return entry[0];
}

/** A start time that several lakeside appointments share: keyset pages must break the tie by id. */
const tiedStart = keyCounted(
  count(lakesideAppointments, (a) => a.startsAt),
  (n) => n > 1,
  'two appointments starting at the same instant',
);
const tieWindow = { from: tiedStart, to: new Date(Date.parse(tiedStart) + 60 * 60_000).toISOString() };

const busyNotesClient = keyCounted(
  count(inPractice(seed.notes, LAKESIDE), (n) => n.clientId),
  () => true,
  'client with notes',
);
const tiedNotesClient = keyCounted(
  count(inPractice(seed.notes, LAKESIDE), (n) => `${n.clientId} ${n.createdAt}`),
  (n) => n > 1,
  'notes of one client created at the same instant',
).split(' ')[0] as string;
const longThread = keyCounted(
  count(inPractice(seed.inboxMessages, LAKESIDE), (m) => m.threadId),
  (n) => n === 3,
  'thread with three messages',
);

interface WalkCase {
  name: string;
  limit: number;
  list: Lister;
  /** The expected ids in order, from the seed, where the sort key makes that independent of collation. */
  seeded?: string[];
}

const cases: WalkCase[] = [
  {
    name: 'one clinician’s appointments, ascending',
    limit: 7,
    list: (e, p) => e.read.appointments.list({ ...p, clinicianIds: [USERS.avery] }),
    seeded: ids(lakesideAppointments.filter((a) => a.clinicianId === USERS.avery).sort(byKeyThenId((a) => a.startsAt))),
  },
  {
    name: 'appointments starting at the same instant, one per page',
    limit: 1,
    list: (e, p) => e.read.appointments.list({ ...p, ...tieWindow }),
    seeded: ids(
      lakesideAppointments
        .filter((a) => a.startsAt >= tieWindow.from && a.startsAt < tieWindow.to)
        .sort(byKeyThenId((a) => a.startsAt)),
    ),
  },
  {
    name: 'a client’s notes, newest first',
    limit: 4,
    list: (e, p) => e.read.notes.list({ ...p, clientId: busyNotesClient }),
    seeded: ids(
      seed.notes.filter((n) => n.clientId === busyNotesClient).sort(byKeyThenId((n) => n.createdAt ?? '')),
    ).reverse(),
  },
  {
    name: 'notes created at the same instant, one per page',
    limit: 1,
    list: (e, p) => e.read.notes.list({ ...p, clientId: tiedNotesClient }),
    seeded: ids(
      seed.notes.filter((n) => n.clientId === tiedNotesClient).sort(byKeyThenId((n) => n.createdAt ?? '')),
    ).reverse(),
  },
  {
    name: 'a thread’s messages, oldest first',
    limit: 1,
    list: (e, p) => e.read.inbox.listMessages(longThread, p),
    seeded: ids(seed.inboxMessages.filter((m) => m.threadId === longThread).sort(byKeyThenId((m) => m.receivedAt))),
  },
  {
    name: 'recent messages across threads, newest first',
    limit: 5,
    list: (e, p) => e.read.inbox.recentMessages(p),
    seeded: ids(inPractice(seed.inboxMessages, LAKESIDE).sort(byKeyThenId((m) => m.receivedAt))).reverse(),
  },
  { name: 'all clients by name', limit: 5, list: (e, p) => e.read.clients.search(p) },
  { name: 'a client name search', limit: 1, list: (e, p) => e.read.clients.search({ ...p, text: 'hollis' }) },
  { name: 'inbox threads', limit: 6, list: (e, p) => e.read.inbox.listThreads(p) },
  { name: 'claims by date of service', limit: 4, list: (e, p) => e.read.claims.list(p) },
  {
    name: 'a client’s assessments',
    limit: 2,
    list: (e, p) => e.read.assessments.list({ ...p, clientId: busyNotesClient }),
  },
];

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const GARBAGE_CURSORS = [
  'garbage',
  '!!!not-base64!!!',
  b64('not json'),
  b64('{"sortKey":"2026-11-01T00:00:00.000Z","id":"apt_x"}'),
  b64('[1,2]'),
  b64('["2026-11-01T00:00:00.000Z"]'),
  b64('["2026-11-01T00:00:00.000Z","apt_x","extra"]'),
  b64('[null,"apt_x"]'),
  'x'.repeat(600),
];

const LISTERS: [string, Lister][] = [
  ['appointments', (e, p) => e.read.appointments.list(p)],
  ['notes', (e, p) => e.read.notes.list({ ...p, clientId: busyNotesClient })],
  ['client search', (e, p) => e.read.clients.search(p)],
  ['thread messages', (e, p) => e.read.inbox.listMessages(longThread, p)],
  ['recent messages', (e, p) => e.read.inbox.recentMessages(p)],
  ['threads', (e, p) => e.read.inbox.listThreads(p)],
  ['claims', (e, p) => e.read.claims.list(p)],
  ['assessments', (e, p) => e.read.assessments.list({ ...p, clientId: busyNotesClient })],
];

export function describePagination(backend: Backend) {
  describe('pagination', () => {
    const c = useContract(backend);

    it.each(cases)(
      'walks $name (limit $limit): every row once, in order, as one unpaginated page',
      async (walkCase) => {
        const walked = ids(await walk(walkCase.limit, (p) => walkCase.list(c.lakeside, p)));
        const whole = await walkCase.list(c.lakeside, { limit: 200 });
        expect(whole.nextCursor).toBeNull();
        expect(walked.length).toBeGreaterThan(walkCase.limit);
        expect(new Set(walked).size).toBe(walked.length);
        expect(walked).toEqual(ids(whole.items));
        if (walkCase.seeded) expect(walked).toEqual(walkCase.seeded);
      },
    );

    it('walks every appointment of the practice, descending, past the 200-row page cap', async () => {
      const walked = ids(await walk(13, (p) => c.lakeside.read.appointments.list({ ...p, order: 'desc' })));
      expect(walked).toEqual(ids([...lakesideAppointments].sort(byKeyThenId((a) => a.startsAt))).reverse());
    });

    it('ends with a null cursor when the rows fill the last page exactly', async () => {
      const full = await c.lakeside.read.inbox.listMessages(longThread, { limit: 3 });
      expect(full.items).toHaveLength(3);
      expect(full.nextCursor).toBeNull();
      const first = await c.lakeside.read.inbox.listMessages(longThread, { limit: 2 });
      expect(first.nextCursor).not.toBeNull();
      const last = await c.lakeside.read.inbox.listMessages(longThread, { limit: 2, cursor: first.nextCursor });
      expect(last.items).toHaveLength(1);
      expect(last.nextCursor).toBeNull();
    });

    it.each(LISTERS)('rejects a garbage cursor as invalid (%s)', async (_name, list) => {
      for (const cursor of GARBAGE_CURSORS) await expectEhrError(list(c.lakeside, { cursor }), 'invalid');
    });

    it('rejects a tampered cursor as invalid', async () => {
      const appointments = (p: PageRequest) => c.lakeside.read.appointments.list(p);
      const first = await appointments({ limit: 2 });
      const cursor = first.nextCursor ?? '';
      expect(cursor).not.toBe('');
      await expectEhrError(appointments({ cursor: cursor.slice(0, -3) }), 'invalid');
      await expectEhrError(appointments({ cursor: encodeCursor(['not-a-time', 'apt_x']) }), 'invalid');
      await expectEhrError(appointments({ cursor: encodeCursor(['2026-13-45T99:00:00Z', 'apt_x']) }), 'invalid');
      const notes = (p: PageRequest) => c.lakeside.read.notes.list({ ...p, clientId: busyNotesClient });
      await expectEhrError(notes({ cursor: encodeCursor(["'; drop table notes; --", 'note_x']) }), 'invalid');
      await expectEhrError(c.lakeside.read.claims.list({ cursor: encodeCursor(['not-a-date', 'clm_x']) }), 'invalid');
      // An untouched cursor still works after all that.
      expect((await appointments({ limit: 2, cursor })).items).toHaveLength(2);
    });

    it.each(LISTERS)('rejects a limit of 0, -1, 1.5, NaN or Infinity as invalid (%s)', async (_name, list) => {
      for (const limit of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expectEhrError(list(c.lakeside, { limit }), 'invalid');
      }
    });

    it('pages rows stored with microsecond timestamps without repeating or skipping any', async () => {
      // Rows written by other systems (or by now() defaults) carry microseconds; cursors must keep them.
      const thread = longThread;
      await sql`update inbox_messages set received_at = received_at + interval '123 microseconds'
        where thread_id = ${thread}`.execute(c.db);
      const expected = ids((await c.lakeside.read.inbox.listMessages(thread, { limit: 200 })).items);
      expect(expected.length).toBe(3);
      const walked = await walk(1, (p) => c.lakeside.read.inbox.listMessages(thread, p));
      expect(ids(walked)).toEqual(expected);
      const recent = await walk(5, (p) => c.lakeside.read.inbox.recentMessages(p));
      expect(new Set(ids(recent)).size).toBe(recent.length);
      expect(ids(recent)).toEqual(expect.arrayContaining(expected));
    });

    it('clamps a limit above 200 to 200', async () => {
      expect(lakesideAppointments.length).toBeGreaterThan(200);
      const capped = await c.lakeside.read.appointments.list({ limit: 10_000 });
      expect(capped.items).toHaveLength(200);
      expect(capped.nextCursor).not.toBeNull();
      expect(ids((await c.lakeside.read.appointments.list({ limit: 201 })).items)).toEqual(ids(capped.items));
      const second = await c.lakeside.read.appointments.list({ limit: 10_000, cursor: capped.nextCursor });
      expect(second.items).toHaveLength(200);
      expect(second.items[0]?.id).not.toBe(capped.items[0]?.id);
      expect((await c.lakeside.read.appointments.list({})).items).toHaveLength(25);
    });
  });
}
