/**
 * Variadic number intrinsics `(name x & more)`: the declaration shared by
 * `+ - * / min max bit-and bit-or bit-xor` and the comparisons `< > <= >=
 * ==`, and the left fold shared by `+ - * /` (arithmetic.ts) and `bit-and
 * bit-or bit-xor` (bits.ts).
 *
 * Their impls read `arguments`, so the processor's direct two-argument call
 * allocates nothing.
 */
import { type Value } from '../../../machine/index.js';
import { intrinsic, type Intrinsic } from '../registry.js';

/**
 * Declares `(name x & more)`, or with `min` 0 also `(name)`; `impl` receives
 * the call's arguments and may read them through `arguments`.
 */
export function variadic(name: string, doc: string, impl: (a: Value, b?: Value) => Value, min: 0 | 1 = 1): Intrinsic {
  return intrinsic({
    name,
    arglists: min === 0 ? '([] [x] [x y] [x y & more])' : '([x] [x y] [x y & more])',
    min,
    max: Infinity,
    doc,
    impl,
  });
}

/**
 * Declares `(name x y & more)` as `pair` folded left over the arguments;
 * `(name x)` is `one(x)`. With `empty` given, `(name)` is `empty`; without
 * it, at least one argument is required.
 */
export function leftFold(
  name: string,
  doc: string,
  pair: (a: Value, b: Value) => Value,
  one: (a: Value) => Value,
  empty?: number,
): Intrinsic {
  const nullary = empty !== undefined;
  return variadic(name, doc, function (a?: Value, b?: Value): Value {
    const n = arguments.length;
    if (n === 2) return pair(a as Value, b as Value);
    if (n === 0 && nullary) return empty;
    if (n === 1) return one(a as Value);
    let acc = pair(a as Value, b as Value);
    for (let i = 2; i < n; i++) acc = pair(acc, arguments[i] as Value);
    return acc;
  }, nullary ? 0 : 1);
}
