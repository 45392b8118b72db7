/**
 * Lazy sequences realized in TS (machine/lazy-seq.ts `Source`) that make
 * values rather than transform an input: range, repeat, iterate and
 * repeatedly of a function callable here (seq-cursor.ts), cycle, concat.
 * The transforming ones are in lazy-transforms.ts, the grouping ones in
 * lazy-groups.ts.
 *
 * `RunSource` is their common shape: the values of one realization step
 * collect in `out` (kept across a fill cut short by NeedsRealizing, so no
 * function is called twice for one element), then `emit` realizes the cell
 * as that run followed by a new cell of the same source (one Source object
 * per sequence, moving from cell to cell as it is realized).
 *
 * Each value made is charged a reduction; a function called is charged as
 * the processor charges a call. Ranges of small integers (the usual case)
 * are counted without realizing them and reduced without making cells
 * (reducing.ts); other numbers go through the arithmetic of lona.core.
 */
import { LazySeq, Source, CHUNK, charge, type Value } from '../../machine/index.js';
import { chargeReductions } from '../../machine/function.js';
import { add } from './numbers/binary-ops.js';
import { numCompare } from './numbers/comparison.js';
import { Cursor, call1, callHere } from './seq-cursor.js';
import { intArg } from './predicates.js';

/** A Source building runs of at most CHUNK values in `out`. */
export abstract class RunSource extends Source {
  protected out: Value[] = [];

  /**
   * Realizes `cell` as the values in `out` followed, if `goesOn`, by a new
   * cell of this source; with nothing in `out`, either the end or (goesOn)
   * progress only (the cell stays this source's, filled again).
   */
  protected emit(cell: LazySeq, goesOn: boolean): boolean {
    const out = this.out;
    if (out.length === 0) {
      if (goesOn) return false;
      cell.realizeFrom(null);
      return true;
    }
    this.out = [];
    chargeReductions(out.length);
    charge(16 + 8 * out.length);
    cell.realizeRun(out, 0, goesOn ? LazySeq.ofSource(this) : null);
    return true;
  }

  parts(): Value[] {
    return this.out;
  }
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** `(range start end step)`: end may be Infinity (no end); small integers on the fast path. */
export class RangeSource extends RunSource {
  constructor(private start: Value, private readonly end: Value | typeof Infinity, private readonly step: Value) {
    super();
  }

  /** start, end (Infinity: none) and step when all are small integers (what reducing.ts sums without cells). */
  smallBounds(): [number, number, number] | null {
    const { start, end, step } = this;
    if (typeof start !== 'number' || typeof step !== 'number' || !(typeof end === 'number')) return null;
    return [start, end, step];
  }

  /** Moves the start past what a caller consumed itself (reducing.ts). */
  advance(to: Value): void {
    this.start = to;
  }

  override count(): number | undefined {
    const b = this.smallBounds();
    if (b === null || b[1] === Infinity || b[1] === -Infinity || b[2] === 0) return undefined;
    const [a, e, s] = b;
    return Math.max(0, Math.ceil((e - a) / s));
  }

  fill(cell: LazySeq): boolean {
    const b = this.smallBounds();
    if (b !== null) {
      const [a, e, s] = b;
      const left = s > 0 ? Math.ceil((e - a) / s) : s < 0 ? Math.ceil((a - e) / -s) : Infinity;
      const n = Math.min(CHUNK, Math.max(0, left));
      const last = a + (n - 1) * s;
      if (n === 0) return this.emit(cell, false);
      if (last <= MAX_SAFE && last >= -MAX_SAFE && last + s <= MAX_SAFE && last + s >= -MAX_SAFE) {
        for (let i = 0; i < n; i++) this.out.push(a + i * s);
        this.start = a + n * s;
        return this.emit(cell, n < left);
      }
    }
    // Big integers, ratios, floats, or about to leave the small integers: lona.core's arithmetic.
    for (let i = 0; i < CHUNK; i++) {
      if (!this.before(this.start)) return this.emit(cell, false);
      this.out.push(this.start);
      this.start = add('range', this.start, this.step);
    }
    return this.emit(cell, true);
  }

