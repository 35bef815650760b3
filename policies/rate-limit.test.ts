import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('per-principal rate limit', () => {
  it('allows a burst of the per-minute budget, then refuses with a retry-after', () => {
    const c = clock();
    const limiter = createRateLimiter({ perMinute: 3, now: c.now });
    expect([1, 2, 3].map(() => limiter.take('avery').ok)).toEqual([true, true, true]);
    expect(limiter.take('avery')).toEqual({ ok: false, retryAfterSeconds: 20 });
  });

  it('refills over time at the per-minute rate', () => {
    const c = clock();
    const limiter = createRateLimiter({ perMinute: 60, now: c.now });
    for (let i = 0; i < 60; i++) limiter.take('avery');
    expect(limiter.take('avery').ok).toBe(false);
    c.advance(999);
    expect(limiter.take('avery').ok).toBe(false);
    c.advance(1);
    expect(limiter.take('avery').ok).toBe(true);
    expect(limiter.take('avery').ok).toBe(false);
  });

  it('keeps each principal on its own budget', () => {
    const c = clock();
    const limiter = createRateLimiter({ perMinute: 1, now: c.now });
    expect(limiter.take('prc_a:usr_1').ok).toBe(true);
    expect(limiter.take('prc_a:usr_1').ok).toBe(false);
    expect(limiter.take('prc_a:usr_2').ok).toBe(true);
    expect(limiter.take('prc_b:usr_1').ok).toBe(true);
  });

  it('does not let refused calls earn tokens or let the bucket overfill after a long idle', () => {
    const c = clock();
    const limiter = createRateLimiter({ perMinute: 2, now: c.now });
    limiter.take('k');
    limiter.take('k');
    for (let i = 0; i < 5; i++) expect(limiter.take('k').ok).toBe(false);
    c.advance(60 * 60_000);
    expect([1, 2, 3].map(() => limiter.take('k').ok)).toEqual([true, true, false]);
  });

  it('holds at most maxKeys buckets, dropping the least recently used', () => {
    const c = clock();
    const limiter = createRateLimiter({ perMinute: 1, now: c.now, maxKeys: 2 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // drops a: its next call starts a full bucket
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('c').ok).toBe(false);
  });

  it('rejects a budget that is not a positive number', () => {
    expect(() => createRateLimiter({ perMinute: 0 })).toThrow(/positive/);
    expect(() => createRateLimiter({ perMinute: Number.NaN })).toThrow(/positive/);
  });
});
