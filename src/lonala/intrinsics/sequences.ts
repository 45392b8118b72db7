/**
 * Sequence intrinsics (LONALA.md section 2, "Sequences"): `first`, `rest`,
 * `next`, `cons`, `seq` and `reverse` work on every collection, on
 * strings, binaries and lazy sequences (machine/lazy-seq.ts). `rest` never
 * answers nil: a list, or a lazy seq's rest (itself lazy). `concat` and the
 * lazy sequences themselves are in lazy-natives.ts.
 *
 * The sequence view of each type, shared by the other intrinsic files:
 *
 *   nil            -> no elements
 *   list, tuple, vector, set -> their elements (sets in iteration order)
 *   map            -> `[k v]` tuples, in iteration order
 *   string         -> its characters, one `Char` per code point
 *   binary         -> its bytes, as integers 0..255
 *   lazy seq       -> its elements, realized as they are read: a native
 *                     meeting a part that needs Lonala work asks for it
 *                     (NeedsRealizing) and is called again once it is done
 *
 * The string helpers here count in code points, never UTF-16 units.
 *
 * Walking a collection is charged by its size (charge.ts): `elements`
 * charges what it hands out, so every intrinsic built on it pays per element.
 */
import {
  Char, Kind, type LObject, type Value, List, Tuple, type Vector, type PMap, type PSet, type Binary,
  LazySeq, LazyState, force, seqElements,
} from '../../machine/index.js';
import { typeError } from './args.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { chargeCopies, chargeElements } from './charge.js';

// ---------------------------------------------------------------- code points

/** Whether a surrogate pair (one code point, two units) starts at unit `i`. */
function pairAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether some code point of `s` takes two UTF-16 units (then unit and code point indexes differ). */
export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

/** Number of code points in `s`. */
export function codePointCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if (pairAt(s, i)) {
      n--;
      i++;
    }
  }
  return n;
}

/** UTF-16 offset of code point `cp` (`s.length` at the end), or -1 when `cp` is beyond the end. */
export function unitOffset(s: string, cp: number): number {
  let i = 0;
  for (let k = 0; k < cp; k++) {
    if (i >= s.length) return -1;
    i += pairAt(s, i) ? 2 : 1;
  }
  return i;
}

/** The characters of `s`, one per code point. */
export function charsOf(s: string): Char[] {
  const out: Char[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s.codePointAt(i) as number;
    out.push(Char.of(c));
    i += c > 0xffff ? 2 : 1;
  }
  return out;
}

// ---------------------------------------------------------------- elements

/** The `[k v]` tuples of a map, in iteration order. */
export function mapEntries(m: PMap): Tuple[] {
  const out: Tuple[] = [];
  m.forEach((v, k) => out.push(new Tuple([k, v])));
  return out;
}

/**
 * The elements of any collection, nil or string, in sequence order (see the
 * file header); `:type-error` for anything else. The array may be the
 * collection's own storage: never mutate it. Charged per element, for the
 * caller's walk over them.
 */
export function elements(fn: string, coll: Value): readonly Value[] {
  const items = elementsOf(fn, coll);
  chargeElements(items.length);
  return items;
}

function elementsOf(fn: string, coll: Value): readonly Value[] {
  if (coll === null) return [];
  if (typeof coll === 'string') return charsOf(coll);
  if (typeof coll === 'object') {
    switch (coll.kind) {
      case Kind.List:
        return (coll as List).toArray();
      case Kind.Tuple:
        return (coll as Tuple).items;
      case Kind.Vector:
        return (coll as Vector).toArray();
      case Kind.Map:
        return mapEntries(coll as PMap);
      case Kind.Set:
        return (coll as PSet).values();
      case Kind.Binary:
        return Array.from((coll as Binary).bytes);
      case Kind.LazySeq:
        return seqElements(coll as LazySeq) ?? typeError(fn, 'realized sequence', coll);
    }
  }
  return typeError(fn, 'collection', coll);
}

/** Whether `v` is a lazy seq realized as empty (after `force`). */
const emptyLazy = (v: LazySeq): boolean => force(v).state === LazyState.Empty;

/** Prepends `items` (keeping their order) to `tail`. */
function prependAll(items: ArrayLike<Value>, tail: List): List {
  let out = tail;
  for (let i = items.length - 1; i >= 0; i--) out = new List(items[i], out, out.size + 1);
  return out;
}

// ---------------------------------------------------------------- the intrinsics

/** `(first coll)`: hot, so the common kinds avoid building arrays. */
export function first(coll: Value): Value {
  if (typeof coll === 'object') {
    if (coll === null) return null;
    switch ((coll as LObject).kind) {
      case Kind.List:
        return (coll as List).head; // the empty list's head is nil
      case Kind.Tuple: {
        const items = (coll as Tuple).items;
        return items.length > 0 ? items[0] : null;
      }
      case Kind.Vector:
        return (coll as Vector).count > 0 ? (coll as Vector).get(0) : null;
      case Kind.Map: {
        const e = (coll as PMap).entries().next();
        return e.done ? null : new Tuple([e.value[0], e.value[1]]);
      }
      case Kind.Set:
        chargeCopies((coll as PSet).count); // values() lists them all
        return (coll as PSet).count > 0 ? (coll as PSet).values()[0] : null;
      case Kind.LazySeq:
        return emptyLazy(coll as LazySeq) ? null : (coll as LazySeq).first;
      case Kind.Binary:
        return (coll as Binary).bytes.length > 0 ? (coll as Binary).bytes[0] : null;
    }
  } else if (typeof coll === 'string') {
    return coll.length > 0 ? Char.of(coll.codePointAt(0) as number) : null;
  }
  return typeError('first', 'collection', coll);
}

