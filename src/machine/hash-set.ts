/**
 * Persistent hash sets: a `PMap` from each element to `true`, so they share
 * its behaviour (value equality, insertion order up to 8 elements, HAMT
 * above, structural sharing).
 */
import { Kind, type LObject, type Meta, type Value } from './value.js';
import { PMap } from './hash-map.js';

/** A persistent set of Lonala values. */
export class PSet implements LObject {
  readonly kind = Kind.Set;
  /** Cached hash; 0 until computed (see equality.ts). */
  _hash = 0;
  readonly count: number;

  private constructor(private readonly map: PMap, readonly meta: Meta = null) {
    this.count = map.count;
  }

  /** The empty set. */
  static readonly EMPTY: PSet = new PSet(PMap.EMPTY);

  /** A set of `items`; duplicates collapse to the first one. */
  static from(items: Iterable<Value>): PSet {
    const kvs: Value[] = [];
    for (const v of items) kvs.push(v, true);
    return kvs.length === 0 ? PSet.EMPTY : new PSet(PMap.fromFlat(kvs));
  }

  /** Whether `v` is an element. */
  has(v: Value): boolean {
    return this.map.has(v);
  }

  /** The set with `v` added; `this` when already present. */
  add(v: Value): PSet {
    const map = this.map.assoc(v, true);
    return map === this.map ? this : new PSet(map, this.meta);
  }

  /** The set without `v`; `this` when absent. */
  remove(v: Value): PSet {
    const map = this.map.dissoc(v);
    return map === this.map ? this : new PSet(map, this.meta);
  }

  /** Calls `fn` on each element, in iteration order. */
  forEach(fn: (v: Value) => void): void {
    this.map.forEach((_, k) => fn(k));
  }

  /** The elements, in iteration order (a fresh array). */
  values(): Value[] {
    return this.map.keys();
  }

  [Symbol.iterator](): Iterator<Value> {
    return this.map.keys()[Symbol.iterator]();
  }

  /** The same elements with metadata `m` (shares all structure). */
  withMeta(m: Meta): PSet {
    return m === this.meta ? this : new PSet(this.map, m);
  }
}
