/**
 * Numeric comparison `< > <= >= ==` and the general ordering `compare`
 * (LONALA.md section 2).
 *
 * Numbers compare by exact mathematical value across every rank: small
 * ints, bigints, ratios, floats and fixed widths of any width (no contagion
 * faults here: 255u8 == 255 == 255.0). A comparison involving ##NaN is
 * false. `=` (value equality, where 1 never equals 1.0) lives elsewhere.
 */
import { Char, Float, Keyword, Ratio, Sym, type Value } from '../../../machine/index.js';
import { chargeReductions } from '../../../machine/function.js';
import { typeError } from '../args.js';
import { intrinsic, type Intrinsic } from '../registry.js';
import { Rank, denOf, floatToExact, intOf, numOf, numberRank } from './tower.js';
import { variadic } from './variadic.js';
import { mulBig } from './cost.js';

const sign = (d: bigint): number => (d < 0n ? -1 : d > 0n ? 1 : 0);

/** Compares a double with an exact rational (products charged by size, cost.ts). */
function compareFloatRational(fn: string, x: number, n: bigint, d: bigint): number {
  if (x !== x) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return -1;
  const [xn, xd] = floatToExact(x);
  return sign(mulBig(fn, xn, d) - mulBig(fn, n, xd));
}

/**
 * Numeric order of two numbers: -1, 0 or 1, or NaN when unordered (a NaN is
 * involved). Non-numbers are a type-error (expected :number) naming `fn`.
 */
export function numCompare(fn: string, a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const ra = numberRank(fn, a);
  const rb = numberRank(fn, b);
  const ia = ra === Rank.Int || ra === Rank.Fixed;
  const ib = rb === Rank.Int || rb === Rank.Fixed;
  if (ia && ib) {
    // number vs bigint comparison is exact in JS
    const x = intOf(a), y = intOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ra === Rank.Float) {
    const x = (a as Float).value;
    if (rb === Rank.Float) {
      const y = (b as Float).value;
      return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
    }
    if (ib) {
      const y = intOf(b);
      return x < y ? -1 : x > y ? 1 : x === x ? 0 : NaN; // only NaN is unordered
    }
    return compareFloatRational(fn, x, (b as Ratio).num, (b as Ratio).den);
  }
  if (rb === Rank.Float) {
    const y = (b as Float).value;
    if (ia) {
      const x = intOf(a);
      return x < y ? -1 : x > y ? 1 : y === y ? 0 : NaN;
    }
    return 0 - compareFloatRational(fn, y, numOf(a), denOf(a)); // 0 - 0 is +0
  }
  // at least one ratio, the other a ratio or an integer; denominators are positive
  return sign(mulBig(fn, numOf(a), denOf(b)) - mulBig(fn, numOf(b), denOf(a)));
}

/** Declares a variadic numeric comparison `fn` holding when `test(order)` holds for each neighbour pair. */
function chain(
  name: string,
  doc: string,
  fast: (a: number, b: number) => boolean,
  test: (c: number) => boolean,
): Intrinsic {
  return variadic(name, doc, function (a: Value, b?: Value): Value {
    const n = arguments.length;
    if (n === 2) {
      if (typeof a === 'number' && typeof b === 'number') return fast(a, b);
      return test(numCompare(name, a, b as Value));
    }
    if (n === 1) {
      numberRank(name, a);
      return true;
    }
    let result = true;
    for (let i = 1; i < n; i++) {
      // every argument is checked, even after the answer is known
      if (!test(numCompare(name, arguments[i - 1] as Value, arguments[i] as Value))) result = false;
    }
    return result;
  });
}

/**
 * Code-point order of two strings (UTF-16 order differs above the
 * surrogates); a long common prefix is charged, a reduction per 64 characters.
 */
function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) {
      if (i >= 4096) chargeReductions(i >>> 6);
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x < y ? -1 : 1;
    }
  }
  if (n >= 4096) chargeReductions(n >>> 6);
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Clojure's order of names: no namespace first, then namespace, then name. */
function compareNamed(a: Sym | Keyword, b: Sym | Keyword): number {
  if (a.ns !== b.ns) {
    if (a.ns === null) return -1;
    if (b.ns === null) return 1;
    const c = compareStrings(a.ns, b.ns);
    if (c !== 0) return c;
  }
  return compareStrings(a.name, b.name);
}

export const isNaNFloat = (v: Value): boolean => v instanceof Float && v.value !== v.value;

/** What `compare` expects the second argument to be, given the first. */
function expectedLike(a: Value): string {
  if (typeof a === 'string') return 'string';
  if (a instanceof Keyword) return 'keyword';
  if (a instanceof Sym) return 'symbol';
  if (a instanceof Char) return 'char';
  if (typeof a === 'boolean') return 'boolean';
  return 'number';
}

/**
 * The total order behind `compare`: numbers by value (NaN equal to itself and
 * above everything else), strings by code point, keywords and symbols by
 * namespace then name, chars by code point, false before true, nil before
 * anything. Other pairs are a type-error.
 */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (a instanceof Keyword && b instanceof Keyword) return compareNamed(a, b);
  if (a instanceof Sym && b instanceof Sym) return compareNamed(a, b);
  if (a instanceof Char && b instanceof Char) return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const expected = expectedLike(a);
  if (expected !== 'number') typeError('compare', expected, b);
  const c = numCompare('compare', a, b);
  if (c === c) return c;
  const na = isNaNFloat(a), nb = isNaNFloat(b);
  return na && nb ? 0 : na ? 1 : -1;
}

export const comparisonIntrinsics: Intrinsic[] = [
  chain('<', 'True when the numbers are in strictly increasing order.', (a, b) => a < b, (c) => c < 0),
  chain('>', 'True when the numbers are in strictly decreasing order.', (a, b) => a > b, (c) => c > 0),
  chain('<=', 'True when the numbers are in non-decreasing order.', (a, b) => a <= b, (c) => c <= 0),
  chain('>=', 'True when the numbers are in non-increasing order.', (a, b) => a >= b, (c) => c >= 0),
  chain(
    '==',
    'True when the numbers are numerically equal, across types: (== 1 1.0 1N 1u8) is true.',
    (a, b) => a === b,
    (c) => c === 0,
  ),
  intrinsic({
    name: 'compare',
    arglists: '([x y])',
    min: 2,
    max: 2,
    doc: 'Returns -1, 0 or 1 as x is less than, equal to or greater than y. Orders numbers, strings, keywords, symbols, chars, booleans and nil.',
    impl: compareValues,
  }),
];