/** `(rest coll)`: a list, or what follows a lazy seq's first element (a lazy seq, not realized further). */
export function rest(coll: Value): List | LazySeq {
  if (typeof coll === 'object' && coll !== null) {
    switch (coll.kind) {
      case Kind.List:
        return (coll as List).size > 1 ? (coll as List).tail : List.EMPTY;
      case Kind.LazySeq:
        return emptyLazy(coll as LazySeq) ? List.EMPTY : (coll as LazySeq).restSeq();
      case Kind.Tuple:
        chargeElements((coll as Tuple).items.length);
        return List.from((coll as Tuple).items, 1);
      case Kind.Vector:
        chargeElements((coll as Vector).count);
        return (coll as Vector).count > 1 ? List.from((coll as Vector).toArray(), 1) : List.EMPTY;
    }
  }
  if (coll === null) return List.EMPTY;
  if (typeof coll === 'string') {
    if (coll.length === 0) return List.EMPTY;
    chargeElements(coll.length);
    return List.from(charsOf(coll.slice((coll.codePointAt(0) as number) > 0xffff ? 2 : 1)));
  }
  return List.from(elements('rest', coll), 1);
}

/** `(next coll)`: the rest, or nil when it has no elements. */
export function next(coll: Value): Value {
  const r = rest(coll);
  if (r instanceof LazySeq) return emptyLazy(r) ? null : r;
  return r.size === 0 ? null : r;
}

/** `(seq coll)`: nil when empty; a non-empty list or lazy seq as it is; else the elements as a list. */
export function seq(coll: Value): Value {
  if (typeof coll === 'object' && coll !== null) {
    if (coll.kind === Kind.List) return (coll as List).size === 0 ? null : coll;
    if (coll.kind === Kind.LazySeq) return emptyLazy(coll as LazySeq) ? null : coll;
  }
  const items = elements('seq', coll);
  return items.length === 0 ? null : List.from(items);
}

/** `(concat & colls)` of collections that are not lazy: one list; the last list argument is shared, not copied. */
export function concat(...colls: Value[]): List {
  let out = List.EMPTY;
  for (let i = colls.length - 1; i >= 0; i--) {
    const c = colls[i];
    if (c === null) continue;
    if (typeof c === 'object' && c.kind === Kind.List) {
      const l = c as List;
      if (out.size === 0) out = l.meta === null || l.size === 0 ? l : l.withMeta(null);
      else if (l.size > 0) {
        chargeElements(l.size);
        out = prependAll(l.toArray(), out);
      }
      continue;
    }
    out = prependAll(elements('concat', c), out);
  }
  return out.size === 0 ? List.EMPTY : out;
}

/** Bulk work (proportional to a collection's size) is charged more. */
const BULK = 4;

export const sequenceIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'first',
    arglists: '([coll])',
    min: 1,
    max: 1,
    doc: 'The first element of a collection, or nil when it is empty or nil. A map gives a [k v] tuple; ' +
      'a string its first character.',
    impl: first,
  }),
  intrinsic({
    name: 'rest',
    arglists: '([coll])',
    min: 1,
    max: 1,
    doc: 'The elements after the first, always as a list: (rest [1 2 3]) is (2 3), (rest nil) is ().',
    impl: rest,
  }),
  intrinsic({
    name: 'next',
    arglists: '([coll])',
    min: 1,
    max: 1,
    doc: 'Like rest, but nil when no elements remain (of a lazy seq, realizing the next element to know).',
    impl: next,
  }),
  intrinsic({
    name: 'cons',
    arglists: '([x coll])',
    min: 2,
    max: 2,
    doc: 'A list of x followed by the elements of coll, O(1) when coll is a list or nil; onto a lazy seq, a ' +
      'sequence of x then it, not realized (O(1)).',
    impl: (x, coll) => {
      if (coll === null) return List.EMPTY.prepend(x);
      if (typeof coll === 'object' && coll.kind === Kind.List) return (coll as List).prepend(x);
      if (coll instanceof LazySeq) return LazySeq.cell(x, coll);
      return prependAll(elements('cons', coll), List.EMPTY).prepend(x);
    },
  }),
  intrinsic({
    name: 'seq',
    arglists: '([coll])',
    min: 1,
    max: 1,
    cost: BULK,
    doc: 'The elements of coll as a sequence, or nil when it has none. A non-empty list or lazy seq is ' +
      'returned as is (a lazy seq with its first element realized); other collections as a list.',
    impl: seq,
  }),
  intrinsic({
    name: 'reverse',
    arglists: '([coll])',
    min: 1,
    max: 1,
    cost: BULK,
    doc: 'A list of the elements of coll in reverse order.',
    impl: (coll) => {
      let out = List.EMPTY;
      if (typeof coll === 'object' && coll !== null && coll.kind === Kind.List) {
        chargeElements((coll as List).size);
        for (let l = coll as List; l.size > 0; l = l.tail) out = out.prepend(l.head);
        return out;
      }
      const items = elements('reverse', coll);
      for (let i = 0; i < items.length; i++) out = out.prepend(items[i]);
      return out;
    },
  }),
];
