import { describe, expect, it } from 'vitest';
import { isEhrError } from '../errors.ts';
import { decodeCursor, encodeCursor, pageLimit, toPage } from './cursor.ts';

describe('cursors', () => {
  it('round-trips a key', () => {
    const key = ['2026-11-22T15:00:00.000Z', 'apt_123'] as const;
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
    expect(decodeCursor(null)).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });

  it.each([
    ['not base64 json', '!!!'],
    ['json of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['an array of numbers', Buffer.from('[1,2]').toString('base64url')],
    ['an oversized cursor', 'a'.repeat(10_000)],
  ])('rejects %s as invalid', (_label, cursor) => {
    let caught: unknown;
    try {
      decodeCursor(cursor);
    } catch (error) {
      caught = error;
    }
    expect(isEhrError(caught, 'invalid')).toBe(true);
  });

  it('clamps large limits and rejects non-positive or fractional ones', () => {
    expect(pageLimit(undefined)).toBe(25);
    expect(pageLimit(10_000)).toBe(200);
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => pageLimit(bad)).toThrow(/positive integer/);
  });

  it('splits limit + 1 rows into a page and a next cursor', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `r${n}`, at: `t${n}` }));
    const page = toPage(
      rows,
      2,
      (r) => r.id,
      (r) => [r.at, r.id],
    );
    expect(page.items).toEqual(['r1', 'r2']);
    expect(decodeCursor(page.nextCursor)).toEqual(['t2', 'r2']);
    expect(
      toPage(
        rows.slice(0, 2),
        2,
        (r) => r.id,
        (r) => [r.at, r.id],
      ).nextCursor,
    ).toBeNull();
  });
});
