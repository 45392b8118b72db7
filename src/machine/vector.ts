/**
 * Persistent vectors, Clojure style: a 32-way trie of leaves plus a `tail`
 * leaf of up to 32 elements at the end. Index, `assoc` and `pop` are
 * O(log32 n); `conj` is O(1) amortised, since it only copies the tail until
 * the tail is full. Updates copy the path they change and share the rest, so
 * older vectors are never affected.
 *
 * Nodes are plain arrays: an inner node holds child nodes, a leaf holds
 * values. The trie is left-packed, so every leaf holds exactly 32 elements,
 * and `root` sits at depth `shift / 5` above the leaves.
 *
 * The tail array is shared by appends, as a Go slice's backing array is:
 * `conj` onto a vector whose tail array ends where the vector ends pushes
 * onto that array and shares it (O(1), nothing copied); the older vector
 * never reads past its own count, so it does not see the new element. A
 * second `conj` onto the same older vector finds the array longer than
 * itself and copies, as before. (Measured: 100k appends went from about
 * 120 ns to about 30 ns each.) Everything that reads the tail stops at
 * `count`.
 *
 * Why our own: measured with src/bench/collections.ts (Node 20.20, 2-vCPU
 * VM shared with other jobs; medians of 5 alternating runs), 100k `conj`s
 * then summing by index took 15-24 ms here against 40-58 ms with
 * immutable's List (ratio 0.3-0.5). On a quieter run the best times were
 * 7.3 ms against 13.3 ms for the conjs and 1.0 ms against 1.5 ms for the
 * 100k indexed reads.
 */
import { charge } from './heap-meter.js';
import { Kind, type LObject, type Meta, type Value } from './value.js';
import type { Edit } from './hamt-node.js';

/** A trie node: child nodes above the leaves, values in a leaf. */
type Node = unknown[];

const EMPTY_NODE: Node = [];
/** The empty vector's tail: never pushed onto (it is shared by every empty vector's first conj otherwise). */
const EMPTY_TAIL: Value[] = [];

/** A chain of single-child nodes from `level` down to `leaf`. */
function newPath(level: number, leaf: Node): Node {
  let node = leaf;
  for (; level > 0; level -= 5) node = [node];
  return node;
}

/** `parent` (at `level`) with the full `leaf` appended; `count` includes the leaf. */
function pushTail(count: number, level: number, parent: Node, leaf: Node): Node {
  const i = ((count - 1) >>> level) & 31;
  const ret = parent.slice();
  charge(16 + 8 * ret.length);
  if (level === 5) ret[i] = leaf;
  else ret[i] = i < parent.length ? pushTail(count, level - 5, parent[i] as Node, leaf) : newPath(level - 5, leaf);
  return ret;
}

/** `node` (at `level`) without its last leaf, or null once empty; `count` is before the pop. */
function popTail(count: number, level: number, node: Node): Node | null {
  const i = ((count - 2) >>> level) & 31;
  const child = level > 5 ? popTail(count, level - 5, node[i] as Node) : null;
  if (child === null && i === 0) return null;
  const ret = node.slice(0, i);
  if (child !== null) ret.push(child);
  return ret;
}

/** `node` (at `level`) with element `i` replaced by `v`. */
function assocIn(level: number, node: Node, i: number, v: Value): Node {
  const ret = node.slice();
  charge(16 + 8 * ret.length);
  if (level === 0) ret[i & 31] = v;
  else ret[(i >>> level) & 31] = assocIn(level - 5, node[(i >>> level) & 31] as Node, i, v);
  return ret;
}

/** A persistent vector; see the file header. */
export class Vector implements LObject {
  readonly kind = Kind.Vector;
  /** Cached hash; 0 until computed (see equality.ts). */
  _hash = 0;

  private constructor(
    private size: number,
    private shift: number,
    private root: Node,
    private tail: Value[],
    readonly meta: Meta = null,
    /** Bytes to charge: the tail by default (a shared tail, only what was added). */
    charged = 56 + 8 * tail.length,
    /** The bulk build that made this vector and may still append to it in place (see `conjUnder`). */
    private readonly edit: Edit = null,
  ) {
    // The tail; copied trie nodes are charged where they are copied (a bulk build in `from`).
    charge(charged);
  }

  /** The number of elements. */
  get count(): number {
    return this.size;
  }

  /** The empty vector. */
  static readonly EMPTY: Vector = new Vector(0, 5, EMPTY_NODE, EMPTY_TAIL);

  /** A vector of `items` (copied), built directly leaf by leaf. */
  static from(items: ArrayLike<Value>): Vector {
    const n = items.length;
    if (n === 0) return Vector.EMPTY;
    const tailOff = n <= 32 ? 0 : ((n - 1) >>> 5) << 5;
    charge(8 * tailOff);
    let nodes: Node[] = [];
    for (let i = 0; i < tailOff; i += 32) nodes.push(Array.prototype.slice.call(items, i, i + 32));
    let shift = 5;
    while (nodes.length > 32) {
      const parents: Node[] = [];
      for (let i = 0; i < nodes.length; i += 32) parents.push(nodes.slice(i, i + 32));
      nodes = parents;
      shift += 5;
    }
    return new Vector(n, shift, nodes, Array.prototype.slice.call(items, tailOff, n) as Value[]);
  }

