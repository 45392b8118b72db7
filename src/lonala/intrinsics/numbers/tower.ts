/**
 * The numeric tower shared by the number intrinsics (LONALA.md section 2).
 *
 *   rank      values                     representation
 *   Int       integer (small / big)      JS number (safe) / JS bigint (outside)
 *   Ratio     exact fraction             Ratio(num, den), lowest terms, den > 1
 *   Float     IEEE double (or f32)       Float
 *   Fixed     u8 .. i64                  Fixed(width, wrapped bigint)
 *
 * Contagion for a binary operation: the higher rank wins among Int < Ratio <
 * Float; Fixed absorbs plain integers (the integer is wrapped into the width)
 * but never mixes with a ratio, a float or another width (type-error).
 * Every integer result goes through `norm`, so the value.ts invariant holds:
 * a bigint is always outside the safe range.
 */
import {
  Fixed, Float, Kind, Ratio, fixedInfo, type FixedWidth, type LObject, type Value,
} from '../../../machine/index.js';
import { typeError } from '../args.js';
import { bigintBits } from '../../../machine/function.js';
import { chargeGcd, chargeLinear } from './cost.js';

export const MAX_SAFE = 9007199254740991;
export const MIN_SAFE = -9007199254740991;
const MAX_SAFE_N = 9007199254740991n;
const MIN_SAFE_N = -9007199254740991n;

/** Rank of a value in the tower; `None` for non-numbers. */
export const enum Rank {
  None = -1,
  Int = 0,
  Ratio = 1,
  Float = 2,
  Fixed = 3,
}

export function rank(v: Value): Rank {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return Rank.Int;
    case 'object':
      if (v === null) return Rank.None;
      switch ((v as LObject).kind) {
        case Kind.Float: return Rank.Float;
        case Kind.Ratio: return Rank.Ratio;
        case Kind.Fixed: return Rank.Fixed;
      }
  }
  return Rank.None;
}

export const isNumber = (v: Value): boolean => rank(v) !== Rank.None;

/** Small int, bigint or fixed-width integer. */
export const isInteger = (v: Value): boolean =>
  typeof v === 'number' || typeof v === 'bigint' || v instanceof Fixed;

/** The rank of `v`, or a type-error (expected :number) naming `fn`. */
export function numberRank(fn: string, v: Value): Rank {
  const r = rank(v);
  if (r === Rank.None) typeError(fn, 'number', v);
  return r;
}

/** Demotes a bigint to a JS number when it fits the safe range. */
export function norm(n: bigint): number | bigint {
  return n >= MIN_SAFE_N && n <= MAX_SAFE_N ? Number(n) : n;
}

export const toBig = (n: number | bigint): bigint => (typeof n === 'bigint' ? n : BigInt(n));

/** Exact value of an integer (plain or fixed) as a bigint. */
export function bigOf(v: Value): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'bigint') return v;
  return (v as Fixed).value;
}

/** Exact value of an integer (plain or fixed) as a number or bigint. */
export function intOf(v: Value): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  return norm((v as Fixed).value);
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * `num/den` in lowest terms: an integer when `den` divides `num`, else a
 * Ratio. `den` must not be 0. The gcd is charged by size, and refused as
 * :limit (naming `fn`) when it would take too long (cost.ts).
 */
export function makeRatio(num: bigint, den: bigint, fn = '/'): Value {
  chargeGcd(fn, num, den);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  if (g !== 1n) {
    num /= g;
    den /= g;
  }
  return den === 1n ? norm(num) : new Ratio(num, den);
}

/** Numerator of an integer or ratio. */
export const numOf = (v: Value): bigint => (v instanceof Ratio ? v.num : bigOf(v));
/** Denominator of an integer or ratio (1 for integers). */
export const denOf = (v: Value): bigint => (v instanceof Ratio ? v.den : 1n);

/** Number of bits of a non-negative bigint (0 for 0). */
export function bitLength(n: bigint): number {
  return bigintBits(n);
}

/** `x * 2^e` without overflowing or underflowing on the way. */
function scale2(x: number, e: number): number {
  while (e > 1000) { x *= 2 ** 1000; e -= 1000; }
  while (e < -1000) { x *= 2 ** -1000; e += 1000; }
  return x * 2 ** e;
}

/** Nearest double to `num/den` (den > 0), also when both are huge. */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (num >= MIN_SAFE_N && num <= MAX_SAFE_N && den <= MAX_SAFE_N) return Number(num) / Number(den);
  chargeLinear(num, den);
  const neg = num < 0n;
  const a = neg ? -num : num;
  // Scale so that the integer quotient keeps 65..66 significant bits.
  const s = bitLength(den) - bitLength(a) + 65;
  const q = s >= 0 ? (a << BigInt(s)) / den : (a >> BigInt(-s)) / den;
  const x = scale2(Number(q), -s);
  return neg ? -x : x;
}

/** The value of any number as a double. */
export function floatOf(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Float) return v.value;
  if (v instanceof Ratio) return ratioToNumber(v.num, v.den);
  return Number((v as Fixed).value);
}

/** Exact fraction of a finite double: [num, den] with den a power of two. */
export function floatToExact(x: number): [bigint, bigint] {
  let den = 1n;
  while (!Number.isInteger(x)) {
    x *= 2; // exact: a non-integer double is below 2^52 in magnitude
    den *= 2n;
  }
  return [BigInt(x), den];
}

/** A float result; `single` rounds it to f32 and keeps the f32 flag. */
export function makeFloat(x: number, single: boolean): Float {
  return single ? new Float(Math.fround(x), true) : new Float(x);
}

/** Float arithmetic stays f32 only when every float operand is f32. */
export function singleOf(a: Value, b: Value): boolean {
  return (!(a instanceof Float) || a.single) && (!(b instanceof Float) || b.single);
}

/**
 * The rank both operands of a binary operation are brought to. Faults on
 * non-numbers (expected :number), on fixed mixed with a float or ratio
 * (expected :integer) and on two different widths (expected the first width).
 */
export function contagion(fn: string, a: Value, b: Value): Rank {
  const ra = numberRank(fn, a);
  const rb = numberRank(fn, b);
  if (ra === rb) {
    if (ra === Rank.Fixed && (a as Fixed).width !== (b as Fixed).width) typeError(fn, (a as Fixed).width, b);
    return ra;
  }
  if (ra === Rank.Fixed) {
    if (rb !== Rank.Int) typeError(fn, 'integer', b);
    return ra;
  }
  if (rb === Rank.Fixed) {
    if (ra !== Rank.Int) typeError(fn, 'integer', a);
    return rb;
  }
  return ra > rb ? ra : rb;
}

/** The width of whichever operand is fixed (at least one is). */
export const widthOf = (a: Value, b: Value): FixedWidth => (a instanceof Fixed ? a : (b as Fixed)).width;

/** An integer operand brought into `width` (two's complement wrap). */
export function wrapTo(width: FixedWidth, v: Value): bigint {
  if (v instanceof Fixed) return v.value;
  const { bits, signed } = fixedInfo(width);
  const n = bigOf(v);
  return signed ? BigInt.asIntN(bits, n) : BigInt.asUintN(bits, n);
}

/** Smallest and largest value of each width. */
export const FIXED_RANGE: Record<FixedWidth, readonly [bigint, bigint]> = {
  u8: [0n, 255n],
  u16: [0n, 65535n],
  u32: [0n, 4294967295n],
  u64: [0n, 18446744073709551615n],
  i8: [-128n, 127n],
  i16: [-32768n, 32767n],
  i32: [-2147483648n, 2147483647n],
  i64: [-9223372036854775808n, 9223372036854775807n],
};
