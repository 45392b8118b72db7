/**
 * Persistent hash maps keyed by Lonala value equality (`equals`/`hash` of
 * equality.ts), with structural sharing.
 *
 * Two representations, as in Clojure:
 *
 * - up to 8 entries, a flat array `[k0, v0, k1, v1, ...]` scanned linearly
 *   (an "array map"); it keeps insertion order, and needs no hashing;
 * - above that, a HAMT (hamt-node.ts), iterated in hash order. A HAMT map
 *   stays one when entries are removed, as in Clojure.
 *
 * Lookups of keywords, strings, booleans and nil in an array map compare by
 * identity only (that is what `=` means for them); integers also
 * check for an equal fixed-width key.
 *
 * Why our own: measured with src/bench/collections.ts (Node 20.20, 2-vCPU
 * VM shared with other jobs; medians of 5 alternating runs), 100k `assoc`s
 * of int keys then 100k lookups ran at a ratio of 0.75-0.9 against
 * immutable's Map (e.g. 153 ms against 192 ms; mostly GC of the copied
 * paths). Keyword lookups in a 6-entry map took ~20 ns against ~86 ns, and
 * `assoc` on it ~88 ns against ~152 ns. Since integers hash to themselves
 * (equality.ts) the 100k int-key run is 0.57 of immutable's time.
 */
import { charge } from './heap-meter.js';
import { Kind, type LObject, type Meta, type Value } from './value.js';
import { hash } from './equality.js';
import { BitmapNode, added, findKey, keyEquals, type Edit, type HNode } from './hamt-node.js';

/** Largest number of entries kept as an insertion-ordered array map. */
const ARRAY_MAP_MAX = 8;

/** Index of `key` in the flat array `kvs` (keys at even indexes), or -1. */
function indexOfKey(kvs: Value[], key: Value): number {
  const n = kvs.length;
  switch (typeof key) {
    case 'string':
    case 'boolean':
      for (let i = 0; i < n; i += 2) if (kvs[i] === key) return i;
      return -1;
    case 'number':
    case 'bigint':
      for (let i = 0; i < n; i += 2) {
        const k = kvs[i];
        if (k === key || (typeof k === 'object' && k !== null && k.kind === Kind.Fixed && keyEquals(key, k))) return i;
      }
      return -1;
  }
  if (key === null || (key as LObject).kind === Kind.Keyword) {
    for (let i = 0; i < n; i += 2) if (kvs[i] === key) return i;
    return -1;
  }
  for (let i = 0; i < n; i += 2) if (keyEquals(key, kvs[i])) return i;
  return -1;
}

/** A HAMT root holding the entries of the flat array `kvs`, owned by `edit`. */
function hamtOf(edit: Edit, kvs: Value[]): HNode {
  let root: HNode = BitmapNode.EMPTY;
  for (let i = 0; i < kvs.length; i += 2) root = root.assoc(edit, 0, hash(kvs[i]), kvs[i], kvs[i + 1]);
  return root;
}

/** A persistent map; see the file header. */
export class PMap implements LObject {
  readonly kind = Kind.Map;
  /** Cached hash; 0 until computed (see equality.ts). */
  _hash = 0;

  /** Exactly one of `kvs` (array map) and `root` (HAMT) is non-null. */
  private constructor(
    private size: number,
    private readonly kvs: Value[] | null,
    private root: HNode | null,
    readonly meta: Meta = null,
    /** The bulk build that made this HAMT map and may still update it in place (see `assocUnder`). */
    private readonly edit: Edit = null,
  ) {
    // A small map copies its pairs; a HAMT update copies a path of nodes (charged there).
    charge(48 + (kvs === null ? 0 : 8 * kvs.length));
  }

  /** The number of entries. */
  get count(): number {
    return this.size;
  }

  /** The empty map. */
  static readonly EMPTY: PMap = new PMap(0, [], null);

  /** A map of the given pairs; later duplicate keys win. */
  static fromEntries(pairs: Iterable<[Value, Value]>): PMap {
    const kvs: Value[] = [];
    for (const [k, v] of pairs) kvs.push(k, v);
    return PMap.fromFlat(kvs);
  }

  /**
   * A map of `k1 v1 k2 v2 ...`; later duplicate keys win, and a small
   * map keeps the order in which keys first appear. Built in place, without
   * intermediate maps. A trailing odd key is ignored.
   */
  static fromFlat(kvs: ArrayLike<Value>): PMap {
    const small: Value[] = [];
    let i = 0;
    for (; i + 1 < kvs.length; i += 2) {
      const j = indexOfKey(small, kvs[i]);
      if (j >= 0) small[j + 1] = kvs[i + 1];
      else if (small.length < 2 * ARRAY_MAP_MAX) small.push(kvs[i], kvs[i + 1]);
      else break;
    }
    if (i + 1 >= kvs.length) return small.length === 0 ? PMap.EMPTY : new PMap(small.length / 2, small, null);
    const edit = {};
    let root = hamtOf(edit, small);
    let count = ARRAY_MAP_MAX;
    for (; i + 1 < kvs.length; i += 2) {
      added.value = false;
      root = root.assoc(edit, 0, hash(kvs[i]), kvs[i], kvs[i + 1]);
      if (added.value) count++;
    }
    return new PMap(count, null, root);
  }