  /** Index of the first element held in `tail`. */
  private tailOff(): number {
    return this.count <= 32 ? 0 : ((this.count - 1) >>> 5) << 5;
  }

  /** The leaf holding element `i`. */
  private leafFor(i: number): Value[] {
    if (i >= this.tailOff()) return this.tail;
    let node = this.root;
    for (let level = this.shift; level > 0; level -= 5) node = node[(i >>> level) & 31] as Node;
    return node as Value[];
  }

  /** Element `i`; the caller guarantees `0 <= i < count`. */
  get(i: number): Value {
    return this.leafFor(i)[i & 31];
  }

  /** The vector with `v` appended. */
  conj(v: Value): Vector {
    return this.conjUnder(null, v);
  }

  /**
   * `conj` for the only holder of this vector (js-linear.ts): a vector made
   * under the token `edit` is appended to in place rather than made again.
   */
  conjUnder(edit: Edit, v: Value): Vector {
    const n = this.count;
    const len = n - this.tailOff();
    const owned = edit !== null && this.edit === edit;
    if (len < 32) {
      let tail = this.tail;
      if (tail.length === len && tail !== EMPTY_TAIL) {
        tail.push(v); // the array ends where this vector ends: share it (see the header)
      } else {
        tail = new Array<Value>(len + 1);
        for (let i = 0; i < len; i++) tail[i] = this.tail[i];
        tail[len] = v;
      }
      if (!owned) return new Vector(n + 1, this.shift, this.root, tail, this.meta, tail === this.tail ? 64 : undefined, edit);
      charge(tail === this.tail ? 8 : 8 * tail.length);
      this.tail = tail;
      this.size = n + 1;
      return this;
    }
    let root: Node;
    let shift = this.shift;
    if (n >>> 5 > 1 << shift) {
      root = [this.root, newPath(shift, this.tail)];
      shift += 5;
    } else {
      root = pushTail(n, shift, this.root, this.tail);
    }
    if (!owned) return new Vector(n + 1, shift, root, [v], this.meta, undefined, edit);
    charge(24); // the new tail
    this.root = root;
    this.shift = shift;
    this.tail = [v];
    this.size = n + 1;
    return this;
  }

  /** The vector with element `i` replaced by `v` (`i === count` appends); `0 <= i <= count`. */
  assoc(i: number, v: Value): Vector {
    if (i === this.count) return this.conj(v);
    if (i >= this.tailOff()) {
      const tail = this.tail.slice(0, this.count - this.tailOff());
      tail[i & 31] = v;
      return new Vector(this.count, this.shift, this.root, tail, this.meta);
    }
    return new Vector(this.count, this.shift, assocIn(this.shift, this.root, i, v), this.tail, this.meta);
  }

  /** The vector without its last element (the empty vector stays empty). */
  pop(): Vector {
    const n = this.count;
    if (n <= 1) return n === 0 ? this : Vector.EMPTY.withMeta(this.meta);
    if (n - this.tailOff() > 1) return new Vector(n - 1, this.shift, this.root, this.tail.slice(0, n - 1 - this.tailOff()), this.meta);
    const tail = this.leafFor(n - 2);
    let root = popTail(n, this.shift, this.root) ?? EMPTY_NODE;
    let shift = this.shift;
    if (shift > 5 && root.length === 1) {
      root = root[0] as Node;
      shift -= 5;
    }
    return new Vector(n - 1, shift, root, tail, this.meta);
  }

  /** The elements as a fresh array. */
  toArray(): Value[] {
    return this.collect(0, this.count);
  }

  /** Elements `start` (inclusive) to `end` (exclusive), clamped to `[0, count]`. */
  slice(start = 0, end = this.count): Vector {
    start = Math.max(0, start);
    end = Math.min(this.count, end);
    if (start === 0 && end === this.count) return this;
    return end <= start ? Vector.EMPTY : Vector.from(this.collect(start, end));
  }

  /** Elements `start` to `end` (exclusive) as a fresh array, copied leaf by leaf. */
  private collect(start: number, end: number): Value[] {
    // Sized once (pushing grows the array by copying, measured twice as slow for 100k elements).
    const out = new Array<Value>(Math.max(0, end - start));
    let k = 0;
    for (let i = start; i < end; ) {
      const leaf = this.leafFor(i);
      const base = i - (i & 31);
      const stop = Math.min(end - base, leaf.length);
      for (let j = i - base; j < stop; j++) out[k++] = leaf[j];
      i = base + stop;
    }
    return out;
  }

  *[Symbol.iterator](): Generator<Value, void, undefined> {
    for (let i = 0; i < this.count; i += 32) {
      const leaf = this.leafFor(i);
      const stop = Math.min(leaf.length, this.count - i);
      for (let j = 0; j < stop; j++) yield leaf[j];
    }
  }

  /** The same elements with metadata `m` (shares all structure). */
  withMeta(m: Meta): Vector {
    return m === this.meta ? this : new Vector(this.count, this.shift, this.root, this.tail, m);
  }
}
