/**
 * What the lazy sequences made in TS (lazy-sources.ts, lazy-groups.ts) and
 * the bulk natives (reducing.ts) share: reading an input sequence run by
 * run (`Cursor`), and calling a function from TS (`callHere`).
 *
 * A Cursor reads a sequence the way it was realized: a run of a chunked
 * lazy seq at a time, never forcing more than the next cell, so a sequence
 * that reads itself (`(def fibs (lazy-cat [0 1] (map + fibs (rest fibs))))`)
 * finds its earlier elements realized. Any other collection is read from its
 * elements (sequences.ts `elements`).
 *
 * Only functions that need no Lonala code can be called from TS: natives
 * that never call back (inc, even?, +, str...), keywords, maps and sets.
 * Each call is charged as the processor charges it (the native's cost and
 * what it charged for its work); a Lonala function is the callers'
 * business (they are written in Lonala, std/lona/core/sequences.lona).
 */
import {
  CallRequest, Fault, Keyword, LazySeq, LazyState, List, Native, PMap, PSet, force, charge, type Value,
} from '../../machine/index.js';
import { chargeReductions } from '../../machine/function.js';
import { elements } from './sequences.js';

const NO_ITEMS: readonly Value[] = [];
/** The most list elements a Cursor takes in one run. */
const LIST_RUN = 32;

export class Cursor {
  private items: readonly Value[] = NO_ITEMS;
  private lo = 0;
  private hi = 0;
  /** The sequence after the current run: a LazySeq, a List or null. */
  private rest: Value;
  /** Not read yet: a collection whose elements are read at the first `ready` (so making a lazy seq costs O(1)). */
  private coll: Value | undefined;

  constructor(coll: Value, private readonly fn: string) {
    if (coll === null || coll instanceof List || coll instanceof LazySeq) this.rest = coll;
    else {
      this.coll = coll;
      this.rest = null;
    }
  }

  /** The input, for what a measurement or a send looks into. */
  parts(): Value[] {
    const out = this.items.slice(this.lo, this.hi);
    out.push(this.coll ?? null, this.rest);
    return out;
  }

  /**
   * The elements readable now (0: the end), realizing the next cell if the
   * current run is used up (asking for one element when Lonala work is needed).
   */
  ready(): number {
    if (this.coll !== undefined) {
      this.items = elements(this.fn, this.coll);
      this.hi = this.items.length;
      this.coll = undefined;
    }
    while (this.lo >= this.hi) {
      const c = this.rest;
      if (c instanceof LazySeq) {
        if (force(c).state === LazyState.Empty) this.rest = null;
        else {
          this.items = c.chunk ?? [c.first];
          this.lo = c.chunk === null ? 0 : c.at;
          this.hi = this.items.length;
          this.rest = c.more;
        }
      } else if (c instanceof List && c.size > 0) {
        const run: Value[] = [];
        let l: List = c;
        for (; l.size > 0 && run.length < LIST_RUN; l = l.tail) run.push(l.head);
        this.items = run;
        this.lo = 0;
        this.hi = run.length;
        this.rest = l.size > 0 ? l : null;
      } else return 0;
    }
    return this.hi - this.lo;
  }

  /** Element `k` (below ready()) of the current run. */
  peek(k: number): Value {
    return this.items[this.lo + k];
  }

  /** Moves past `n` elements (at most ready()). */
  skip(n: number): void {
    this.lo += n;
  }

  /** Reads one element (check ready() first). */
  take(): Value {
    return this.items[this.lo++];
  }

  /** What is left as a sequence value (a LazySeq, a List or null), without realizing anything. */
  remaining(): Value {
    if (this.coll !== undefined) this.ready();
    if (this.lo >= this.hi) return this.rest;
    if (this.items.length === this.hi) return LazySeq.chunked(this.items as Value[], this.lo, this.rest as LazySeq | List | null);
    return LazySeq.chunked(this.items.slice(this.lo, this.hi), 0, this.rest as LazySeq | List | null);
  }
}

// ---------------------------------------------------------------- calling from TS

/** Whether TS code can call `f` itself: a native that never calls back, a keyword, a map or a set. */
export function callableHere(f: Value): boolean {
  if (f instanceof Native) return f.spec.callsBack !== true;
  return f instanceof Keyword || f instanceof PMap || f instanceof PSet;
}

/** Calls `f` (callableHere) on `args`, charged as a call by the processor. */
export function callHere(f: Value, args: Value[]): Value {
  if (f instanceof Native) {
    const spec = f.spec;
    if (args.length < spec.min || args.length > spec.max) throw new Fault('arity', { fn: f, given: args.length });
    return made(f, args.length === 1 ? spec.impl(args[0]) : args.length === 2 ? spec.impl(args[0], args[1]) : spec.impl(...args));
  }
  chargeReductions(1);
  if (args.length < 1 || args.length > 2) throw new Fault('arity', { fn: f, given: args.length });
  const dflt = args.length === 2 ? args[1] : null;
  if (f instanceof Keyword) {
    const m = args[0];
    if (m instanceof PMap) return m.get(f, dflt) as Value;
    if (m instanceof PSet) return m.has(f) ? f : dflt;
    return dflt;
  }
  if (f instanceof PSet) return f.has(args[0]) ? args[0] : dflt;
  return (f as PMap).get(args[0], dflt) as Value;
}

/** A native's result, charged as the processor charges one (its cost, a long string made). */
function made(f: Native, r: Value | CallRequest): Value {
  chargeReductions(f.spec.cost);
  if (r instanceof CallRequest) throw new Fault('badarg', { fn: f, message: 'this function calls back into Lonala and cannot be called here' });
  if (typeof r === 'string' && r.length > 32) charge(16 + r.length);
  return r;
}

/** `(f x)` from TS, the common case without an arguments array for a native. */
export function call1(f: Value, x: Value): Value {
  return f instanceof Native && f.spec.min <= 1 && f.spec.max >= 1 ? made(f, f.spec.impl(x)) : callHere(f, [x]);
}

/** `(f x y)` from TS. */
export function call2(f: Value, x: Value, y: Value): Value {
  return f instanceof Native && f.spec.min <= 2 && f.spec.max >= 2 ? made(f, f.spec.impl(x, y)) : callHere(f, [x, y]);
}
