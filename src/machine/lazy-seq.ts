/**
 * Lazy sequences (LONALA.md section 2 "Sequences"; Clojure's LazySeq, Cons
 * and chunked seqs as one class). Design:
 *
 *   state    holds                          made by
 *   Thunk    pending: a Lonala fn of no     (lazy-seq body...): realizing
 *            arguments                      it calls the fn (Lonala work)
 *   Source   pending: a Source (TS code)    range, repeat, map of a native
 *                                           over a seq...: realized here
 *   Cell     first, chunk/at, more          realized: `first` is chunk[at]
 *                                           when chunk (a run of values made
 *                                           together, at most 32, or a sorted
 *                                           array); `more` follows the run
 *   Empty    nothing                        realized, no elements
 *
 *   a realized chain:  Cell[chunk=[0..31] at=0] --more--> Source(range 32..)
 *   (rest of it):      Cell[same chunk at=1] (a new cell sharing the chunk)
 *
 * `more` is null (the end), a non-empty List, or another LazySeq (maybe
 * unrealized, maybe empty once realized). A Cell is never empty.
 *
 * TS code cannot run a thunk: only the processor runs Lonala code. A native
 * meeting an unrealized cell calls `force`, which realizes a Source cell
 * here (bounded: REALIZE_BUDGET reductions of work per native call, and
 * MAX_DEPTH sources nested in each other, so a long or deep realization
 * never holds the scheduler or the JS stack) and otherwise throws
 * NeedsRealizing. The processor turns that into a call of the Lonala
 * helper `(realize-then* cell n deep? native args)` (slow-paths.ts
 * `callNative`), which realizes the next `n` elements of `cell` as ordinary
 * work of the process (preempted, charged, metered like any allocation)
 * and calls the native again. Pattern tests and equality in instructions
 * restart the same way (processor.ts, `realize-resume*`). What is realized
 * stays realized, so a native run again after it walks realized cells:
 * callers ask for what they need at once (`n` = all for count, the
 * elements still missing for nth), never one element per run.
 */
import { Kind, type LObject, type Value } from './value.js';
import { List } from './list.js';
import { charge } from './heap-meter.js';
import { extraReductions } from './function.js';
import { Fault } from './fault.js';

export const enum LazyState { Thunk = 0, Source = 1, Cell = 2, Empty = 3 }

/** TS code that realizes a cell (a range, a map of a native function over a sequence...). */
export abstract class Source {
  /**
   * Realizes `cell` (lazy-seq.ts `realized`/`emptied`) and answers true,
   * or makes progress without realizing it yet (a filter that found
   * nothing in a run of its input) and answers false: it is called again.
   * Charges its work; may throw NeedsRealizing (its own input needs Lonala
   * work) after leaving its state consistent, so it can be called again.
   */
  abstract fill(cell: LazySeq): boolean;
  /** The number of elements it gives, when known without realizing them (a range). */
  count(): number | undefined {
    return undefined;
  }
  /** The values it holds: what a heap measurement or a send looks into. */
  abstract parts(): Value[];
}

/** The number of values made together in one realization step (as Clojure's chunks). */
export const CHUNK = 32;

export class LazySeq implements LObject {
  readonly kind = Kind.LazySeq;
  /** Cached hash of the whole sequence (equality.ts), 0 until computed; only once realized to its end. */
  _hash = 0;
  /** Thunk: the fn; Source: the Source; realized: null. */
  pending: Value | Source;
  first: Value = null;
  chunk: Value[] | null = null;
  at = 0;
  more: LazySeq | List | null = null;

  private constructor(public state: LazyState, pending: Value | Source) {
    this.pending = pending;
    charge(64);
  }

  /** `(lazy-seq body)`: realized by calling `thunk` (a Lonala function of no arguments). */
  static ofThunk(thunk: Value): LazySeq {
    return new LazySeq(LazyState.Thunk, thunk);
  }

  /** A sequence realized by `source`. */
  static ofSource(source: Source): LazySeq {
    return new LazySeq(LazyState.Source, source);
  }

  /** A realized cell: `first`, then `more` (what `cons` makes of a lazy tail). */
  static cell(first: Value, more: LazySeq | List | null): LazySeq {
    const c = new LazySeq(LazyState.Cell, null);
    c.first = first;
    c.more = more;
    return c;
  }

  /** A realized run `chunk[at..]` (non-empty), then `more`. The chunk is never changed afterwards. */
  static chunked(chunk: Value[], at: number, more: LazySeq | List | null): LazySeq {
    const c = new LazySeq(LazyState.Cell, null);
    c.first = chunk[at];
    c.chunk = chunk.length - at > 1 ? chunk : null;
    c.at = at;
    c.more = more;
    return c;
  }

  /** A realized empty sequence. */
  static empty(): LazySeq {
    return new LazySeq(LazyState.Empty, null);
  }

  get realized(): boolean {
    return this.state >= LazyState.Cell;
  }

  /** Elements of this cell's run (a realized, non-empty cell). */
  get run(): number {
    return this.chunk === null ? 1 : this.chunk.length - this.at;
  }

  /** What follows the first element of a realized, non-empty cell: a LazySeq or a List (maybe empty). */
  restSeq(): LazySeq | List {
    const c = this.chunk;
    if (c !== null && this.at + 1 < c.length) return LazySeq.chunked(c, this.at + 1, this.more);
    return this.more ?? List.EMPTY;
  }

