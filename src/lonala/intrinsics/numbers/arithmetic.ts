/**
 * Arithmetic intrinsics: `+ - * /` (variadic, as in Clojure), `inc dec quot
 * rem mod abs min max numerator denominator` (LONALA.md section 2).
 *
 * The variadic ones read `arguments` so the processor's direct two-argument
 * call allocates nothing; the per-pair work is in binary-ops.ts.
 */
import { Fixed, Float, Ratio, type Value } from '../../../machine/value.js';
import { typeError } from '../args.js';
import { intrinsic, type Intrinsic } from '../registry.js';
import { add, div, mod, mul, negate, quot, rem, sub } from './binary-ops.js';
import { numCompare } from './comparison.js';
import { MAX_SAFE, MIN_SAFE, Rank, norm, numberRank } from './tower.js';

/** Left fold of `op` over `arguments`-style `args` from index 0. */
function fold(fn: string, op: (fn: string, a: Value, b: Value) => Value, args: ArrayLike<Value>): Value {
  let acc = op(fn, args[0], args[1]);
  for (let i = 2; i < args.length; i++) acc = op(fn, acc, args[i]);
  return acc;
}

/** Checks that `v` is a number and returns it. */
function number(fn: string, v: Value): Value {
  numberRank(fn, v);
  return v;
}

const isNaNFloat = (v: Value): boolean => v instanceof Float && v.value !== v.value;

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

/** Declares a two-argument integer-division intrinsic. */
function division(name: string, op: typeof quot, doc: string): Intrinsic {
  return intrinsic({ name, arglists: '([num div])', min: 2, max: 2, doc, impl: (a, b) => op(name, a, b) });
}

export const arithmeticIntrinsics: Intrinsic[] = [
  intrinsic({
    name: '+',
    arglists: '([] [x] [x y] [x y & more])',
    min: 0,
    max: Infinity,
    doc: 'Returns the sum of the numbers; (+) is 0. Integers never overflow; fixed widths wrap.',
    impl: function (a?: Value, b?: Value): Value {
      const n = arguments.length;
      if (n === 2) return add('+', a as Value, b as Value);
      if (n === 0) return 0;
      if (n === 1) return number('+', a as Value);
      return fold('+', add, arguments);
    },
  }),
  intrinsic({
    name: '-',
    arglists: '([x] [x y] [x y & more])',
    min: 1,
    max: Infinity,
    doc: 'With one argument, returns its negation; otherwise subtracts the rest from the first.',
    impl: function (a: Value, b?: Value): Value {
      const n = arguments.length;
      if (n === 2) return sub('-', a, b as Value);
      if (n === 1) return negate('-', a);
      return fold('-', sub, arguments);
    },
  }),
  intrinsic({
    name: '*',
    arglists: '([] [x] [x y] [x y & more])',
    min: 0,
    max: Infinity,
    doc: 'Returns the product of the numbers; (*) is 1.',
    impl: function (a?: Value, b?: Value): Value {
      const n = arguments.length;
      if (n === 2) return mul('*', a as Value, b as Value);
      if (n === 0) return 1;
      if (n === 1) return number('*', a as Value);
      return fold('*', mul, arguments);
    },
  }),
  intrinsic({
    name: '/',
    arglists: '([x] [x y] [x y & more])',
    min: 1,
    max: Infinity,
    doc: 'With one argument, returns 1/x; otherwise divides the first by the rest. Integers divide exactly into ratios: (/ 1 3) is 1/3. Fixed widths truncate. Integer division by zero faults; float division by zero gives ##Inf or ##NaN.',
    impl: function (a: Value, b?: Value): Value {
      const n = arguments.length;
      if (n === 2) return div('/', a, b as Value);
      if (n === 1) return div('/', 1, a);
      return fold('/', div, arguments);
    },
  }),
  intrinsic({
    name: 'inc',
    arglists: '([x])',
    min: 1,
    max: 1,
    doc: 'Returns x + 1.',
    impl: (a) => {
      if (typeof a === 'number' && a < MAX_SAFE) return a + 1;
      return add('inc', a, 1);
    },
  }),
  intrinsic({
    name: 'dec',
    arglists: '([x])',
    min: 1,
    max: 1,
    doc: 'Returns x - 1.',
    impl: (a) => {
      if (typeof a === 'number' && a > MIN_SAFE) return a - 1;
      return sub('dec', a, 1);
    },
  }),
  division('quot', quot, 'Quotient of dividing num by div, truncated toward zero: (quot -10 3) is -3. A zero divisor faults.'),
  division('rem', rem, 'Remainder of dividing num by div, with the sign of num: (rem -10 3) is -1. A zero divisor faults.'),
  division('mod', mod, 'Modulus of num and div, floored, with the sign of div: (mod -10 3) is 2. A zero divisor faults.'),
  intrinsic({
    name: 'abs',
    arglists: '([x])',
    min: 1,
    max: 1,
    doc: 'Returns the absolute value of x. Signed fixed widths wrap: (abs -128i8) is -128i8.',
    impl: (a) => {
      if (typeof a === 'number') return a < 0 ? -a : a;
      switch (numberRank('abs', a)) {
        case Rank.Int: return (a as bigint) < 0n ? -(a as bigint) : a;
        case Rank.Ratio: return (a as Ratio).num < 0n ? new Ratio(-(a as Ratio).num, (a as Ratio).den) : a;
        case Rank.Float: return new Float(Math.abs((a as Float).value), (a as Float).single);
        default: return (a as Fixed).value < 0n ? Fixed.of((a as Fixed).width, -(a as Fixed).value) : a;
      }
    },
  }),
  intrinsic({
    name: 'min',
    arglists: '([x] [x y] [x y & more])',
    min: 1,
    max: Infinity,
    doc: 'Returns the numerically smallest argument (the first of equals); ##NaN if any argument is ##NaN.',
    impl: function (a: Value, b?: Value): Value {
      if (arguments.length === 2 && typeof a === 'number' && typeof b === 'number') return b < a ? b : a;
      return extremum('min', arguments, false);
    },
  }),
  intrinsic({
    name: 'max',
    arglists: '([x] [x y] [x y & more])',
    min: 1,
    max: Infinity,
    doc: 'Returns the numerically largest argument (the first of equals); ##NaN if any argument is ##NaN.',
    impl: function (a: Value, b?: Value): Value {
      if (arguments.length === 2 && typeof a === 'number' && typeof b === 'number') return b > a ? b : a;
      return extremum('max', arguments, true);
    },
  }),
  intrinsic({
    name: 'numerator',
    arglists: '([r])',
    min: 1,
    max: 1,
    doc: 'The numerator of a ratio in lowest terms; an integer is its own numerator.',
    impl: (a) => {
      if (a instanceof Ratio) return norm(a.num);
      if (typeof a === 'number' || typeof a === 'bigint') return a;
      if (a instanceof Fixed) return norm(a.value);
      return typeError('numerator', 'ratio', a);
    },
  }),
  intrinsic({
    name: 'denominator',
    arglists: '([r])',
    min: 1,
    max: 1,
    doc: 'The denominator of a ratio in lowest terms (always positive); 1 for an integer.',
    impl: (a) => {
      if (a instanceof Ratio) return norm(a.den);
      if (typeof a === 'number' || typeof a === 'bigint' || a instanceof Fixed) return 1;
      return typeError('denominator', 'ratio', a);
    },
  }),
];
