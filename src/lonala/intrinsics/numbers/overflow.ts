/**
 * Explicit overflow policies for fixed-width arithmetic (LONALA.md section 2):
 * `checked-*` returns `[:ok v]` or `[:error :overflow]`, `saturating-*`
 * clamps to the width's range, `wrapping-*` wraps (as plain `+ - *` on fixed
 * values do).
 *
 * At least one operand must be fixed; the other is the same width or a plain
 * integer. A plain integer takes part with its exact value, so the checks
 * and clamps apply to the true mathematical result:
 * (checked-add 1u8 300) is [:error :overflow], (saturating-sub 10u8 20) is 0u8.
 */
import { Fixed, Keyword, type FixedWidth, type Value, Tuple } from '../../../machine/index.js';
import { typeError } from '../args.js';
import { intrinsic, type Intrinsic } from '../registry.js';
import { FIXED_RANGE, bigOf } from './tower.js';

const OK = Keyword.of('ok');
const OVERFLOW = Tuple.of(Keyword.of('error'), Keyword.of('overflow'));

/** The common width of the operands; type-errors unless fixed with fixed (same width) or plain integer. */
function widthOf(fn: string, a: Value, b: Value): FixedWidth {
  const fa = a instanceof Fixed, fb = b instanceof Fixed;
  if (fa && fb) {
    if ((a as Fixed).width !== (b as Fixed).width) typeError(fn, (a as Fixed).width, b);
    return (a as Fixed).width;
  }
  if (fa) {
    if (typeof b !== 'number' && typeof b !== 'bigint') typeError(fn, 'integer', b);
    return (a as Fixed).width;
  }
  if (fb) {
    if (typeof a !== 'number' && typeof a !== 'bigint') typeError(fn, 'integer', a);
    return (b as Fixed).width;
  }
  return typeError(fn, 'fixed', a);
}

type ExactOp = (a: bigint, b: bigint) => bigint;
const plus: ExactOp = (a, b) => a + b;
const minus: ExactOp = (a, b) => a - b;
const times: ExactOp = (a, b) => a * b;

/** What a policy makes of the exact result `r` of an operation in width `w`. */
type Policy = (w: FixedWidth, r: bigint) => Value;

/** Declares `(name x y)`: the exact `op` of the operands, given to `policy` with their common width. */
function withPolicy(name: string, op: ExactOp, doc: string, policy: Policy): Intrinsic {
  return intrinsic({
    name,
    arglists: '([x y])',
    min: 2,
    max: 2,
    doc,
    impl: (a, b) => {
      const w = widthOf(name, a, b);
      return policy(w, op(bigOf(a), bigOf(b)));
    },
  });
}

const checked = (name: string, op: ExactOp, verb: string): Intrinsic =>
  withPolicy(name, op, `${verb} fixed-width integers: [:ok result], or [:error :overflow] when the result does not fit the width.`,
    (w, r) => {
      const [lo, hi] = FIXED_RANGE[w];
      return r < lo || r > hi ? OVERFLOW : Tuple.of(OK, Fixed.of(w, r));
    });

const saturating = (name: string, op: ExactOp, verb: string): Intrinsic =>
  withPolicy(name, op, `${verb} fixed-width integers, clamping the result to the smallest or largest value of the width.`,
    (w, r) => {
      const [lo, hi] = FIXED_RANGE[w];
      return Fixed.of(w, r < lo ? lo : r > hi ? hi : r);
    });

const wrapping = (name: string, op: ExactOp, verb: string): Intrinsic =>
  withPolicy(name, op, `${verb} fixed-width integers, wrapping around in two's complement.`, (w, r) => Fixed.of(w, r));

export const overflowIntrinsics: Intrinsic[] = [
  checked('checked-add', plus, 'Adds'),
  checked('checked-sub', minus, 'Subtracts'),
  checked('checked-mul', times, 'Multiplies'),
  saturating('saturating-add', plus, 'Adds'),
  saturating('saturating-sub', minus, 'Subtracts'),
  saturating('saturating-mul', times, 'Multiplies'),
  wrapping('wrapping-add', plus, 'Adds'),
  wrapping('wrapping-sub', minus, 'Subtracts'),
  wrapping('wrapping-mul', times, 'Multiplies'),
];
