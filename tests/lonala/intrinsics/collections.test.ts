/** Unit tests of src/lonala/intrinsics/collections.ts. */
import { describe, expect, it } from 'vitest';
import { Char, Fixed, Float, Sym } from '../../../src/machine/value.js';
import { List } from '../../../src/machine/list.js';
import { Vector } from '../../../src/machine/vector.js';
import { collectionIntrinsics } from '../../../src/lonala/intrinsics/collections.js';
import { L, M, S, T, V, bin, faultKind, implsOf, is, kw } from './helpers.js';

const fn = implsOf(collectionIntrinsics);
const [a, b, c] = [kw('a'), kw('b'), kw('c')];

const count = fn('count'), nth = fn('nth'), get = fn('get');

describe('count', () => {
  it('follows the conformance examples', () => {
    expect(count(L(1, 2, 3))).toBe(3);
    expect(count(T(1, 2, 3))).toBe(3);
    expect(count(V(1, 2, 3))).toBe(3);
    expect(count(M(a, 1, b, 2))).toBe(2);
    expect(count(S(1, 2, 3))).toBe(3);
    expect(count('hello')).toBe(5);
    expect(count(List.EMPTY)).toBe(0);
    expect(count(null)).toBe(0);
  });
  it('counts code points and bytes', () => {
    expect(count('a😀b')).toBe(3);
    expect(count('')).toBe(0);
    expect(count(bin(1, 2))).toBe(2);
  });
  it('is a type-error on anything else', () => {
    expect(faultKind(() => count(42))).toBe('type-error');
    expect(faultKind(() => count(kw('x')))).toBe('type-error');
  });
});

describe('nth', () => {
  it('follows the conformance examples', () => {
    expect(nth(T(1, 2, 3), 0)).toBe(1);
    expect(nth(T(1, 2, 3), 2)).toBe(3);
    expect(nth(V(10, 20, 30), 1)).toBe(20);
    expect(nth(T(1, 2, 3), 10, kw('missing'))).toBe(kw('missing'));
    expect(nth(L(Sym.of('a'), Sym.of('b'), Sym.of('c')), 1)).toBe(Sym.of('b'));
    expect(faultKind(() => nth(T(1, 2, 3), -1))).toBe('out-of-bounds');
    expect(faultKind(() => nth(T(1, 2, 3), 100))).toBe('out-of-bounds');
    expect(nth(T(1, 2, 3), 100, null)).toBe(null);
  });
  it('reads characters of strings by code point', () => {
    is(nth('a😀b', 1), Char.of(0x1f600));
    is(nth('a😀b', 2), Char.of(98));
    expect(faultKind(() => nth('abc', 3))).toBe('out-of-bounds');
    expect(nth('abc', -1, 0)).toBe(0);
  });
  it('handles lists, nil, big and fixed-width indexes', () => {
    expect(nth(L(1, 2, 3), 3, kw('x'))).toBe(kw('x'));
    expect(faultKind(() => nth(L(1, 2, 3), -1))).toBe('out-of-bounds');
    expect(nth(null, 0)).toBe(null);
    expect(faultKind(() => nth(V(1, 2), 10n ** 20n))).toBe('out-of-bounds');
    expect(nth(V(1, 2), Fixed.of('u8', 1n))).toBe(2);
    expect(nth(T(1, 2), 1, kw('x'))).toBe(2);
    expect(nth(T(null), 0, kw('x'))).toBe(null);
  });
  it('is a type-error for maps, sets, scalars and non-integer indexes', () => {
    expect(faultKind(() => nth(M(a, 1), 0))).toBe('type-error');
    expect(faultKind(() => nth(S(1), 0))).toBe('type-error');
    expect(faultKind(() => nth(42, 0))).toBe('type-error');
    expect(faultKind(() => nth(T(1), new Float(0)))).toBe('type-error');
  });
});

describe('get', () => {
  it('follows the conformance examples', () => {
    expect(get(M(a, 1, b, 2), a)).toBe(1);
    expect(get(M(a, 1), b)).toBe(null);
    expect(get(M(a, 1), b, kw('default'))).toBe(kw('default'));
    expect(get(M(a, null), a, kw('default'))).toBe(null);
  });
  it('indexes vectors and tuples, finds set members', () => {
    expect(get(V(1, 2, 3), 1)).toBe(2);
    expect(get(T(1, 2, 3), 5, kw('d'))).toBe(kw('d'));
    expect(get(T(1, 2, 3), -1)).toBe(null);
    expect(get(V(1), a, 0)).toBe(0);
    expect(get(S(1, 2), 2)).toBe(2);
    expect(get(S(1, 2), 3, kw('no'))).toBe(kw('no'));
  });
  it('finds map keys by value equality', () => {
    expect(get(M(T(1, 2), kw('x')), T(1, 2))).toBe(kw('x'));
    expect(get(M(42, kw('x')), Fixed.of('u8', 42n))).toBe(kw('x'));
  });
  it('answers the default for nil and non-collections', () => {
    expect(get(null, a)).toBe(null);
    expect(get(null, a, 1)).toBe(1);
    expect(get(42, a, 1)).toBe(1);
  });
});

