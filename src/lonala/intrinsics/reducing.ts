/**
 * Bulk work over sequences done in TS when every function involved is
 * callable here (seq-cursor.ts): reduce, into (with a transducer made by
 * map, filter or remove of such a function), frequencies and sort. Their
 * Lonala callers (std/lona/core/sequences.lona) go this way first and fall
 * back to Lonala code when a native answers nil.
 *
 *   (reduce-step* f acc coll)  reduces coll with f from acc for a budget of
 *                              work (REALIZE_BUDGET reductions): [acc rest],
 *                              rest nil once done; reduce loops on it, so a
 *                              long reduce is preempted like any loop
 *
 * A range of small integers is reduced without making a cell (so
 * `(reduce + (range 10000000))` allocates nothing); any other lazy seq is
 * realized as it is read. `reduced` stops a reduction early, as in Clojure.
 */
import {
  LazySeq, LazyState, List, NeedsRealizing, Opaque, PMap, PSet, Tuple, Vector, fillOnce, force, REALIZE_BUDGET, equals, hash,
  Fixed, Keyword, fullyRealized, type Value,
} from '../../machine/index.js';
import { chargeReductions, extraReductions } from '../../machine/function.js';
import { typeError } from './args.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { elements } from './sequences.js';
import { call1, call2, callableHere } from './seq-cursor.js';
import { RangeSource } from './lazy-sources.js';
import { compareValues } from './numbers/comparison.js';
import { chargeElements } from './charge.js';

// ---------------------------------------------------------------- reduced

const REDUCED = 'reduced';

/** `(reduced x)`: x, marked to stop a reduction. */
export const reduced = (x: Value): Opaque => new Opaque(REDUCED, '', x);

export const isReduced = (v: Value): v is Opaque => v instanceof Opaque && v.type === REDUCED;

const unreduced = (v: Value): Value => (isReduced(v) ? v.payload as Value : v);

// ---------------------------------------------------------------- reduce

/**
 * `(reduce-step* f acc coll)`: see the file header; nil when f cannot be
 * called here. When something needs Lonala work (a lazy-seq body to run)
 * after some elements were reduced, it stops there, [acc rest] with rest
 * from that element, so no element is reduced twice; at the first element
 * it asks for it (NeedsRealizing) and is called again.
 */
function reduceStep(f: Value, init: Value, coll: Value): Value {
  if (!callableHere(f)) return null;
  let acc = init;
  let s: Value = coll;
  /** Elements reduced, and where the one being reduced is: a resumable sequence. */
  let worked = 0;
  let at: () => Value = () => s;
  const done = (a: Value): Tuple => new Tuple([unreduced(a), null]);
  try {
    for (;;) {
      if (worked > 0 && extraReductions.n > REALIZE_BUDGET) return new Tuple([acc, s]);
      if (s instanceof LazySeq) {
        if (s.state === LazyState.Source && s.pending instanceof RangeSource) {
          const b = s.pending.smallBounds();
          if (b !== null && b[2] !== 0) {
            // A range of small integers: reduced without cells, the rest a fresh range (this one is not changed).
            const [a, e, step] = b;
            let x = a, n = 0;
            at = () => LazySeq.ofSource(new RangeSource(x, e, step));
            for (; (step > 0 ? x < e : x > e) && n < 4096; x += step, n++, worked++) {
              acc = call2(f, acc, x);
              if (isReduced(acc)) return done(acc);
            }
            chargeReductions(n >>> 2);
            s = (step > 0 ? x < e : x > e) ? at() : null;
            continue;
          }
        }
        at = () => s;
        if (s.state < LazyState.Cell) {
          if (s.state === LazyState.Thunk) force(s); // asks Lonala for it
          fillOnce(s);
          continue;
        }
        if (s.state === LazyState.Empty) return done(acc);
        const c: LazySeq = s;
        if (c.chunk === null) {
          acc = call2(f, acc, c.first);
          worked++;
        } else {
          let i = c.at;
          at = () => LazySeq.chunked(c.chunk as Value[], i, c.more);
          for (; i < c.chunk.length; i++, worked++) {
            acc = call2(f, acc, c.chunk[i]);
            if (isReduced(acc)) return done(acc);
          }
        }
        if (isReduced(acc)) return done(acc);
        s = c.more;
      } else if (s instanceof List) {
        let l: List = s;
        at = () => l;
        for (let n = 0; l.size > 0 && n < 4096; l = l.tail, n++, worked++) {
          acc = call2(f, acc, l.head);
          if (isReduced(acc)) return done(acc);
        }
        s = l.size > 0 ? l : null;
      } else if (s === null) return done(acc);
      else {
        // Any other collection: its elements as one realized run.
        const items = elements('reduce', s);
        s = items.length > 0 ? LazySeq.chunked(items as Value[], 0, null) : null;
      }
    }
  } catch (e) {
    if (e instanceof NeedsRealizing && worked > 0) return new Tuple([acc, at()]);
    throw e;
  }
}

