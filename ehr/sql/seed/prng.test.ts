import { describe, expect, it } from 'vitest';
import { Prng } from './prng.ts';

describe('Prng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const seqA = Array.from({ length: 20 }, () => a.uint32());
    expect(Array.from({ length: 20 }, () => b.uint32())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.uint32())).not.toEqual(seqA);
  });

  it('keeps forked streams independent of later draws on the parent', () => {
    const parent1 = new Prng(7);
    const fork1 = parent1.fork('x');
    const parent2 = new Prng(7);
    const fork2 = parent2.fork('x');
    parent2.uint32();
    expect(fork1.int(0, 1_000_000)).toBe(fork2.int(0, 1_000_000));
  });

  it('draws integers within bounds, covering both ends', () => {
    const rng = new Prng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const n = rng.int(3, 6);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('samples distinct items and refuses to pick from nothing', () => {
    const rng = new Prng(3);
    const sample = rng.sample([1, 2, 3, 4, 5], 3);
    expect(new Set(sample).size).toBe(3);
    expect(() => rng.pick([])).toThrow(/empty/);
  });

  it('makes prefixed ids in the same alphabet as live ids', () => {
    expect(new Prng(9).id('cli')).toMatch(/^cli_[0-9a-hjkmnp-tv-z]{16}$/);
  });
});
