import * as z from 'zod';
import { checkGrounding, type GroundingSource } from '../clinical/grounding/check.ts';
import { type DraftSource, draftNote, type PlanGoals, type SessionFacts } from '../clinical/notes/draft.ts';
import { DRAFT_FORMATS, validateNote } from '../clinical/notes/formats.ts';
import type { Appointment, EvidenceSpan, Transcript, TreatmentPlan } from '../ehr/types.ts';
import { ToolError } from '../policies/errors.ts';
import { defineTool, type ToolContext } from './define.ts';
import { GroundingSummary, groundingSummary, reviewFlags } from './grounding-view.ts';
import { RecordId } from './schemas.ts';

/** Longest transcript or dictation the drafter takes: about three hours of speech. */
export const MAX_SOURCE_CHARS = 200_000;
/** Names the drafting rules a stored draft was made with. */
export const OFFLINE_DRAFTER = { model: 'offline-extractive', promptVersion: 'extractive-1' } as const;

export const draftNoteTool = defineTool({
  name: 'draft_note',
  title: 'Draft a progress note from a session',
  description: `Drafts a progress note in SOAP, DAP, BIRP or GIRP format from an appointment's transcript (appointmentId or transcriptId) or from dictation text you supply (with clientId or appointmentId), and saves it as a DRAFT marked AI-generated, with the source span behind every statement and a grounding report. Statements the grounding check cannot support are flagged for the reviewer; sections with nothing in the source are left visibly empty, never filled with assumed text. It never signs or finalizes a note. Refuses without the client's AI-documentation consent, and without their session-recording consent when a recorded transcript is used. Source text at most ${MAX_SOURCE_CHARS.toLocaleString('en-US')} characters.`,
  permission: 'note:draft',
  effect: 'draft',
  input: z.object({
    format: z.enum(DRAFT_FORMATS).describe('SOAP, DAP, BIRP or GIRP'),
    appointmentId: RecordId.optional().describe(
      'the session to document; its transcript is used unless dictation is given',
    ),
    transcriptId: RecordId.optional().describe('a specific transcript, e.g. trn_…'),
    clientId: RecordId.optional().describe('the client, when drafting from dictation without an appointment'),
    dictation: z
      .string()
      .max(MAX_SOURCE_CHARS)
      .optional()
      .describe('your own dictation or summary of the session, used instead of a transcript'),
  }),
  output: z.object({
    id: RecordId,
    clientId: RecordId,
    format: z.enum(DRAFT_FORMATS),
    status: z.literal('draft'),
    version: z.number().int(),
    source: z.object({ kind: z.enum(['transcript', 'dictation']), transcriptId: RecordId.nullable() }),
    sections: z.record(z.string(), z.string()).describe('section key → drafted text, fenced: it quotes the session'),
    emptySections: z.array(z.string()),
    missingElements: z.array(z.object({ element: z.string(), label: z.string(), payer: z.boolean() })),
    flagged: z
      .boolean()
      .describe('true when some statement is unsupported or contradicted: the reviewer must acknowledge it'),
    grounding: GroundingSummary,
  }),
  async run(input, ctx) {
    const { ehr, principal, fence, touch } = ctx;
    const { clientId, appointment, transcript, dictation } = await resolveSource(input, ctx);
    const consents = await ehr.read.consents.active(clientId, 'ai_documentation');
    if (consents.length === 0) {
      throw new ToolError(
        'consent_required',
        'This client has no AI-documentation consent in force, so charta cannot draft their notes; write the note in the EHR.',
      );
    }
    if (
      transcript?.kind === 'transcript' &&
      (await ehr.read.consents.active(clientId, 'session_recording')).length === 0
    ) {
      throw new ToolError(
        'consent_required',
        'This client has no session-recording consent in force, so their recorded transcript cannot be used; draft from your dictation instead.',
      );
    }

    const source: DraftSource = transcript
      ? { id: transcript.id, kind: transcript.kind, text: transcript.text, segments: transcript.segments }
      : { id: 'dictation', kind: 'dictation', text: dictation ?? '' };
    const session = appointment ? sessionFacts(appointment, (await ehr.read.practice()).timezone) : undefined;
    const planGoals = input.format === 'GIRP' ? await activePlanGoals(ctx, clientId) : undefined;
    const draft = draftNote({
      format: input.format,
      source,
      ...(session ? { session } : {}),
      ...(planGoals ? { planGoals } : {}),
    });
    const sources: GroundingSource[] = [{ id: source.id, type: source.kind, text: source.text }];
    if (draft.sessionLine && appointment) {
      sources.push({ id: appointment.id, type: 'appointment', text: draft.sessionLine });
    }
    if (draft.planGoalsText && planGoals) {
      sources.push({ id: planGoals.planId, type: 'treatment_plan', text: draft.planGoalsText });
      touch(planGoals.planId);
    }
    const report = checkGrounding(draft.sections, sources);
    const validation = validateNote(input.format, draft.sections);

    const evidence: EvidenceSpan[] = transcript
      ? draft.statements.flatMap((s) =>
          s.evidence
            .filter((e) => e.sourceType === 'transcript')
            .map((e) => ({
              section: s.section,
              claimStart: s.start,
              claimEnd: s.end,
              sourceType: 'transcript' as const,
              sourceId: e.sourceId,
              start: e.start,
              end: e.end,
            })),
        )
      : [];
    const note = await ehr.drafts.notes.createDraft({
      clientId,
      authorId: principal.userId,
      appointmentId: appointment?.id ?? null,
      transcriptId: transcript?.id ?? null,
      kind: 'progress',
      format: input.format,
      sections: draft.sections,
      aiGenerated: true,
      provenance: {
        ...OFFLINE_DRAFTER,
        generatedAt: new Date().toISOString(),
        evidence,
        tool: 'draft_note',
        surface: principal.surface,
        clientApp: principal.clientApp,
        // Dictation is not stored elsewhere: it travels with the draft so its spans can be shown to the reviewer.
        ...(dictation !== undefined
          ? {
              dictation: {
                text: dictation,
                spans: draft.statements.map(({ section, start, end, evidence: e }) => ({
                  section,
                  start,
                  end,
                  evidence: e,
                })),
              },
            }
          : {}),
        grounding: report,
        validation,
        review: reviewFlags(report),
      },
    });
    touch(note.id, ...[appointment?.id, transcript?.id].filter((id): id is string => Boolean(id)));
    if (note.status !== 'draft') throw new Error(`the draft writer returned a ${note.status} note`);
    return {
      id: note.id,
      clientId,
      format: input.format,
      status: note.status,
      version: note.version,
      source: {
        kind: transcript ? ('transcript' as const) : ('dictation' as const),
        transcriptId: transcript?.id ?? null,
      },
      sections: Object.fromEntries(Object.entries(draft.sections).map(([k, v]) => [k, fence.wrap(`draft:${k}`, v)])),
      emptySections: draft.emptySections,
      missingElements: validation.missing.map(({ element, label, payer }) => ({ element, label, payer })),
      flagged: report.flagged,
      grounding: groundingSummary(report, fence),
    };
  },
});

