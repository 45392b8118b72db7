/**
 * Lazy sequences realized in TS that group or sift their input by value:
 * partition (and partition-all), partition-by of a function callable here,
 * distinct and dedupe. Like lazy-transforms.ts they read a Cursor and keep
 * their state across a step cut short (NeedsRealizing from hashing or
 * comparing a lazy element), moving past an element only once it counted.
 * Partitions are lists, as Clojure's are seqs.
 */
import { LazySeq, List, CHUNK, equals, hash, type Value } from '../../machine/index.js';
import { Cursor, call1 } from './seq-cursor.js';
import { RunSource } from './lazy-sources.js';

/**
 * `(partition n step pad coll)`: lists of n elements, each starting `step`
 * after the one before; at the end, an incomplete one is dropped, or filled
 * from pad (`pad` given: as many as pad has), or kept (`all`: partition-all).
 */
export class PartitionSource extends RunSource {
  /** The elements read for the partitions to come. */
  private window: Value[] = [];
  /** Elements to skip before the next partition (step past n). */
  private skipping = 0;
  constructor(private readonly n: number, private readonly step: number, private readonly pad: Value,
    private readonly all: boolean, private readonly input: Cursor) {
    super();
  }

  fill(cell: LazySeq): boolean {
    const c = this.input;
    while (this.skipping > 0) {
      const k = c.ready();
      if (k === 0) return this.emit(cell, false);
      const d = Math.min(k, this.skipping);
      c.skip(d);
      this.skipping -= d;
    }
    while (this.window.length < this.n) {
      if (c.ready() === 0) return this.finish(cell);
      this.window.push(c.take());
    }
    this.out.push(List.from(this.window.slice(0, this.n)));
    this.advance();
    return this.emit(cell, true);
  }

  /** The input ended with `window` short of n elements. */
  private finish(cell: LazySeq): boolean {
    const w = this.window;
    if (w.length > 0 && (this.all || this.pad !== null)) {
      const last = this.all ? w : [...w, ...padding(this.pad, this.n - w.length)];
      this.out.push(List.from(last));
      if (this.all && this.step < w.length) {
        this.advance();
        return this.emit(cell, true); // partition-all with a small step: the shorter windows after it
      }
    }
    this.window = [];
    return this.emit(cell, false);
  }

  private advance(): void {
    if (this.step < this.window.length) this.window = this.window.slice(this.step);
    else {
      this.skipping = this.step - this.window.length;
      this.window = [];
    }
  }

  override parts(): Value[] {
    return [...this.window, this.pad, ...this.input.parts(), ...this.out];
  }
}

/** At most `n` elements of the pad collection (it may be infinite: `(repeat nil)`). */
function padding(pad: Value, n: number): Value[] {
  const c = new Cursor(pad, 'partition');
  const out: Value[] = [];
  while (out.length < n && c.ready() > 0) out.push(c.take());
  return out;
}

/** `(partition-by f coll)`: runs of consecutive elements for which f gives equal values, as lists. */
export class PartitionBySource extends RunSource {
  private group: Value[] = [];
  private key: Value = null;
  constructor(private readonly f: Value, private readonly input: Cursor) {
    super();
  }

  fill(cell: LazySeq): boolean {
    const c = this.input;
    for (;;) {
      if (c.ready() === 0) {
        if (this.group.length > 0) this.out.push(List.from(this.group));
        this.group = [];
        return this.emit(cell, false);
      }
      const x = c.peek(0);
      const k = call1(this.f, x);
      if (this.group.length > 0 && !equals(k, this.key)) {
        this.out.push(List.from(this.group));
        this.group = [];
        return this.emit(cell, true); // x starts the next group, read again then
      }
      this.group.push(x);
      this.key = k;
      c.skip(1);
    }
  }

  override parts(): Value[] {
    return [this.f, this.key, ...this.group, ...this.input.parts(), ...this.out];
  }
}

/** `(distinct coll)`: each element the first time it occurs (by =, a hash table of those seen). */
export class DistinctSource extends RunSource {
  private readonly seen = new Map<number, Value[]>();
  constructor(private readonly input: Cursor) {
    super();
  }

  fill(cell: LazySeq): boolean {
    const c = this.input;
    for (let scanned = 0; scanned < 8 * CHUNK; scanned++) {
      if (c.ready() === 0) return this.emit(cell, false);
      const x = c.peek(0);
      const h = hash(x);
      const bucket = this.seen.get(h);
      if (bucket === undefined) this.seen.set(h, [x]);
      else if (!bucket.some((y) => equals(x, y))) bucket.push(x);
      else {
        c.skip(1);
        continue;
      }
      this.out.push(x);
      c.skip(1);
      if (this.out.length >= CHUNK) break;
    }
    return this.emit(cell, true);
  }

  override parts(): Value[] {
    return [...[...this.seen.values()].flat(), ...this.input.parts(), ...this.out];
  }
}

/** `(dedupe coll)`: without consecutive repeats. */
export class DedupeSource extends RunSource {
  private last: Value = null;
  private any = false;
  constructor(private readonly input: Cursor) {
    super();
  }

  fill(cell: LazySeq): boolean {
    const c = this.input;
    const k = Math.min(c.ready(), CHUNK);
    if (k === 0) return this.emit(cell, false);
    for (let i = 0; i < k; i++) {
      const x = c.peek(0);
      if (!this.any || !equals(x, this.last)) this.out.push(x);
      this.any = true;
      this.last = x;
      c.skip(1);
    }
    return this.emit(cell, true);
  }

  override parts(): Value[] {
    return [this.last, ...this.input.parts(), ...this.out];
  }
}
