/**
 * Collection intrinsics (LONALA.md section 2, lona.core "Collections"):
 * counting, indexed and keyed access, the per-type updates (`prepend` on
 * lists, `append` on vectors and tuples, `put` on maps, `set-add` on sets),
 * constructors and conversions. Functions answering with lists (`first`,
 * `rest`, `concat`...) are in sequences.ts.
 *
 * Notes: `count`/`nth` count code points in strings; `nth` out of range is
 * `:out-of-bounds` unless given a not-found, and `get` gives nil (or the
 * default) for anything it cannot look into, both as in Clojure.
 * `contains?` asks a map for a key and a set for a member (Clojure); on a
 * vector, tuple or string it stays the type error the language's reference
 * asserts, with a message saying what to use (docs/clojure-parity.md).
 *
 * Work over many elements or characters is charged by its size (charge.ts).
 */
import {
  Kind, Char, Fault, Keyword, Sym, type Binary, type Meta, type Value, List, Tuple, Vector, PMap, PSet,
  LazySeq, LazyState, SeqReader, END, force, type Source,
} from '../../machine/index.js';
import { badarg, outOfBounds, typeError } from './args.js';
import { intArg, isKind } from './predicates.js';
import { codePointCount, elements, unitOffset } from './sequences.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { chargeCopies, chargeElements, chargeText } from './charge.js';

/** Bulk work (proportional to a collection's size) is charged more. */
const BULK = 4;

/** Number of elements of `coll` (see `count`); `:type-error` from `fn` otherwise. */
function sizeOf(fn: string, coll: Value): number {
  if (typeof coll === 'object') {
    if (coll === null) return 0;
    switch (coll.kind) {
      case Kind.List: return (coll as List).size;
      case Kind.Tuple: return (coll as Tuple).items.length;
      case Kind.Vector: return (coll as Vector).count;
      case Kind.Map: return (coll as PMap).count;
      case Kind.Set: return (coll as PSet).count;
      case Kind.Binary: return (coll as Binary).bytes.length;
      case Kind.LazySeq: return countLazy(coll as LazySeq);
    }
  } else if (typeof coll === 'string') {
    chargeText(2 * coll.length); // ~4 ns a character
    return codePointCount(coll);
  }
  return typeError(fn, 'collection', coll);
}

/**
 * The number of elements of a lazy seq: its realized runs, then a range
 * or repeat counted without realizing it (O(1)), else realized to its end
 * (all of it asked for at once when Lonala work is needed).
 */
function countLazy(seq: LazySeq): number {
  let n = 0, cells = 0;
  let c: Value = seq;
  while (c instanceof LazySeq) {
    if (c.state < LazyState.Cell) {
      const known = c.state === LazyState.Source ? (c.pending as Source).count() : undefined;
      if (known !== undefined) return n + known;
      force(c, Infinity);
    }
    if (c.state === LazyState.Empty) break;
    n += c.run;
    cells++;
    c = c.more;
  }
  chargeCopies(cells);
  return c instanceof List ? n + c.size : n;
}

/** `(count coll)`: hot. */
export const count = (coll: Value): number => sizeOf('count', coll);

/** `(nth coll i)`/`(nth coll i not-found)`: hot. */
export function nth(coll: Value, index: Value, notFound?: Value): Value {
  // The hot case first: an index into a vector.
  if (coll instanceof Vector && typeof index === 'number' && index >= 0 && index < coll.count) return coll.get(index);
  const i = typeof index === 'number' ? index : intArg('nth', index);
  const nf = notFound === undefined ? NOT_FOUND : notFound;
  const x = nthOr(coll, i, nf);
  return x === NOT_FOUND ? outOfBounds('nth', i, sizeOf('nth', coll)) : x;
}

/** Marks "no element" inside nth (no Lonala value can be it), so that only nth's two-argument form faults. */
const NOT_FOUND = Symbol('not-found') as unknown as Value;

