/** Value equality and hashing (equality.ts) across every value kind, including the persistent collections. */
import { describe, expect, it } from 'vitest';
import { equals, hash } from '../../src/machine/equality.js';
import { List } from '../../src/machine/list.js';
import { Tuple } from '../../src/machine/tuple.js';
import { Vector } from '../../src/machine/vector.js';
import { PMap } from '../../src/machine/hash-map.js';
import { PSet } from '../../src/machine/hash-set.js';
import {
  Address, Binary, Char, Fixed, Float, Keyword, Opaque, Pid, RealmId, Ratio, Ref, Sym, kw, type FixedWidth, type Value,
} from '../../src/machine/value.js';

/** Asserts `a = b` both ways, with equal hashes. */
function expectEqual(a: Value, b: Value): void {
  expect(equals(a, b)).toBe(true);
  expect(equals(b, a)).toBe(true);
  expect(hash(a)).toBe(hash(b));
}

function expectUnequal(a: Value, b: Value): void {
  expect(equals(a, b)).toBe(false);
  expect(equals(b, a)).toBe(false);
}

describe('equals and hash: scalars', () => {
  it('integers are equal across widths, with equal hashes', () => {
    expectEqual(42, Fixed.of('u8', 42n));
    expectEqual(Fixed.of('i64', 42n), Fixed.of('u16', 42n));
    expectEqual(-1, Fixed.of('i8', -1n));
    expectEqual(44, Fixed.of('u8', 300n)); // wrapped into the width
    expectEqual(2n ** 60n, Fixed.of('u64', 2n ** 60n));
    expectEqual(2 ** 40, Fixed.of('i64', 2n ** 40n));
    expectUnequal(Fixed.of('u64', -1n), Fixed.of('i64', -1n));
    expectUnequal(42, 43);
    expectUnequal(2n ** 60n, 2n ** 60n + 1n);
  });

  it('a 32-bit integer hashes to itself, so counter keys fill a trie densely; wider ones mix all their bits', () => {
    for (const n of [0, 1, 31, 32, -1, 2 ** 31 - 1, -(2 ** 31)]) expect(hash(n)).toBe(n);
    expect(hash(Fixed.of('u8', 200n))).toBe(200);
    expect(hash(2 ** 32)).not.toBe(hash(0));
    expect(hash(2 ** 40 + 7)).not.toBe(hash(7));
  });

  it('floats never equal integers, and ##NaN never equals itself', () => {
    expectUnequal(new Float(42), 42);
    expectUnequal(new Float(42), Fixed.of('u8', 42n));
    expectEqual(new Float(1.5), new Float(1.5));
    const nan = new Float(NaN);
    expect(equals(nan, nan)).toBe(false);
    expect(equals(nan, new Float(NaN))).toBe(false);
    expect(typeof hash(nan)).toBe('number');
  });

  it('other scalars compare by value', () => {
    expectEqual(new Ratio(1n, 3n), new Ratio(1n, 3n));
    expectUnequal(new Ratio(1n, 3n), new Ratio(2n, 3n));
    expectEqual(Char.of(0x1f600), Char.of(0x1f600));
    expectUnequal(Char.of(65), 'A');
    expectEqual(Sym.of('x', 'a'), new Sym('a', 'x', PMap.fromFlat([kw('line'), 3])));
    expectUnequal(Sym.of('x'), Sym.of('x', 'a'));
    expectUnequal(Sym.of('x'), kw('x'));
    expectUnequal(Sym.of('x'), 'x');
    expectEqual(Keyword.parse('a/b'), Keyword.of('b', 'a'));
    expectUnequal(kw('b'), Keyword.of('b', 'a'));
    expectEqual('text', ['te', 'xt'].join(''));
    expectEqual(new Binary(new Uint8Array([1, 2, 3])), new Binary(new Uint8Array([1, 2, 3])));
    expectUnequal(new Binary(new Uint8Array([1, 2, 3])), new Binary(new Uint8Array([1, 2])));
    expectEqual(new Pid(1, 2), new Pid(1, 2));
    expectUnequal(new Pid(1, 2), new Pid(2, 1));
    expectEqual(new RealmId(7), new RealmId(7));
    expectEqual(new Address('paddr', 4096n), new Address('paddr', 4096n));
    expectUnequal(new Address('paddr', 4096n), new Address('vaddr', 4096n));
    expectUnequal(null, false);
    expectUnequal(0, false);
    expectUnequal('', null);
  });

  it('opaque objects compare by identity', () => {
    const o = new Opaque('region', 'r');
    expectEqual(o, o);
    expectUnequal(o, new Opaque('region', 'r'));
    const r = new Ref();
    expectEqual(r, r);
    expectUnequal(r, new Ref());
  });
});

