/** Persistent hash map: API behaviour, ordering, collisions, sharing, and random model checks. */
import { describe, expect, it } from 'vitest';
import { PMap } from '../../src/machine/hash-map.js';
import { Vector } from '../../src/machine/vector.js';
import { Tuple } from '../../src/machine/tuple.js';
import { List } from '../../src/machine/list.js';
import { equals, hash } from '../../src/machine/equality.js';
import { Fixed, Float, kw, type Value } from '../../src/machine/value.js';

/**
 * FNV-1a collision pairs, each found from the state the previous pair's
 * first string leaves: any choice of one string per pair gives the same
 * hash, so each family below has 8 keys with one hash.
 */
const PAIRS = [['qb1a6fe8c202', 'qa9944dd7qh5'], ['ac2e981310hp', 'a3f5b91829g6'], ['ff5b659bq0l', '73d892a82u12']];

function collidingFamily(f: number): string[] {
  const out: string[] = [];
  for (const a of PAIRS[0]) for (const b of PAIRS[1]) for (const c of PAIRS[2]) out.push(`${a}${b}${c}/${f}`);
  return out;
}

/** A deterministic pseudo-random generator of integers in [0, n). */
function rng(seed: number): (n: number) => number {
  return (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
}

/** Keys of many kinds, including groups of equal-but-not-identical keys and full hash collisions. */
function keyPool(size: number): Value[] {
  const pool: Value[] = [null, false, true];
  for (let i = 0; pool.length < size; i++) {
    pool.push(i, Fixed.of('u16', BigInt(i)), 's' + i, kw('k' + i), Vector.from([i, i + 1]), Tuple.of(i, i + 1));
    pool.push(List.of(i), 2n ** 60n + BigInt(i), Fixed.of('u64', 2n ** 60n + BigInt(i)), new Float(i + 0.5));
    if (i % 3 === 0) pool.push(...collidingFamily(i));
  }
  return pool.slice(0, size);
}

/** A naive insertion-ordered map using `equals`, as the reference. */
class Model {
  entries: [Value, Value][] = [];
  /** Whether the map has only ever been small since it was last empty (then its order is insertion order). */
  small = true;

  find(k: Value): number {
    return this.entries.findIndex(([x]) => equals(x, k));
  }
  assoc(k: Value, v: Value): void {
    const i = this.find(k);
    if (i >= 0) this.entries[i] = [this.entries[i][0], v];
    else this.entries.push([k, v]);
    if (this.entries.length > 8) this.small = false;
  }
  dissoc(k: Value): void {
    const i = this.find(k);
    if (i >= 0) this.entries.splice(i, 1);
    if (this.entries.length === 0) this.small = true;
  }
  copy(): Model {
    const m = new Model();
    m.entries = this.entries.slice();
    m.small = this.small;
    return m;
  }
}

/** Asserts `map` holds exactly the model's entries (and its order, for small maps). */
function expectSame(map: PMap, model: Model): void {
  expect(map.count).toBe(model.entries.length);
  for (const [k, v] of model.entries) expect(map.get(k)).toBe(v);
  const pairs = [...map.entries()];
  expect(pairs.length).toBe(model.entries.length);
  for (const [k, v] of pairs) expect(model.entries[model.find(k)][1]).toBe(v);
  if (model.small) {
    const keys = map.keys();
    expect(keys.every((k, i) => k === model.entries[i][0])).toBe(true);
  }
}

/** Runs `ops` random assoc/dissoc/get operations over `pool` against the model. */
function randomRun(pool: Value[], ops: number, seed: number): void {
  const rand = rng(seed);
  let map = PMap.EMPTY;
  let model = new Model();
  const snapshots: [PMap, Model][] = [];
  for (let op = 0; op < ops; op++) {
    const k = pool[rand(pool.length)];
    const r = rand(100);
    if (r < 55) {
      const v = rand(10) === 0 ? null : op;
      map = map.assoc(k, v);
      model.assoc(k, v);
    } else if (r < 90) {
      map = map.dissoc(k);
      model.dissoc(k);
    } else {
      const i = model.find(k);
      expect(map.has(k)).toBe(i >= 0);
      expect(map.get(k, 'absent')).toBe(i >= 0 ? model.entries[i][1] : 'absent');
    }
    expect(map.count).toBe(model.entries.length);
    if (op % 250 === 0) {
      expectSame(map, model);
      snapshots.push([map, model.copy()]);
      const flat = model.entries.flatMap(([key, v]) => [key, 'overwritten', key, v]);
      expect(equals(PMap.fromFlat(flat), map)).toBe(true);
    }
  }
  expectSame(map, model);
  for (const [old, m] of snapshots) expectSame(old, m);
}

describe('PMap', () => {
  it('starts empty', () => {
    expect(PMap.EMPTY.count).toBe(0);
    expect(PMap.EMPTY.get(1)).toBe(undefined);
    expect(PMap.EMPTY.has(null)).toBe(false);
    expect(PMap.EMPTY.dissoc(1)).toBe(PMap.EMPTY);
    expect(PMap.fromFlat([])).toBe(PMap.EMPTY);
  });

  it('tells a nil value from an absent key, in small and large maps', () => {
    for (const n of [1, 20]) {
      const m = PMap.fromFlat([...Array.from({ length: n }, (_, i) => [i, i]).flat(), null, null, 'k', null]);
      expect(m.get(null)).toBe(null);
      expect(m.get('k')).toBe(null);
      expect(m.has('k')).toBe(true);
      expect(m.get('absent')).toBe(undefined);
      expect(m.get('absent', false)).toBe(false);
      expect(m.has('absent')).toBe(false);
      expect(m.dissoc(null).has(null)).toBe(false);
    }
  });

  it('keeps insertion order up to 8 entries', () => {
    const keys: Value[] = [kw('z'), 3, 'b', null, kw('a'), Vector.from([1]), false, 1n << 70n];
    let m = PMap.EMPTY;
    for (const k of keys) m = m.assoc(k, 1);
    expect(m.keys()).toEqual(keys);
    expect(m.assoc(3, 2).keys()).toEqual(keys);
    expect(m.dissoc('b').keys()).toEqual(keys.filter((k) => k !== 'b'));
    const big = m.assoc('ninth', 9);
    expect(big.count).toBe(9);
    for (const k of keys) expect(big.get(k)).toBe(1);
  });

  it('fromFlat: later duplicates win, first occurrence fixes the order', () => {
    const m = PMap.fromFlat(['a', 1, 'b', 2, 'a', 3, 42, 4, Fixed.of('u8', 42n), 5]);
    expect(m.keys()).toEqual(['a', 'b', 42]);
    expect(m.values()).toEqual([3, 2, 5]);
    expect(PMap.fromEntries([['x', 1], ['y', 2], ['x', 3]]).values()).toEqual([3, 2]);
    const flat: Value[] = [];
    for (let i = 0; i < 100; i++) flat.push(i % 40, i);
    const big = PMap.fromFlat(flat);
    expect(big.count).toBe(40);
    for (let i = 0; i < 40; i++) expect(big.get(i)).toBe(i < 20 ? i + 80 : i + 40);
  });

  it('uses value equality for keys', () => {
    let m = PMap.EMPTY.assoc(42, 'int').assoc(Vector.from([1, 2]), 'vec').assoc(Tuple.of(1, 2), 'tuple');
    expect(m.get(Fixed.of('u8', 42n))).toBe('int');
    expect(m.get(Vector.from([1, 2]))).toBe('vec');
    expect(m.get(Tuple.of(1, 2))).toBe('tuple');
    expect(m.get(List.of(1, 2))).toBe(undefined);
    expect(m.get(new Float(42))).toBe(undefined);
    m = m.assoc(Fixed.of('i32', 42n), 'fixed');
    expect(m.count).toBe(3);
    expect(m.keys()[0]).toBe(42);
    expect(m.get(42)).toBe('fixed');
  });

  it('returns itself for no-op updates', () => {
    const k = kw('a');
    for (const m of [PMap.fromFlat([k, 1]), PMap.fromFlat(Array.from({ length: 40 }, (_, i) => (i === 0 ? k : i)))]) {
      expect(m.assoc(k, m.get(k) as Value)).toBe(m);
      expect(m.dissoc('missing')).toBe(m);
    }
  });

  it('handles full hash collisions', () => {
    const fam = collidingFamily(0);
    expect(new Set(fam.map(hash)).size).toBe(1);
    let m = PMap.EMPTY;
    for (let i = 0; i < 200; i++) m = m.assoc(i, i);
    for (const [i, k] of fam.entries()) m = m.assoc(k, i);
    expect(m.count).toBe(208);
    for (const [i, k] of fam.entries()) expect(m.get(k)).toBe(i);
    let n = m;
    for (const k of fam) {
      n = n.dissoc(k);
      expect(n.get(k)).toBe(undefined);
    }
    expect(n.count).toBe(200);
    expect(m.count).toBe(208);
  });

  it('nests colliding keys among keys that share their hash prefix', () => {
    const fam = collidingFamily(2);
    const low = hash(fam[0]) & 0x3ff;
    const near: number[] = [];
    for (let i = 0; near.length < 40; i++) if ((hash(i) & 0x3ff) === low) near.push(i);
    const model = new Model();
    let m = PMap.EMPTY;
    for (const k of [...near.slice(0, 20), ...fam, ...near.slice(20)]) {
      m = m.assoc(k, String(k));
      model.assoc(k, String(k));
    }
    expectSame(m, model);
    for (const k of [...fam.slice(0, 7), ...near.slice(0, 35)]) {
      m = m.dissoc(k);
      model.dissoc(k);
      expectSame(m, model);
    }
  });

  it('grows to 1,500 entries and shrinks back to empty', () => {
    const model = new Model();
    let m = PMap.EMPTY;
    for (let i = 0; i < 1500; i++) {
      m = m.assoc(i, i);
      model.assoc(i, i);
    }
    expectSame(m, model);
    for (let i = 0; i < 1500; i++) {
      const k = (i * 1237) % 1500;
      m = m.dissoc(k);
      model.dissoc(k);
      if (i % 150 === 0 || i > 1480) expectSame(m, model);
    }
    expect(m.count).toBe(0);
    expect(m.assoc('a', 1).assoc('b', 2).keys()).toEqual(['a', 'b']);
  });

  it('leaves old versions alone, including maps built in bulk', () => {
    const base = PMap.fromFlat(Array.from({ length: 2000 }, (_, i) => i));
    const a = base.assoc('x', 1);
    const b = base.assoc('y', 2).dissoc(0);
    expect(base.count).toBe(1000);
    expect(base.has('x') || base.has('y')).toBe(false);
    expect(base.get(0)).toBe(1);
    expect(a.has('y')).toBe(false);
    expect(b.has('x')).toBe(false);
    expect(a.get(0)).toBe(1);
  });

  it('updates in place only a map its own bulk build made (the transients of js-linear.ts)', () => {
    const base = PMap.fromFlat(Array.from({ length: 40 }, (_, i) => i));
    const edit = {};
    const built = base.assocUnder(edit, 'a', 1);
    expect(built).not.toBe(base);
    expect(base.count).toBe(20);
    expect(base.has('a')).toBe(false);
    expect(built.assocUnder(edit, 'b', 2)).toBe(built);
    expect([built.count, built.get('a'), built.get('b')]).toEqual([22, 1, 2]);
    const byOther = built.assocUnder({}, 'c', 3);
    const persistent = built.assoc('d', 4);
    expect([byOther.count, persistent.count, built.count]).toEqual([23, 23, 22]);
    expect(built.has('c') || built.has('d')).toBe(false);
  });

  it('iterates every entry once via forEach, entries, keys and values', () => {
    const m = PMap.fromFlat(Array.from({ length: 600 }, (_, i) => i));
    const seen: Value[] = [];
    m.forEach((v, k) => {
      expect(v).toBe((k as number) + 1);
      seen.push(k);
    });
    expect(seen).toEqual(m.keys());
    expect([...m.entries()].map(([k]) => k)).toEqual(seen);
    expect(m.values()).toEqual(seen.map((k) => (k as number) + 1));
    expect(new Set(seen).size).toBe(300);
  });

  it('withMeta shares entries and keeps metadata through updates', () => {
    const meta = PMap.fromFlat([kw('line'), 1]);
    const m = PMap.fromFlat(['a', 1]).withMeta(meta);
    expect(m.meta).toBe(meta);
    expect(m.assoc('b', 2).meta).toBe(meta);
    expect(m.dissoc('a').meta).toBe(meta);
    expect(m.get('a')).toBe(1);
  });

  it('matches a naive model: 10,000 random ops over a large key pool', () => {
    randomRun(keyPool(400), 10_000, 7);
  });

  it('matches a naive model: 10,000 random ops hovering around the array-map limit', () => {
    const pool = [...keyPool(8), ...collidingFamily(1).slice(0, 3), 3, Fixed.of('u8', 3n)];
    randomRun(pool, 10_000, 11);
  });
});
