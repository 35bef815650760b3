import { describe, expect, it } from 'vitest';
import { locate, ModelTriageAnswer, opinionFrom } from './model-opinion.ts';

const MESSAGE = 'Can you move Thursday?  I keep thinking\neveryone would be better off without me.';

describe('a model’s triage answer as an opinion over the message', () => {
  it('anchors each reason on the sender’s own words, exactly or ignoring case and spacing', () => {
    expect(locate(MESSAGE, 'move Thursday')).toEqual({ start: 8, end: 21 });
    const loose = locate(MESSAGE, 'I keep thinking everyone WOULD be better off');
    expect(loose && MESSAGE.slice(loose.start, loose.end)).toBe('I keep thinking\neveryone would be better off');
    expect(locate(MESSAGE, '   ')).toBeNull();
  });

  it('drops a reason whose quote the sender never wrote, so no reason points at invented words', () => {
    const opinion = opinionFrom(MESSAGE, {
      urgency: 'urgent',
      categories: ['urgent_risk', 'scheduling'],
      reasons: [
        { code: 'Passive Ideation!', quote: 'better off without me' },
        { code: 'plan', quote: 'I bought a rope' },
      ],
    });
    const start = MESSAGE.indexOf('better off');
    expect(opinion.reasons).toEqual([
      { code: 'passive_ideation', text: 'better off without me', start, end: start + 21 },
    ]);
    expect(opinion.categories).toEqual(['urgent_risk', 'scheduling']);
  });

  it('drops other beside a real category and orders categories as the engine does', () => {
    const opinion = opinionFrom(MESSAGE, { urgency: 'routine', categories: ['other', 'scheduling'], reasons: [] });
    expect(opinion.categories).toEqual(['scheduling']);
  });

  it('refuses an answer outside the closed sets: an unknown urgency or category, no category, too many reasons', () => {
    const ok = { urgency: 'routine', categories: ['other'], reasons: [] };
    expect(ModelTriageAnswer.safeParse(ok).success).toBe(true);
    for (const bad of [
      { ...ok, urgency: 'low' },
      { ...ok, categories: ['spam'] },
      { ...ok, categories: [] },
      { ...ok, reasons: Array.from({ length: 9 }, () => ({ code: 'x', quote: 'Thursday' })) },
      { ...ok, reasons: [{ code: 'x', quote: 'q'.repeat(301) }] },
    ]) {
      expect(ModelTriageAnswer.safeParse(bad).success).toBe(false);
    }
  });
});
