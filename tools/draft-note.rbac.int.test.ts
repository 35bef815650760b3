import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ANCHOR } from '../test/constants.ts';
import {
  CALLERS,
  type Caller,
  current,
  first,
  hasConsent,
  type Outcome,
  outcomeOf,
  principal,
  rows,
  usePipeline,
} from '../test/pipeline-fixtures.ts';

// draft_note and check_grounding through the policy pipeline, on the seeded demo: who may draft from which
// session, who may check which note, and which refusals leave nothing behind.

const transcriptOf = (clinician: string, what: string, extra: (clientId: string) => boolean = () => true) =>
  first(
    rows.transcripts.filter((t) => current(clinician).includes(t.clientId) && extra(t.clientId)),
    `transcript of ${what}`,
  );
const isPart2 = (clientId: string) => rows.clients.find((c) => c.id === clientId)?.part2 === true;

type Target = 'own' | 'otherClinician' | 'otherPractice' | 'part2';
const OWNERS: Record<Target, { owner: ReturnType<typeof principal>; transcript: (typeof rows.transcripts)[number] }> = {
  own: { owner: CALLERS.avery, transcript: transcriptOf('usr_avery_chen', 'an avery client', (id) => !isPart2(id)) },
  otherClinician: {
    owner: principal('emery.walsh', 'clinician'),
    transcript: transcriptOf('usr_emery_walsh', 'an emery client'),
  },
  otherPractice: {
    owner: principal('taylor.kim', 'clinician', 'prc_northside'),
    transcript: transcriptOf('usr_taylor_kim', 'a taylor client'),
  },
  part2: {
    owner: CALLERS.alex,
    transcript: transcriptOf(
      'usr_alex_rivera',
      'a consented Part 2 client',
      (id) => isPart2(id) && hasConsent(id, 'part2_disclosure', 'treatment'),
    ),
  },
};
for (const { transcript } of Object.values(OWNERS)) {
  for (const kind of ['ai_documentation', 'session_recording']) {
    if (!hasConsent(transcript.clientId, kind)) throw new Error(`${transcript.clientId} needs a ${kind} consent`);
  }
}

type Row = [draftFromSession: Outcome, draftFromDictation: Outcome, checkStoredNote: Outcome, checkText: Outcome];
const F: Row = ['forbidden', 'forbidden', 'forbidden', 'forbidden'];
const OUT: Row = ['out_of_scope', 'out_of_scope', 'out_of_scope', 'allow'];
const GONE: Row = ['not_found', 'not_found', 'not_found', 'allow'];
const ALL: Row = ['allow', 'allow', 'allow', 'allow'];

// Written by hand from the product rules, not derived from the code: drafting needs note:draft within one's own
// caseload (a supervisor's reach over supervisees is read-only), checking a stored note needs note:read (supervision
// reach included), checking supplied text touches no record. Front desk, billing and admin have neither grant.
// morgan.lee supervises avery.chen; alex.rivera treats the consented Part 2 client.
const EXPECTED: Record<Caller, Record<Target, Row>> = {
  avery: { own: ALL, otherClinician: OUT, otherPractice: GONE, part2: OUT },
  alex: { own: OUT, otherClinician: OUT, otherPractice: GONE, part2: ALL },
  morgan: {
    own: ['out_of_scope', 'out_of_scope', 'allow', 'allow'],
    otherClinician: OUT,
    otherPractice: GONE,
    part2: OUT,
  },
  jamie: { own: F, otherClinician: F, otherPractice: F, part2: F },
  riley: { own: F, otherClinician: F, otherPractice: F, part2: F },
  casey: { own: F, otherClinician: F, otherPractice: F, part2: F },
};

const harness = usePipeline();
const { call } = harness;
const noteIds = {} as Record<Target, string>;
const DICTATION = 'Client reported sleeping six hours. We practiced paced breathing. Next session in two weeks.';

