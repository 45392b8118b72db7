/**
 * Value equality (`=`) and a hash consistent with it (LONALA.md section 2).
 *
 * - Collections are equal when they are the same kind with equal elements:
 *   a tuple never equals a list or a vector.
 * - Integers are equal across widths by value (42 = 42u8); their hashes agree.
 * - A float never equals an integer; ##NaN never equals itself.
 * - Regular expressions compare by their source text (so a printed one reads
 *   back equal; Clojure compares them by identity).
 * - Opaque objects (fns, vars, refs...) compare by identity.
 *
 * Both walk nested collections with an explicit work stack, so a deeply
 * nested value cannot overflow the JS stack; collections cache their hash.
 *
 * Walking big values is charged to the running thread (function.ts
 * `chargeReductions`): a reduction per element compared or hashed (~100-300
 * ns each here) and per 64 characters or bytes. A long comparison remembers the
 * pairs of collections it has compared, so values sharing their parts (a
 * tuple of the same tuple twice, thirty levels deep) compare in time
 * proportional to their size in memory, not to their printed size.
 */
import { Kind, type LObject, type Value, Float, Fixed, Ratio, Char, Sym, Keyword, Binary, Pid, RealmId, Address, Regex } from './value.js';
import { chargeReductions } from './function.js';
import { List } from './list.js';
import { Tuple } from './tuple.js';
import type { Vector } from './vector.js';
import type { PMap } from './hash-map.js';
import type { PSet } from './hash-set.js';
import type { LazySeq } from './lazy-seq.js';
import { END, SeqReader, collecting, fullyRealized, isCollecting, notCollecting, seqElements } from './lazy-walk.js';
import { current } from './current.js';

/** Integer value of a number-like integer (small int, bigint, fixed), else undefined. */
function integerOf(v: Value): number | bigint | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof Fixed) {
    const n = v.value;
    return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
  }
  return undefined;
}

/** Equality of two values that are not collections (or identical objects). */
function scalarEquals(a: Value, b: Value): boolean | undefined {
  if (a === b) return !(a instanceof Float && Number.isNaN(a.value));
  const ta = typeof a;
  if (ta !== 'object' || a === null) {
    if (typeof b === 'object' && b instanceof Fixed && (ta === 'number' || ta === 'bigint')) return integerOf(b) === a;
    return false;
  }
  if (typeof b !== 'object' || b === null) {
    if (a instanceof Fixed) return integerOf(a) === b;
    return false;
  }
  const oa = a as LObject;
  const ob = b as LObject;
  if (oa.kind !== ob.kind) return isSeq(oa) && isSeq(ob) ? undefined : false; // a lazy seq equals a list of the same elements
  switch (oa.kind) {
    case Kind.Float:
      return (a as Float).value === (b as Float).value;
    case Kind.Fixed:
      return (a as Fixed).value === (b as Fixed).value;
    case Kind.Ratio:
      return (a as Ratio).num === (b as Ratio).num && (a as Ratio).den === (b as Ratio).den;
    case Kind.Char:
      return (a as Char).code === (b as Char).code;
    case Kind.Symbol:
      return (a as Sym).name === (b as Sym).name && (a as Sym).ns === (b as Sym).ns;
    case Kind.Binary:
      return bytesEqual((a as Binary).bytes, (b as Binary).bytes);
    case Kind.Pid:
      return (a as Pid).realm === (b as Pid).realm && (a as Pid).local === (b as Pid).local;
    case Kind.RealmId:
      return (a as RealmId).id === (b as RealmId).id;
    case Kind.Address:
      return (a as Address).space === (b as Address).space && (a as Address).value === (b as Address).value;
    case Kind.Regex:
      return (a as Regex).source === (b as Regex).source;
    case Kind.List:
    case Kind.LazySeq:
    case Kind.Tuple:
    case Kind.Vector:
    case Kind.Map:
    case Kind.Set:
      return undefined; // collections: compared by the caller
    default:
      return false; // identity already checked
  }
}

