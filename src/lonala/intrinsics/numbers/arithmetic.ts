/**
 * Arithmetic intrinsics: `+ - * /` (variadic, as in Clojure), `inc dec quot
 * rem mod abs min max numerator denominator` (LONALA.md section 2).
 *
 * The variadic ones read `arguments` so the processor's direct two-argument
 * call allocates nothing (variadic.ts); the per-pair work is in binary-ops.ts.
 */
import { Fixed, Float, Ratio, type Value } from '../../../machine/index.js';
import { typeError } from '../args.js';
import { intrinsic, unary, type Intrinsic } from '../registry.js';
import { add, div, mod, mul, negate, quot, rem, sub } from './binary-ops.js';
import { isNaNFloat, numCompare } from './comparison.js';
import { MAX_SAFE, MIN_SAFE, Rank, norm, numberRank } from './tower.js';
import { leftFold, variadic } from './variadic.js';
import { chargeLinear } from './cost.js';

/** Checks that `v` is a number and returns it. */
function number(fn: string, v: Value): Value {
  numberRank(fn, v);
  return v;
}

/** Declares `+` or `*`: `op` folded over the numbers; (name) is `identity`, (name x) is x. */
function monoid(name: string, op: typeof add, identity: number, doc: string): Intrinsic {
  return leftFold(name, doc, (a, b) => op(name, a, b), (a) => number(name, a), identity);
}

/** The smallest (or largest) argument by numeric value; a NaN argument wins. */
function extremum(fn: string, args: ArrayLike<Value>, wantMax: boolean): Value {
  let best = number(fn, args[0]);
  for (let i = 1; i < args.length; i++) {
    const v = args[i];
    const c = numCompare(fn, v, best);
    if (c !== c) {
      if (!isNaNFloat(best)) best = v;
    } else if (wantMax ? c > 0 : c < 0) {
      best = v;
    }
  }
  return best;
}

/** Declares `min` or `max`: two small ints take the fast path. */
function extreme(name: string, wantMax: boolean, doc: string): Intrinsic {
  return variadic(name, doc, function (a: Value, b?: Value): Value {
    if (arguments.length === 2 && typeof a === 'number' && typeof b === 'number') return (wantMax ? b > a : b < a) ? b : a;
    return extremum(name, arguments, wantMax);
  });
}

/** Declares `numerator` or `denominator` `(name r)`: `part` of a ratio, `ofInt` of an integer (plain or fixed). */
function ratioPart(
  name: string,
  doc: string,
  part: (r: Ratio) => bigint,
  ofInt: (a: number | bigint | Fixed) => Value,
): Intrinsic {
  return intrinsic({
    name,
    arglists: '([r])',
    min: 1,
    max: 1,
    doc,
    impl: (a) => {
      if (a instanceof Ratio) return norm(part(a));
      if (typeof a === 'number' || typeof a === 'bigint' || a instanceof Fixed) return ofInt(a);
      return typeError(name, 'ratio', a);
    },
  });
}

/** Declares a two-argument integer-division intrinsic. */
function division(name: string, op: typeof quot, doc: string): Intrinsic {
  return intrinsic({ name, arglists: '([num div])', min: 2, max: 2, doc, impl: (a, b) => op(name, a, b) });
}

export const arithmeticIntrinsics: Intrinsic[] = [
  monoid('+', add, 0, 'Returns the sum of the numbers; (+) is 0. Integers never overflow; fixed widths wrap.'),
  leftFold(
    '-',
    'With one argument, returns its negation; otherwise subtracts the rest from the first.',
    (a, b) => sub('-', a, b),
    (a) => negate('-', a),
  ),
  monoid('*', mul, 1, 'Returns the product of the numbers; (*) is 1.'),
  leftFold(
    '/',
    'With one argument, returns 1/x; otherwise divides the first by the rest. Integers divide exactly into ratios: (/ 1 3) is 1/3. Fixed widths truncate. Integer division by zero faults; float division by zero gives ##Inf or ##NaN.',
    (a, b) => div('/', a, b),
    (a) => div('/', 1, a),
  ),
  unary('inc', 'Returns x + 1.', (a) => {
    if (typeof a === 'number' && a < MAX_SAFE) return a + 1;
    return add('inc', a, 1);
  }),
  unary('dec', 'Returns x - 1.', (a) => {
    if (typeof a === 'number' && a > MIN_SAFE) return a - 1;
    return sub('dec', a, 1);
  }),
  division('quot', quot, 'Quotient of dividing num by div, truncated toward zero: (quot -10 3) is -3. A zero divisor faults.'),
  division('rem', rem, 'Remainder of dividing num by div, with the sign of num: (rem -10 3) is -1. A zero divisor faults.'),
  division('mod', mod, 'Modulus of num and div, floored, with the sign of div: (mod -10 3) is 2. A zero divisor faults.'),
  unary('abs', 'Returns the absolute value of x. Signed fixed widths wrap: (abs -128i8) is -128i8.', (a) => {
    if (typeof a === 'number') return a < 0 ? -a : a;
    switch (numberRank('abs', a)) {
      case Rank.Int:
        if ((a as bigint) >= 0n) return a;
        chargeLinear(a as bigint);
        return -(a as bigint);
      case Rank.Ratio: return (a as Ratio).num < 0n ? new Ratio(-(a as Ratio).num, (a as Ratio).den) : a;
      case Rank.Float: return new Float(Math.abs((a as Float).value), (a as Float).single);
      default: return (a as Fixed).value < 0n ? Fixed.of((a as Fixed).width, -(a as Fixed).value) : a;
    }
  }),
  extreme('min', false, 'Returns the numerically smallest argument (the first of equals); ##NaN if any argument is ##NaN.'),
  extreme('max', true, 'Returns the numerically largest argument (the first of equals); ##NaN if any argument is ##NaN.'),
  ratioPart(
    'numerator',
    'The numerator of a ratio in lowest terms; an integer is its own numerator.',
    (r) => r.num,
    (a) => (a instanceof Fixed ? norm(a.value) : a),
  ),
  ratioPart(
    'denominator',
    'The denominator of a ratio in lowest terms (always positive); 1 for an integer.',
    (r) => r.den,
    () => 1,
  ),
];
