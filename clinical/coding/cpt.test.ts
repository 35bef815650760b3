import { describe, expect, it } from 'vitest';
import { type AppointmentFacts, crisisUnits, psychotherapyCode, suggestCpt } from './cpt.ts';

const doc = (text: string) => ({ sections: { text } });
const codes = (text: string, appt: AppointmentFacts | null = null) =>
  suggestCpt(doc(text), appt).suggestions.map((s) => s.code);

describe('psychotherapy by documented time (CMS time thresholds)', () => {
  it.each([
    [15, null],
    [16, '90832'],
    [37, '90832'],
    [38, '90834'],
    [52, '90834'],
    [53, '90837'],
    [90, '90837'],
  ])('%i minutes → %s', (minutes, code) => {
    expect(psychotherapyCode(minutes, false)).toBe(code);
  });

  it('uses the add-on family with an E/M service', () => {
    expect([psychotherapyCode(20, true), psychotherapyCode(40, true), psychotherapyCode(60, true)]).toEqual([
      '90833',
      '90836',
      '90838',
    ]);
  });

  it('prefers the minutes written in the note over the scheduled length', () => {
    const appt: AppointmentFacts = {
      serviceType: 'individual_therapy',
      scheduledMinutes: 60,
      modality: 'in_person',
      telehealthMode: null,
      placeOfService: '11',
    };
    const [s] = suggestCpt(doc('Session time 40 minutes.'), appt).suggestions;
    expect(s?.code).toBe('90834');
    expect(s?.evidence.some((e) => e.kind === 'note' && e.quote.includes('40 minutes'))).toBe(true);
    const [fallback] = suggestCpt(doc('Reviewed coping skills.'), appt).suggestions;
    expect(fallback?.code).toBe('90837');
    expect(fallback?.confidence).toBeLessThan(s?.confidence ?? 0);
  });

  it('codes nothing under 16 minutes and says why', () => {
    const result = suggestCpt(doc('Individual therapy session, 10 minutes.'), null);
    expect(result.suggestions).toEqual([]);
    expect(result.notes.join()).toMatch(/16-minute minimum/);
  });
});

describe('crisis psychotherapy', () => {
  it.each([
    [29, false, 0],
    [30, true, 0],
    [74, true, 0],
    [75, true, 1],
    [104, true, 1],
    [105, true, 2],
  ])('%i minutes → 90839 %s, 90840 × %i', (minutes, base, addOn) => {
    expect(crisisUnits(minutes)).toEqual({ base, addOn });
  });

  it('codes a short crisis contact as psychotherapy by time', () => {
    expect(codes('Crisis session, total time 25 minutes.')).toEqual(['90832']);
  });

  it('never adds interactive complexity to crisis codes', () => {
    const result = suggestCpt(doc('Crisis psychotherapy, total time 60 minutes. An interpreter was used.'), null);
    expect(result.suggestions.map((s) => s.code)).toEqual(['90839']);
    expect(result.notes.join()).toMatch(/90785 only adds/);
  });
});

describe('family, group and evaluation codes', () => {
  it('tells 90846 from 90847 by whether the client was present', () => {
    expect(codes('Family therapy session, 50 minutes, with the client.')).toEqual(['90847']);
    expect(codes('Family therapy session without the client present, 50 minutes.')).toEqual(['90846']);
  });

  it('needs 26 minutes for family psychotherapy', () => {
    expect(codes('Family therapy session, 25 minutes.')).toEqual([]);
    expect(codes('Family therapy session, 26 minutes.')).toEqual(['90847']);
  });

  it('codes evaluations without time and adds 90785 when interactive complexity is documented', () => {
    expect(codes('Intake evaluation completed.')).toEqual(['90791']);
    expect(codes('Intake evaluation; an interpreter was used throughout.')).toEqual(['90791', '90785']);
    expect(codes('Group therapy session, 60 minutes.')).toEqual(['90853']);
  });
});

describe('telehealth modifiers and place of service', () => {
  it('adds 95 and POS 10 for video from home, 93 for audio-only, nothing in person', () => {
    const [video] = suggestCpt(doc('Individual therapy via video from home, 45 minutes.'), null).suggestions;
    expect([video?.modifiers, video?.placeOfService]).toEqual([['95'], '10']);
    const [audio] = suggestCpt(doc('Individual therapy by telephone, audio-only, 45 minutes.'), null).suggestions;
    expect([audio?.modifiers, audio?.placeOfService]).toEqual([['93'], '02']);
    const [office] = suggestCpt(doc('Individual therapy in office, 45 minutes.'), null).suggestions;
    expect([office?.modifiers, office?.placeOfService]).toEqual([[], '11']);
  });

  it('takes modality and POS from the appointment when there is one', () => {
    const appt: AppointmentFacts = {
      serviceType: 'individual_therapy',
      scheduledMinutes: 45,
      modality: 'telehealth',
      telehealthMode: 'audio_only',
      placeOfService: '10',
    };
    const [s] = suggestCpt(doc('Reviewed the week.'), appt).suggestions;
    expect([s?.code, s?.modifiers, s?.placeOfService]).toEqual(['90834', ['93'], '10']);
  });
});

describe('what counts as documented session time', () => {
  const appt: AppointmentFacts = {
    serviceType: 'individual_therapy',
    scheduledMinutes: 45,
    modality: 'in_person',
    telehealthMode: null,
    placeOfService: '11',
  };
  it.each([
    'Conducted imaginal exposure to the trauma memory for 40 minutes with SUDS ratings.',
    'Client arrived 15 minutes early and asked whether the session time was correct.',
    'Set up a daily "special time," 15 minutes of child-led play.',
    'Client adds 20 minutes to the commute by taking side streets.',
    'Scored GAD-7 of 12.',
  ])('ignores minutes that are not the session’s: %s', (text) => {
    const [s] = suggestCpt(doc(text), appt).suggestions;
    expect(s?.code).toBe('90834');
    expect(s?.evidence.some((e) => e.kind === 'appointment' && e.field === 'minutes')).toBe(true);
  });
});
