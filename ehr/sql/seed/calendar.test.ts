import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, todayIn, weekday, zonedToUtc } from './calendar.ts';

describe('calendar', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-01', '2026-11-22')).toBe(21);
  });

  it('knows the weekday', () => {
    expect(weekday('2026-11-22')).toBe(0);
    expect(weekday('2026-11-23')).toBe(1);
  });

  it('converts practice wall-clock time to UTC across daylight-saving changes', () => {
    expect(zonedToUtc('2026-07-01', 9, 0, 'America/Chicago')).toBe('2026-07-01T14:00:00.000Z');
    expect(zonedToUtc('2026-12-01', 9, 0, 'America/Chicago')).toBe('2026-12-01T15:00:00.000Z');
    expect(zonedToUtc('2026-11-01', 10, 30, 'America/Denver')).toBe('2026-11-01T17:30:00.000Z');
  });

  it('tells the local date in a time zone', () => {
    expect(todayIn('America/Chicago', new Date('2026-11-23T03:00:00Z'))).toBe('2026-11-22');
    expect(todayIn('UTC', new Date('2026-11-23T03:00:00Z'))).toBe('2026-11-23');
  });
});
