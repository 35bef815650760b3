import { describe, expect, it } from 'vitest';
import { checkGrounding } from '../grounding/check.ts';
import { draftNote, normalizeSentence } from './draft.ts';
import { DRAFT_FORMATS, EMPTY_SECTION_MARKER, FORMAT_SPECS, validateNote } from './formats.ts';

const TRANSCRIPT = [
  'Clinician: How has the week been?',
  'Client: Um, better. I did the walk three times, around the park, maybe twenty minutes each.',
  'Client: I still wake up at 4:30 most nights and sleep about five hours.',
  "Clinician: Let's look at the evidence for the thought that you can't do anything right.",
  'Client: That helps. I did most of what I planned this week.',
  'Clinician: In the past two weeks, have you had any thoughts of killing yourself?',
  "Client: No. I haven't had any thoughts like that.",
  'Clinician: Homework for next week: three walks and the sleep log. Same time next Thursday.',
].join('\n');
const source = { id: 'trn_test', kind: 'transcript' as const, text: TRANSCRIPT };

describe('offline extractive drafter', () => {
  it.each(DRAFT_FORMATS)(
    'drafts %s with the format’s sections, every statement traced to its source span',
    (format) => {
      const draft = draftNote({ format, source });
      expect(Object.keys(draft.sections)).toEqual(FORMAT_SPECS[format].sections.map((s) => s.key));
      for (const s of draft.statements) {
        expect(draft.sections[s.section]?.slice(s.start, s.end)).toBe(s.text);
        for (const e of s.evidence) expect(TRANSCRIPT.slice(e.start, e.end)).toBe(e.quote);
      }
      const report = checkGrounding(draft.sections, [{ id: source.id, type: 'transcript', text: TRANSCRIPT }]);
      expect(report.flagged).toBe(false);
    },
  );

  it('leaves a section visibly empty instead of inventing it, and writes no default mental-status text', () => {
    const draft = draftNote({
      format: 'SOAP',
      source: { id: 'd', kind: 'dictation', text: 'Client reported sleeping better.' },
    });
    expect(draft.emptySections.length).toBeGreaterThan(0);
    for (const key of draft.emptySections) expect(draft.sections[key]).toBe(EMPTY_SECTION_MARKER);
    expect(Object.values(draft.sections).join(' ')).not.toMatch(/oriented|euthymic|within normal limits|appropriate/i);
  });

  it('keeps a risk question with its answer and states the session line from the appointment', () => {
    const draft = draftNote({
      format: 'DAP',
      source,
      session: {
        appointmentId: 'apt_1',
        date: '2026-11-19',
        startTime: '16:00',
        endTime: '16:53',
        minutes: 53,
        modality: 'in_person',
        serviceType: 'individual_therapy',
      },
    });
    expect(draft.sections.assessment).toMatch(/Risk screen — Clinician: .*killing yourself\? Client: No\./);
    expect(draft.sections.data).toContain('53 minutes, in person, individual therapy');
    expect(validateNote('DAP', draft.sections).missing.map((m) => m.element)).not.toContain('session_time_modality');
  });

  it('quotes plan goals in GIRP only, each citing the plan', () => {
    const planGoals = { planId: 'tpl_1', goals: ['Reduce depressive symptoms', 'Return to work half-time'] };
    const girp = draftNote({ format: 'GIRP', source, planGoals });
    expect(girp.sections.goals?.split('\n').slice(0, 2)).toEqual([
      'Treatment plan goal: Reduce depressive symptoms',
      'Treatment plan goal: Return to work half-time',
    ]);
    expect(girp.statements[0]?.evidence[0]).toMatchObject({
      sourceId: 'tpl_1',
      sourceType: 'treatment_plan',
      start: 0,
    });
    expect(girp.planGoalsText).toBe('Reduce depressive symptoms\nReturn to work half-time');
    expect(draftNote({ format: 'SOAP', source, planGoals }).planGoalsText).toBeNull();
  });

  it('reads a client correction as superseding the earlier value, and keeps an elliptical answer with its question', () => {
    const text = [
      'Clinician: And sleep?',
      'Client: About five hours.',
      'Clinician: Five? That is less than last time.',
      'Client: Sorry, I was thinking of last week. Most nights seven hours.',
      'Clinician: Any nausea from the new dose?',
      'Client: No, none.',
      'Clinician: Last time you mentioned your brother.',
      "Client: I don't want to get into that today.",
    ].join('\n');
    for (const format of DRAFT_FORMATS) {
      const note = Object.values(draftNote({ format, source: { id: 'c', kind: 'transcript', text } }).sections).join(
        '\n',
      );
      expect(note, format).toContain('Most nights seven hours.');
      expect(note, format).not.toContain('About five hours');
      expect(note, format).toMatch(/Clinician: Any nausea from the new dose\? Client: No, none\./);
      expect(note, format).toMatch(/brother\. Client: I don't want to get into that today\./);
    }
  });

  it('keeps the same statements in every format, however the format groups them', () => {
    const lines = Array.from(
      { length: 14 },
      (_, i) => `Client: I walked ${i + 2} kilometers with my neighbor on day ${i + 1}.`,
    );
    const text = [...lines, "Clinician: Let's practice the breathing, four in and six out."].join('\n');
    const kept = (format: (typeof DRAFT_FORMATS)[number]) =>
      draftNote({ format, source: { id: 'k', kind: 'transcript', text } })
        .statements.map((s) => s.text)
        .sort();
    for (const format of DRAFT_FORMATS) expect(kept(format), format).toEqual(kept('SOAP'));
  });

  it('normalizes lightly: fillers out, capital and full stop in, words unchanged', () => {
    expect(normalizeSentence('um, so I did the walk, uh, three times')).toBe('I did the walk, three times.');
    expect(normalizeSentence('I slept\u200b six\u202e hours\u{E0041}')).toBe('I slept six hours.');
  });
});

describe('note validation', () => {
  it('reports empty sections and the payer elements a draft lacks', () => {
    const v = validateNote('BIRP', {
      behavior: 'Client reports low mood.',
      intervention: '',
      response: '',
      plan: 'Continue.',
    });
    expect(v.complete).toBe(false);
    expect(v.emptySections).toEqual(['intervention', 'response']);
    expect(v.missing.map((m) => m.element)).toEqual(
      expect.arrayContaining([
        'session_time_modality',
        'interventions',
        'client_response',
        'risk_assessment',
        'plan_next_session',
      ]),
    );
  });

  it('finds nothing missing in a complete SOAP note', () => {
    const v = validateNote('SOAP', {
      subjective: 'Client reports sleeping five hours.',
      objective: '50 minutes, telehealth (audio_video). Practiced a thought record.',
      assessment: 'Improving; denies suicidal ideation.',
      plan: 'Next session in one week.',
    });
    expect(v).toEqual({ complete: true, emptySections: [], missing: [] });
  });
});
