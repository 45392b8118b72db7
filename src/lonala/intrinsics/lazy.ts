/**
 * The natives under `lazy-seq` and its realization as Lonala work
 * (machine/lazy-seq.ts; the Lonala side is std/lona/core/lazy.lona):
 *
 *   (lazy-seq* f)          a lazy seq whose body is the fn f
 *   (lazy-step* s n)       realizes what TS can of the next n elements of s
 *                          (nil: all), within a budget; nil when done, else
 *                          [cell n'] to go on from: a cell whose body Lonala
 *                          must call, or where the budget ran out
 *   (lazy-thunk* s)        the body of an unrealized lazy-seq cell, or nil
 *   (lazy-deliver* s v)    s realized as the sequence its body gave (v)
 *
 * and what Lonala code uses to make sequences chunk by chunk (`seq-run*`,
 * `chunk-cons*`), `realized?`, the REPL's bounded realization before
 * printing (`realize-for-print*`) and code built with lazy seqs made into
 * lists for the compiler (`form-lists*`).
 */
import {
  Fault, Forward, LazySeq, LazyState, List, NeedsRealizing, PMap, PSet, Tuple, Vector, fillOnce, finalTarget, force, REALIZE_BUDGET,
  SeqReader, END, type LObject, type Value, Kind,
} from '../../machine/index.js';
import { chargeReductions, extraReductions } from '../../machine/function.js';
import { printValue } from '../printer.js';
import { typeError } from './args.js';
import { intArg } from './predicates.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { elements, seq } from './sequences.js';
import { chargeCopies } from './charge.js';

const lazyArg = (fn: string, v: Value): LazySeq => (v instanceof LazySeq ? v : typeError(fn, 'lazy-seq', v));

/** Cells `lazy-step*` walks between checks of its budget. */
const WALK_CHECK = 256;

/** `(lazy-step* s n)`: see the file header. Always does some work before it stops for its budget. */
function lazyStep(s: Value, n: Value): Value {
  let left = n === null ? Infinity : intArg('lazy-step*', n);
  let cell: Value = s;
  let worked = false;
  let walked = 0;
  const goOn = (c: LazySeq): Tuple => new Tuple([c, left === Infinity ? null : left]);
  for (;;) {
    if (left <= 0 || !(cell instanceof LazySeq)) break;
    if (cell.state === LazyState.Thunk) return goOn(cell);
    if (cell.state === LazyState.Source) {
      if (cell.pending instanceof Forward) {
        // A body gave another lazy seq: go on from where that chain ends (this cell takes its elements when read).
        const t = finalTarget(cell.pending.target);
        if (t.state === LazyState.Thunk) return goOn(t);
      }
      if (worked && extraReductions.n > REALIZE_BUDGET) return goOn(cell);
      try {
        fillOnce(cell);
      } catch (e) {
        // A source of this cell needs Lonala work: asked for from here, not from where this step began
        // (run again with its first arguments, it would walk all it realized once more each time).
        if (e instanceof NeedsRealizing && worked) return goOn(cell);
        throw e;
      }
      worked = true;
      continue;
    }
    if (cell.state === LazyState.Empty) break;
    left -= cell.run;
    if (++walked % WALK_CHECK === 0) {
      chargeReductions(WALK_CHECK >>> 3);
      if (extraReductions.n > REALIZE_BUDGET && cell.more instanceof LazySeq) return goOn(cell.more);
    }
    worked = true;
    cell = cell.more;
  }
  chargeReductions((walked % WALK_CHECK) >>> 3);
  return null;
}

/** `(lazy-deliver* s v)`: s realized as the sequence v its body gave. */
function deliver(s: Value, v: Value): Value {
  const cell = lazyArg('lazy-deliver*', s);
  if (cell.state !== LazyState.Thunk) return cell; // realized meanwhile (by another process sharing it): the first result stays
  if (v === null || v instanceof List) cell.realizeFrom(v);
  else if (v instanceof LazySeq) {
    if (v.realized) cell.realizeFrom(v);
    else {
      cell.state = LazyState.Source;
      cell.pending = new Forward(v);
    }
  } else {
    const items = elements('lazy-seq', v);
    if (items.length === 0) cell.realizeFrom(null);
    else cell.realizeRun(items as Value[], 0, null);
  }
  return cell;
}

/**
 * `(seq-run* s)`: [run rest] of a non-empty sequence: the elements
 * realized together with its first (a list, at most 32 of a list or of
 * another collection), and what follows; nil for an empty one. A list, so
 * Lonala walks it with `(x & more)` patterns, calling nothing per element.
 */