  /** The value of `k`, or `notFound` when `k` is absent (a nil value is returned as nil). */
  get(k: Value, notFound?: Value | undefined): Value | undefined {
    const kvs = this.kvs;
    if (kvs !== null) {
      const i = indexOfKey(kvs, k);
      return i < 0 ? notFound : kvs[i + 1];
    }
    return findKey(this.root as HNode, hash(k), k, notFound);
  }

  /** Whether `k` is a key of this map. */
  has(k: Value): boolean {
    if (this.kvs !== null) return indexOfKey(this.kvs, k) >= 0;
    return this.get(k, undefined) !== undefined;
  }

  /** The map with `k` mapped to `v`; `this` when that is already so. */
  assoc(k: Value, v: Value): PMap {
    return this.assocUnder(null, k, v);
  }

  /**
   * `assoc` for the only holder of this map (js-linear.ts): trie nodes made
   * under the token `edit` are updated in place rather than copied.
   */
  assocUnder(edit: Edit, k: Value, v: Value): PMap {
    const kvs = this.kvs;
    if (kvs !== null) {
      const i = indexOfKey(kvs, k);
      if (i >= 0) {
        if (kvs[i + 1] === v) return this;
        const copy = kvs.slice();
        copy[i + 1] = v;
        return new PMap(this.count, copy, null, this.meta);
      }
      if (this.count < ARRAY_MAP_MAX) {
        const copy = kvs.slice();
        copy.push(k, v);
        return new PMap(this.count + 1, copy, null, this.meta);
      }
      const owner = edit ?? {};
      const root = hamtOf(owner, kvs).assoc(owner, 0, hash(k), k, v);
      return new PMap(this.count + 1, null, root, this.meta, edit);
    }
    added.value = false;
    const root = (this.root as HNode).assoc(edit, 0, hash(k), k, v);
    if (edit !== null && this.edit === edit) {
      // Made by this build, whose holder is the only one: updated in place, as its nodes are.
      this.root = root;
      if (added.value) this.size++;
      return this;
    }
    if (root === this.root && !added.value && edit === null) return this;
    return new PMap(added.value ? this.count + 1 : this.count, null, root, this.meta, edit);
  }

  /** The map without `k`; `this` when `k` is absent. */
  dissoc(k: Value): PMap {
    const kvs = this.kvs;
    if (kvs !== null) {
      const i = indexOfKey(kvs, k);
      if (i < 0) return this;
      const copy = kvs.slice();
      copy.splice(i, 2);
      return new PMap(this.count - 1, copy, null, this.meta);
    }
    const root = (this.root as HNode).without(0, hash(k), k);
    if (root === this.root) return this;
    return root === null ? PMap.EMPTY.withMeta(this.meta) : new PMap(this.count - 1, null, root, this.meta);
  }

  /** Calls `fn(value, key)` for each entry, in iteration order. */
  forEach(fn: (v: Value, k: Value) => void): void {
    const kvs = this.kvs;
    if (kvs === null) {
      (this.root as HNode).forEach(fn);
      return;
    }
    for (let i = 0; i < kvs.length; i += 2) fn(kvs[i + 1], kvs[i]);
  }

  /** The `[key, value]` pairs, in iteration order. */
  *entries(): IterableIterator<[Value, Value]> {
    const kvs = this.kvs;
    if (kvs === null) {
      yield* (this.root as HNode).entries();
      return;
    }
    for (let i = 0; i < kvs.length; i += 2) yield [kvs[i], kvs[i + 1]];
  }

  /** The keys, in iteration order (a fresh array). */
  keys(): Value[] {
    if (this.kvs !== null) return this.kvs.filter((_, i) => (i & 1) === 0);
    const out: Value[] = [];
    this.forEach((_, k) => out.push(k));
    return out;
  }

  /** The values, in iteration order (a fresh array). */
  values(): Value[] {
    if (this.kvs !== null) return this.kvs.filter((_, i) => (i & 1) === 1);
    const out: Value[] = [];
    this.forEach((v) => out.push(v));
    return out;
  }

  /** The same entries with metadata `m` (shares all structure). */
  withMeta(m: Meta): PMap {
    return m === this.meta ? this : new PMap(this.count, this.kvs, this.root, m);
  }
}
