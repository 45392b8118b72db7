/**
 * Equality intrinsics: `=`, `not=`, `identical?` and `hash` (LONALA.md
 * section 2). Value equality itself lives in machine/equality.ts; these are
 * the Lonala-facing entries.
 */
import { type Value, equals, hash } from '../../machine/index.js';
import { intrinsic, type Intrinsic } from './registry.js';

/** Whether all of `args` are pairwise equal (true for fewer than two). */
function allEqual(args: Value[]): boolean {
  if (args.length === 2) return equals(args[0], args[1]);
  for (let i = 1; i < args.length; i++) if (!equals(args[i - 1], args[i])) return false;
  return true;
}

export const equalityIntrinsics: Intrinsic[] = [
  intrinsic({
    name: '=',
    arglists: '([x] [x y & more])',
    min: 1,
    max: Infinity,
    doc: 'True if all arguments are equal by value. Collections of the same kind with equal elements are ' +
      'equal; integers are equal across widths; a float never equals an integer; ##NaN equals nothing.',
    impl: (...args) => allEqual(args),
  }),
  intrinsic({
    name: 'not=',
    arglists: '([x] [x y & more])',
    min: 1,
    max: Infinity,
    doc: 'Same as (not (= x y & more)).',
    impl: (...args) => !allEqual(args),
  }),
  intrinsic({
    name: 'identical?',
    arglists: '([x y])',
    min: 2,
    max: 2,
    doc: 'True if x and y are the same object. Keywords are interned, so equal keywords are identical; ' +
      'small integers, strings and booleans are identical when equal.',
    impl: (x, y) => x === y,
  }),
  intrinsic({
    name: 'hash',
    arglists: '([x])',
    min: 1,
    max: 1,
    doc: 'A 32-bit hash of x, consistent with =: equal values have equal hashes.',
    impl: (x) => hash(x),
  }),
];
