/**
 * What integer work costs, in reductions (issue "Limits that hold": every
 * reduction is charged). A plain JS bigint operation is one host call whose
 * time grows with its operands, so the number intrinsics charge it by size
 * (machine/function.ts `chargeReductions`) and refuse, before starting it,
 * work that would hold the processor for more than about 100 ms
 * (`MAX_CALL_REDUCTIONS`) or make an integer of more than `MAX_BITS` bits:
 * `[:error :limit %{:fn f :message "..."}]`.
 *
 * Integers below 2^1023 cost their fixed reduction only (an O(1) comparison
 * tells); larger ones are sized in 64-bit words w (function.ts `bigintSize`:
 * an upper bound within a factor of two, in O(1) up to 2^20 bits). The models follow V8's
 * algorithms (schoolbook, Karatsuba, Toom-3 then FFT multiplication;
 * Burnikel-Ziegler division), measured on the reference machine (Node 20):
 *
 *   operation           reductions                    measured
 *   linear (+ - bit ops) w / 8 (64 bytes each)        1-6 ns per word
 *   a * b               max(wa,wb) L^2 / 12           2.5-5 ns x max L^2
 *   a quot/rem/mod b    wa + max(wq,wb) L^2 / 2       (+ 45 ns per word of a)
 *   gcd (ratios)        division + 12 min(wa,wb)^2    Euclid: 370 ns x w^2
 *
 * with L = log2 of the smaller size (at least 1) and wq = wa - wb + 1, so a
 * reduction is 15-40 ns of work: 2^22-bit factors multiply in about 50 ms
 * (1.4M reductions), 2^23-bit ones would take 110 ms (3.2M, refused), and a
 * 2^21-bit number divides by a 2^20-bit one in 45-60 ms (1.6M).
 */
import { MAX_CALL_REDUCTIONS, bigintBits, bigintSize, chargeReductions } from '../../../machine/function.js';
import { limit } from '../args.js';

/** Largest bit count of an integer a native makes (16 Mbit, 2 MiB); re-exported by bit-operands.ts. */
export const MAX_BITS = 1 << 24;

const HUGE = 1n << 1023n;

/** Whether |n| >= 2^1023, beyond which integer work is charged by size (O(1)). */
export const isHuge = (n: bigint): boolean => n >= HUGE || n <= -HUGE;

/** 64-bit words of `bits` bits. */
const words = (bits: number): number => (bits + 63) >>> 6;

/** Charges `cost` reductions, or refuses the work (`what`) when one call may not cost that much. */
export function spend(fn: string, cost: number, what: string): void {
  if (cost > MAX_CALL_REDUCTIONS) {
    limit(fn, `${what} is too much work for one call (${Math.round(cost)} reductions, at most ${MAX_CALL_REDUCTIONS})`);
  }
  chargeReductions(Math.ceil(cost));
}

/** Refuses a result of `bits` bits past MAX_BITS. */
export function checkBits(fn: string, bits: number, what: string): void {
  if (bits > MAX_BITS) limit(fn, `${what} would have ${bits} bits; an integer has at most ${MAX_BITS}`);
}

/** Charges linear work over the integers' words, a reduction per 8 (64 bytes), when one is huge. */
export function chargeLinear(a: bigint, b: bigint = 0n): void {
  if (isHuge(a) || isHuge(b)) chargeReductions((words(bigintSize(a)) + words(bigintSize(b))) >>> 3);
}

/** Charges `bits` bits of linear work (a result being made), a reduction per 512. */
export function chargeBits(bits: number): void {
  if (bits > 4096) chargeReductions(bits >>> 9);
}

/** Charges `perWord` reductions per word of a huge integer: work slower than a copy (popcount: ~45 ns/word). */
export function chargeWords(n: bigint, perWord: number): void {
  if (isHuge(n)) chargeReductions(Math.ceil(words(bigintSize(n)) * perWord));
}

const log2 = (w: number): number => (w <= 2 ? 1 : Math.log2(w));

/** Reductions of a product of wa and wb words. */
function mulCost(wa: number, wb: number): number {
  const big = wa > wb ? wa : wb, small = wa > wb ? wb : wa;
  const l = log2(small);
  return (big * l * l) / 12;
}

/** Reductions of dividing wa words by wb words. */
function divCost(wa: number, wb: number): number {
  const wq = wa >= wb ? wa - wb + 1 : 1;
  const l = log2(wq < wb ? wq : wb);
  return wa + ((wq > wb ? wq : wb) * l * l) / 2;
}

/** a * b, charged by size; refused past MAX_BITS or MAX_CALL_REDUCTIONS. */
export function mulBig(fn: string, a: bigint, b: bigint): bigint {
  if (isHuge(a) || isHuge(b)) {
    let ba = bigintSize(a), bb = bigintSize(b);
    if (ba + bb > MAX_BITS) {
      ba = bigintBits(a);
      bb = bigintBits(b);
      checkBits(fn, ba + bb, 'the product');
    }
    spend(fn, mulCost(words(ba), words(bb)), 'a product of this size');
  }
  return a * b;
}

/** Charges (or refuses) dividing a by b: quot, rem, mod and the ratio divisions. */
export function chargeDiv(fn: string, a: bigint, b: bigint): void {
  if (isHuge(a) || isHuge(b)) spend(fn, divCost(words(bigintSize(a)), words(bigintSize(b))), 'a division of this size');
}

const GCD_FREE = 1n << 128n;

/**
 * Charges (or refuses) the gcd that brings num/den to lowest terms: Euclid's
 * algorithm is quadratic, so it is charged from 128 bits (two 1000-bit
 * parts take ~60 us).
 */
export function chargeGcd(fn: string, num: bigint, den: bigint): void {
  if (num < GCD_FREE && num > -GCD_FREE && den < GCD_FREE && den > -GCD_FREE) return;
  const wa = words(bigintBits(num)), wb = words(bigintBits(den)); // exact: the cost is quadratic
  const big = wa > wb ? wa : wb, small = wa > wb ? wb : wa;
  spend(fn, divCost(big, small) + 12 * small * small, 'a ratio of this size');
}