describe('contains?', () => {
  const contains = fn('contains?');
  it('follows the conformance examples', () => {
    expect(contains(M(a, 1, b, 2), a)).toBe(true);
    expect(contains(M(a, 1, b, 2), c)).toBe(false);
    expect(contains(M(a, null), a)).toBe(true);
    expect(contains(M(), a)).toBe(false);
  });
  it('asks a set for a member', () => {
    expect(contains(S(1, 2, 3), 1)).toBe(true);
    expect(contains(S(1, 2, 3), 0)).toBe(false);
  });
  it('is a type-error on anything but a map or a set', () => {
    for (const x of [T(1, 2, 3), 'abc', V(1), L(1), null, 42]) {
      expect(faultKind(() => contains(x, 0))).toBe('type-error');
    }
  });
});

describe('keys and vals', () => {
  it('answer lists', () => {
    is(fn('keys')(M(a, 1, b, 2)), L(a, b));
    is(fn('vals')(M(a, 1, b, 2)), L(1, 2));
    is(fn('keys')(M()), List.EMPTY);
    is(fn('vals')(M()), List.EMPTY);
    is(fn('keys')(null), List.EMPTY);
    expect(faultKind(() => fn('keys')(V(1)))).toBe('type-error');
  });
});

describe('empty?', () => {
  const empty = fn('empty?');
  it('follows the conformance examples', () => {
    for (const x of [List.EMPTY, null, T(), V(), M(), S(), '']) expect(empty(x)).toBe(true);
    for (const x of [L(1), T(1), 'a']) expect(empty(x)).toBe(false);
  });
  it('covers binaries and rejects scalars', () => {
    expect(empty(bin())).toBe(true);
    expect(empty(bin(0))).toBe(false);
    expect(faultKind(() => empty(0))).toBe('type-error');
  });
});

describe('updates', () => {
  it('prepend', () => {
    is(fn('prepend')(L(2, 3), 1), L(1, 2, 3));
    is(fn('prepend')(List.EMPTY, 1), L(1));
    is(fn('prepend')(null, 1), L(1));
    expect(faultKind(() => fn('prepend')(V(1), 0))).toBe('type-error');
  });
  it('append', () => {
    is(fn('append')(V(1, 2), 3), V(1, 2, 3));
    is(fn('append')(V(), 1), V(1));
    is(fn('append')(T(1, 2), 3), T(1, 2, 3));
    is(fn('append')(T(), 1), T(1));
    expect(faultKind(() => fn('append')(L(1), 2))).toBe('type-error');
    expect(faultKind(() => fn('append')(null, 2))).toBe('type-error');
  });
  it('put', () => {
    is(fn('put')(M(a, 1), b, 2), M(a, 1, b, 2));
    is(fn('put')(M(a, 1), a, 99), M(a, 99));
    is(fn('put')(M(), kw('x'), 1), M(kw('x'), 1));
    is(fn('put')(null, a, 1), M(a, 1));
    expect(faultKind(() => fn('put')(V(), 0, 1))).toBe('type-error');
  });
  it('assoc on maps, vectors and tuples', () => {
    const assoc = fn('assoc');
    is(assoc(M(a, 1), b, 2, c, 3), M(a, 1, b, 2, c, 3));
    is(assoc(null, a, 1), M(a, 1));
    is(assoc(V(1, 2), 0, 9), V(9, 2));
    is(assoc(V(1, 2), 2, 3), V(1, 2, 3));
    is(assoc(T(1, 2), 1, 9), T(1, 9));
    expect(faultKind(() => assoc(V(1, 2), 3, 0))).toBe('out-of-bounds');
    expect(faultKind(() => assoc(V(1, 2), -1, 0))).toBe('out-of-bounds');
    expect(faultKind(() => assoc(T(1, 2), 2, 0))).toBe('out-of-bounds');
    expect(faultKind(() => assoc(V(1), a, 0))).toBe('type-error');
    expect(faultKind(() => assoc(L(1), 0, 0))).toBe('type-error');
    expect(faultKind(() => assoc(M(), a, 1, b))).toBe('badarg');
  });
  it('dissoc', () => {
    const dissoc = fn('dissoc');
    is(dissoc(M(a, 1, b, 2), a), M(b, 2));
    is(dissoc(M(a, 1), b), M(a, 1));
    is(dissoc(M(), a), M());
    is(dissoc(M(a, 1, b, 2, c, 3), a, c), M(b, 2));
    is(dissoc(M(a, 1)), M(a, 1));
    expect(dissoc(null, a)).toBe(null);
    expect(faultKind(() => dissoc(S(a), a))).toBe('type-error');
  });
  it('set-add, set-remove, disj', () => {
    is(fn('set-add')(S(1, 2), 3), S(1, 2, 3));
    is(fn('set-add')(S(1, 2), 2), S(1, 2));
    is(fn('set-add')(S(), 1), S(1));
    is(fn('set-add')(null, 1), S(1));
    is(fn('set-remove')(S(1, 2, 3), 2), S(1, 3));
    is(fn('set-remove')(S(1, 2), 3), S(1, 2));
    is(fn('set-remove')(S(), 1), S());
    is(fn('disj')(S(1, 2, 3), 1, 3, 4), S(2));
    expect(fn('disj')(null, 1)).toBe(null);
    expect(faultKind(() => fn('set-add')(V(), 1))).toBe('type-error');
    expect(faultKind(() => fn('disj')(M(1, 2), 1))).toBe('type-error');
  });
});

