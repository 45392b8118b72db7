/**
 * Nodes of the hash array mapped trie (HAMT) behind large `PMap`s
 * (see hash-map.ts). Internal to the collections; not a Lonala value.
 *
 * Layout follows Clojure's PersistentHashMap:
 *
 * - `BitmapNode`: up to 32 slots selected by 5 bits of the key's hash; only
 *   the occupied slots are stored, as pairs in `arr`. A pair whose key is
 *   the `SUB` marker holds a child node in its value position (a marker,
 *   not `null`, because nil is a valid Lonala key).
 * - `ArrayNode`: a dense level (more than 16 occupied slots) as 32 child
 *   slots, so lookups index directly and updates copy 32 slots rather than
 *   up to 64; it packs back into a `BitmapNode` when it thins out.
 * - `CollisionNode`: keys whose full 32-bit hashes are equal, scanned
 *   linearly with `equals`.
 *
 * Every updating operation takes an `edit` token. Nodes created under a
 * non-null token belong to that bulk build and are updated in place while
 * it runs (the transient trick); with `null`, or on nodes owned by anybody
 * else, operations copy the path they change, so older maps never see the
 * change.
 */
import { charge } from './heap-meter.js';
import { Float, type Value } from './value.js';
import { equals, hash } from './equality.js';

/** Owner token of a bulk build; `null` for ordinary persistent updates. */
export type Edit = object | null;

/** Marks a pair of `BitmapNode.arr` whose value is a child node. */
const SUB = Symbol('sub-node');

/**
 * Set to true by `assoc` when it added a key (rather than replacing a
 * value). Callers reset it before each call; the operation never re-enters
 * map updates, so one shared flag is safe.
 */
export const added = { value: false };

/** Key equality of `=`, with the identity fast path first (##NaN stays unequal). */
export function keyEquals(a: Value, b: Value): boolean {
  return a === b ? !(a instanceof Float && a.value !== a.value) : equals(a, b);
}

/** Occupied slots above which a `BitmapNode` becomes an `ArrayNode`. */
const ARRAY_NODE_MIN = 16;
/** An `ArrayNode` left with fewer children than this packs back into a `BitmapNode`. */
const ARRAY_NODE_PACK = 8;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** A trie node; `findKey` looks keys up. */
export interface HNode {
  assoc(edit: Edit, shift: number, h: number, key: Value, val: Value): HNode;
  /** The node without `key`; `null` once empty. Always persistent. */
  without(shift: number, h: number, key: Value): HNode | null;
  forEach(fn: (v: Value, k: Value) => void): void;
  entries(): Generator<[Value, Value], void, undefined>;
}

/** A node with the two given entries, whose keys differ and share hash bits below `shift`. */
function pairNode(edit: Edit, shift: number, h1: number, k1: Value, v1: Value, h2: number, k2: Value, v2: Value): HNode {
  if (h1 === h2) return new CollisionNode(edit, h1, [k1, v1, k2, v2]);
  const b1 = (h1 >>> shift) & 31;
  const b2 = (h2 >>> shift) & 31;
  if (b1 === b2) return new BitmapNode(edit, 1 << b1, [SUB, pairNode(edit, shift + 5, h1, k1, v1, h2, k2, v2)]);
  return new BitmapNode(edit, (1 << b1) | (1 << b2), b1 < b2 ? [k1, v1, k2, v2] : [k2, v2, k1, v1]);
}

/**
 * The value of `key` (whose hash is `h`) under `root`, or `notFound`. One
 * loop down the levels rather than a call per node: a lookup is most of the
 * work of reading a large map, and the loop keeps it in one optimized frame.
 */
export function findKey(root: HNode, h: number, key: Value, notFound: Value | undefined): Value | undefined {
  let node = root;
  for (let shift = 0; ; shift += 5) {
    if (node instanceof ArrayNode) {
      const child = node.slots[(h >>> shift) & 31];
      if (child === null) return notFound;
      node = child;
    } else if (node instanceof BitmapNode) {
      const bitmap = node.bitmap;
      const bit = 1 << ((h >>> shift) & 31);
      if ((bitmap & bit) === 0) return notFound;
      const arr = node.arr;
      const i = 2 * popcount(bitmap & (bit - 1));
      const k = arr[i];
      if (k !== SUB) return keyEquals(key, k as Value) ? (arr[i + 1] as Value) : notFound;
      node = arr[i + 1] as HNode;
    } else {
      return (node as CollisionNode).find(h, key, notFound);
    }
  }
}