function seqRun(s: Value): Value {
  if (!(s === null || s instanceof List || s instanceof LazySeq)) {
    // Another collection: its elements, 32 at a time (the rest a realized run over them).
    const items = elements('seq-run*', s);
    if (items.length === 0) return null;
    const rest = items.length > 32 ? LazySeq.chunked(items as Value[], 32, null) : List.EMPTY;
    return new Tuple([List.from(items.length > 32 ? items.slice(0, 32) : items), rest]);
  }
  const q = seq(s);
  if (q === null) return null;
  if (q instanceof LazySeq) {
    const c = force(q);
    chargeCopies(c.run);
    return new Tuple([c.chunk === null ? List.EMPTY.prepend(c.first) : List.from(c.chunk, c.at), c.more ?? List.EMPTY]);
  }
  let l = q as List;
  for (let n = 0; l.size > 0 && n < 32; n++) l = l.tail;
  if (l.size === 0) return new Tuple([q, List.EMPTY]);
  const run: Value[] = [];
  for (let m = q as List; m !== l; m = m.tail) run.push(m.head);
  return new Tuple([List.from(run), l]);
}

/**
 * `(chunk-cons* items more)`: a realized run of the items followed by the
 * sequence more; items a tuple, a vector, or a list given in reverse order
 * (what a Lonala loop building with prepend has).
 */
function chunkCons(items: Value, more: Value): Value {
  let run: readonly Value[];
  if (items instanceof Tuple) run = items.items;
  else if (items instanceof Vector) run = items.toArray();
  else if (items instanceof List) {
    const out = new Array<Value>(items.size);
    let i = items.size;
    for (let l = items; l.size > 0; l = l.tail) out[--i] = l.head;
    run = out;
  } else return typeError('chunk-cons*', 'tuple', items);
  if (!(more === null || more instanceof List || more instanceof LazySeq)) return typeError('chunk-cons*', 'seq', more);
  if (run.length === 0) return more ?? List.EMPTY;
  return LazySeq.chunked(run as Value[], 0, more);
}

/** Values `unrealizedWithin` looks at before it gives up (a huge value is printed cut anyway). */
const LOOK_AT_MOST = 1_000_000;

/**
 * Whether printing `v` with these bounds would meet a lazy seq not
 * realized that far (the REPL then realizes it first: os/session.ts). On
 * the host, realizing nothing.
 */
export function unrealizedWithin(v: Value, maxLength: number, maxDepth: number): boolean {
  const todo: [Value, number][] = [[v, 0]];
  let looked = 0;
  while (todo.length > 0 && looked < LOOK_AT_MOST) {
    const [x, depth] = todo.pop() as [Value, number];
    if (typeof x !== 'object' || x === null || depth >= maxDepth) continue;
    let items: readonly Value[];
    switch ((x as LObject).kind) {
      case Kind.LazySeq: {
        const r = new SeqReader(x, 0);
        const got: Value[] = [];
        for (let e = r.next(); e !== END && got.length <= maxLength; e = r.next()) got.push(e);
        if (r.pending !== null && got.length <= maxLength) return true;
        items = got;
        break;
      }
      case Kind.List: items = (x as List).toArray(); break;
      case Kind.Tuple: items = (x as Tuple).items; break;
      case Kind.Vector: items = (x as Vector).toArray(); break;
      case Kind.Map: {
        const kvs: Value[] = [];
        (x as PMap).forEach((val, k) => { kvs.push(k, val); });
        items = kvs;
        break;
      }
      case Kind.Set: items = (x as PSet).values(); break;
      default: continue;
    }
    const n = Math.min(items.length, maxLength);
    looked += n;
    for (let i = 0; i < n; i++) if (typeof items[i] === 'object' && items[i] !== null) todo.push([items[i], depth + 1]);
  }
  return false;
}

// ---------------------------------------------------------------- code

/** Nesting of code made into lists beyond which the conversion gives up (the compiler would anyway). */
const MAX_FORM_DEPTH = 10_000;

/** Whether the form `v` holds a lazy seq anywhere (a quick walk without allocating, for the common case of none). */
export function holdsLazy(v: Value): boolean {
  const todo: Value[] = [v];
  // Each collection once: code that shares its parts (sixty levels of (do v v)) is as big as it is.
  const seen = new Set<object>();
  while (todo.length > 0) {
    const x = todo.pop() as Value;
    if (typeof x !== 'object' || x === null || seen.has(x)) continue;
    seen.add(x);
    switch ((x as LObject).kind) {
      case Kind.LazySeq: return true;
      case Kind.List: for (let l = x as List; l.size > 0; l = l.tail) todo.push(l.head); break;
      case Kind.Tuple: todo.push(...(x as Tuple).items); break;
      case Kind.Vector: todo.push(...(x as Vector).toArray()); break;
      case Kind.Map: (x as PMap).forEach((val, k) => { todo.push(k, val); }); break;
      case Kind.Set: todo.push(...(x as PSet).values()); break;
    }
  }
  return false;
}

