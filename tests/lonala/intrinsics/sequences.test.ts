/** Unit tests of src/lonala/intrinsics/sequences.ts: first/rest/next/cons/seq/concat/reverse and helpers. */
import { describe, expect, it } from 'vitest';
import { Sym } from '../../../src/machine/value.js';
import { List } from '../../../src/machine/list.js';
import {
  codePointCount, elements, sequenceIntrinsics, unitOffset, charsOf,
} from '../../../src/lonala/intrinsics/sequences.js';
import { lazyNativeIntrinsics } from '../../../src/lonala/intrinsics/lazy-natives.js';
import { L, M, S, T, V, ch, faultKind, implsOf, is, kw } from './helpers.js';

// concat lives with the lazy sequences (it is one when an argument is lazy).
const fn = implsOf([...sequenceIntrinsics, ...lazyNativeIntrinsics]);
const [a, b] = [kw('a'), kw('b')];
const first = fn('first'), rest = fn('rest'), next = fn('next');

describe('first', () => {
  it('follows the conformance examples', () => {
    expect(first(L(1, 2, 3))).toBe(1);
    expect(first(T(1, 2, 3))).toBe(1);
    expect(first(V(1, 2, 3))).toBe(1);
    expect(first(List.EMPTY)).toBe(null);
    expect(first(T())).toBe(null);
    expect(first(null)).toBe(null);
    is(first('abc'), ch('a'));
    expect(first('')).toBe(null);
    expect(first(L(Sym.of('quote'), Sym.of('foo')))).toBe(Sym.of('quote'));
  });
  it('gives a [k v] tuple for maps and a member for sets', () => {
    is(first(M(a, 1, b, 2)), T(a, 1));
    expect(first(M())).toBe(null);
    expect(first(S(7))).toBe(7);
    expect(first(S())).toBe(null);
    expect(first(V())).toBe(null);
  });
  it('reads a whole code point', () => is(first('😀x'), ch('😀')));
  it('is a type-error on scalars', () => {
    expect(faultKind(() => first(42))).toBe('type-error');
    expect(faultKind(() => first(kw('x')))).toBe('type-error');
  });
});

describe('rest', () => {
  it('follows the conformance examples', () => {
    is(rest(L(1, 2, 3)), L(2, 3));
    is(rest(T(1, 2, 3)), L(2, 3));
    is(rest(V(1, 2, 3)), L(2, 3));
    is(rest(L(1)), List.EMPTY);
    is(rest(List.EMPTY), List.EMPTY);
    is(rest(null), List.EMPTY);
  });
  it('always answers a list, also for maps, sets and strings', () => {
    is(rest(M(a, 1, b, 2)), L(T(b, 2)));
    is(rest(S(1)), List.EMPTY);
    is(rest('a😀c'), L(ch('😀'), ch('c')));
    is(rest(''), List.EMPTY);
    is(rest(T()), List.EMPTY);
    is(rest(V(1)), List.EMPTY);
  });
  it('shares the tail of a list', () => {
    const l = L(1, 2, 3);
    expect(rest(l)).toBe(l.tail);
  });
  it('is a type-error on scalars', () => expect(faultKind(() => rest(1))).toBe('type-error'));
});

describe('next', () => {
  it('is rest, but nil when nothing remains', () => {
    is(next(V(1, 2)), L(2));
    expect(next(V(1))).toBe(null);
    expect(next(null)).toBe(null);
    expect(next('a')).toBe(null);
  });
});

describe('cons', () => {
  it('answers a list with x in front', () => {
    const l = L(2, 3);
    const r = fn('cons')(1, l) as List;
    is(r, L(1, 2, 3));
    expect(r.tail).toBe(l);
    is(fn('cons')(1, null), L(1));
    is(fn('cons')(1, V(2, 3)), L(1, 2, 3));
    is(fn('cons')(1, 'ab'), L(1, ch('a'), ch('b')));
    expect(faultKind(() => fn('cons')(1, 2))).toBe('type-error');
  });
});

describe('seq', () => {
  it('answers a list or nil', () => {
    const l = L(1);
    expect(fn('seq')(l)).toBe(l);
    expect(fn('seq')(List.EMPTY)).toBe(null);
    expect(fn('seq')(V())).toBe(null);
    expect(fn('seq')('')).toBe(null);
    expect(fn('seq')(null)).toBe(null);
    is(fn('seq')(T(1, 2)), L(1, 2));
    is(fn('seq')(M(a, 1)), L(T(a, 1)));
    expect(faultKind(() => fn('seq')(1))).toBe('type-error');
  });
});

describe('concat', () => {
  const concat = fn('concat');
  it('concatenates any mix into a list', () => {
    is(concat(L(1), T(2), V(3), null, S(4), 'x', M(a, 5)), L(1, 2, 3, 4, ch('x'), T(a, 5)));
    is(concat(), List.EMPTY);
    is(concat(null, List.EMPTY), List.EMPTY);
    is(concat(V(1, 2)), L(1, 2));
  });
  it('shares the last list instead of copying it', () => {
    const tail = L(3, 4);
    const r = concat(L(1), V(2), tail) as List;
    is(r, L(1, 2, 3, 4));
    expect(r.tail.tail).toBe(tail);
    expect(concat(tail, null)).toBe(tail);
  });
  it('drops metadata of a shared list', () => {
    const r = concat(L(1).withMeta(M(a, 1))) as List;
    expect(r.meta).toBe(null);
    is(r, L(1));
  });
  it('is a type-error for non-collections', () => {
    expect(faultKind(() => concat(L(1), 2))).toBe('type-error');
  });
  it('is fast on long inputs', () => {
    const big = List.from(Array.from({ length: 100_000 }, (_, i) => i));
    const r = concat(big, big) as List;
    expect(r.size).toBe(200_000);
  });
});

describe('reverse', () => {
  it('answers a list', () => {
    is(fn('reverse')(L(1, 2, 3)), L(3, 2, 1));
    is(fn('reverse')(V(1, 2)), L(2, 1));
    is(fn('reverse')(null), List.EMPTY);
    is(fn('reverse')('ab'), L(ch('b'), ch('a')));
  });
});

describe('helpers', () => {
  it('count and index strings by code point', () => {
    expect(codePointCount('a😀b')).toBe(3);
    expect(codePointCount('\uD800')).toBe(1); // a lone surrogate is one code point
    expect(unitOffset('a😀b', 2)).toBe(3);
    expect(unitOffset('ab', 2)).toBe(2);
    expect(unitOffset('ab', 3)).toBe(-1);
    expect(charsOf('a😀').map((c) => c.code)).toEqual([97, 0x1f600]);
  });
  it('elements gives each kind\'s sequence view', () => {
    expect(elements('f', null)).toEqual([]);
    expect(elements('f', T(1, 2))).toEqual([1, 2]);
    expect(faultKind(() => elements('f', true))).toBe('type-error');
  });
});