interface Resolved {
  clientId: string;
  appointment: Appointment | null;
  transcript: Transcript | null;
  dictation?: string;
}

/** Finds the session, its client and the text to draft from; every refusal names what to fix. */
async function resolveSource(
  input: { appointmentId?: string; transcriptId?: string; clientId?: string; dictation?: string },
  { ehr, scope, touch }: ToolContext,
): Promise<Resolved> {
  if (input.dictation !== undefined && input.transcriptId) {
    throw new ToolError('invalid_input', 'Give either dictation text or a transcriptId, not both.');
  }
  const appointment = input.appointmentId ? await ehr.read.appointments.get(input.appointmentId) : null;
  if (input.appointmentId && !appointment) throw new ToolError('not_found', 'No appointment with that id.');
  let transcript: Transcript | null = null;
  if (input.transcriptId) {
    transcript = await ehr.read.transcripts.get(input.transcriptId);
    if (!transcript) throw new ToolError('not_found', 'No transcript with that id.');
  } else if (appointment && input.dictation === undefined) {
    transcript = (await ehr.read.transcripts.forAppointment(appointment.id)).at(-1) ?? null;
    if (!transcript) {
      throw new ToolError('not_found', 'That appointment has no transcript; supply your dictation text instead.');
    }
  }
  const clientId = appointment?.clientId ?? transcript?.clientId ?? input.clientId;
  if (!clientId) {
    throw new ToolError('invalid_input', 'Give an appointmentId or transcriptId, or dictation text with a clientId.');
  }
  for (const other of [input.clientId, transcript?.clientId, appointment?.clientId]) {
    if (other && other !== clientId) {
      throw new ToolError('invalid_input', 'The appointment, transcript and client given do not belong together.');
    }
  }
  if (transcript && appointment && transcript.appointmentId && transcript.appointmentId !== appointment.id) {
    throw new ToolError('invalid_input', 'That transcript belongs to a different appointment.');
  }
  await scope.requireClient(clientId);
  touch(clientId);
  const text = input.dictation ?? transcript?.text ?? '';
  if (text.trim().length === 0) {
    throw new ToolError(
      'invalid_input',
      `The ${input.dictation !== undefined ? 'dictation' : 'transcript'} is empty; there is nothing to draft from.`,
    );
  }
  if (text.length > MAX_SOURCE_CHARS) {
    throw new ToolError(
      'invalid_input',
      `The transcript has ${text.length.toLocaleString('en-US')} characters; the drafter takes at most ${MAX_SOURCE_CHARS.toLocaleString('en-US')}.`,
    );
  }
  return {
    clientId,
    appointment,
    transcript,
    ...(input.dictation !== undefined ? { dictation: input.dictation } : {}),
  };
}

/**
 * The goals of the client's active treatment plan, for GIRP's goals section. A plan the caller may not read (a
 * Part 2 record without a consent for their purpose) leaves the section to the transcript, without refusing the draft.
 */
async function activePlanGoals({ ehr }: ToolContext, clientId: string): Promise<PlanGoals | undefined> {
  let plans: TreatmentPlan[];
  try {
    plans = await ehr.read.treatmentPlans.list(clientId);
  } catch (error) {
    if (error instanceof ToolError && (error.code === 'consent_required' || error.code === 'walled')) return undefined;
    throw error;
  }
  const plan = plans.find((p) => p.status === 'active');
  if (!plan) return undefined;
  const goals = plan.problems.flatMap((p) => p.goals.map((g) => g.description));
  return goals.length > 0 ? { planId: plan.id, goals } : undefined;
}

/** The appointment as the session line states it, in the practice's own time zone. */
export function sessionFacts(a: Appointment, timeZone: string): SessionFacts {
  const part = (iso: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, ...options }).format(new Date(iso));
  const time = (iso: string) => part(iso, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return {
    appointmentId: a.id,
    date: part(a.startsAt, { year: 'numeric', month: '2-digit', day: '2-digit' }),
    startTime: time(a.startsAt),
    endTime: time(a.endsAt),
    minutes: Math.round((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60_000),
    modality: a.modality === 'telehealth' && a.telehealthMode ? `telehealth (${a.telehealthMode})` : a.modality,
    serviceType: a.serviceType,
  };
}
