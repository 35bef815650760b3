import * as z from 'zod';
import type { Client, Note } from '../ehr/types.ts';
import { ToolError } from '../policies/errors.ts';
import { administrations } from './assessment-shared.ts';
import type { ToolContext } from './define.ts';

/** The most notes of one client the chart tools read: a bound, not a page; they say when it cut. */
export const MAX_CHART_NOTES = 200;

export const SourceCitation = z.object({
  sourceType: z.enum(['note', 'assessment', 'treatment_plan', 'diagnosis', 'appointment', 'risk_flag', 'intake']),
  id: z.string(),
  date: z.string().nullable(),
});
export const CitedStatement = z.object({ text: z.string(), cites: z.array(SourceCitation).min(1) });

/** A calendar date; rejects 2026-02-30 and the like rather than letting Date roll it over. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
  }, 'not a calendar date')
  .describe('YYYY-MM-DD');

export const today = () => new Date().toISOString().slice(0, 10);
/** The end of the `asOf` day, or now when it is today or absent: the reference for "overdue" and "past the limit". */
export const nowFor = (asOf: string | undefined) =>
  asOf && asOf < today() ? `${asOf}T23:59:59.999Z` : new Date().toISOString();

/** Progress and intake notes of a client, newest first, bounded; the walled reader applies scope and Part 2. */
export async function chartNotes(
  ehr: ToolContext['ehr'],
  clientId: string,
  until?: string,
): Promise<{ notes: Note[]; limited: boolean }> {
  const notes: Note[] = [];
  let cursor: string | null = null;
  do {
    const page = await ehr.read.notes.list({ clientId, limit: 100, cursor });
    notes.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && notes.length < MAX_CHART_NOTES);
  const kept = notes.filter((n) => !until || n.createdAt <= until).slice(0, MAX_CHART_NOTES);
  return { notes: kept, limited: cursor !== null };
}

/** Everything the chart engines read for one client already within reach. Notes first: they carry the Part 2 wall. */
export async function readChart(ehr: ToolContext['ehr'], client: Client, until: string) {
  const { notes, limited } = await chartNotes(ehr, client.id, until);
  const [diagnoses, assessments, plans, riskFlags] = await Promise.all([
    ehr.read.clients.diagnoses(client.id),
    administrations(ehr, client.id),
    ehr.read.treatmentPlans.list(client.id),
    ehr.drafts.riskFlags.forClient(client.id),
  ]);
  return {
    notes,
    limited,
    diagnoses,
    assessments: assessments.items.filter((a) => a.administeredAt <= until),
    plans: plans.filter((p) => p.createdAt <= until),
    riskFlags: riskFlags.filter((f) => f.createdAt <= until),
  };
}

/** Draft tools need the client's consent to AI-assisted documentation, like draft_note. */
export async function requireAiConsent(ehr: ToolContext['ehr'], clientId: string): Promise<void> {
  if ((await ehr.read.consents.active(clientId, 'ai_documentation')).length > 0) return;
  throw new ToolError(
    'consent_required',
    'This client has no AI-documentation consent in force, so charta cannot draft for their chart; write it in the EHR.',
  );
}