/** Sparse 32-way node; see the file header. */
export class BitmapNode implements HNode {
  /** The empty root; owned by nobody, so it is never mutated. */
  static readonly EMPTY = new BitmapNode(null, 0, []);

  constructor(readonly edit: Edit, public bitmap: number, readonly arr: unknown[]) {
    charge(40 + 8 * arr.length);
  }

  assoc(edit: Edit, shift: number, h: number, key: Value, val: Value): HNode {
    const bit = 1 << ((h >>> shift) & 31);
    const i = 2 * popcount(this.bitmap & (bit - 1));
    if ((this.bitmap & bit) === 0) {
      added.value = true;
      if (this.arr.length >= 2 * ARRAY_NODE_MIN) return this.spread(edit, shift, h, key, val);
      if (edit !== null && this.edit === edit) {
        charge(16); // the pair it grows by, as a copy would have been charged
        this.arr.splice(i, 0, key, val);
        this.bitmap |= bit;
        return this;
      }
      const n = this.arr.length;
      const arr = new Array<unknown>(n + 2);
      for (let j = 0; j < i; j++) arr[j] = this.arr[j];
      arr[i] = key;
      arr[i + 1] = val;
      for (let j = i; j < n; j++) arr[j + 2] = this.arr[j];
      return new BitmapNode(edit, this.bitmap | bit, arr);
    }
    const k = this.arr[i];
    const v = this.arr[i + 1];
    if (k === SUB) {
      const n = (v as HNode).assoc(edit, shift + 5, h, key, val);
      return n === v ? this : this.set(edit, i + 1, n);
    }
    if (keyEquals(key, k as Value)) return v === val ? this : this.set(edit, i + 1, val);
    added.value = true;
    const sub = pairNode(edit, shift + 5, hash(k as Value), k as Value, v as Value, h, key, val);
    const n = this.set(edit, i + 1, sub) as BitmapNode;
    n.arr[i] = SUB; // `n` is fresh or owned by `edit`
    return n;
  }

  /** An `ArrayNode` with this node's entries plus a new key. */
  private spread(edit: Edit, shift: number, h: number, key: Value, val: Value): ArrayNode {
    const slots = new Array<HNode | null>(32).fill(null);
    slots[(h >>> shift) & 31] = BitmapNode.EMPTY.assoc(edit, shift + 5, h, key, val);
    for (let b = 0, j = 0; b < 32; b++) {
      if (((this.bitmap >>> b) & 1) === 0) continue;
      const k = this.arr[j];
      const v = this.arr[j + 1];
      slots[b] = k === SUB ? (v as HNode) : BitmapNode.EMPTY.assoc(edit, shift + 5, hash(k as Value), k as Value, v as Value);
      j += 2;
    }
    return new ArrayNode(edit, this.arr.length / 2 + 1, slots);
  }

  /** This node with `arr[i] = x`: in place when owned by `edit`, else a copy. */
  private set(edit: Edit, i: number, x: unknown): HNode {
    if (edit !== null && this.edit === edit) {
      this.arr[i] = x;
      return this;
    }
    const arr = this.arr.slice();
    arr[i] = x;
    return new BitmapNode(edit, this.bitmap, arr);
  }

  without(shift: number, h: number, key: Value): HNode | null {
    const bit = 1 << ((h >>> shift) & 31);
    if ((this.bitmap & bit) === 0) return this;
    const i = 2 * popcount(this.bitmap & (bit - 1));
    const k = this.arr[i];
    if (k === SUB) {
      const child = this.arr[i + 1] as HNode;
      const n = child.without(shift + 5, h, key);
      if (n === child) return this;
      if (n !== null) return this.set(null, i + 1, n);
    } else if (!keyEquals(key, k as Value)) {
      return this;
    }
    if (this.bitmap === bit) return null;
    const arr = this.arr.slice(0, i);
    for (let j = i + 2; j < this.arr.length; j++) arr.push(this.arr[j]);
    return new BitmapNode(null, this.bitmap ^ bit, arr);
  }

  forEach(fn: (v: Value, k: Value) => void): void {
    const arr = this.arr;
    for (let i = 0; i < arr.length; i += 2) {
      if (arr[i] === SUB) (arr[i + 1] as HNode).forEach(fn);
      else fn(arr[i + 1] as Value, arr[i] as Value);
    }
  }

