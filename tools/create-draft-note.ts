import * as z from 'zod';
import { checkGrounding, type GroundingReport } from '../clinical/grounding/check.ts';
import { NOTE_FORMAT_SECTIONS, sectionKeys } from '../clinical/note-formats.ts';
import { ToolError } from '../policies/errors.ts';
import { defineTool } from './define.ts';
import { GroundingSummary, groundingSummary, reviewFlags } from './grounding-view.ts';
import { EvidenceSpan, RecordId } from './schemas.ts';

const FORMATS = ['SOAP', 'DAP', 'BIRP', 'GIRP'] as const;
const MAX_SECTION_CHARS = 20_000;
const formatsInWords = FORMATS.map((f) => `${f}: ${sectionKeys(f).join(', ')}`).join('; ');

export const createDraftNote = defineTool({
  name: 'create_draft_note',
  title: 'Create draft progress note',
  description: `Saves a progress note you wrote as a DRAFT for a client of your caseload, marked AI-generated with its provenance and evidence. With a transcriptId, every statement is checked against that transcript and the draft is saved flagged when one is unsupported. It only creates a draft that a clinician must review and sign in the EHR; it never signs, locks or finalizes a note, and refuses when the client has not consented to AI-assisted documentation. Sections must be exactly the format's (${formatsInWords}), each at most ${MAX_SECTION_CHARS.toLocaleString('en-US')} characters.`,
  permission: 'note:draft',
  effect: 'draft',
  input: z.object({
    clientId: RecordId.describe('client id, e.g. cli_…'),
    appointmentId: RecordId.optional().describe('the session the note documents'),
    transcriptId: RecordId.optional().describe('the transcript the note was drafted from'),
    format: z.enum(FORMATS),
    sections: z
      .record(z.string().max(64), z.string().max(MAX_SECTION_CHARS))
      .describe('section key → text, keys exactly those of the format'),
    evidence: z.array(EvidenceSpan).max(200).default([]).describe('source spans supporting statements in the draft'),
  }),
  output: z.object({
    id: RecordId,
    clientId: RecordId,
    format: z.enum(FORMATS),
    status: z.literal('draft'),
    version: z.number().int(),
    flagged: z
      .boolean()
      .optional()
      .describe('with a transcriptId: true when some statement is unsupported or contradicted by it'),
    grounding: GroundingSummary.optional(),
  }),
  async run(input, { scope, ehr, principal, fence, touch }) {
    const client = await scope.requireClient(input.clientId);
    touch(client.id);
    const expected = sectionKeys(input.format);
    const given = Object.keys(input.sections);
    const missing = expected.filter((k) => !given.includes(k));
    const unknown = given.filter((k) => !expected.includes(k));
    if (missing.length > 0 || unknown.length > 0) {
      throw new ToolError(
        'invalid_input',
        `A ${input.format} note has exactly the sections ${expected.join(', ')}.` +
          (missing.length > 0 ? ` Missing: ${missing.join(', ')}.` : '') +
          (unknown.length > 0 ? ` Not in ${input.format}: ${unknown.join(', ')}.` : ''),
      );
    }
    const stray = input.evidence.find((e) => !expected.includes(e.section));
    if (stray) {
      throw new ToolError(
        'invalid_input',
        `Evidence names a section that is not in ${input.format}: ${stray.section}.`,
      );
    }
    const consents = await ehr.read.consents.active(client.id, 'ai_documentation');
    if (consents.length === 0) {
      throw new ToolError(
        'consent_required',
        'This client has no AI-documentation consent in force, so charta cannot draft their notes; write the note in the EHR.',
      );
    }
    const sections = Object.fromEntries(
      NOTE_FORMAT_SECTIONS[input.format].map(({ key }) => [key, input.sections[key] ?? '']),
    );
    // With its transcript named, a caller-written draft gets the same grounding check as draft_note's, and is
    // saved flagged when a claim is unsupported.
    let report: GroundingReport | null = null;
    if (input.transcriptId) {
      const transcript = await ehr.read.transcripts.get(input.transcriptId);
      if (!transcript) throw new ToolError('not_found', 'No transcript with that id.');
      if (transcript.clientId !== client.id) {
        throw new ToolError('invalid_input', 'That transcript is not this client’s.');
      }
      report = checkGrounding(sections, [{ id: transcript.id, type: transcript.kind, text: transcript.text }]);
    }
    const note = await ehr.drafts.notes.createDraft({
      clientId: client.id,
      authorId: principal.userId,
      appointmentId: input.appointmentId ?? null,
      transcriptId: input.transcriptId ?? null,
      kind: 'progress',
      format: input.format,
      sections,
      aiGenerated: true,
      provenance: {
        model: 'supplied-by-caller',
        promptVersion: 'n/a',
        generatedAt: new Date().toISOString(),
        evidence: input.evidence,
        tool: 'create_draft_note',
        surface: principal.surface,
        clientApp: principal.clientApp,
        grounding: report,
        review: report ? reviewFlags(report) : { flagged: false, acknowledged: false, flags: [], grounded: false },
      },
    });
    touch(
      note.id,
      ...(input.appointmentId ? [input.appointmentId] : []),
      ...(input.transcriptId ? [input.transcriptId] : []),
    );
    if (note.status !== 'draft') throw new Error(`the draft writer returned a ${note.status} note`);
    return {
      id: note.id,
      clientId: note.clientId,
      format: input.format,
      status: note.status,
      version: note.version,
      ...(report ? { flagged: report.flagged, grounding: groundingSummary(report, fence) } : {}),
    };
  },
});
