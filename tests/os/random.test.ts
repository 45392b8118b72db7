/**
 * The generator behind seed-random! (src/os/random.ts): xoshiro128** as its
 * authors published it, seeding, and draws without bias.
 */
import { describe, expect, it } from 'vitest';
import { Xoshiro128, below, belowBig, hostBits, unitFloat } from '../../src/os/random.js';

describe('xoshiro128**', () => {
  it('gives the reference implementation\'s numbers from the state {1, 2, 3, 4}', () => {
    const g = Xoshiro128.fromState(1, 2, 3, 4);
    expect(Array.from({ length: 3 }, g.next)).toEqual([11520, 0, 5927040]);
  });

  it('gives the same numbers for the same seed, others for another, whatever its size or sign', () => {
    const run = (seed: bigint): number[] => Array.from({ length: 8 }, Xoshiro128.seeded(seed).next);
    expect(run(42n)).toEqual(run(42n));
    const seeds = [0n, 1n, -1n, 42n, 2n ** 64n, 2n ** 64n + 1n, -(2n ** 200n)];
    const runs = new Set(seeds.map((s) => run(s).join(',')));
    expect(runs.size).toBe(seeds.length);
  });
});

describe('draws', () => {
  it('keeps floats in [0, 1) and integers below their bound, each as likely', () => {
    const g = Xoshiro128.seeded(7n).next;
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[below(g, 6)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const u = unitFloat(g);
      expect(u >= 0 && u < 1).toBe(true);
    }
  });

  it('draws below a bound of any size, and below 2^32 exactly', () => {
    const g = Xoshiro128.seeded(9n).next;
    const n = 3n ** 100n;
    const bits = n.toString(2).length;
    for (let i = 0; i < 200; i++) {
      const x = belowBig(g, n, bits);
      expect(x >= 0n && x < n).toBe(true);
    }
    const top = new Set(Array.from({ length: 200 }, () => below(g, 2 ** 32) >= 2 ** 31));
    expect(top).toEqual(new Set([true, false]));
  });

  it('takes the host\'s numbers from node:crypto, a pool at a time', () => {
    const seen = new Set(Array.from({ length: 600 }, hostBits));
    expect(seen.size).toBeGreaterThan(590);
  });
});
