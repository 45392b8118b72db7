/**
 * Number predicates (LONALA.md section 2): type tests that accept any value
 * (`number? integer? float? ratio? fixed?`) and value tests that require a
 * number (`zero? pos? neg? nan? infinite?`) or an integer (`even? odd?`).
 *
 * `integer?` is true for small ints, bigints and fixed widths alike;
 * ##NaN is neither zero, positive nor negative.
 */
import { Fixed, Float, Ratio, type Value } from '../../../machine/index.js';
import { typeError } from '../args.js';
import { unary, type Intrinsic } from '../registry.js';
import { Rank, isInteger, isNumber, numberRank } from './tower.js';

/** Sign of a number: -1, 0, 1, or NaN for ##NaN. */
function signOf(fn: string, v: Value): number {
  if (typeof v === 'number') return v < 0 ? -1 : v > 0 ? 1 : 0;
  switch (numberRank(fn, v)) {
    case Rank.Int: return (v as bigint) < 0n ? -1 : 1; // a bigint is never 0
    case Rank.Ratio: return (v as Ratio).num < 0n ? -1 : 1;
    case Rank.Float: {
      const x = (v as Float).value;
      return x < 0 ? -1 : x > 0 ? 1 : x === 0 ? 0 : NaN;
    }
    default: {
      const n = (v as Fixed).value;
      return n < 0n ? -1 : n > 0n ? 1 : 0;
    }
  }
}

/** Whether the integer `v` is even; non-integers are a type-error. */
function isEven(fn: string, v: Value): boolean {
  if (typeof v === 'number') return v % 2 === 0;
  if (typeof v === 'bigint') return BigInt.asUintN(1, v) === 0n; // the low bit: O(1), where % 2n reads every word
  if (v instanceof Fixed) return v.value % 2n === 0n;
  return typeError(fn, 'integer', v);
}

/** The double inside a Float; other numbers give undefined, non-numbers fault. */
function floatValue(fn: string, v: Value): number | undefined {
  if (v instanceof Float) return v.value;
  numberRank(fn, v);
  return undefined;
}

export const predicateIntrinsics: Intrinsic[] = [
  unary('number?', 'True for any number: integer, fixed-width, ratio or float.', isNumber),
  unary('integer?', 'True for integers of any size and for fixed-width integers.', isInteger),
  unary('float?', 'True for floats (f64 and f32).', (v) => v instanceof Float),
  unary('ratio?', 'True for ratios (a ratio is never integral: 4/2 reads as 2).', (v) => v instanceof Ratio),
  unary('fixed?', 'True for fixed-width integers (u8 .. i64).', (v) => v instanceof Fixed),
  unary('zero?', 'True when the number is zero (0, 0u8, 0.0, -0.0).', (v) => signOf('zero?', v) === 0),
  unary('pos?', 'True when the number is greater than zero.', (v) => signOf('pos?', v) > 0),
  unary('neg?', 'True when the number is less than zero.', (v) => signOf('neg?', v) < 0),
  unary('even?', 'True when the integer is even.', (v) => isEven('even?', v)),
  unary('odd?', 'True when the integer is odd.', (v) => !isEven('odd?', v)),
  unary('nan?', 'True when the number is ##NaN.', (v) => {
    const x = floatValue('nan?', v);
    return x !== undefined && x !== x;
  }),
  unary('infinite?', 'True when the number is ##Inf or ##-Inf.', (v) => {
    const x = floatValue('infinite?', v);
    return x === Infinity || x === -Infinity;
  }),
];
