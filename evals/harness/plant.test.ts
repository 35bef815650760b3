import { describe, expect, it } from 'vitest';
import { openEvalEnv } from './env.ts';
import { planter } from './plant.ts';

describe('planting records in the eval demo', () => {
  it('adds a message, a transcript, an intake submission and client changes, and takes every one out again', async () => {
    const env = await openEvalEnv();
    try {
      const db = env.database.db;
      const ref = (k: string) => {
        const v = env.refs[k];
        if (!v) throw new Error(`no ${k}`);
        return v;
      };
      const [own, ownThread, ownAppt] = [ref('own'), ref('ownThread'), ref('ownAppt')];
      const count = async () => ({
        messages: (await db.selectFrom('inboxMessages').select('id').execute()).length,
        transcripts: (await db.selectFrom('transcripts').select('id').execute()).length,
        intake: (await db.selectFrom('intakeSubmissions').select('id').execute()).length,
        client: await db.selectFrom('clients').selectAll().where('id', '=', own).executeTakeFirstOrThrow(),
      });
      const before = await count();
      const plant = planter(env.database);
      const msg = await plant.message(ownThread, 'planted body');
      const trn = await plant.transcript(ownAppt, 'Clinician: hello\nClient: planted words');
      const itk = await plant.intake(own, { reasonForVisit: 'planted answer' });
      await plant.updateClient(own, { firstName: 'Plantedname', address: { line1: '1 Planted Way' } });

      const msgRow = await db.selectFrom('inboxMessages').selectAll().where('id', '=', msg).executeTakeFirstOrThrow();
      expect(msgRow).toMatchObject({ threadId: ownThread, body: 'planted body', senderKind: 'client' });
      const latest = await db
        .selectFrom('transcripts')
        .select(['id', 'segments', 'text'])
        .where('appointmentId', '=', ownAppt)
        .orderBy('createdAt', 'desc')
        .executeTakeFirstOrThrow();
      expect(latest.id).toBe(trn);
      const segments = latest.segments as { speaker: string; start: number; end: number; text: string }[];
      expect(segments.map((s) => [s.speaker, s.text])).toEqual([
        ['clinician', 'hello'],
        ['client', 'planted words'],
      ]);
      for (const s of segments) expect(latest.text.slice(s.start, s.end)).toBe(s.text);
      expect(
        (await db.selectFrom('intakeSubmissions').selectAll().where('id', '=', itk).executeTakeFirstOrThrow()).answers,
      ).toEqual({
        reasonForVisit: 'planted answer',
      });
      expect((await count()).client).toMatchObject({ firstName: 'Plantedname', address: { line1: '1 Planted Way' } });

      await plant.remove();
      expect(await count()).toEqual(before);
    } finally {
      await env.close();
    }
  }, 60_000);
});