  /** Whether `x` is before the end (in the step's direction). */
  private before(x: Value): boolean {
    if (this.end === Infinity) return true;
    const s = numCompare('range', this.step, 0);
    if (s === 0) return true;
    const c = numCompare('range', x, this.end);
    return s > 0 ? c < 0 : c > 0;
  }

  override parts(): Value[] {
    return [this.start, this.end === Infinity ? null : this.end, this.step, ...this.out];
  }
}

/** `(repeat x)`, `(repeat n x)`: one shared block of copies. */
export class RepeatSource extends Source {
  private block: Value[] | null = null;
  constructor(private readonly x: Value, private left: number) {
    super();
  }

  override count(): number | undefined {
    return this.left === Infinity ? undefined : Math.max(0, this.left);
  }

  fill(cell: LazySeq): boolean {
    const n = Math.min(CHUNK, this.left);
    if (n <= 0) {
      cell.realizeFrom(null);
      return true;
    }
    if (this.block === null || this.block.length !== n) {
      this.block = new Array<Value>(n).fill(this.x);
      charge(16 + 8 * n);
    }
    chargeReductions(1);
    this.left -= n;
    cell.realizeRun(this.block, 0, this.left > 0 ? LazySeq.ofSource(this) : null);
    return true;
  }

  parts(): Value[] {
    return [this.x];
  }
}

/** `(iterate f x)`: x, (f x), (f (f x)) ...; one element a step, so f runs only for what is realized. */
export class IterateSource extends Source {
  constructor(private readonly f: Value, private value: Value, private seeded: boolean) {
    super();
  }

  fill(cell: LazySeq): boolean {
    if (!this.seeded) this.value = call1(this.f, this.value);
    this.seeded = false;
    cell.realizeOne(this.value, LazySeq.ofSource(this));
    return true;
  }

  parts(): Value[] {
    return [this.f, this.value];
  }
}

/** `(repeatedly f)`, `(repeatedly n f)`: f called for each element as it is realized. */
export class RepeatedlySource extends Source {
  constructor(private readonly f: Value, private left: number) {
    super();
  }

  fill(cell: LazySeq): boolean {
    if (this.left <= 0) {
      cell.realizeFrom(null);
      return true;
    }
    const v = callHere(this.f, []);
    this.left--;
    cell.realizeOne(v, this.left > 0 ? LazySeq.ofSource(this) : null);
    return true;
  }

  parts(): Value[] {
    return [this.f];
  }
}

/** `(cycle coll)`: its elements over and over (nothing for an empty one). */
export class CycleSource extends RunSource {
  private cursor: Cursor;
  private any = false;
  constructor(private readonly coll: Value) {
    super();
    this.cursor = new Cursor(coll, 'cycle');
  }

  fill(cell: LazySeq): boolean {
    let k = this.cursor.ready();
    if (k === 0) {
      if (!this.any) return this.emit(cell, false);
      this.cursor = new Cursor(this.coll, 'cycle');
      k = this.cursor.ready();
    }
    this.any = true;
    for (let i = Math.min(k, CHUNK); i > 0; i--) this.out.push(this.cursor.take());
    return this.emit(cell, true);
  }

  override parts(): Value[] {
    return [this.coll, ...this.out];
  }
}

/** `(concat a b ...)` and mapcat's joining: the elements of each collection a sequence gives, in turn. */
export class ConcatSource extends RunSource {
  private inner: Cursor | null = null;
  constructor(private readonly colls: Cursor) {
    super();
  }

  fill(cell: LazySeq): boolean {
    for (;;) {
      const k = this.inner === null ? 0 : this.inner.ready();
      if (k > 0) {
        for (let i = Math.min(k, CHUNK); i > 0; i--) this.out.push((this.inner as Cursor).take());
        return this.emit(cell, true);
      }
      if (this.colls.ready() === 0) return this.emit(cell, false);
      this.inner = new Cursor(this.colls.take(), 'concat');
    }
  }

  override parts(): Value[] {
    return [...this.colls.parts(), ...(this.inner?.parts() ?? []), ...this.out];
  }
}

/** A count argument as a number (a big integer: Infinity or 0; a fixed-width one: its value). */
export function countArg(fn: string, n: Value): number {
  if (typeof n === 'bigint') return n > 0n ? Infinity : 0;
  return intArg(fn, n);
}