function bytesEqual(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== y.length) return false;
  if (x.length >= 4096) chargeReductions(x.length >>> 6);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Value equality, the semantics of `=`. */
export function equals(a: Value, b: Value): boolean {
  const r = scalarEquals(a, b);
  if (r !== undefined) return r;
  // Lazy seqs inside that need realizing are asked for together (lazy-walk.ts), unless a difference decides it first.
  return current.thread === null || isCollecting() ? collectionsEqual(a, b) : collecting(() => collectionsEqual(a, b), (equal) => !equal);
}

/** Collections compared before the pairs compared are remembered (most comparisons never get there). */
const REMEMBER_AFTER = 4096;

function collectionsEqual(a: Value, b: Value): boolean {
  const work: Value[] = [a, b];
  let pairs = 0;
  let collections = 0;
  /** Each collection of `a`'s side with the one of `b`'s side it was last compared to. */
  let compared: Map<LObject, LObject> | null = null;
  let equal = true;
  while (work.length > 0) {
    const y = work.pop() as Value;
    const x = work.pop() as Value;
    pairs++;
    const s = scalarEquals(x, y);
    if (s === true) continue;
    if (s === false) {
      equal = false;
      break;
    }
    if (++collections > REMEMBER_AFTER) {
      // Already pushed once: its elements are (or were) compared; comparing it again adds nothing.
      if (compared === null) compared = new Map();
      if (compared.get(x as LObject) === y) continue;
      compared.set(x as LObject, y as LObject);
    }
    const before = work.length;
    if (!pushChildren(x as LObject, y as LObject, work)) {
      equal = false;
      break;
    }
    if (work.length === before && (x as LObject).kind === Kind.Set) pairs += (x as PSet).count; // members looked up, not pushed
  }
  if (pairs >= 16) chargeReductions(pairs);
  return equal;
}

/** Pushes pairs of children to compare; false if the shapes already differ. */
function pushChildren(x: LObject, y: LObject, work: Value[]): boolean {
  if ((x as { _hash?: number })._hash && (y as { _hash?: number })._hash &&
      (x as { _hash?: number })._hash !== (y as { _hash?: number })._hash) return false;
  if (x.kind !== y.kind || x.kind === Kind.LazySeq) return pushSeqs(x, y, work);
  switch (x.kind) {
    case Kind.List: {
      let l = x as List, m = y as List;
      if (l.size !== m.size) return false;
      for (; l.size > 0; l = l.tail, m = m.tail) work.push(l.head, m.head);
      return true;
    }
    case Kind.Tuple: {
      const p = (x as Tuple).items, q = (y as Tuple).items;
      if (p.length !== q.length) return false;
      for (let i = 0; i < p.length; i++) work.push(p[i], q[i]);
      return true;
    }
    case Kind.Vector: {
      const p = x as Vector, q = y as Vector;
      if (p.count !== q.count) return false;
      const pa = p.toArray(), qa = q.toArray();
      for (let i = 0; i < pa.length; i++) work.push(pa[i], qa[i]);
      return true;
    }
    case Kind.Map: {
      const p = x as PMap, q = y as PMap;
      if (p.count !== q.count) return false;
      let ok = true;
      p.forEach((v, k) => {
        if (!ok) return;
        const w = q.get(k, undefined);
        if (w === undefined) ok = false;
        else work.push(v, w);
      });
      return ok;
    }
    case Kind.Set: {
      const p = x as PSet, q = y as PSet;
      if (p.count !== q.count) return false;
      let ok = true;
      p.forEach((v) => { if (ok && !q.has(v)) ok = false; });
      return ok;
    }
  }
  return false;
}

const isSeq = (o: LObject): boolean => o.kind === Kind.List || o.kind === Kind.LazySeq;

