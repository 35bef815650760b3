import { describe, expect, it } from 'vitest';
import { replyConcerns } from '../triage/replies.ts';
import { noShowRisk, reminderDraft } from './no-show.ts';

const now = '2026-06-01T15:00:00Z';
const tz = 'America/Chicago';
const visit = (daysAgo: number, status: 'completed' | 'no_show' | 'late_cancelled' | 'cancelled') => ({
  startsAt: new Date(Date.parse(now) - daysAgo * 86_400_000).toISOString(),
  status,
});

describe('noShowRisk', () => {
  it('rates a regular attender seen last week at a midday slot low, with the factor that lowered it', () => {
    const risk = noShowRisk({
      startsAt: '2026-06-03T17:00:00Z',
      timeZone: tz,
      history: [visit(7, 'completed'), visit(14, 'completed')],
      lastMessageAt: null,
      now,
    });
    expect(risk.level).toBe('low');
    expect(risk.factors.map((f) => f.code)).toEqual(['recent_visit']);
  });

  it('weighs prior no-shows most and shows each factor with its evidence', () => {
    const risk = noShowRisk({
      startsAt: '2026-06-20T12:00:00Z',
      timeZone: tz,
      history: [visit(30, 'no_show'), visit(60, 'no_show'), visit(90, 'late_cancelled'), visit(120, 'completed')],
      lastMessageAt: null,
      now,
    });
    expect(risk.level).toBe('high');
    expect(risk.factors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'prior_no_shows', points: 4, detail: '2 no-show(s) in the last 12 months' }),
        expect.objectContaining({ code: 'late_cancellations', points: 1 }),
        expect.objectContaining({ code: 'lead_time', points: 1 }),
        expect.objectContaining({ code: 'time_of_day', detail: 'starts at 7:00 local time' }),
        expect.objectContaining({ code: 'no_recent_contact' }),
      ]),
    );
    expect(risk.score).toBe(risk.factors.reduce((s, f) => s + f.points, 0));
  });

  it('ignores history older than a year and marks a first visit', () => {
    const risk = noShowRisk({
      startsAt: '2026-06-02T16:00:00Z',
      timeZone: tz,
      history: [visit(400, 'no_show')],
      lastMessageAt: null,
      now,
    });
    expect(risk.factors.map((f) => f.code)).toEqual(['first_visit']);
    expect(risk.level).toBe('low');
  });

  it('counts a recent portal message as contact', () => {
    const quiet = { startsAt: '2026-06-02T16:00:00Z', timeZone: tz, history: [visit(80, 'completed')], now };
    expect(noShowRisk({ ...quiet, lastMessageAt: null }).factors.map((f) => f.code)).toContain('no_recent_contact');
    expect(noShowRisk({ ...quiet, lastMessageAt: '2026-05-25T10:00:00Z' }).factors.map((f) => f.code)).not.toContain(
      'no_recent_contact',
    );
  });
});

describe('reminderDraft', () => {
  it('gives the local time and how to reschedule, in the client’s language, with nothing clinical or promised', () => {
    const en = reminderDraft({
      startsAt: '2026-06-03T17:00:00Z',
      timeZone: tz,
      language: 'en',
      level: 'low',
      practiceName: 'Lakeside',
    });
    expect(en).toMatch(/Wednesday, June 3 at 12:00/);
    expect(replyConcerns(en)).toEqual([]);
    const es = reminderDraft({
      startsAt: '2026-06-03T17:00:00Z',
      timeZone: tz,
      language: 'es',
      level: 'high',
      practiceName: 'Lakeside',
    });
    expect(es).toMatch(/^Hola,/);
    expect(es).toMatch(/cómo está/);
  });
});
