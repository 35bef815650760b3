import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../test/databases.ts';
import { EhrError } from '../errors.ts';
import { LAKESIDE, pick, seed, USERS, useContract } from './gateway.contract.harness.ts';

const RACERS = 10;

const client = pick(
  seed.caseloadAssignments,
  (a) => a.practiceId === LAKESIDE && a.clinicianId === USERS.avery && a.endedOn == null,
  'client of avery.chen',
).clientId;
const thread = pick(
  seed.inboxThreads,
  (t) => t.practiceId === LAKESIDE && !seed.replyDrafts.some((d) => d.threadId === t.id),
  'thread without replies',
);

/** Starts `RACERS` calls at once and sorts the outcomes; every loser must be an EhrError 'conflict'. */
async function race<T>(start: (i: number) => Promise<T>) {
  const outcomes = await Promise.allSettled(Array.from({ length: RACERS }, (_, i) => start(i)));
  const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
  for (const reason of lost) {
    expect(reason, String(reason)).toBeInstanceOf(EhrError);
    expect((reason as EhrError).code, (reason as EhrError).message).toBe('conflict');
  }
  return { won, lost };
}

export function describeConcurrency(backend: Backend) {
  describe('concurrency', () => {
    const c = useContract(backend);
    const newDraft = () =>
      c.lakeside.drafts.notes.createDraft({
        clientId: client,
        authorId: USERS.avery,
        kind: 'progress',
        format: 'narrative',
        sections: { narrative: 'original' },
        aiGenerated: false,
        provenance: null,
      });

    it(`lets exactly one of ${RACERS} concurrent updates with the same expectedVersion win`, async () => {
      const note = await newDraft();
      const { won, lost } = await race((i) =>
        c.lakeside.drafts.notes.updateDraft(note.id, { sections: { narrative: `writer ${i}` }, expectedVersion: 1 }),
      );
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(RACERS - 1);
      const stored = await c.lakeside.read.notes.get(note.id);
      expect(stored?.version).toBe(2);
      expect(stored?.sections).toEqual(won[0]?.sections);
    });

    it(`sends a reply draft exactly once under ${RACERS} concurrent sends`, async () => {
      const body = `Synthetic reply ${Date.now()}: we will call you today.`;
      const draft = await c.lakeside.drafts.replies.createDraft({
        threadId: thread.id,
        authorId: USERS.jamie,
        body,
        aiGenerated: false,
        provenance: null,
      });
      const { won, lost } = await race(() => c.human().sendReply(draft.id, USERS.jamie));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(RACERS - 1);
      const { rows } = await sql<{ id: string }>`
        select id from inbox_messages where thread_id = ${thread.id} and body = ${body}`.execute(c.db);
      expect(rows.map((r) => r.id)).toEqual([won[0]?.message.id]);
      expect((await c.lakeside.read.inbox.replyDrafts(thread.id)).find((d) => d.id === draft.id)).toMatchObject({
        status: 'sent',
        version: 2,
      });
    });

    it(`signs a note exactly once under ${RACERS} concurrent signatures`, async () => {
      const note = await newDraft();
      const { won, lost } = await race((i) => c.human().signNote(note.id, i % 2 === 0 ? USERS.avery : USERS.morgan));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(RACERS - 1);
      expect(await c.lakeside.read.notes.get(note.id)).toEqual(won[0]);
    });

    it(`submits a claim exactly once under ${RACERS} concurrent submissions`, async () => {
      const claim = pick(seed.claims, (x) => x.practiceId === LAKESIDE && x.status === 'draft', 'draft claim');
      const { won, lost } = await race(() => c.human().submitClaim(claim.id, USERS.riley));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(RACERS - 1);
      expect((await c.lakeside.read.claims.get(claim.id))?.submittedAt).toBe(won[0]?.submittedAt);
    });
  });
}
