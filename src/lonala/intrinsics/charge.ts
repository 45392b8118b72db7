/**
 * Charging bulk work of the intrinsics by its size (machine/function.ts
 * `chargeReductions`; numbers/cost.ts does integers), so a native's
 * reductions follow its work as interpreted code's do. Measured on the
 * reference machine (a reduction of interpreted code is about 50 ns):
 *
 *   work                                   charge            ns per reduction
 *   characters or bytes touched            1 per 64          15-250
 *   elements made (list nodes, tuples...)  1 per element     150-400
 *   elements copied (arrays, vectors)      1 per 8           40-100
 *
 * Small work is left to the fixed cost of the call (below 64 characters,
 * 16 elements): ordinary code pays what it always did.
 */
import { chargeReductions } from '../../machine/function.js';
import { limit } from './args.js';

/** Charges work over `n` characters or bytes. */
export function chargeText(n: number): void {
  if (n >= 64) chargeReductions(n >>> 6);
}

/** Charges making (or converting, hashing) `n` elements. */
export function chargeElements(n: number): void {
  if (n > 16) chargeReductions(n);
}

/** Charges copying `n` elements (an array slice). */
export function chargeCopies(n: number): void {
  if (n > 16) chargeReductions(n >>> 3);
}

/**
 * The longest string a native makes (2^27 characters, 256 MiB at most):
 * longer text is refused with :limit before it is built (V8's own limit,
 * about 2^29, would fault only after the work).
 */
export const MAX_TEXT = 1 << 27;

/** Refuses text of `n` characters past MAX_TEXT. */
export function checkText(fn: string, n: number): void {
  if (n > MAX_TEXT) limit(fn, `the text would have ${n} characters, more than ${MAX_TEXT}`);
}
