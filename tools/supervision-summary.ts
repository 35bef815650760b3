import * as z from 'zod';
import { summarizeSupervision } from '../clinical/chart/supervision.ts';
import type { Note } from '../ehr/types.ts';
import { ToolError } from '../policies/errors.ts';
import { CitedStatement, chartNotes, IsoDate, nowFor } from './chart-shared.ts';
import { defineTool } from './define.ts';
import { RecordId } from './schemas.ts';

const MAX_NOTES = 200;

export const supervisionSummaryTool = defineTool({
  name: 'supervision_summary',
  title: 'Supervision summary',
  description:
    'For a supervisor and one clinician they supervise: themes, risk content and documentation gaps (unsigned notes past the limit, notes missing required elements, notes without a risk screen) across the supervisee’s progress and intake notes of the last 1–180 days (at most 200 notes), each item citing the notes with their dates. Psychotherapy notes are never read; a substance-use program client without a Part 2 consent is left out and counted in `withheld`. Read-only: changes nothing.',
  permission: 'supervision:summarize',
  effect: 'read',
  input: z.object({
    superviseeId: RecordId.describe('the supervised clinician’s user id, e.g. usr_…'),
    sinceDays: z.number().int().min(1).max(180).default(30).describe('notes written in the last N days, 1–180'),
    unsignedLimitHours: z.number().int().min(1).max(720).default(72).describe('a draft older than this is a gap'),
    asOf: IsoDate.optional().describe('the end of the period; default today'),
  }),
  output: z.object({
    superviseeId: RecordId,
    from: z.string(),
    to: z.string(),
    notesRead: z.number().int(),
    limited: z.boolean(),
    themes: z.array(CitedStatement),
    risks: z.array(CitedStatement),
    documentationGaps: z.array(CitedStatement),
    notFound: z.array(z.string()),
    withheld: z.object({ clients: z.number().int(), reason: z.string() }).nullable(),
  }),
  async run(input, { ehr, principal, touch }) {
    const supervisee = await ehr.read.users.get(input.superviseeId);
    if (!supervisee) throw new ToolError('not_found', 'No user with that id.');
    const supervised = await ehr.read.users.supervisees(principal.userId);
    if (!supervised.includes(supervisee.id)) {
      throw new ToolError('out_of_scope', 'That clinician is not among the people you supervise.');
    }
    touch(supervisee.id);
    const until = nowFor(input.asOf);
    const from = new Date(Date.parse(until) - input.sinceDays * 86_400_000).toISOString();
    const notes: Note[] = [];
    let withheld = 0;
    let limited = false;
    for (const clientId of await ehr.read.clients.caseload([supervisee.id], until.slice(0, 10))) {
      try {
        const read = await chartNotes(ehr, clientId, until);
        limited ||= read.limited;
        notes.push(...read.notes.filter((n) => n.authorId === supervisee.id && n.createdAt >= from));
      } catch (error) {
        if (!(error instanceof ToolError) || error.code !== 'consent_required') throw error;
        withheld++;
      }
    }
    notes.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    limited ||= notes.length > MAX_NOTES;
    const read = notes.slice(0, MAX_NOTES);
    const summary = summarizeSupervision(read, {
      now: until,
      from,
      unsignedLimitHours: input.unsignedLimitHours,
      maxCitesPerTheme: 10,
    });
    touch(...read.map((n) => n.id));
    return {
      superviseeId: supervisee.id,
      from: from.slice(0, 10),
      to: until.slice(0, 10),
      notesRead: read.length,
      limited,
      ...summary,
      withheld:
        withheld > 0
          ? { clients: withheld, reason: 'substance-use program clients without a Part 2 consent covering treatment' }
          : null,
    };
  },
});
