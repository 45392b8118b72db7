/**
 * Walking sequences (lists and lazy seqs, lazy-seq.ts) from TS code that
 * may need more of them realized: equality, hashing, and the natives'
 * element walks. In a running thread an unrealized cell is realized here or
 * asked for (NeedsRealizing, never per element: see `want`); on the host
 * (the REPL's printer, a test's comparison: no thread) nothing is realized
 * and what is not realized yet is left as it is.
 */
import type { Value } from './value.js';
import { List } from './list.js';
import { LazySeq, LazyState, NeedsRealizing, force } from './lazy-seq.js';
import { current } from './current.js';
import { chargeReductions } from './function.js';

/** Returned by SeqReader.next at the end. */
export const END: unique symbol = Symbol('end');

/**
 * While a walk over a whole value runs (printing it, comparing it), the
 * cells it would have to ask for one by one are collected here instead,
 * and asked for together when it ends (`collecting`): a value holding a
 * thousand lazy seqs is realized in one request, not a thousand walks.
 */
const collector: { cells: NeedsRealizing[] | null } = { cells: null };

/**
 * Runs `walk` collecting the cells it needs realized; if it collected any
 * and its result is not `decided` without them, asks for them all at once
 * (NeedsRealizing). Outside a thread, or inside an outer collection, just
 * runs it.
 */
export function collecting<T>(walk: () => T, decided: (r: T) => boolean = () => false): T {
  if (current.thread === null || collector.cells !== null) return walk();
  const cells: NeedsRealizing[] = [];
  collector.cells = cells;
  let r: T;
  try {
    r = walk();
  } finally {
    collector.cells = null;
  }
  if (cells.length === 0 || decided(r)) return r;
  throw new NeedsRealizing(cells[0].cell, cells[0].n, false, cells.slice(1));
}

/** Whether a walk is collecting (a cell it cannot read yet is pending, not a failure). */
export const isCollecting = (): boolean => collector.cells !== null;

/** Runs `f` with no collection (a hash must see every element, or ask for them: it is cached). */
export function notCollecting<T>(f: () => T): T {
  const cells = collector.cells;
  collector.cells = null;
  try {
    return f();
  } finally {
    collector.cells = cells;
  }
}

/**
 * Reads the elements of a List or LazySeq one by one, realizing as it goes.
 * Asking for more realizes at least as many elements as were read already
 * (at least 32), so a caller run again after each request reads the
 * sequence in linear time overall.
 */
export class SeqReader {
  private items: readonly Value[] | null = null;
  private i = 0;
  private end = 0;
  private cell: Value;
  /** Elements read so far. */
  read = 0;
  /** On the host, or collecting: stopped at a cell not realized yet (`pending`). */
  pending: LazySeq | null = null;

  /**
   * `want`: the elements the caller will read at most (Infinity: all of
   * them, for count or a hash), asked for at the first request; 0: unknown,
   * asking for as many as were read (at least 32) each time.
   */
  constructor(seq: Value, private readonly want = 0) {
    this.cell = seq;
  }

  next(): Value | typeof END {
    if (this.items !== null) {
      if (this.i < this.end) {
        this.read++;
        return this.items[this.i++];
      }
      this.items = null;
    }
    for (;;) {
      const c = this.cell;
      if (c instanceof List) {
        if (c.size === 0) return END;
        this.cell = c.tail;
        this.read++;
        return c.head;
      }
      if (!(c instanceof LazySeq)) return END;
      if (c.state < LazyState.Cell) {
        if (current.thread === null) {
          this.pending = c;
          return END;
        }
        const want = this.want > 0 ? this.want - this.read : Math.max(32, this.read);
        if (collector.cells === null) force(c, want);
        else {
          try {
            force(c, want);
          } catch (e) {
            if (!(e instanceof NeedsRealizing)) throw e;
            collector.cells.push(new NeedsRealizing(c, want));
            this.pending = c;
            return END;
          }
        }
      }
      if (c.state === LazyState.Empty) return END;
      this.cell = c.more;
      if (c.chunk !== null) {
        this.items = c.chunk;
        this.i = c.at + 1;
        this.end = c.chunk.length;
      }
      this.read++;
      return c.first;
    }
  }
}

/**
 * Every element of `seq`, realizing it to its end (asking for all of it
 * at once when Lonala work is needed); on the host, null if some of it is
 * not realized yet. Charged per element.
 */
export function seqElements(seq: LazySeq): Value[] | null {
  const out: Value[] = [];
  const r = new SeqReader(seq, Infinity);
  for (let x = r.next(); x !== END; x = r.next()) out.push(x);
  if (out.length > 16) chargeReductions(out.length >>> 2);
  return r.pending === null ? out : null;
}

/** Whether `seq` is realized to its end (nothing left for Lonala or a Source to compute). */
export function fullyRealized(seq: Value): boolean {
  let c: Value = seq;
  while (c instanceof LazySeq) {
    if (c.state < LazyState.Cell) return false;
    if (c.state === LazyState.Empty) return true;
    c = c.more;
  }
  return true;
}

export { NeedsRealizing };

// ---------------------------------------------------------------- patterns

/**
 * Whether lazy seq `seq` has at least `n` elements (exactly `n` with
 * `exact`), for a list pattern: `(x & more)` needs the first realized,
 * `(a b)` three (to know there is no third). Inside a receive's scan of
 * the mailbox no Lonala code may run (it could take messages itself), so
 * there a part that needs it does not match; elsewhere it is asked for
 * (the processor runs the instruction again once it is realized).
 */
export function lazyHasElements(seq: LazySeq, n: number, exact: boolean): boolean {
  const want = exact ? n + 1 : n;
  const r = new SeqReader(seq, want);
  try {
    while (r.read < want && r.next() !== END);
  } catch (e) {
    const t = current.thread;
    if (e instanceof NeedsRealizing && t !== null && t.recvTimeout !== -1) return false;
    throw e;
  }
  return exact ? r.read === n : r.read >= n;
}

/** Element `i` of `seq` (realized: a list pattern's test read it). */
export function lazyElementAt(seq: LazySeq, i: number): Value {
  const r = new SeqReader(seq, i + 1);
  let x: Value | typeof END = END;
  for (let k = 0; k <= i; k++) x = r.next();
  return x === END ? null : x;
}

/** What follows the first `i` elements of `seq` (realized: a list pattern's test read them). */
export function lazyRestFrom(seq: LazySeq, i: number): Value {
  let c: Value = seq;
  for (let k = 0; k < i; k++) {
    if (c instanceof List) {
      let l: List = c;
      for (; k < i && l.size > 0; k++) l = l.tail;
      return l;
    }
    if (!(c instanceof LazySeq) || force(c).state === LazyState.Empty) return List.EMPTY;
    c = c.restSeq();
  }
  return c;
}

/** The elements of `seq` realized so far, in order (nothing is realized). */
export function realizedPrefix(seq: LazySeq): Value[] {
  const out: Value[] = [];
  let c: Value = seq;
  while (c instanceof LazySeq && c.state === LazyState.Cell) {
    if (c.chunk === null) out.push(c.first);
    else for (let i = c.at; i < c.chunk.length; i++) out.push(c.chunk[i]);
    c = c.more;
  }
  if (c instanceof List) for (let l: List = c; l.size > 0; l = l.tail) out.push(l.head);
  return out;
}