function nthOr(coll: Value, i: number, nf: Value): Value {
  if (typeof coll === 'object') {
    if (coll === null) return null;
    switch (coll.kind) {
      case Kind.Tuple: {
        const items = (coll as Tuple).items;
        return i >= 0 && i < items.length ? items[i] : nf;
      }
      case Kind.Vector:
        return i >= 0 && i < (coll as Vector).count ? (coll as Vector).get(i) : nf;
      case Kind.List: {
        let l = coll as List;
        if (i < 0 || i >= l.size) return nf;
        chargeCopies(i);
        for (let k = 0; k < i; k++) l = l.tail;
        return l.head;
      }
    }
    switch (coll.kind) {
      case Kind.LazySeq: {
        if (i < 0) return nf;
        const r = new SeqReader(coll, i + 1);
        let x: Value | typeof END = END;
        for (let k = 0; k <= i && (x = r.next()) !== END; k++);
        chargeCopies(i);
        return x === END ? nf : x;
      }
      case Kind.Binary: {
        const bytes = (coll as Binary).bytes;
        return i >= 0 && i < bytes.length ? bytes[i] : nf;
      }
    }
  } else if (typeof coll === 'string') {
    if (i < 0) return nf;
    chargeText(i);
    const at = unitOffset(coll, i);
    return at < 0 || at >= coll.length ? nf : Char.of(coll.codePointAt(at) as number);
  }
  return typeError('nth', 'sequential', coll);
}

/** `(contains? coll key)`: a key of a map, a member of a set; anything else says what to use instead. */
function contains(coll: Value, key: Value): boolean {
  if (isKind(coll, Kind.Map)) return (coll as PMap).has(key);
  if (isKind(coll, Kind.Set)) return (coll as PSet).has(key);
  const indexed = typeof coll === 'string' || isKind(coll, Kind.Vector) || isKind(coll, Kind.Tuple) || isKind(coll, Kind.List);
  const message = indexed ? 'contains? takes a map or a set; for an index of a vector, tuple or string use ' +
      '(< -1 i (count v)), for a member (some #{x} coll)'
    : 'contains? takes a map or a set';
  throw new Fault('type-error', { fn: Sym.of('contains?', 'lona.core'), expected: Keyword.of('map'), value: coll, message });
}

/** `(get coll key)`/`(get coll key default)`: hot. */
export function get(coll: Value, key: Value, dflt?: Value): Value {
  const nf = dflt === undefined ? null : dflt;
  if (typeof coll !== 'object' || coll === null) return nf;
  switch (coll.kind) {
    case Kind.Map: {
      const v = (coll as PMap).get(key);
      return v === undefined ? nf : v;
    }
    case Kind.Set:
      return (coll as PSet).has(key) ? key : nf;
    case Kind.Vector:
    case Kind.Tuple:
      return typeof key === 'number' ? nth(coll, key, nf) : nf;
  }
  return nf;
}

/** `(append c x)`; in place on a vector its own bulk build `edit` made (js-linear.ts). */
function append(edit: object | null, c: Value, x: Value): Value {
  if (isKind(c, Kind.Vector)) return (c as Vector).conjUnder(edit, x);
  if (isKind(c, Kind.Tuple)) {
    chargeCopies((c as Tuple).items.length);
    return new Tuple([...(c as Tuple).items, x], (c as Tuple).meta);
  }
  return typeError('append', 'vector', c);
}

/** `(assoc c k1 v1 k2 v2 ...)`, the pairs applied in order. */
function assocAll(c: Value, kvs: Value[]): Value {
  if ((kvs.length & 1) === 1) return badarg('assoc', [c, ...kvs]);
  chargeElements(kvs.length + 1);
  for (let i = 0; i < kvs.length; i += 2) c = assoc1(c, kvs[i], kvs[i + 1]);
  return c;
}