  *entries(): Generator<[Value, Value], void, undefined> {
    const arr = this.arr;
    for (let i = 0; i < arr.length; i += 2) {
      if (arr[i] === SUB) yield* (arr[i + 1] as HNode).entries();
      else yield [arr[i] as Value, arr[i + 1] as Value];
    }
  }
}

/** Dense 32-way node: `slots[i]` is the child for hash bits `i`, or null. */
class ArrayNode implements HNode {
  constructor(readonly edit: Edit, private used: number, readonly slots: (HNode | null)[]) {
    charge(40 + 8 * slots.length);
  }

  assoc(edit: Edit, shift: number, h: number, key: Value, val: Value): HNode {
    const i = (h >>> shift) & 31;
    const child = this.slots[i];
    if (child === null) return this.set(edit, i, BitmapNode.EMPTY.assoc(edit, shift + 5, h, key, val), this.used + 1);
    const n = child.assoc(edit, shift + 5, h, key, val);
    return n === child ? this : this.set(edit, i, n, this.used);
  }

  /** This node with `slots[i] = n`: in place when owned by `edit`, else a copy. */
  private set(edit: Edit, i: number, n: HNode | null, used: number): ArrayNode {
    if (edit !== null && this.edit === edit) {
      this.slots[i] = n;
      this.used = used;
      return this;
    }
    const slots = this.slots.slice();
    slots[i] = n;
    return new ArrayNode(edit, used, slots);
  }

  without(shift: number, h: number, key: Value): HNode | null {
    const i = (h >>> shift) & 31;
    const child = this.slots[i];
    if (child === null) return this;
    const n = child.without(shift + 5, h, key);
    if (n === child) return this;
    if (n !== null) return this.set(null, i, n, this.used);
    if (this.used > ARRAY_NODE_PACK) return this.set(null, i, null, this.used - 1);
    // Thinned out: back to a bitmap node of the remaining children.
    const arr: unknown[] = [];
    let bitmap = 0;
    for (let b = 0; b < 32; b++) {
      const c = this.slots[b];
      if (b === i || c === null) continue;
      arr.push(SUB, c);
      bitmap |= 1 << b;
    }
    return new BitmapNode(null, bitmap, arr);
  }

  forEach(fn: (v: Value, k: Value) => void): void {
    for (const c of this.slots) if (c !== null) c.forEach(fn);
  }

  *entries(): Generator<[Value, Value], void, undefined> {
    for (const c of this.slots) if (c !== null) yield* c.entries();
  }
}

/** Entries whose keys all have the hash `h`. */
class CollisionNode implements HNode {
  constructor(readonly edit: Edit, private readonly h: number, private readonly arr: Value[]) {
    charge(40 + 8 * arr.length);
  }

  private indexOf(key: Value): number {
    for (let i = 0; i < this.arr.length; i += 2) if (keyEquals(key, this.arr[i])) return i;
    return -1;
  }

  find(h: number, key: Value, notFound: Value | undefined): Value | undefined {
    if (h !== this.h) return notFound;
    const i = this.indexOf(key);
    return i < 0 ? notFound : this.arr[i + 1];
  }

  assoc(edit: Edit, shift: number, h: number, key: Value, val: Value): HNode {
    if (h !== this.h) {
      // A different hash: nest this node one level down, beside the new key.
      return new BitmapNode(edit, 1 << ((this.h >>> shift) & 31), [SUB, this]).assoc(edit, shift, h, key, val);
    }
    const i = this.indexOf(key);
    if (i >= 0 && this.arr[i + 1] === val) return this;
    const owned = edit !== null && this.edit === edit;
    const arr = owned ? this.arr : this.arr.slice();
    if (i >= 0) {
      arr[i + 1] = val;
    } else {
      added.value = true;
      if (owned) charge(16);
      arr.push(key, val);
    }
    return owned ? this : new CollisionNode(edit, h, arr);
  }

  without(_shift: number, h: number, key: Value): HNode | null {
    const i = h === this.h ? this.indexOf(key) : -1;
    if (i < 0) return this;
    if (this.arr.length === 2) return null;
    const arr = this.arr.slice();
    arr.splice(i, 2);
    return new CollisionNode(null, h, arr);
  }

  forEach(fn: (v: Value, k: Value) => void): void {
    for (let i = 0; i < this.arr.length; i += 2) fn(this.arr[i + 1], this.arr[i]);
  }

  *entries(): Generator<[Value, Value], void, undefined> {
    for (let i = 0; i < this.arr.length; i += 2) yield [this.arr[i], this.arr[i + 1]];
  }
}