// ---------------------------------------------------------------- into

/** What the transducers made by map, filter and remove are (std/lona/core/sequences.lona tags them). */
interface Stage { kind: 'map' | 'filter' | 'remove'; f: Value }
const stages = new WeakMap<object, Stage>();

/** A transducer's stage applied to `items`. */
function transform(items: readonly Value[], stage: Stage): Value[] {
  const out: Value[] = [];
  const f = stage.f;
  if (stage.kind === 'map') for (const x of items) out.push(call1(f, x));
  else {
    const keep = stage.kind === 'filter';
    for (const x of items) if (truthyOf(call1(f, x)) === keep) out.push(x);
  }
  return out;
}

const truthyOf = (v: Value): boolean => v !== null && v !== false;

/**
 * `(into* to xf from)`: `to` with the elements of `from` (through the
 * transducer xf, or nil for none) added as conj adds them, done here when
 * to is a vector, set, map, list or nil and xf (if any) is a stage this
 * file knows with a function callable here; else nil.
 */
function into(to: Value, xf: Value, from: Value): Value {
  let stage: Stage | undefined;
  if (xf !== null) {
    stage = typeof xf === 'object' ? stages.get(xf) : undefined;
    if (stage === undefined || !callableHere(stage.f)) return null;
  }
  if (!(to === null || to instanceof Vector || to instanceof PSet || to instanceof PMap || to instanceof List)) return null;
  let items = elements('into', from);
  if (to instanceof PSet || to instanceof PMap) lazyElementsFirst(items); // hashed: asked for together
  if (stage !== undefined) {
    items = transform(items, stage);
    // New lazy seqs its function made would be made again by a call run again: Lonala's transduce keeps them.
    if ((to instanceof PSet || to instanceof PMap) && items.some((x) => x instanceof LazySeq && !fullyRealized(x))) return null;
  }
  chargeElements(items.length);
  if (to instanceof Vector) {
    if (to.count === 0 && to.meta === null) return Vector.from(items);
    let v = to;
    for (const x of items) v = v.conj(x);
    return v;
  }
  if (to instanceof PSet) return to.count === 0 && to.meta === null ? PSet.from(items) : items.reduce((s: PSet, x) => s.add(x), to);
  if (to instanceof PMap) {
    let m = to;
    for (const x of items) {
      if (x instanceof Tuple && x.items.length === 2) m = m.assoc(x.items[0], x.items[1]);
      else if (x instanceof Vector && x.count === 2) m = m.assoc(x.get(0), x.get(1));
      else if (x instanceof PMap) x.forEach((v, k) => { m = m.assoc(k, v); });
      else return typeError('into', 'map-entry', x);
    }
    return m;
  }
  let l = to ?? List.EMPTY;
  for (const x of items) l = l.prepend(x);
  return l;
}

// ---------------------------------------------------------------- frequencies, sort

const MAX_SAFE = 9007199254740991n;

/** Whether `=` on `x` is JS identity (strings, small integers, keywords, booleans, nil): a Map finds it directly. */
const byIdentity = (x: Value): boolean =>
  x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' || x instanceof Keyword;

/**
 * `(frequencies* coll)`: a map from each distinct element to how often it
 * occurs. Elements compared by identity under `=` go in a JS Map, others
 * in hash buckets (a fixed-width integer equal to a small one is counted
 * with it); the map is built once at the end.
 */
function frequencies(coll: Value): Value {
  const items = elements('frequencies', coll);
  lazyElementsFirst(items);
  const direct = new Map<Value, [Value, number]>();
  const buckets = new Map<number, [Value, number][]>();
  const order: [Value, number][] = [];
  for (const x of items) {
    const key = byIdentity(x) ? x : x instanceof Fixed && x.value >= -MAX_SAFE && x.value <= MAX_SAFE ? Number(x.value) : undefined;
    let entry: [Value, number] | undefined;
    if (key !== undefined) {
      entry = direct.get(key);
      if (entry === undefined) {
        direct.set(key, entry = [x, 0]);
        order.push(entry);
      }
    } else {
      const h = hash(x);
      let bucket = buckets.get(h);
      if (bucket === undefined) buckets.set(h, bucket = []);
      entry = bucket.find((e) => equals(e[0], x));
      if (entry === undefined) {
        bucket.push(entry = [x, 0]);
        order.push(entry);
      }
    }
    entry[1]++;
  }
  chargeElements(items.length);
  return PMap.fromFlat(order.flat());
}