describe('equals and hash: collections', () => {
  it('a tuple, a list and a vector with the same elements are all different', () => {
    const items = [1, 'a', kw('k')];
    expectUnequal(Tuple.of(...items), Vector.from(items));
    expectUnequal(List.from(items), Vector.from(items));
    expectUnequal(Tuple.of(...items), List.from(items));
    expectUnequal(Tuple.EMPTY, Vector.EMPTY);
    expectUnequal(List.EMPTY, Vector.EMPTY);
    expectUnequal(PMap.EMPTY, PSet.EMPTY);
    expectUnequal(PMap.EMPTY, Vector.EMPTY);
  });

  it('vectors are equal however they were built', () => {
    let v = Vector.EMPTY;
    for (let i = 0; i < 2000; i++) v = v.conj(i);
    const w = Vector.from(Array.from({ length: 2001 }, (_, i) => i)).pop();
    expectEqual(v, w);
    expectEqual(v.withMeta(PMap.fromFlat(['m', 1])), w);
    expectEqual(Vector.from([42, Vector.from([1])]), Vector.from([Fixed.of('u8', 42n), Vector.from([Fixed.of('i8', 1n)])]));
    expectUnequal(v, v.assoc(1999, -1));
    expectUnequal(v, v.pop());
  });

  it('maps are equal regardless of insertion order and representation', () => {
    const pairs: [Value, Value][] = Array.from({ length: 8 }, (_, i) => [kw('k' + i), i]);
    const small = PMap.fromEntries(pairs);
    expectEqual(small, PMap.fromEntries([...pairs].reverse()));
    // The same 8 entries, held in a HAMT after growing past the array-map limit.
    const hamt = PMap.fromEntries([...pairs, ['extra', 0]]).dissoc('extra');
    expectEqual(small, hamt);
    const big: [Value, Value][] = Array.from({ length: 500 }, (_, i) => [i, 's' + i]);
    expectEqual(PMap.fromEntries(big), PMap.fromEntries([...big].reverse()));
    expectEqual(PMap.fromFlat([42, 'x']), PMap.fromFlat([Fixed.of('u8', 42n), 'x']));
    expectUnequal(PMap.fromFlat(['a', null]), PMap.fromFlat(['b', null]));
    expectUnequal(PMap.fromFlat(['a', 1]), PMap.fromFlat(['a', 2]));
    expectUnequal(small, small.assoc(kw('k0'), -1));
  });

  it('sets are equal regardless of insertion order', () => {
    const items = Array.from({ length: 300 }, (_, i) => 's' + i);
    expectEqual(PSet.from(items), PSet.from([...items].reverse()));
    expectEqual(PSet.from([1, 2, 3]), PSet.from([Fixed.of('u8', 3n), 2, 1]));
    expectUnequal(PSet.from([1, 2, 3]), PSet.from([1, 2]));
    expectUnequal(PSet.from([1, 2, 3]), PSet.from([1, 2, 4]));
  });

  it('compares 200,000 levels of nested lists without overflowing the stack', () => {
    const nest = (depth: number, leaf: Value): List => {
      let l = List.of(leaf);
      for (let i = 1; i < depth; i++) l = List.of(l);
      return l;
    };
    expect(equals(nest(200_000, 1), nest(200_000, Fixed.of('u8', 1n)))).toBe(true);
    expect(equals(nest(200_000, 1), nest(200_000, 2))).toBe(false);
    expect(equals(nest(200_000, 1), nest(199_999, 1))).toBe(false);
  });
});

describe('equals and hash: random values', () => {
  let seed = 99;
  const rand = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const WIDTHS: FixedWidth[] = ['u8', 'u16', 'u32', 'i8', 'i16', 'i32', 'i64'];

  /** Keeps the first of each group of equal keys, so building order cannot change which value wins. */
  const distinctKeys = (pairs: [Value, Value][][]): [Value, Value][][] =>
    pairs.filter(([[k]], i) => !pairs.slice(0, i).some(([[j]]) => equals(j, k)));

  /** A random value and an equal twin built a different way. */
  function gen(depth: number): [Value, Value] {
    const r = rand(depth > 0 ? 12 : 7);
    switch (r) {
      case 0: {
        const n = rand(300) - 100;
        const w = WIDTHS[rand(WIDTHS.length)];
        const f = Fixed.of(w, BigInt(n));
        return f.value === BigInt(n) ? [n, f] : [n, n];
      }
      case 1: { const n = 2n ** 62n + BigInt(rand(5)); return [n, Fixed.of('u64', n)]; }
      case 2: { const s = 'str' + rand(20); return [s, s.slice(0, 3) + s.slice(3)]; }
      case 3: { const k = kw('k' + rand(10)); return [k, k]; }
      case 4: { const x = rand(5) / 2; return [new Float(x), new Float(x)]; }
      case 5: { const c = rand(3) + 0x1f600; return [Char.of(c), Char.of(c)]; }
      case 6: return [null, null];
    }
    const kids = Array.from({ length: rand(depth > 1 ? 6 : 40) }, () => gen(depth - 1));
    const as = kids.map(([a]) => a);
    const bs = kids.map(([, b]) => b);
    switch (r) {
      case 7: return [Vector.from(as), bs.reduce<Vector>((v, x) => v.conj(x), Vector.EMPTY)];
      case 8: return [List.from(as), List.from(bs)];
      case 9: return [new Tuple(as), new Tuple(bs)];
      case 10: {
        const entries = distinctKeys(kids.map((kid) => [kid, gen(depth - 1)]));
        const a = PMap.fromEntries(entries.map(([[k], [v]]) => [k, v] as [Value, Value]));
        const b = PMap.fromEntries(entries.reverse().map(([[, k], [, v]]) => [k, v] as [Value, Value]));
        return [a, b];
      }
      default: return [PSet.from(as), PSet.from([...bs].reverse())];
    }
  }

  it('twins are equal with equal hashes; equal values always hash equal', () => {
    const values: Value[] = [];
    for (let i = 0; i < 400; i++) {
      const [a, b] = gen(3);
      expectEqual(a, b);
      expectUnequal(Tuple.of(a), Vector.from([b]));
      values.push(a, b);
    }
    for (let i = 0; i < 5000; i++) {
      const x = values[rand(values.length)];
      const y = values[rand(values.length)];
      if (equals(x, y)) expect(hash(x)).toBe(hash(y));
    }
  });
});