/** One `assoc` step on a map (or nil), vector or tuple. */
function assoc1(coll: Value, k: Value, v: Value): Value {
  if (coll === null) return PMap.EMPTY.assoc(k, v);
  if (typeof coll === 'object') {
    switch (coll.kind) {
      case Kind.Map:
        return (coll as PMap).assoc(k, v);
      case Kind.Vector: {
        const vec = coll as Vector;
        const i = intArg('assoc', k);
        if (i < 0 || i > vec.count) return outOfBounds('assoc', k, vec.count);
        return vec.assoc(i, v);
      }
      case Kind.Tuple: {
        const t = coll as Tuple;
        const i = intArg('assoc', k);
        if (i < 0 || i >= t.items.length) return outOfBounds('assoc', k, t.items.length);
        chargeCopies(t.items.length);
        const items = t.items.slice();
        items[i] = v;
        return new Tuple(items, t.meta);
      }
    }
  }
  return typeError('assoc', 'associative', coll);
}

/** A map argument; nil counts as the empty map. */
const mapArg = (fn: string, m: Value): PMap =>
  m === null ? PMap.EMPTY : isKind(m, Kind.Map) ? (m as PMap) : typeError(fn, 'map', m);

/** A set argument; nil counts as the empty set. */
const setArg = (fn: string, s: Value): PSet =>
  s === null ? PSet.EMPTY : isKind(s, Kind.Set) ? (s as PSet) : typeError(fn, 'set', s);

/** A variadic constructor `(name & items)`, charged per item made (or per 8 copied: `copies`). */
const ctor = (name: string, doc: string, make: (items: Value[]) => Value, copies = false): Intrinsic =>
  intrinsic({
    name, arglists: '([& items])', min: 0, max: Infinity, cost: BULK, doc,
    impl: (...items) => {
      if (copies) chargeCopies(items.length);
      else chargeElements(items.length);
      return make(items);
    },
  });

/** `empty` of a kind, keeping the original's metadata. */
function emptyLike<T extends { withMeta(m: Meta): T }>(e: T, meta: Meta): T {
  return meta === null ? e : e.withMeta(meta);
}

