/**
 * Binary arithmetic over the numeric tower (tower.ts): the workers behind
 * `+ - * / quot rem mod inc dec` (arithmetic.ts).
 *
 * Each function first tries two small integers with plain JS arithmetic and
 * a safe-range check (the hot path), then falls back to the tower: exact
 * integers in bigint, ratios in lowest terms, floats per IEEE, fixed widths
 * wrapped. Integer and ratio division by zero is a division-by-zero fault;
 * float `/` by zero gives ##Inf / ##NaN, but `quot rem mod` fault on any zero
 * divisor, as in Clojure. A small-int result is never -0 (`r + 0`).
 *
 * Past the hot path, work on big integers is charged by size and refused
 * when too big for one call (cost.ts): products with `mulBig`, divisions
 * with `chargeDiv`, lowest terms in `makeRatio`.
 */
import { Fixed, Float, Ratio, type Value } from '../../../machine/index.js';
import { divisionByZero } from '../args.js';
import { chargeDiv, chargeLinear, mulBig } from './cost.js';
import {
  MAX_SAFE, MIN_SAFE, Rank, contagion, denOf, floatOf, makeFloat, makeRatio, norm, numOf, numberRank,
  singleOf, toBig, widthOf, wrapTo,
} from './tower.js';

/** One operation at each rank; the `fixed` result is wrapped by the caller. */
interface TowerOp {
  int(a: bigint, b: bigint, fn: string): Value;
  ratio(an: bigint, ad: bigint, bn: bigint, bd: bigint, fn: string): Value;
  float(a: number, b: number, fn: string): number;
  fixed(a: bigint, b: bigint, fn: string): bigint;
}

/** The general path: brings both operands to a common rank and applies `op`. */
function tower(fn: string, op: TowerOp, a: Value, b: Value): Value {
  switch (contagion(fn, a, b)) {
    case Rank.Int:
      return op.int(toBig(a as number | bigint), toBig(b as number | bigint), fn);
    case Rank.Ratio:
      return op.ratio(numOf(a), denOf(a), numOf(b), denOf(b), fn);
    case Rank.Float:
      return makeFloat(op.float(floatOf(a), floatOf(b), fn), singleOf(a, b));
    default: {
      const w = widthOf(a, b);
      return Fixed.of(w, op.fixed(wrapTo(w, a), wrapTo(w, b), fn));
    }
  }
}

const ADD: TowerOp = {
  int: (a, b) => {
    chargeLinear(a, b);
    return norm(a + b);
  },
  ratio: (an, ad, bn, bd, fn) => makeRatio(mulBig(fn, an, bd) + mulBig(fn, bn, ad), mulBig(fn, ad, bd), fn),
  float: (a, b) => a + b,
  fixed: (a, b) => a + b,
};

const SUB: TowerOp = {
  int: (a, b) => {
    chargeLinear(a, b);
    return norm(a - b);
  },
  ratio: (an, ad, bn, bd, fn) => makeRatio(mulBig(fn, an, bd) - mulBig(fn, bn, ad), mulBig(fn, ad, bd), fn),
  float: (a, b) => a - b,
  fixed: (a, b) => a - b,
};

const MUL: TowerOp = {
  int: (a, b, fn) => norm(mulBig(fn, a, b)),
  ratio: (an, ad, bn, bd, fn) => makeRatio(mulBig(fn, an, bn), mulBig(fn, ad, bd), fn),
  float: (a, b) => a * b,
  fixed: (a, b) => a * b,
};

const DIV: TowerOp = {
  int: (a, b, fn) => (b === 0n ? divisionByZero(fn) : makeRatio(a, b, fn)),
  ratio: (an, ad, bn, bd, fn) => (bn === 0n ? divisionByZero(fn) : makeRatio(mulBig(fn, an, bd), mulBig(fn, ad, bn), fn)),
  float: (a, b) => a / b,
  fixed: (a, b, fn) => (b === 0n ? divisionByZero(fn) : a / b),
};

/** a / b (truncated), charged by size; b is not 0. */
function divBig(fn: string, a: bigint, b: bigint): bigint {
  chargeDiv(fn, a, b);
  return a / b;
}

/** a % b (sign of a), charged by size; b is not 0. */
function remBig(fn: string, a: bigint, b: bigint): bigint {
  chargeDiv(fn, a, b);
  return a % b;
}

