/**
 * Number conversions (LONALA.md section 2): to fixed widths (`u8` .. `i64`,
 * wrapping in two's complement), to plain integers (`int`), to floats
 * (`float`, `f32`), rounding to integers (`floor ceil round`) and `sqrt`.
 *
 * Truncation toward zero is how a float or ratio becomes an integer in `int`
 * and the width constructors; ##NaN and infinities cannot, and are badarg.
 * `round` rounds halves away from zero: (round 2.5) is 3, (round -2.5) is -3.
 */
import { Char, Fixed, Float, FIXED_WIDTHS, Ratio, type FixedWidth, type Value } from '../../../machine/index.js';
import { badarg, typeError } from '../args.js';
import { unary, type Intrinsic } from '../registry.js';
import { MAX_SAFE, Rank, floatOf, norm, numberRank } from './tower.js';
import { chargeDiv } from './cost.js';

/** An integral double as an integer; badarg (naming `arg`) for ##NaN and infinities. */
function integralToInt(fn: string, x: number, arg: Value): number | bigint {
  if (x - x !== 0) badarg(fn, [arg]); // NaN or ±Inf
  return x <= MAX_SAFE && x >= -MAX_SAFE ? x + 0 : BigInt(x);
}

/** The integer part of `v` (truncated toward zero) as a bigint; chars give their code point. */
function truncBig(fn: string, v: Value): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'bigint') return v;
  if (v instanceof Fixed) return v.value;
  if (v instanceof Ratio) {
    chargeDiv(fn, v.num, v.den);
    return v.num / v.den;
  }
  if (v instanceof Float) {
    const n = integralToInt(fn, Math.trunc(v.value), v);
    return typeof n === 'bigint' ? n : BigInt(n);
  }
  if (v instanceof Char) return BigInt(v.code);
  return typeError(fn, 'number', v);
}

function fixedConstructor(width: FixedWidth): Intrinsic {
  const bits = width.slice(1);
  const kind = width[0] === 'u' ? 'unsigned' : 'signed';
  return unary(
    width,
    `Converts x to ${width}, a ${kind} ${bits}-bit integer, wrapping in two's complement. Floats and ratios truncate toward zero; a char gives its code point.`,
    (v) => (v instanceof Fixed && v.width === width ? v : Fixed.of(width, truncBig(width, v))),
  );
}

/** Floor, ceiling or rounding of a ratio (never integral, so den > 1). */
function roundRatio(r: Ratio, mode: 'floor' | 'ceil' | 'round'): number | bigint {
  chargeDiv(mode, r.num, r.den);
  const q = r.num / r.den; // truncated
  switch (mode) {
    case 'floor': return norm(r.num < 0n ? q - 1n : q);
    case 'ceil': return norm(r.num > 0n ? q + 1n : q);
    default: {
      const neg = r.num < 0n;
      const m = ((neg ? -r.num : r.num) * 2n + r.den) / (2n * r.den);
      return norm(neg ? -m : m);
    }
  }
}

/** Half away from zero; exact because x - trunc(x) is exact for doubles. */
function roundHalfAway(x: number): number {
  const t = Math.trunc(x);
  const f = x - t;
  return f >= 0.5 ? t + 1 : f <= -0.5 ? t - 1 : t;
}

function rounding(name: 'floor' | 'ceil' | 'round', onFloat: (x: number) => number, doc: string): Intrinsic {
  return unary(name, doc, (v) => {
    switch (numberRank(name, v)) {
      case Rank.Float: return integralToInt(name, onFloat((v as Float).value), v);
      case Rank.Ratio: return roundRatio(v as Ratio, name);
      default: return v; // integers are already integral
    }
  });
}

export const conversionIntrinsics: Intrinsic[] = [
  ...FIXED_WIDTHS.map(fixedConstructor),
  unary('int', 'Converts x to a plain integer: fixed widths keep their value, floats and ratios truncate toward zero, a char gives its code point.', (v) => {
    if (typeof v === 'number' || typeof v === 'bigint') return v;
    if (v instanceof Float) return integralToInt('int', Math.trunc(v.value), v);
    return norm(truncBig('int', v));
  }),
  unary('float', 'Converts a number to a (64-bit) float, rounding to nearest when it is not exactly representable.', (v) => {
    if (v instanceof Float) return v.single ? new Float(v.value) : v;
    numberRank('float', v);
    return new Float(floatOf(v));
  }),
  unary('f32', 'Converts a number to a single-precision (f32) float, rounding to nearest.', (v) => {
    if (v instanceof Float && v.single) return v;
    numberRank('f32', v);
    return new Float(Math.fround(floatOf(v)), true);
  }),
  rounding('floor', Math.floor, 'The largest integer not greater than x: (floor 2.7) is 2, (floor -7/2) is -4. ##NaN and infinities are badarg.'),
  rounding('ceil', Math.ceil, 'The smallest integer not less than x: (ceil 2.1) is 3, (ceil 7/2) is 4. ##NaN and infinities are badarg.'),
  rounding('round', roundHalfAway, 'The integer nearest to x, halves away from zero: (round 2.5) is 3, (round -5/2) is -3. ##NaN and infinities are badarg.'),
  unary('sqrt', 'The square root of a number as a float; ##NaN for negative numbers. An f32 argument gives an f32.', (v) => {
    numberRank('sqrt', v);
    const single = v instanceof Float && v.single;
    const r = Math.sqrt(floatOf(v));
    return new Float(single ? Math.fround(r) : r, single);
  }),
];