export const collectionIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'count', arglists: '([coll])', min: 1, max: 1,
    doc: 'Number of elements of a list, tuple, vector, map, set or lazy seq (realizing it; a range is counted ' +
      'without); code points of a string; bytes of a binary; 0 for nil.',
    impl: count,
  }),
  intrinsic({
    name: 'nth', arglists: '([coll index] [coll index not-found])', min: 2, max: 3,
    doc: 'Element at index of a tuple, vector, list or lazy seq (a character of a string, a byte of a ' +
      'binary). Out of range it gives not-found when given one and is :out-of-bounds otherwise; nil for nil. ' +
      'O(index) on lists, lazy seqs and strings.',
    impl: nth,
  }),
  intrinsic({
    name: 'get', arglists: '([coll key] [coll key default])', min: 2, max: 3,
    doc: 'Value of key in a map, element at an index of a vector or tuple, or the member of a set; ' +
      'default (nil) when absent, or when coll is nil or not a collection.',
    impl: get,
  }),
  intrinsic({
    name: 'contains?', arglists: '([coll key])', min: 2, max: 2,
    doc: 'True if a map has key (even when its value is nil), or a set has key as a member. On a vector, ' +
      'tuple or string, unlike Clojure, a type error (the language reference), whose message says what to use: ' +
      '(< -1 i (count v)) for an index, (some #{x} coll) for a member of any collection.',
    impl: contains,
  }),
  intrinsic({
    name: 'keys', arglists: '([map])', min: 1, max: 1, cost: BULK,
    doc: 'The keys of a map as a list (() when empty or nil).',
    impl: (m) => {
      const map = mapArg('keys', m);
      chargeElements(map.count);
      return List.from(map.keys());
    },
  }),
  intrinsic({
    name: 'vals', arglists: '([map])', min: 1, max: 1, cost: BULK,
    doc: 'The values of a map as a list (() when empty or nil), in the order of keys.',
    impl: (m) => {
      const map = mapArg('vals', m);
      chargeElements(map.count);
      return List.from(map.values());
    },
  }),
  intrinsic({
    name: 'empty?', arglists: '([coll])', min: 1, max: 1,
    doc: 'True if coll has no elements: nil, an empty collection, "" or an empty binary.',
    impl: (coll) => {
      if (typeof coll === 'string') return coll.length === 0;
      if (coll instanceof LazySeq) return force(coll).state === LazyState.Empty; // realizes the first element, not all
      return sizeOf('empty?', coll) === 0;
    },
  }),
  intrinsic({
    name: 'prepend', arglists: '([list x])', min: 2, max: 2,
    doc: 'The list with x in front (O(1)); nil counts as the empty list; onto a lazy seq, the seq of x then it (O(1), as cons).',
    impl: (l, x) => (l instanceof LazySeq ? LazySeq.cell(x, l)
      : (l === null ? List.EMPTY : isKind(l, Kind.List) ? (l as List) : typeError('prepend', 'list', l)).prepend(x)),
  }),
  intrinsic({
    name: 'append', arglists: '([coll x])', min: 2, max: 2,
    doc: 'A vector with x at the end (O(1)), or a new tuple one longer (O(n)).',
    impl: (c, x) => append(null, c, x),
    linear: append,
  }),
  intrinsic({
    name: 'put', arglists: '([map key val])', min: 3, max: 3,
    doc: 'The map with key mapped to val; nil counts as the empty map.',
    impl: (m, k, v) => mapArg('put', m).assoc(k, v),
    linear: (edit, m, k, v) => mapArg('put', m).assocUnder(edit, k, v),
  }),
  intrinsic({
    name: 'assoc', arglists: '([coll key val & kvs])', min: 3, max: Infinity,
    doc: 'Maps (and nil): key mapped to val. Vectors: element at index replaced, index = count appends. ' +
      'Tuples: element at index replaced. Several key/val pairs apply in order.',
    impl: (c, ...kvs) => assocAll(c, kvs),
    linear: (edit, c, ...kvs) => {
      if (kvs.length !== 2 || !isKind(c, Kind.Map)) return assocAll(c, kvs);
      chargeElements(3);
      return (c as PMap).assocUnder(edit, kvs[0], kvs[1]);
    },
  }),
  intrinsic({
    name: 'dissoc', arglists: '([map & keys])', min: 1, max: Infinity,
    doc: 'The map without the given keys (absent keys are ignored); nil stays nil.',
    impl: (m, ...ks) => {
      chargeElements(ks.length);
      return m === null ? null : ks.reduce((out: PMap, k) => out.dissoc(k), mapArg('dissoc', m));
    },
  }),
  intrinsic({
    name: 'set-add', arglists: '([set x])', min: 2, max: 2,
    doc: 'The set with x added; nil counts as the empty set.',
    impl: (s, x) => setArg('set-add', s).add(x),
  }),
  intrinsic({
    name: 'set-remove', arglists: '([set x])', min: 2, max: 2,
    doc: 'The set without x; nil stays nil.',
    impl: (s, x) => (s === null ? null : setArg('set-remove', s).remove(x)),
  }),
  intrinsic({
    name: 'disj', arglists: '([set & xs])', min: 1, max: Infinity,
    doc: 'The set without any of xs; nil stays nil.',
    impl: (s, ...xs) => {
      chargeElements(xs.length);
      return s === null ? null : xs.reduce((out: PSet, x) => out.remove(x), setArg('disj', s));
    },
  }),
  ctor('list', 'A list of the arguments.', (items) => List.from(items)),
  ctor('tuple', 'A tuple of the arguments.', (items) => (items.length === 0 ? Tuple.EMPTY : new Tuple(items)), true),
  ctor('vector', 'A vector of the arguments.', (items) => Vector.from(items), true),
  ctor('hash-set', 'A set of the arguments; duplicates collapse.', (items) => PSet.from(items)),
  intrinsic({
    name: 'hash-map', arglists: '([& kvs])', min: 0, max: Infinity, cost: BULK,
    doc: 'A map of the key/value pairs; later duplicate keys win. An odd number of arguments is a badarg.',
    impl: (...kvs) => {
      if ((kvs.length & 1) === 1) return badarg('hash-map', kvs);
      chargeElements(kvs.length);
      return PMap.fromFlat(kvs);
    },
  }),
  intrinsic({
    name: 'empty', arglists: '([coll])', min: 1, max: 1,
    doc: 'An empty collection of the same kind as coll (keeping its metadata); "" for a string, nil for nil.',
    impl: (c) => {
      if (c === null) return null;
      if (typeof c === 'string') return '';
      if (typeof c === 'object') {
        switch (c.kind) {
          case Kind.List: return emptyLike(List.EMPTY, (c as List).meta);
          case Kind.Tuple: return emptyLike(Tuple.EMPTY, (c as Tuple).meta);
          case Kind.Vector: return emptyLike(Vector.EMPTY, (c as Vector).meta);
          case Kind.Map: return emptyLike(PMap.EMPTY, (c as PMap).meta);
          case Kind.Set: return emptyLike(PSet.EMPTY, (c as PSet).meta);
          case Kind.LazySeq: return List.EMPTY;
        }
      }
      return typeError('empty', 'collection', c);
    },
  }),
  intrinsic({
    name: 'peek', arglists: '([coll])', min: 1, max: 1,
    doc: 'The element pop would remove: the last of a vector or tuple, the first of a list; nil if empty.',
    impl: (c) => {
      if (c === null) return null;
      if (isKind(c, Kind.List)) return (c as List).head;
      if (!isKind(c, Kind.Vector) && !isKind(c, Kind.Tuple)) return typeError('peek', 'stack', c);
      return nth(c, sizeOf('peek', c) - 1, null);
    },
  }),
  intrinsic({
    name: 'pop', arglists: '([coll])', min: 1, max: 1,
    doc: 'A vector or tuple without its last element, a list without its first; badarg when empty.',
    impl: (c) => {
      if (c === null) return null;
      const isList = isKind(c, Kind.List), isVec = isKind(c, Kind.Vector);
      if (!isList && !isVec && !isKind(c, Kind.Tuple)) return typeError('pop', 'stack', c);
      if (sizeOf('pop', c) === 0) return badarg('pop', [c]);
      if (isList) return (c as List).tail;
      if (isVec) return (c as Vector).pop();
      chargeCopies((c as Tuple).items.length);
      return new Tuple((c as Tuple).items.slice(0, -1), (c as Tuple).meta);
    },
  }),
  intrinsic({
    name: 'vec', arglists: '([coll])', min: 1, max: 1, cost: BULK,
    doc: 'The elements of coll as a vector (a vector is returned as is).',
    impl: (c) => (isKind(c, Kind.Vector) ? c : Vector.from(elements('vec', c))),
  }),
  intrinsic({
    name: 'subvec', arglists: '([v start] [v start end])', min: 2, max: 3, cost: BULK,
    doc: 'Elements start (inclusive) to end (exclusive, default the count) of a vector or tuple, as the ' +
      'same kind; out of range is out-of-bounds.',
    impl: (c, s, e) => {
      const isVec = isKind(c, Kind.Vector);
      if (!isVec && !isKind(c, Kind.Tuple)) return typeError('subvec', 'vector', c);
      const n = isVec ? (c as Vector).count : (c as Tuple).items.length;
      const start = intArg('subvec', s);
      const end = e === undefined ? n : intArg('subvec', e);
      if (start < 0 || start > n) return outOfBounds('subvec', s, n);
      if (end < start || end > n) return outOfBounds('subvec', e as Value, n);
      chargeCopies(end - start);
      return isVec ? (c as Vector).slice(start, end) : new Tuple((c as Tuple).items.slice(start, end));
    },
  }),
];