/**
 * Pairs of elements of two sequences (lists or lazy seqs), read as they
 * are realized (lazy-walk.ts): false as soon as one ends before the other,
 * so an infinite sequence is unequal to a finite list without realizing it
 * all. On the host a part not realized yet compares by identity.
 */
function pushSeqs(x: LObject, y: LObject, work: Value[]): boolean {
  const a = new SeqReader(x), b = new SeqReader(y);
  for (;;) {
    const p = a.next(), q = b.next();
    if (p === END || q === END) {
      // Collecting (in a thread): a part not realized yet is undecided, asked for once the walk ends.
      if (isCollecting() && (a.pending !== null || b.pending !== null)) return true;
      return p === q && a.pending === b.pending;
    }
    work.push(p, q);
  }
}

// ---------------------------------------------------------------- hashing

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, n: number): number {
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export function hashString(s: string): number {
  if (s.length >= 4096) chargeReductions(s.length >>> 6);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h | 0;
}

const HUGE = 1n << 1023n;

function hashInteger(n: number | bigint): number {
  if (typeof n === 'number') {
    // A 32-bit integer is its own hash, as in ClojureScript: keys that are
    // near in value share trie nodes, so a map keyed by counters is dense
    // (full ArrayNodes) and walked with few cache misses. Equal hashes still
    // need equal values, so this adds no collisions.
    if ((n | 0) === n) return n;
    return finish(mix(mix(0, n % 4294967296 | 0), Math.floor(n / 4294967296) | 0), 8);
  }
  if (n < HUGE && n > -HUGE) return hashString(n.toString()) ^ 0x5bd1e995;
  // Past 2^1023 from its hex digits: decimal conversion is superlinear (seconds for 2^24 bits), hex is linear.
  const hex = n.toString(16);
  chargeReductions(hex.length >>> 4);
  return hashString(hex) ^ 0x6c078965;
}

let nextIdentityHash = 1;
const identityHashes = new WeakMap<object, number>();

function identityHash(o: object): number {
  let h = identityHashes.get(o);
  if (h === undefined) {
    h = finish(nextIdentityHash++, 0);
    identityHashes.set(o, h);
  }
  return h;
}

type Hashed = { _hash: number };

/** A hash consistent with `equals`. Collections cache theirs in `_hash`. */
export function hash(v: Value): number {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return hashInteger(v);
    case 'string':
      return hashString(v) ^ 0x2f;
    case 'boolean':
      return v ? 1231 : 1237;
  }
  if (v === null) return 0;
  const o = v as LObject;
  switch (o.kind) {
    case Kind.Fixed:
      return hashInteger(integerOf(v) as number | bigint);
    case Kind.Float:
      return hashString(String((v as Float).value)) ^ 0x3f;
    case Kind.Ratio:
      return mix(hashInteger((v as Ratio).num), hashInteger((v as Ratio).den));
    case Kind.Char:
      return finish(mix(0x63, (v as Char).code), 1);
    case Kind.Symbol:
      return hashString((v as Sym).fullName) ^ 0x5a5a;
    case Kind.Keyword: {
      const k = v as Keyword;
      if (k._hash === 0) k._hash = (hashString(k.fullName) ^ 0x4b4b) || 1;
      return k._hash;
    }
    case Kind.Binary: {
      let h = 0x42;
      if ((v as Binary).bytes.length >= 4096) chargeReductions((v as Binary).bytes.length >>> 5);
      for (const b of (v as Binary).bytes) h = mix(h, b);
      return finish(h, (v as Binary).bytes.length);
    }
    case Kind.Pid:
      return finish(mix(mix(0x9, (v as Pid).realm), (v as Pid).local), 2);
    case Kind.RealmId:
      return finish(mix(0x11, (v as RealmId).id), 1);
    case Kind.Address:
      return hashInteger((v as Address).value) ^ ((v as Address).space === 'paddr' ? 0x100 : 0x200);
    case Kind.Regex:
      return hashString((v as Regex).source) ^ 0x7e7e;
    case Kind.LazySeq: // on the host, one not realized yet hashes by identity (and compares so)
      if (current.thread === null && !fullyRealized(v)) return identityHash(o);
    // falls through
    case Kind.List:
    case Kind.Tuple:
    case Kind.Vector:
    case Kind.Map:
    case Kind.Set: {
      const c = v as unknown as Hashed;
      if (c._hash === 0) {
        if (isCollecting()) notCollecting(() => hashBottomUp(o)); // cached: made from every element, never from what is realized so far
        else hashBottomUp(o);
      }
      return c._hash;
    }
    default:
      return identityHash(o);
  }
}

