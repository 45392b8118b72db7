/** Unit tests of src/lonala/intrinsics/equality.ts: `=`, `not=`, `identical?`, `hash`. */
import { describe, expect, it } from 'vitest';
import { Fixed, Float, Sym } from '../../../src/machine/value.js';
import { List } from '../../../src/machine/list.js';
import { Tuple } from '../../../src/machine/tuple.js';
import { Vector } from '../../../src/machine/vector.js';
import { PMap } from '../../../src/machine/hash-map.js';
import { equalityIntrinsics } from '../../../src/lonala/intrinsics/equality.js';
import { implsOf, kw } from './helpers.js';

const fn = implsOf(equalityIntrinsics);
const eq = fn('='), neq = fn('not='), same = fn('identical?'), hash = fn('hash');

describe('=', () => {
  it('follows the conformance examples', () => {
    expect(eq(1, 1)).toBe(true);
    expect(eq(1, 2)).toBe(false);
    expect(eq(1, 1, 1)).toBe(true);
    expect(eq(1, 1, 2)).toBe(false);
    expect(eq(kw('a'), kw('a'))).toBe(true);
    expect(eq(Tuple.of(1, 2), Tuple.of(1, 2))).toBe(true);
    expect(eq(Tuple.of(1, 2), Tuple.of(1, 3))).toBe(false);
    expect(eq(PMap.fromFlat([kw('a'), 1]), PMap.fromFlat([kw('a'), 1]))).toBe(true);
    expect(eq(List.of(Sym.of('+'), 1, 2), 3)).toBe(false);
  });
  it('is true for a single argument', () => {
    expect(eq(42)).toBe(true);
    expect(eq(new Float(NaN))).toBe(true);
  });
  it('compares by value across kinds as the language says', () => {
    expect(eq(42, Fixed.of('u8', 42n))).toBe(true);
    expect(eq(1, new Float(1))).toBe(false);
    expect(eq(new Float(NaN), new Float(NaN))).toBe(false);
    expect(eq(Tuple.of(1, 2), Vector.from([1, 2]))).toBe(false);
    expect(eq(List.of(1, 2), Tuple.of(1, 2))).toBe(false);
  });
  it('stops at the first unequal pair', () => {
    expect(eq(1, 2, 1, 1)).toBe(false);
    expect(eq(1, 1, 1, 1)).toBe(true);
  });
});

describe('not=', () => {
  it('is the negation of =', () => {
    expect(neq(1, 2)).toBe(true);
    expect(neq(1, 1)).toBe(false);
    expect(neq(1, 2, 3)).toBe(true);
    expect(neq(1, 1, 1)).toBe(false);
    expect(neq(1)).toBe(false);
  });
});

describe('identical?', () => {
  it('is JS identity', () => {
    const t = Tuple.of(1, 2, 3);
    expect(same(t, t)).toBe(true);
    expect(same(Tuple.of(1, 2, 3), Tuple.of(1, 2, 3))).toBe(false);
    expect(same(kw('a'), kw('a'))).toBe(true);
    expect(same(Sym.of('a'), Sym.of('a'))).toBe(true);
    expect(same(7, 7)).toBe(true);
    expect(same(7, Fixed.of('u8', 7n))).toBe(false);
    expect(same(null, false)).toBe(false);
  });
});

describe('hash', () => {
  it('is consistent with =', () => {
    expect(hash(42)).toBe(hash(Fixed.of('u64', 42n)));
    expect(hash(List.of(1, 2))).toBe(hash(List.of(1, 2)));
    expect(hash(PMap.fromFlat([1, 2, 3, 4]))).toBe(hash(PMap.fromFlat([3, 4, 1, 2])));
    expect(typeof hash('x')).toBe('number');
    expect(Number.isInteger(hash(new Float(1.5)))).toBe(true);
  });
});

describe('entries', () => {
  it('declare their arities', () => {
    expect(equalityIntrinsics.map((i) => [i.name, i.min, i.max])).toEqual([
      ['=', 1, Infinity], ['not=', 1, Infinity], ['identical?', 2, 2], ['hash', 1, 1],
    ]);
  });
});