  /** Realizes this cell as `chunk[at..]` (non-empty) then `more` (Source code calls it from `fill`). */
  realizeRun(chunk: Value[], at: number, more: LazySeq | List | null): void {
    this.state = LazyState.Cell;
    this.pending = null;
    this.first = chunk[at];
    this.chunk = chunk.length - at > 1 ? chunk : null;
    this.at = at;
    this.more = more;
  }

  /** Realizes this cell as one element, then `more`. */
  realizeOne(first: Value, more: LazySeq | List | null): void {
    this.state = LazyState.Cell;
    this.pending = null;
    this.first = first;
    this.more = more;
  }

  /** Realizes this cell as the elements of `s`: nil, a List, or a realized LazySeq (its fields copied). */
  realizeFrom(s: LazySeq | List | null): void {
    if (s === null || s instanceof List && s.size === 0 || s instanceof LazySeq && s.state === LazyState.Empty) {
      this.state = LazyState.Empty;
      this.pending = null;
      return;
    }
    if (s instanceof List) {
      this.state = LazyState.Cell;
      this.pending = null;
      this.first = s.head;
      this.more = s.size > 1 ? s.tail : null;
      return;
    }
    this.state = LazyState.Cell;
    this.pending = null;
    this.first = s.first;
    this.chunk = s.chunk;
    this.at = s.at;
    this.more = s.more;
  }
}

/**
 * Thrown by TS code that needs `n` more elements of `cell` realized (all
 * of them: Infinity) and cannot do it itself; with `deep`, each element
 * that is itself a lazy sequence is then realized whole too (a native that
 * hashes or compares the elements). Never escapes a native call: the
 * processor asks the Lonala helper to realize them and calls the native
 * again (slow-paths.ts).
 */
export class NeedsRealizing {
  constructor(
    readonly cell: LazySeq,
    readonly n: number,
    readonly deep = false,
    /** More cells to realize in the same request (a walk that collected every one it met: lazy-walk.ts). */
    readonly others: readonly NeedsRealizing[] = [],
  ) {}

  toString(): string {
    return 'a lazy sequence needed realizing outside a native call (a bug)';
  }
}

/** Reductions of realization one native call does itself before leaving the rest to Lonala work (preemptible). */
export const REALIZE_BUDGET = 10_000;

/** Sources realized inside each other (a map of a map of ... ) before the rest is left to Lonala work. */
const MAX_DEPTH = 200;
let depth = 0;

/**
 * Realizes `cell` (its Source here, within the budget of this native
 * call), or throws NeedsRealizing asking for `want` elements from it (a
 * thunk needs Lonala work). Returns the cell, realized.
 */
export function force(cell: LazySeq, want = 1): LazySeq {
  while (cell.state < LazyState.Cell) {
    if (cell.state === LazyState.Thunk || extraReductions.n > REALIZE_BUDGET || depth >= MAX_DEPTH) {
      throw new NeedsRealizing(cell, want);
    }
    try {
      fillOnce(cell);
    } catch (e) {
      // What its source needs realized is asked for as `want` elements of this cell: the helper's
      // walk then goes on from where it is, instead of this native walking again from the start
      // for each element a source of it needs (quadratic).
      if (e instanceof NeedsRealizing && e.cell !== cell) throw new NeedsRealizing(cell, want, e.deep);
      throw e;
    }
  }
  return cell;
}

/** One `fill` of a Source cell, counting its depth (a source that needs itself is an error, not a JS stack overflow). */
export function fillOnce(cell: LazySeq): boolean {
  const source = cell.pending as Source;
  depth++;
  cell.pending = FILLING;
  try {
    return source.fill(cell);
  } finally {
    depth--;
    if (cell.pending === FILLING) cell.pending = source;
  }
}

/** A Source cell being filled: meeting it again means the sequence needs itself to be realized. */
class Filling extends Source {
  fill(): boolean {
    throw new Fault('badarg', { message: 'a lazy sequence needs its own elements to be realized' });
  }
  parts(): Value[] {
    return [];
  }
}
const FILLING = new Filling();

/**
 * What a cell becomes when its thunk gave another lazy sequence not yet
 * realized: realizing the cell realizes that one and takes its elements
 * (chains of lazy-seq bodies giving lazy seqs are followed without
 * recursion, as Clojure's sval loop).
 */
export class Forward extends Source {
  constructor(public target: LazySeq) {
    super();
  }
  fill(cell: LazySeq): boolean {
    const t = (this.target = finalTarget(this.target));
    cell.realizeFrom(force(t));
    return true;
  }
  parts(): Value[] {
    return [this.target];
  }
}

/**
 * The cell a chain of forwarding cells ends at (a filter whose runs keep
 * coming out empty makes one cell per run), followed without recursion.
 */
export function finalTarget(t: LazySeq): LazySeq {
  while (t.state === LazyState.Source && t.pending instanceof Forward) t = t.pending.target;
  return t;
}

/** Whether `v` is a List or a LazySeq: the two kinds of sequence (equal when their elements are). */
export function isSeqKind(v: Value): v is List | LazySeq {
  return v instanceof List || v instanceof LazySeq;
}