const isCollection = (v: Value): v is LObject => {
  if (typeof v !== 'object' || v === null) return false;
  const k = (v as LObject).kind;
  return k === Kind.List || k === Kind.Tuple || k === Kind.Vector || k === Kind.Map || k === Kind.Set || k === Kind.LazySeq;
};

/** A lazy seq not realized to its end, met on the host: hashed by identity, never cached. */
const unrealizedOnHost = (c: LObject): boolean => c.kind === Kind.LazySeq && current.thread === null && !fullyRealized(c);

function children(o: LObject): Value[] {
  switch (o.kind) {
    case Kind.List: return (o as List).toArray();
    case Kind.LazySeq: return seqElements(o as LazySeq) ?? []; // realized to its end (or asks for it)
    case Kind.Tuple: return (o as Tuple).items;
    case Kind.Vector: return (o as Vector).toArray();
    case Kind.Map: {
      const out: Value[] = [];
      (o as PMap).forEach((v, k) => out.push(k, v));
      return out;
    }
    default: return (o as PSet).values();
  }
}

/**
 * Hashes `root` and every collection in it not hashed yet, innermost first
 * with an explicit stack, so each `collectionHash` finds its children's
 * hashes cached and the JS stack stays shallow however deep the value is.
 */
function hashBottomUp(root: LObject): void {
  const stack: LObject[] = [root];
  const opened: boolean[] = [false];
  let walked = 0;
  while (stack.length > 0) {
    const top = stack.length - 1;
    const o = stack[top];
    if ((o as unknown as Hashed)._hash !== 0) {
      stack.pop();
      opened.pop();
    } else if (!opened[top]) {
      opened[top] = true;
      const cs = children(o);
      walked += cs.length;
      for (const c of cs) {
        if (isCollection(c) && (c as unknown as Hashed)._hash === 0 && !unrealizedOnHost(c)) {
          stack.push(c);
          opened.push(false);
        }
      }
    } else {
      (o as unknown as Hashed)._hash = collectionHash(o) || 1;
      stack.pop();
      opened.pop();
    }
  }
  if (walked >= 16) chargeReductions(walked); // children() once, collectionHash once more
}

function orderedHash(seed: number, items: Iterable<Value>): number {
  let h = seed, n = 0;
  for (const x of items) { h = mix(h, hash(x)); n++; }
  return finish(h, n);
}

function collectionHash(o: LObject): number {
  switch (o.kind) {
    case Kind.List: return orderedHash(0x1, o as List);
    case Kind.LazySeq: return orderedHash(0x1, seqElements(o as LazySeq) ?? []); // as a list of its elements
    case Kind.Tuple: return orderedHash(0x2, (o as Tuple).items);
    case Kind.Vector: return orderedHash(0x3, (o as Vector).toArray());
    case Kind.Map: {
      let h = 0;
      (o as PMap).forEach((v, k) => { h = (h + (hash(k) ^ hash(v))) | 0; });
      return finish(mix(0x4, h), (o as PMap).count);
    }
    default: {
      let h = 0;
      (o as PSet).forEach((v) => { h = (h + hash(v)) | 0; });
      return finish(mix(0x5, h), (o as PSet).count);
    }
  }
}