describe('constructors', () => {
  it('build each kind from the arguments', () => {
    is(fn('list')(1, 2), L(1, 2));
    is(fn('list')(), List.EMPTY);
    is(fn('tuple')(1, 2), T(1, 2));
    is(fn('tuple')(), T());
    is(fn('vector')(1, 2), V(1, 2));
    is(fn('hash-map')(a, 1, b, 2), M(a, 1, b, 2));
    is(fn('hash-map')(a, 1, a, 2), M(a, 2));
    is(fn('hash-set')(1, 2, 1), S(1, 2));
    expect(faultKind(() => fn('hash-map')(a))).toBe('badarg');
  });
});

describe('empty', () => {
  it('answers an empty collection of the same kind', () => {
    is(fn('empty')(L(1)), List.EMPTY);
    is(fn('empty')(T(1)), T());
    is(fn('empty')(V(1)), V());
    is(fn('empty')(M(a, 1)), M());
    is(fn('empty')(S(1)), S());
    expect(fn('empty')('abc')).toBe('');
    expect(fn('empty')(null)).toBe(null);
    expect(faultKind(() => fn('empty')(1))).toBe('type-error');
  });
  it('keeps metadata', () => {
    const meta = M(a, 1);
    expect((fn('empty')(V(1).withMeta(meta)) as Vector).meta).toBe(meta);
  });
});

describe('peek and pop', () => {
  it('work at the end of vectors and tuples, the front of lists', () => {
    expect(fn('peek')(V(1, 2, 3))).toBe(3);
    expect(fn('peek')(T(1, 2))).toBe(2);
    expect(fn('peek')(L(1, 2))).toBe(1);
    expect(fn('peek')(V())).toBe(null);
    expect(fn('peek')(List.EMPTY)).toBe(null);
    expect(fn('peek')(null)).toBe(null);
    is(fn('pop')(V(1, 2, 3)), V(1, 2));
    is(fn('pop')(T(1, 2)), T(1));
    is(fn('pop')(L(1, 2)), L(2));
    expect(fn('pop')(null)).toBe(null);
  });
  it('pop of an empty collection is a badarg; other types a type-error', () => {
    expect(faultKind(() => fn('pop')(V()))).toBe('badarg');
    expect(faultKind(() => fn('pop')(List.EMPTY))).toBe('badarg');
    expect(faultKind(() => fn('pop')(M()))).toBe('type-error');
    expect(faultKind(() => fn('peek')(S(1)))).toBe('type-error');
  });
});

describe('vec and subvec', () => {
  it('vec converts any collection', () => {
    const v = V(1);
    expect(fn('vec')(v)).toBe(v);
    is(fn('vec')(L(1, 2)), V(1, 2));
    is(fn('vec')(T(1, 2)), V(1, 2));
    is(fn('vec')(null), V());
    is(fn('vec')('ab'), V(Char.of(97), Char.of(98)));
    is(fn('vec')(M(a, 1)), V(T(a, 1)));
    expect(faultKind(() => fn('vec')(1))).toBe('type-error');
  });
  it('subvec slices vectors and tuples', () => {
    is(fn('subvec')(V(1, 2, 3, 4), 1, 3), V(2, 3));
    is(fn('subvec')(V(1, 2, 3), 1), V(2, 3));
    is(fn('subvec')(V(1, 2, 3), 3), V());
    is(fn('subvec')(T(1, 2, 3), 0, 2), T(1, 2));
    expect(faultKind(() => fn('subvec')(V(1, 2), 0, 3))).toBe('out-of-bounds');
    expect(faultKind(() => fn('subvec')(V(1, 2), 2, 1))).toBe('out-of-bounds');
    expect(faultKind(() => fn('subvec')(V(1, 2), -1))).toBe('out-of-bounds');
    expect(faultKind(() => fn('subvec')(L(1), 0))).toBe('type-error');
  });
});

describe('entries', () => {
  it('have unique names, docs and sane arities', () => {
    expect(new Set(collectionIntrinsics.map((i) => i.name)).size).toBe(collectionIntrinsics.length);
    for (const i of collectionIntrinsics) {
      expect(i.doc.length, i.name).toBeGreaterThan(0);
      expect(i.min <= i.max && i.cost >= 1, i.name).toBe(true);
    }
  });
});