/**
 * Asks for every element that is a lazy seq not realized yet to be realized
 * whole, all in one request, before a walk that hashes or compares them
 * (else each would cost a walk of its own).
 */
export function lazyElementsFirst(items: readonly Value[]): void {
  let asks: NeedsRealizing[] | null = null;
  for (const x of items) if (x instanceof LazySeq && !fullyRealized(x)) (asks ??= []).push(new NeedsRealizing(x, Infinity));
  if (asks !== null) throw new NeedsRealizing(asks[0].cell, Infinity, false, asks.slice(1));
}

/** -1, 0 or 1 from what a comparator gave: a number, or true when a sorts first (a predicate like <). */
function comparison(cmp: Value, a: Value, b: Value): number {
  const r = call2(cmp, a, b);
  if (typeof r === 'number') return r;
  if (r === true) return -1;
  if (r === false || r === null) return call2(cmp, b, a) === true ? 1 : 0;
  return compareValues(r, 0);
}

/**
 * `(sort* cmp coll)`: the elements in order (stable), by compare when cmp
 * is nil, as a realized sequence (one run over the sorted array, as
 * Clojure's sort gives an array seq); nil when cmp cannot be called here.
 */
function sort(cmp: Value, coll: Value): Value {
  if (cmp !== null && !callableHere(cmp)) return null;
  const items = (elements('sort', coll) as Value[]).slice();
  if (items.length === 0) return List.EMPTY;
  const n = items.length;
  chargeReductions(Math.ceil(n * Math.log2(n + 1)));
  if (cmp === null) {
    if (items.every((x) => typeof x === 'number')) (items as number[]).sort((a, b) => a - b);
    else items.sort(compareValues);
  } else items.sort((a, b) => comparison(cmp, a, b));
  return LazySeq.chunked(items, 0, null);
}

export const reducingIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'reduce-step*', arglists: '([f acc coll])', min: 3, max: 3,
    doc: 'Reduces coll with f from acc for a while: [acc rest] (rest nil once done), or nil when f cannot be ' +
      'called from TS (reduce).',
    impl: reduceStep,
  }),
  intrinsic({
    name: 'into*', arglists: '([to xf from])', min: 3, max: 3, cost: 4,
    doc: 'to with the elements of from (through the transducer xf, nil for none) added as conj does, when this ' +
      'can be done in TS; else nil (into).',
    impl: into,
  }),
  intrinsic({
    name: 'tag-xform*', arglists: '([xf kind f])', min: 3, max: 3,
    doc: 'Marks the transducer xf as (map f), (filter f) or (remove f) (kind :map :filter :remove), so into* can ' +
      'run it in TS; returns xf.',
    impl: (xf, kind, f) => {
      const k = typeof kind === 'object' && kind !== null && 'name' in kind ? (kind as { name: string }).name : '';
      if ((k === 'map' || k === 'filter' || k === 'remove') && typeof xf === 'object' && xf !== null) stages.set(xf, { kind: k, f });
      return xf;
    },
  }),
  intrinsic({
    name: 'frequencies*', arglists: '([coll])', min: 1, max: 1, cost: 4,
    doc: 'A map from each distinct element of coll to the number of times it occurs (frequencies).',
    impl: frequencies,
  }),
  intrinsic({
    name: 'sort*', arglists: '([cmp coll])', min: 2, max: 2, cost: 4,
    doc: 'The elements of coll in order by the comparator cmp (nil: compare), stable, when cmp can be called ' +
      'from TS; else nil (sort).',
    impl: sort,
  }),
  intrinsic({
    name: 'reduced', arglists: '([x])', min: 1, max: 1,
    doc: 'x marked so that reduce (and transduce, reductions) stops with it.',
    impl: reduced,
  }),
  intrinsic({
    name: 'reduced?', arglists: '([x])', min: 1, max: 1,
    doc: 'True if x was made by reduced.',
    impl: isReduced,
  }),
  intrinsic({
    name: 'unreduced', arglists: '([x])', min: 1, max: 1,
    doc: 'The value inside a reduced x; x itself otherwise.',
    impl: unreduced,
  }),
];
