/** Persistent vector: API behaviour, trie edge sizes, sharing, and a random model check. */
import { describe, expect, it } from 'vitest';
import { Vector } from '../../src/machine/vector.js';
import { List } from '../../src/machine/list.js';
import { type Value } from '../../src/machine/value.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Whether `items` is exactly `0, 1, ..., n - 1` (much faster than a deep toEqual). */
const isRange = (items: Value[], n: number): boolean => items.length === n && items.every((x, i) => x === i);

/** Sizes around the tail / trie-level boundaries (32, 32 + 32^2, 32 + 32^3). */
const EDGE_SIZES = [0, 1, 31, 32, 33, 63, 64, 65, 1024, 1055, 1056, 1057, 2080, 32800, 32801, 33824, 33825];

function byConj(n: number): Vector {
  let v = Vector.EMPTY;
  for (let i = 0; i < n; i++) v = v.conj(i);
  return v;
}

describe('Vector', () => {
  it('starts empty', () => {
    expect(Vector.EMPTY.count).toBe(0);
    expect(Vector.EMPTY.toArray()).toEqual([]);
    expect([...Vector.EMPTY]).toEqual([]);
    expect(Vector.EMPTY.meta).toBe(null);
    expect(Vector.from([])).toBe(Vector.EMPTY);
  });

  it('conj and from agree at every trie boundary', () => {
    for (const n of EDGE_SIZES) {
      const a = byConj(n);
      const b = Vector.from(range(n));
      expect(a.count).toBe(n);
      expect(b.count).toBe(n);
      expect(isRange(a.toArray(), n)).toBe(true);
      expect(isRange(b.toArray(), n)).toBe(true);
      expect(isRange([...b], n)).toBe(true);
      for (let i = 0; i < n; i += 7) expect(b.get(i)).toBe(i);
      if (n > 0) expect(b.get(n - 1)).toBe(n - 1);
      // A bulk-built vector keeps working like a conj-built one.
      expect(b.conj('x').get(n)).toBe('x');
      expect(isRange(b.conj('x').pop().toArray(), n)).toBe(true);
    }
  });

  it('builds from any array-like', () => {
    const items: ArrayLike<Value> = { length: 3, 0: 'a', 1: null, 2: false };
    expect(Vector.from(items).toArray()).toEqual(['a', null, false]);
  });

  it('from copies its input', () => {
    const items = range(40);
    const v = Vector.from(items);
    items[0] = 99;
    items[39] = 99;
    expect(v.get(0)).toBe(0);
    expect(v.get(39)).toBe(39);
  });

  it('assoc replaces in the trie and in the tail, and appends at count', () => {
    const v = Vector.from(range(100));
    const a = v.assoc(5, 'five').assoc(99, 'last').assoc(100, 'new');
    expect(a.count).toBe(101);
    expect(a.get(5)).toBe('five');
    expect(a.get(99)).toBe('last');
    expect(a.get(100)).toBe('new');
    expect(v.toArray()).toEqual(range(100));
  });

  it('pop walks back down through every boundary', () => {
    let v = byConj(33825);
    const wrong: number[] = [];
    for (let n = 33825; n > 0; n--) {
      if (v.count !== n || v.get(n - 1) !== n - 1 || v.get(n >> 1) !== n >> 1) wrong.push(n);
      v = v.pop();
    }
    expect(wrong).toEqual([]);
    expect(v.count).toBe(0);
    expect(v.pop()).toBe(v);
    expect(v.conj(1).toArray()).toEqual([1]);
  });

  it('slice clamps like Array.prototype.slice', () => {
    const items = range(2100);
    const v = Vector.from(items);
    for (const [s, e] of [[0, 2100], [0, 0], [5, 5], [3, 40], [31, 33], [1000, 2100], [2000, 5000], [-4, 10], [50, 10]]) {
      expect(v.slice(s, e).toArray()).toEqual(items.slice(Math.max(0, s), e));
    }
    expect(v.slice()).toBe(v);
    expect(v.slice(2090).toArray()).toEqual(items.slice(2090));
  });

  it('withMeta shares structure and keeps metadata through updates', () => {
    const meta = List.of('m');
    const v = Vector.from(range(50));
    const m = v.withMeta(meta);
    expect(m.meta).toBe(meta);
    expect(v.meta).toBe(null);
    expect(m.toArray()).toEqual(v.toArray());
    expect(m.conj(1).meta).toBe(meta);
    expect(m.assoc(0, 1).meta).toBe(meta);
    expect(m.pop().meta).toBe(meta);
    expect(Vector.from([1]).withMeta(meta).pop().meta).toBe(meta);
  });

  it('appends in place only to a vector its own bulk build made (the transients of js-linear.ts), at every boundary', () => {
    const base = Vector.from(range(40));
    const edit = {};
    let v = base.conjUnder(edit, 40);
    const built = v;
    expect(built).not.toBe(base);
    for (let i = 41; i < 1100; i++) v = v.conjUnder(edit, i);
    expect(v).toBe(built);
    expect(isRange(v.toArray(), 1100)).toBe(true);
    expect(isRange(base.toArray(), 40)).toBe(true);
    const byOther = v.conjUnder({}, 'x');
    const persistent = v.conj('y');
    expect([byOther.count, persistent.count, v.count]).toEqual([1101, 1101, 1100]);
    expect([byOther.get(1100), persistent.get(1100)]).toEqual(['x', 'y']);
    expect(isRange(v.toArray(), 1100)).toBe(true);
  });

  it('toArray returns a fresh array', () => {
    const v = Vector.from([1, 2, 3]);
    v.toArray()[0] = 42;
    expect(v.get(0)).toBe(1);
  });

  it('matches an array model over 10,000 random operations, old versions unchanged', () => {
    let seed = 1;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    let v = Vector.from(range(3000));
    let model: Value[] = range(3000);
    const snapshots: [Vector, Value[]][] = [];
    for (let op = 0; op < 10_000; op++) {
      const r = rand(10);
      if (r < 4) {
        v = v.conj(op);
        model.push(op);
      } else if (r < 7 && model.length > 0) {
        const i = rand(model.length + 1);
        v = v.assoc(i, -op);
        model[i] = -op;
      } else if (model.length > 0) {
        const k = 1 + rand(70);
        for (let j = 0; j < k && model.length > 0; j++) v = v.pop();
        model = model.slice(0, Math.max(0, model.length - k));
      }
      expect(v.count).toBe(model.length);
      if (model.length > 0) {
        const i = rand(model.length);
        expect(v.get(i)).toBe(model[i]);
      }
      if (op % 500 === 0) {
        expect(v.toArray()).toEqual(model);
        snapshots.push([v, model.slice()]);
      }
    }
    expect([...v]).toEqual(model);
    for (const [old, items] of snapshots) expect(old.toArray()).toEqual(items);
  });
});
