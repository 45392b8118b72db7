/**
 * Randomness, the `:random` device's (devices.ts): where rand, rand-int,
 * rand-nth, shuffle and random-uuid draw their bits (intrinsics/random.ts).
 *
 * A realm draws from the host's cryptographic generator (node:crypto,
 * through a pool refilled 1 KB at a time) until it is seeded:
 * `(seed-random! n)` gives the realm its own xoshiro128** generator seeded
 * with n, so the same seed gives the same numbers again (for tests), and
 * `(seed-random! nil)` gives it the host's again. Each realm's generator
 * is its own: seeding one never makes another realm's numbers predictable.
 *
 * Why xoshiro128** (Blackman and Vigna, 2018), written here: Math.random
 * cannot be seeded and node:crypto is not meant to be; xoshiro128** is a
 * few lines of 32-bit operations V8 runs fast (Math.imul), passes BigCrush
 * and has a period of 2^128 - 1, and a dependency for twenty lines is not
 * worth one. It is not cryptographic: a seeded realm's numbers are
 * predictable, which is what seeding is for.
 */
import { randomFillSync } from 'node:crypto';
import type { Realm } from './realm.js';

/** A source of uniformly distributed 32-bit unsigned integers. */
export type Bits = () => number;

const pool = new Uint32Array(256);
let pooled = pool.length;

/** 32 bits from the host's cryptographic generator. */
export const hostBits: Bits = () => {
  if (pooled === pool.length) {
    randomFillSync(pool);
    pooled = 0;
  }
  return pool[pooled++];
};

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** xoshiro128**: four 32-bit words of state, never all zero. */
export class Xoshiro128 {
  private constructor(private s0: number, private s1: number, private s2: number, private s3: number) {}

  /** The generator with exactly this state (the reference implementation's test vectors start from {1, 2, 3, 4}). */
  static fromState(a: number, b: number, c: number, d: number): Xoshiro128 {
    return new Xoshiro128(a >>> 0, b >>> 0, c >>> 0, d >>> 0);
  }

  /** A generator seeded from any integer: its 64-bit parts mixed by splitmix64, as the authors advise. */
  static seeded(seed: bigint): Xoshiro128 {
    // Zigzag keeps -1 and 1 apart; then each 64-bit part of the seed is folded in.
    let rest = seed < 0n ? -2n * seed - 1n : 2n * seed;
    let x = 0n;
    do {
      x = splitmix64(x ^ BigInt.asUintN(64, rest));
      rest >>= 64n;
    } while (rest > 0n);
    const a = splitmix64(x);
    const b = splitmix64(a);
    const [w0, w1, w2, w3] = [a, a >> 32n, b, b >> 32n].map((w) => Number(BigInt.asUintN(32, w)));
    // All zero is the one state xoshiro never leaves.
    return new Xoshiro128(a === 0n && b === 0n ? 1 : w0, w1, w2, w3);
  }

  readonly next: Bits = () => {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  };
}

const M64 = (1n << 64n) - 1n;

/** One step of splitmix64 from `x` (its output, used as the next input too). */
function splitmix64(x: bigint): bigint {
  let z = (x + 0x9e3779b97f4a7c15n) & M64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
  return z ^ (z >> 31n);
}

/** The realms that seeded their generator, and it. */
const seeded = new WeakMap<Realm, Xoshiro128>();

/** Where `realm` draws from: its seeded generator, or the host's. */
export function bitsOf(realm: Realm): Bits {
  return seeded.get(realm)?.next ?? hostBits;
}

/** Seeds `realm`'s generator with `seed`, or (null) gives it the host's again. */
export function seedRealm(realm: Realm, seed: bigint | null): void {
  if (seed === null) seeded.delete(realm);
  else seeded.set(realm, Xoshiro128.seeded(seed));
}

/** A float in [0, 1) with 53 random bits. */
export function unitFloat(bits: Bits): number {
  return ((bits() >>> 5) * 67108864 + (bits() >>> 6)) / 9007199254740992;
}

/** An integer in [0, n) for 0 < n <= 2^32, without bias (rejection). */
export function below(bits: Bits, n: number): number {
  const limit = 0x100000000 - (0x100000000 % n);
  let x = bits();
  while (x >= limit) x = bits();
  return x % n;
}

/** An integer in [0, n) for any n > 0, without bias: as many words as n has bits, the top one cut, drawn again while too big. */
export function belowBig(bits: Bits, n: bigint, bitLength: number): bigint {
  const words = Math.ceil(bitLength / 32);
  const top = bitLength - 32 * (words - 1);
  for (;;) {
    let hex = '';
    for (let i = 0; i < words; i++) {
      const w = i === 0 && top < 32 ? bits() >>> (32 - top) : bits();
      hex += w.toString(16).padStart(8, '0');
    }
    const x = BigInt('0x' + hex);
    if (x < n) return x;
  }
}