/** Truncated quotient of two ratios (an/ad) / (bn/bd) as an integer. */
const ratioQuot = (an: bigint, ad: bigint, bn: bigint, bd: bigint, fn: string): bigint =>
  divBig(fn, mulBig(fn, an, bd), mulBig(fn, ad, bn));

const QUOT: TowerOp = {
  int: (a, b, fn) => (b === 0n ? divisionByZero(fn) : norm(divBig(fn, a, b))),
  ratio: (an, ad, bn, bd, fn) => (bn === 0n ? divisionByZero(fn) : norm(ratioQuot(an, ad, bn, bd, fn))),
  float: (a, b, fn) => (b === 0 ? divisionByZero(fn) : Math.trunc(a / b)),
  fixed: (a, b, fn) => (b === 0n ? divisionByZero(fn) : a / b),
};

/** Remainder numerator over the denominator ad*bd: a - b * quot(a, b). */
const ratioRem = (an: bigint, ad: bigint, bn: bigint, bd: bigint, fn: string): bigint =>
  mulBig(fn, an, bd) - mulBig(fn, mulBig(fn, ratioQuot(an, ad, bn, bd, fn), bn), ad);

const REM: TowerOp = {
  int: (a, b, fn) => (b === 0n ? divisionByZero(fn) : norm(remBig(fn, a, b))),
  ratio: (an, ad, bn, bd, fn) =>
    (bn === 0n ? divisionByZero(fn) : makeRatio(ratioRem(an, ad, bn, bd, fn), mulBig(fn, ad, bd), fn)),
  float: (a, b, fn) => (b === 0 ? divisionByZero(fn) : a % b),
  fixed: (a, b, fn) => (b === 0n ? divisionByZero(fn) : a % b),
};

/** Floored modulo of bigints: the result takes the divisor's sign. */
function bigMod(a: bigint, b: bigint, fn: string): bigint {
  if (b === 0n) divisionByZero(fn);
  const r = remBig(fn, a, b);
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

const MOD: TowerOp = {
  int: (a, b, fn) => norm(bigMod(a, b, fn)),
  ratio: (an, ad, bn, bd, fn) => {
    if (bn === 0n) divisionByZero(fn);
    let r = ratioRem(an, ad, bn, bd, fn);
    if (r !== 0n && (r < 0n) !== (bn < 0n)) r += mulBig(fn, bn, ad);
    return makeRatio(r, mulBig(fn, ad, bd), fn);
  },
  float: (a, b, fn) => {
    if (b === 0) divisionByZero(fn);
    const r = a % b;
    return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
  },
  fixed: bigMod,
};

export function add(fn: string, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= MAX_SAFE && r >= MIN_SAFE) return r;
    return BigInt(a) + BigInt(b);
  }
  return tower(fn, ADD, a, b);
}

export function sub(fn: string, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= MAX_SAFE && r >= MIN_SAFE) return r;
    return BigInt(a) - BigInt(b);
  }
  return tower(fn, SUB, a, b);
}

export function mul(fn: string, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (r <= MAX_SAFE && r >= MIN_SAFE) return r + 0;
    return BigInt(a) * BigInt(b);
  }
  return tower(fn, MUL, a, b);
}

export function div(fn: string, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number' && b !== 0 && a % b === 0) return a / b + 0;
  return tower(fn, DIV, a, b);
}

export function quot(fn: string, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) divisionByZero(fn);
    return (a - (a % b)) / b + 0; // exact, unlike Math.trunc(a / b) near 2^53
  }
  return tower(fn, QUOT, a, b);
}

export function rem(fn: string, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) divisionByZero(fn);
    return (a % b) + 0;
  }
  return tower(fn, REM, a, b);
}

export function mod(fn: string, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) divisionByZero(fn);
    const r = a % b;
    return r !== 0 && (r < 0) !== (b < 0) ? r + b : r + 0;
  }
  return tower(fn, MOD, a, b);
}

/** `(- x)`: exact negation; fixed widths wrap (-(-128i8) is -128i8). */
export function negate(fn: string, a: Value): Value {
  if (typeof a === 'number') return 0 - a;
  switch (numberRank(fn, a)) {
    case Rank.Int:
      chargeLinear(a as bigint);
      return norm(-(a as bigint));
    case Rank.Ratio: return new Ratio(-numOf(a), denOf(a)); // already in lowest terms
    case Rank.Float: return new Float(-(a as Float).value, (a as Float).single);
    default: return Fixed.of((a as Fixed).width, -(a as Fixed).value);
  }
}
