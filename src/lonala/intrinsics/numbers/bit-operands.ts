/**
 * Operand handling shared by the bit intrinsics (bits.ts, bit-fields.ts,
 * endian.ts).
 *
 * A bit operand is a plain integer, seen as an infinite two's complement
 * bit string (as JS bigints do), or a fixed-width integer, whose bits are
 * exactly its width. Mixing a fixed value with a plain integer works in the
 * fixed width; two different widths are a type-error. Counts, indexes and
 * widths are non-negative integers; a negative one is badarg.
 */
import { Fixed, fixedInfo, type FixedWidth, type Value } from '../../../machine/index.js';
import { badarg, typeError } from '../args.js';
import { norm } from './tower.js';
import { MAX_BITS } from './cost.js';

/**
 * Largest bit count a plain-integer result may need (16 Mbit, 2 MiB).
 * Beyond it a shift count or mask width is badarg, and a result that would
 * pass it (a product, a shifted integer) is :limit (cost.ts), instead of
 * exhausting host memory.
 */
export { MAX_BITS };

/** The width of a fixed operand, null for a plain integer; type-error otherwise. */
export function widthOf(fn: string, v: Value): FixedWidth | null {
  if (typeof v === 'number' || typeof v === 'bigint') return null;
  if (v instanceof Fixed) return v.width;
  return typeError(fn, 'integer', v);
}

/** The width two operands are combined in (null: plain integers). */
export function commonWidth(fn: string, a: Value, b: Value): FixedWidth | null {
  const wa = widthOf(fn, a);
  const wb = widthOf(fn, b);
  if (wa === null) return wb;
  if (wb !== null && wb !== wa) typeError(fn, wa, b);
  return wa;
}

/** Number of bits of a width. */
export const bitsOf = (w: FixedWidth): number => fixedInfo(w).bits;

/** Exact value of an integer operand (checked by the caller). */
export function valueOf(v: Value): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'bigint') return v;
  return (v as Fixed).value;
}

/** The bits of a fixed value read as unsigned. */
export function unsignedOf(v: Fixed): bigint {
  return BigInt.asUintN(bitsOf(v.width), v.value);
}

/** A result in `width` (wrapped), or a normalised plain integer. */
export function bitResult(width: FixedWidth | null, n: bigint): Value {
  return width === null ? norm(n) : Fixed.of(width, n);
}

/**
 * A count, index or width argument as a JS number: -1 when negative,
 * Infinity for a positive bigint; fixed values are accepted by value.
 */
export function countOf(fn: string, v: Value): number {
  if (typeof v === 'number') return v < 0 ? -1 : v;
  if (typeof v === 'bigint') return v < 0n ? -1 : Infinity;
  if (v instanceof Fixed) return v.value < 0n ? -1 : Number(v.value);
  return typeError(fn, 'integer', v);
}

/** Like countOf, but a negative count or one above MAX_BITS is badarg (with `args`). */
export function checkedCount(fn: string, v: Value, args: () => Value[]): number {
  const n = countOf(fn, v);
  if (n < 0 || n > MAX_BITS) badarg(fn, args());
  return n;
}

/** A right-shift amount as a bigint: past 2^30 bits (V8's bigint limit) everything is shifted out anyway. */
export const shiftOut = (n: number): bigint => BigInt(n < 1073741824 ? n : 1073741824);

const MIN_I64 = -9223372036854775808n;

/**
 * The bits of a plain integer where a finite pattern is needed: a negative
 * integer is read as a 64-bit two's complement word (as Clojure's longs), and
 * one below the i64 range is badarg.
 */
export function plainPattern(fn: string, v: bigint, args: () => Value[]): bigint {
  if (v >= 0n) return v;
  if (v < MIN_I64) badarg(fn, args());
  return BigInt.asUintN(64, v);
}