beforeAll(async () => {
  // Each record's own clinician drafts one note from the session, for the stored-note column.
  for (const [target, { owner, transcript }] of Object.entries(OWNERS) as Array<[Target, (typeof OWNERS)[Target]]>) {
    const result = await call(owner, 'draft_note', { appointmentId: transcript.appointmentId, format: 'SOAP' });
    if (!result.ok) throw new Error(`${target}: ${result.error.code} ${result.error.message}`);
    noteIds[target] = (result.output as { id: string }).id;
  }
});

const noteCount = async () =>
  Number(
    (
      await harness.database.db
        .selectFrom('notes')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('draft_note and check_grounding: role × record matrix', () => {
  const cases = Object.entries(EXPECTED).flatMap(([caller, targets]) =>
    Object.entries(targets).map(([target, row]) => [caller, target, row] as const),
  );
  it.each(cases)('%s on %s', async (caller, target, expected) => {
    const who = CALLERS[caller as Caller];
    const { transcript } = OWNERS[target as Target];
    const got = [
      outcomeOf(await call(who, 'draft_note', { appointmentId: transcript.appointmentId, format: 'BIRP' })),
      outcomeOf(await call(who, 'draft_note', { clientId: transcript.clientId, dictation: DICTATION, format: 'DAP' })),
      outcomeOf(await call(who, 'check_grounding', { noteId: noteIds[target as Target] })),
      outcomeOf(await call(who, 'check_grounding', { draft: 'Client slept six hours.', source: DICTATION })),
    ];
    expect(got).toEqual(expected);
  });
});

describe('draft_note', () => {
  it('saves a draft whose every evidence span points at the transcript, with the grounding report and flags', async () => {
    const { transcript } = OWNERS.own;
    const result = await call(CALLERS.avery, 'draft_note', { appointmentId: transcript.appointmentId, format: 'GIRP' });
    if (!result.ok) throw new Error(result.error.message);
    const out = result.output as { id: string; status: string; sections: Record<string, string>; flagged: boolean };
    expect(out.status).toBe('draft');
    expect(Object.values(out.sections).every((s) => s.startsWith('<untrusted-data-'))).toBe(true);
    const note = await harness.database.db
      .selectFrom('notes')
      .selectAll()
      .where('id', '=', out.id)
      .executeTakeFirstOrThrow();
    expect(note).toMatchObject({ status: 'draft', aiGenerated: true, transcriptId: transcript.id, kind: 'progress' });
    const provenance = note.provenance as {
      model: string;
      evidence: Array<{
        sourceId: string;
        start: number;
        end: number;
        section: string;
        claimStart: number;
        claimEnd: number;
      }>;
      grounding: { flagged: boolean; claims: unknown[] };
      review: { flagged: boolean; acknowledged: boolean };
    };
    expect(provenance.model).toBe('offline-extractive');
    expect(provenance.evidence.length).toBeGreaterThan(3);
    for (const e of provenance.evidence) {
      expect(e.sourceId).toBe(transcript.id);
      expect(transcript.text.slice(e.start, e.end).length).toBeGreaterThan(0);
      const sections = note.sections as Record<string, string>;
      expect(sections[e.section]?.slice(e.claimStart, e.claimEnd).length).toBeGreaterThan(0);
    }
    expect(provenance.grounding.claims.length).toBeGreaterThan(0);
    expect(provenance.review).toMatchObject({ flagged: out.flagged, acknowledged: false });
    expect(Object.values(note.sections as Record<string, string>).join(' ')).not.toMatch(/oriented|euthymic/i);
  });

  it('refuses without AI-documentation consent, from a session or from dictation', async () => {
    const sam = principal('sam.okafor', 'clinician');
    const t = first(
      rows.transcripts.filter(
        (x) => current('usr_sam_okafor').includes(x.clientId) && !hasConsent(x.clientId, 'ai_documentation'),
      ),
      'sam transcript without AI consent',
    );
    const before = await noteCount();
    const fromSession = await call(sam, 'draft_note', { appointmentId: t.appointmentId, format: 'SOAP' });
    const fromDictation = await call(sam, 'draft_note', { clientId: t.clientId, dictation: DICTATION, format: 'SOAP' });
    expect([outcomeOf(fromSession), outcomeOf(fromDictation)]).toEqual(['consent_required', 'consent_required']);
    expect(fromSession.ok ? '' : fromSession.error.message).toMatch(/AI-documentation consent/);
    expect(await noteCount()).toBe(before);
  });

  it('answers bad input with clear errors and saves nothing', async () => {
    const own = OWNERS.own.transcript;
    const empty = `trn_empty_${TEST_ANCHOR.replace(/-/g, '')}`;
    const huge = `trn_huge_${TEST_ANCHOR.replace(/-/g, '')}`;
    for (const [id, text] of [
      [empty, '   '],
      [huge, 'Client: I slept badly. '.repeat(45_000)],
    ] as const) {
      await harness.database.db
        .insertInto('transcripts')
        .values({
          id,
          practiceId: 'prc_lakeside',
          clientId: own.clientId,
          appointmentId: null,
          kind: 'transcript',
          source: 'upload',
          language: 'en',
          segments: JSON.stringify([]),
          text,
          wordCount: 0,
          createdBy: 'usr_avery_chen',
          createdAt: `${TEST_ANCHOR}T12:00:00.000Z`,
        })
        .execute();
    }
    const before = await noteCount();
    const cases: Array<[unknown, string, RegExp]> = [
      [{ appointmentId: 'apt_does_not_exist', format: 'SOAP' }, 'not_found', /No appointment/],
      [{ transcriptId: OWNERS.otherPractice.transcript.id, format: 'SOAP' }, 'not_found', /No transcript/],
      [{ appointmentId: OWNERS.otherPractice.transcript.appointmentId, format: 'SOAP' }, 'not_found', /No appointment/],
      [{ transcriptId: empty, format: 'SOAP' }, 'invalid_input', /empty/],
      [{ transcriptId: huge, format: 'SOAP' }, 'invalid_input', /at most 200,000/],
      [{ clientId: own.clientId, dictation: '', format: 'SOAP' }, 'invalid_input', /empty/],
      [
        { clientId: own.clientId, dictation: 'x'.repeat(1_048_576), format: 'SOAP' },
        'invalid_input',
        /Invalid arguments/,
      ],
      [{ appointmentId: own.appointmentId, format: 'PIRP' }, 'invalid_input', /Invalid arguments/],
      [{ format: 'SOAP' }, 'invalid_input', /appointmentId or transcriptId/],
      [{ transcriptId: own.id, dictation: DICTATION, format: 'SOAP' }, 'invalid_input', /not both/],
      [
        { appointmentId: own.appointmentId, clientId: OWNERS.part2.transcript.clientId, format: 'SOAP' },
        'invalid_input',
        /belong together/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const result = await call(CALLERS.avery, 'draft_note', args);
      expect(result.ok, JSON.stringify(args).slice(0, 120)).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
    }
    expect(await noteCount()).toBe(before);
  });
});

describe('check_grounding', () => {
  it('labels supplied text against its source, flagging a flipped denial and an invented medication', async () => {
    const result = await call(CALLERS.avery, 'check_grounding', {
      draft: 'Client reports suicidal ideation. Client started bupropion. Client slept six hours.',
      source: 'Client: I slept about six hours. Clinician: Any thoughts of suicide? Client: No, none.',
    });
    if (!result.ok) throw new Error(result.error.message);
    const out = result.output as {
      claims: number;
      flagged: boolean;
      grounding: { supported: number; flags: Array<{ label: string; reasons: Array<{ kind: string }> }> };
    };
    expect(out.claims).toBe(3);
    expect(out.flagged).toBe(true);
    expect(out.grounding.supported).toBe(1);
    const [flip, medication] = out.grounding.flags;
    expect(flip?.label).toBe('contradicted');
    expect(flip?.reasons.map((r) => r.kind)).toContain('negation');
    expect(medication?.label).toBe('unsupported');
    expect(medication?.reasons.map((r) => r.kind)).toContain('medication');
  });

  it('checks a stored draft against the transcript or dictation it came from, and refuses a note without either', async () => {
    const checked = await call(CALLERS.avery, 'check_grounding', { noteId: noteIds.own });
    expect(checked.ok && (checked.output as { sourceId: string }).sourceId).toBe(OWNERS.own.transcript.id);
    const seeded = first(
      rows.notes.filter(
        (n) => n.clientId === OWNERS.own.transcript.clientId && n.kind === 'progress' && !n.transcriptId,
      ),
      'seeded progress note without transcript',
    );
    const fromDictation = await call(CALLERS.avery, 'draft_note', {
      clientId: OWNERS.own.transcript.clientId,
      dictation: DICTATION,
      format: 'SOAP',
    });
    const dictated = fromDictation.ok ? (fromDictation.output as { id: string }).id : '';
    const rechecked = await call(CALLERS.avery, 'check_grounding', { noteId: dictated });
    expect(rechecked.ok ? rechecked.output : rechecked.error).toMatchObject({ sourceId: null, flagged: false });
    const refused = await call(CALLERS.avery, 'check_grounding', { noteId: seeded.id });
    expect(outcomeOf(refused)).toBe('invalid_input');
    expect(outcomeOf(await call(CALLERS.avery, 'check_grounding', { draft: ' ', source: 'x' }))).toBe('invalid_input');
  });
});

describe('create_draft_note with a transcript', () => {
  it('checks a caller-written draft against the transcript and saves it flagged when a claim is unsupported', async () => {
    const { transcript } = OWNERS.own;
    const result = await call(CALLERS.avery, 'create_draft_note', {
      clientId: transcript.clientId,
      transcriptId: transcript.id,
      format: 'DAP',
      sections: { data: 'Client started taking bupropion 300 mg.', assessment: 'Improving.', plan: 'Continue.' },
    });
    if (!result.ok) throw new Error(result.error.message);
    const out = result.output as {
      id: string;
      flagged: boolean;
      grounding: { flags: Array<{ reasons: Array<{ kind: string }> }> };
    };
    expect(out.flagged).toBe(true);
    expect(out.grounding.flags.flatMap((f) => f.reasons.map((r) => r.kind))).toContain('medication');
    const note = await harness.database.db
      .selectFrom('notes')
      .selectAll()
      .where('id', '=', out.id)
      .executeTakeFirstOrThrow();
    expect(note.status).toBe('draft');
    expect((note.provenance as { review: { flagged: boolean } }).review.flagged).toBe(true);
  });

  it('refuses another client’s or another practice’s transcript, saving nothing', async () => {
    const before = await noteCount();
    const args = (transcriptId: string) => ({
      clientId: OWNERS.own.transcript.clientId,
      transcriptId,
      format: 'DAP',
      sections: { data: 'x', assessment: 'y', plan: 'z' },
    });
    expect(outcomeOf(await call(CALLERS.avery, 'create_draft_note', args(OWNERS.otherClinician.transcript.id)))).toBe(
      'out_of_scope',
    );
    expect(outcomeOf(await call(CALLERS.avery, 'create_draft_note', args(OWNERS.otherPractice.transcript.id)))).toBe(
      'not_found',
    );
    expect(await noteCount()).toBe(before);
  });
});

describe('draft_note in GIRP', () => {
  it('quotes the active treatment plan’s goals in the goals section, citing the plan, and stays grounded', async () => {
    const { transcript } = OWNERS.own;
    const plan = first(
      rows.treatmentPlans.filter((p) => p.clientId === transcript.clientId && p.status === 'active'),
      'active plan of the own client',
    );
    const result = await call(CALLERS.avery, 'draft_note', { appointmentId: transcript.appointmentId, format: 'GIRP' });
    if (!result.ok) throw new Error(result.error.message);
    const out = result.output as { id: string; sections: Record<string, string>; flagged: boolean };
    expect(out.sections.goals).toContain('Treatment plan goal: ');
    expect(out.flagged).toBe(false);
    const rechecked = await call(CALLERS.avery, 'check_grounding', { noteId: out.id });
    expect(rechecked.ok ? rechecked.output : rechecked.error).toMatchObject({ flagged: false });
    const audited = harness.audited.at(-2);
    expect(audited?.recordIds).toContain(plan.id);
  });
});