/**
 * The form `v` with every lazy seq in it (at any depth, in any collection)
 * made into a list of its elements, realized as needed: code built with
 * map or concat is lists to the compiler. `v` itself when it holds none.
 */
export function formLists(v: Value): Value {
  return holdsLazy(v) ? listed(v, 0, new Map()) : v;
}

/** `v` converted (formLists); `done` keeps each collection's result, so shared parts are converted once and stay shared. */
function listed(v: Value, depth: number, done: Map<object, Value>): Value {
  if (typeof v !== 'object' || v === null) return v;
  const known = done.get(v);
  if (known !== undefined) return known;
  if (depth > MAX_FORM_DEPTH) throw new Fault('limit', { message: `code nested more than ${MAX_FORM_DEPTH} deep` });
  const made = listedOnce(v, depth, done);
  done.set(v, made);
  return made;
}

function listedOnce(v: Value, depth: number, done: Map<object, Value>): Value {
  const sub = (x: Value): Value => listed(x, depth + 1, done);
  switch ((v as LObject).kind) {
    case Kind.LazySeq: {
      const out: Value[] = [];
      const r = new SeqReader(v, Infinity);
      for (let x = r.next(); x !== END; x = r.next()) out.push(x);
      return List.from(out.map(sub));
    }
    case Kind.List: {
      const l = v as List;
      const made = List.from(l.toArray().map(sub));
      return l.meta === null ? made : made.withMeta(l.meta);
    }
    case Kind.Tuple: return new Tuple((v as Tuple).items.map(sub), (v as Tuple).meta);
    case Kind.Vector: return Vector.from((v as Vector).toArray().map(sub));
    case Kind.Map: {
      const kvs: Value[] = [];
      (v as PMap).forEach((val, k) => { kvs.push(sub(k), sub(val)); });
      return PMap.fromFlat(kvs);
    }
    case Kind.Set: return PSet.from((v as PSet).values().map(sub));
  }
  return v;
}

export const lazyIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'lazy-seq*', arglists: '([f])', min: 1, max: 1,
    doc: 'A lazy seq whose elements are those of the sequence (f) gives, called when first needed (lazy-seq).',
    impl: (f) => LazySeq.ofThunk(f),
  }),
  intrinsic({
    name: 'lazy-step*', arglists: '([s n])', min: 2, max: 2,
    doc: 'Realizes what TS can of the next n elements of the lazy seq s (nil: all), within a budget: nil when ' +
      'done, else [cell n] to go on from (a cell whose body Lonala must call first, or where the budget ended).',
    impl: lazyStep,
  }),
  intrinsic({
    name: 'lazy-thunk*', arglists: '([s])', min: 1, max: 1,
    doc: 'The body (a fn of no arguments) of an unrealized lazy-seq cell, or nil.',
    impl: (s) => (s instanceof LazySeq && s.state === LazyState.Thunk ? s.pending as Value : null),
  }),
  intrinsic({
    name: 'lazy-deliver*', arglists: '([s v])', min: 2, max: 2,
    doc: 'Realizes the lazy-seq cell s as the sequence v its body gave (the first result given is kept); returns s.',
    impl: deliver,
  }),
  intrinsic({
    name: 'realized?', arglists: '([s])', min: 1, max: 1,
    doc: 'True if the lazy seq s has its first element (or its end) realized.',
    impl: (s) => lazyArg('realized?', s).realized,
  }),
  intrinsic({
    name: 'seq-run*', arglists: '([s])', min: 1, max: 1,
    doc: 'For a non-empty sequence s: [run rest], the elements realized together with its first (a list, at most ' +
      '32 of a list) and what follows; nil for an empty one.',
    impl: seqRun,
  }),
  intrinsic({
    name: 'chunk-cons*', arglists: '([items more])', min: 2, max: 2,
    doc: 'A realized lazy seq of the items of a tuple or vector (or a list, in reverse order), followed by the sequence more.',
    impl: chunkCons,
  }),
  intrinsic({
    name: 'realize-for-print*', arglists: '([v max-length max-depth])', min: 3, max: 3,
    doc: 'Realizes the lazy seqs in v as far as printing it with these bounds shows them; returns v.',
    impl: (v, maxLength, maxDepth) => {
      printValue(v, { maxLength: intArg('realize-for-print*', maxLength), maxDepth: intArg('realize-for-print*', maxDepth), maxString: 0 });
      return v;
    },
  }),
  intrinsic({
    name: 'form-lists*', arglists: '([form])', min: 1, max: 1,
    doc: 'form with every lazy seq in it made into a list of its elements (code built with map, for the compiler).',
    impl: (form) => formLists(form),
  }),
];
