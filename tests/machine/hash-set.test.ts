/** Persistent hash set: API behaviour, ordering, collisions, sharing, and a random model check. */
import { describe, expect, it } from 'vitest';
import { PSet } from '../../src/machine/hash-set.js';
import { PMap } from '../../src/machine/hash-map.js';
import { Vector } from '../../src/machine/vector.js';
import { Tuple } from '../../src/machine/tuple.js';
import { equals, hash } from '../../src/machine/equality.js';
import { Fixed, kw, type Value } from '../../src/machine/value.js';

/** FNV-1a collision pairs (see hash-map.test.ts): each family has 8 strings with one hash. */
const PAIRS = [['qb1a6fe8c202', 'qa9944dd7qh5'], ['ac2e981310hp', 'a3f5b91829g6'], ['ff5b659bq0l', '73d892a82u12']];

function collidingFamily(f: number): string[] {
  const out: string[] = [];
  for (const a of PAIRS[0]) for (const b of PAIRS[1]) for (const c of PAIRS[2]) out.push(`${a}${b}${c}/${f}`);
  return out;
}

describe('PSet', () => {
  it('starts empty', () => {
    expect(PSet.EMPTY.count).toBe(0);
    expect(PSet.EMPTY.has(null)).toBe(false);
    expect(PSet.EMPTY.values()).toEqual([]);
    expect(PSet.from([])).toBe(PSet.EMPTY);
    expect(PSet.EMPTY.remove(1)).toBe(PSet.EMPTY);
  });

  it('collapses equal elements, keeping the first, in insertion order', () => {
    const s = PSet.from([kw('b'), 42, 'a', Fixed.of('u8', 42n), kw('b'), null, false, Vector.from([1]), Tuple.of(1)]);
    expect(s.count).toBe(7);
    expect(s.values()).toEqual([kw('b'), 42, 'a', null, false, Vector.from([1]), Tuple.of(1)]);
    expect([...s]).toEqual(s.values());
    expect(s.has(Fixed.of('i64', 42n))).toBe(true);
    expect(s.has(Vector.from([1]))).toBe(true);
    expect(s.has(1)).toBe(false);
    expect(s.add(42)).toBe(s);
    expect(s.add(Fixed.of('u16', 42n))).toBe(s);
    expect(s.remove('missing')).toBe(s);
    expect(s.remove(Fixed.of('u32', 42n)).values()).toEqual([kw('b'), 'a', null, false, Vector.from([1]), Tuple.of(1)]);
  });

  it('handles large sets and full hash collisions', () => {
    const fam = collidingFamily(5);
    expect(new Set(fam.map(hash)).size).toBe(1);
    const items: Value[] = [...Array.from({ length: 1000 }, (_, i) => i), ...fam];
    const s = PSet.from([...items, ...items]);
    expect(s.count).toBe(1008);
    for (const x of items) expect(s.has(x)).toBe(true);
    let t = s;
    for (const x of fam) t = t.remove(x);
    expect(t.count).toBe(1000);
    for (const x of fam) expect(t.has(x)).toBe(false);
    expect(s.count).toBe(1008);
    const seen: Value[] = [];
    s.forEach((x) => seen.push(x));
    expect(seen).toEqual(s.values());
    expect(new Set(seen).size).toBe(1008);
  });

  it('withMeta shares elements and keeps metadata through updates', () => {
    const meta = PMap.fromFlat([kw('tag'), true]);
    const s = PSet.from([1, 2]).withMeta(meta);
    expect(s.meta).toBe(meta);
    expect(s.add(3).meta).toBe(meta);
    expect(s.remove(1).meta).toBe(meta);
    expect(PSet.from([1, 2]).meta).toBe(null);
  });

  it('matches a naive model over 10,000 random operations, old versions unchanged', () => {
    let seed = 3;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const pool: Value[] = [null, ...collidingFamily(0), ...collidingFamily(1)];
    for (let i = 0; i < 150; i++) pool.push(i, Fixed.of('u8', BigInt(i)), 'v' + i, kw('s' + i));
    let set = PSet.EMPTY;
    let model: Value[] = [];
    const snapshots: [PSet, Value[]][] = [];
    const check = (s: PSet, m: Value[]): void => {
      expect(s.count).toBe(m.length);
      for (const x of m) expect(s.has(x)).toBe(true);
      expect(s.values().every((x) => m.some((y) => equals(x, y)))).toBe(true);
    };
    for (let op = 0; op < 10_000; op++) {
      const x = pool[rand(pool.length)];
      if (rand(100) < 55) {
        set = set.add(x);
        if (!model.some((y) => equals(x, y))) model.push(x);
      } else {
        set = set.remove(x);
        model = model.filter((y) => !equals(x, y));
      }
      expect(set.has(x)).toBe(model.some((y) => equals(x, y)));
      if (op % 500 === 0) {
        check(set, model);
        snapshots.push([set, model.slice()]);
      }
    }
    check(set, model);
    for (const [old, m] of snapshots) check(old, m);
  });
});
