import { describe, expect, it } from 'vitest';
import type { ToolEhr } from '../ehr/gateway.ts';
import type { Appointment, ConsentKind, Note, Transcript } from '../ehr/types.ts';
import { ToolError } from '../policies/errors.ts';
import { newFence } from '../policies/fence.ts';
import type { ToolContext } from './define.ts';
import { draftNoteTool, sessionFacts } from './draft-note.ts';

// The consent rules of draft_note, which the seeded demo cannot reach (every seeded client with an AI-documentation
// consent also consented to recording): a stub gateway with exactly the consents each case needs.

const appointment: Appointment = {
  id: 'apt_1',
  clientId: 'cli_1',
  clinicianId: 'usr_1',
  serviceType: 'individual_therapy',
  startsAt: '2026-11-19T21:00:00.000Z',
  endsAt: '2026-11-19T21:53:00.000Z',
  modality: 'telehealth',
  telehealthMode: 'audio_video',
  placeOfService: '10',
  status: 'completed',
  participants: [],
  location: null,
  cancelReason: null,
};
const transcript = (kind: Transcript['kind']): Transcript => ({
  id: 'trn_1',
  clientId: 'cli_1',
  appointmentId: 'apt_1',
  kind,
  source: kind === 'transcript' ? 'ambient_recording' : 'dictation',
  language: 'en',
  segments: [],
  text: 'Client: I slept about six hours this week.\nClinician: We will meet next Thursday.',
  wordCount: 13,
  createdBy: 'usr_1',
  createdAt: '2026-11-19T22:00:00.000Z',
});

function context(consents: ConsentKind[], kind: Transcript['kind']) {
  const saved: unknown[] = [];
  const ehr = {
    practiceId: 'prc_1',
    read: {
      practice: async () => ({ timezone: 'America/Chicago' }),
      appointments: { get: async (id: string) => (id === 'apt_1' ? appointment : null) },
      transcripts: { get: async () => transcript(kind), forAppointment: async () => [transcript(kind)] },
      consents: { active: async (_c: string, k: ConsentKind) => (consents.includes(k) ? [{ id: `cns_${k}` }] : []) },
    },
    drafts: {
      notes: {
        createDraft: async (input: Note) => {
          saved.push(input);
          return { ...input, id: 'note_1', status: 'draft', version: 1 } as Note;
        },
      },
    },
  } as unknown as ToolEhr;
  const ctx: ToolContext = {
    principal: {
      userId: 'usr_1',
      username: 'u',
      role: 'clinician',
      practiceId: 'prc_1',
      surface: 'mcp',
      clientApp: null,
    },
    ehr,
    scope: {
      grant: { role: 'clinician', permission: 'note:draft', reach: 'caseload' },
      clientIds: async () => null,
      requireClient: async () => ({}) as never,
    },
    fence: newFence(),
    touch: () => {},
  };
  return { ctx, saved };
}

const run = (consents: ConsentKind[], kind: Transcript['kind']) => {
  const { ctx, saved } = context(consents, kind);
  return { result: draftNoteTool.run({ format: 'SOAP', appointmentId: 'apt_1' }, ctx), saved };
};

describe('draft_note consents', () => {
  it('refuses a recorded transcript without a session-recording consent, and saves nothing', async () => {
    const { result, saved } = run(['ai_documentation'], 'transcript');
    await expect(result).rejects.toMatchObject({
      code: 'consent_required',
      message: expect.stringMatching(/recording/),
    });
    await expect(result).rejects.toBeInstanceOf(ToolError);
    expect(saved).toEqual([]);
  });

  it('drafts from a dictation-kind transcript with the AI-documentation consent alone', async () => {
    const { result, saved } = run(['ai_documentation'], 'dictation');
    await expect(result).resolves.toMatchObject({ status: 'draft' });
    expect(saved).toHaveLength(1);
  });

  it('refuses without the AI-documentation consent even when recording was consented', async () => {
    const { result, saved } = run(['session_recording'], 'transcript');
    await expect(result).rejects.toMatchObject({
      code: 'consent_required',
      message: expect.stringMatching(/AI-documentation/),
    });
    expect(saved).toEqual([]);
  });
});

describe('session line', () => {
  it('states the session in the practice’s time zone, with minutes and modality', () => {
    expect(sessionFacts(appointment, 'America/Chicago')).toEqual({
      appointmentId: 'apt_1',
      date: '2026-11-19',
      startTime: '15:00',
      endTime: '15:53',
      minutes: 53,
      modality: 'telehealth (audio_video)',
      serviceType: 'individual_therapy',
    });
  });
});
