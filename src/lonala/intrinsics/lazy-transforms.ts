/**
 * Lazy sequences realized in TS that transform other sequences: map and
 * filter (remove) of a function callable here, take, drop, take-while,
 * drop-while, interleave, reductions. Each reads its input with a Cursor
 * (seq-cursor.ts), run by run as the input was realized, and makes at most
 * one run of output per realization step, so a map over a chunked range
 * makes chunks of 32 and a map over a sequence realized one element at a
 * time does the same (a sequence reading itself stays possible).
 *
 * An element is moved past only once its result is kept (lazy-sources.ts
 * RunSource): a step cut short by NeedsRealizing goes on where it stopped.
 * A filter that finds nothing reads at most SCAN elements a step and says
 * so (the caller's budget then decides whether to go on here or as Lonala
 * work), so a filter over an infinite input that never matches is a long
 * Lonala loop, preemptible, never a hang of the host.
 */
import { LazySeq, List, CHUNK, force, truthy, type Value } from '../../machine/index.js';
import { Cursor, call1, call2, callHere } from './seq-cursor.js';
import { RunSource } from './lazy-sources.js';
import { isReduced } from './reducing.js';

/** Elements a filter or drop-while reads in one step before it reports progress only. */
const SCAN = 256;

/** Realizes `cell` as what `cursor` has left (after a drop), without copying it. */
function realizeAsRest(cell: LazySeq, cursor: Cursor): boolean {
  const rest = cursor.remaining();
  cell.realizeFrom(rest instanceof LazySeq ? force(rest) : (rest as List | null));
  return true;
}

/** `(map f coll & colls)`: f of the elements at each position, until the shortest input ends. */
export class MapSource extends RunSource {
  constructor(private readonly f: Value, private readonly inputs: Cursor[]) {
    super();
  }

  fill(cell: LazySeq): boolean {
    const inputs = this.inputs, f = this.f;
    let k = CHUNK - this.out.length;
    for (const c of inputs) k = Math.min(k, c.ready());
    if (k === 0) return this.emit(cell, false);
    if (inputs.length === 1) {
      const c = inputs[0];
      for (; k > 0; k--) {
        this.out.push(call1(f, c.peek(0)));
        c.skip(1);
      }
    } else {
      for (; k > 0; k--) {
        this.out.push(inputs.length === 2 ? call2(f, inputs[0].peek(0), inputs[1].peek(0)) : callHere(f, inputs.map((c) => c.peek(0))));
        for (const c of inputs) c.skip(1);
      }
    }
    return this.emit(cell, true);
  }

  override parts(): Value[] {
    return [this.f, ...this.inputs.flatMap((c) => c.parts()), ...this.out];
  }
}

/** `(filter pred coll)` (keep true), `(remove pred coll)` (keep false). */
export class FilterSource extends RunSource {
  constructor(private readonly pred: Value, private readonly input: Cursor, private readonly keep: boolean) {
    super();
  }

  fill(cell: LazySeq): boolean {
    const c = this.input, pred = this.pred, keep = this.keep;
    for (let scanned = 0; scanned < SCAN;) {
      const k = c.ready();
      if (k === 0) return this.emit(cell, false);
      for (let i = Math.min(k, CHUNK); i > 0; i--, scanned++) {
        const x = c.peek(0);
        if (truthy(call1(pred, x)) === keep) this.out.push(x);
        c.skip(1);
      }
      if (this.out.length > 0) return this.emit(cell, true);
    }
    return false;
  }

  override parts(): Value[] {
    return [this.pred, ...this.input.parts(), ...this.out];
  }
}

/** `(take n coll)`: its first n elements; nothing past them is realized. */
export class TakeSource extends RunSource {
  constructor(private left: number, private readonly input: Cursor) {
    super();
  }

  fill(cell: LazySeq): boolean {
    if (this.left <= 0) return this.emit(cell, false);
    const k = Math.min(this.input.ready(), this.left, CHUNK);
    if (k === 0) return this.emit(cell, false);
    for (let i = 0; i < k; i++) this.out.push(this.input.take());
    this.left -= k;
    return this.emit(cell, this.left > 0);
  }

  override parts(): Value[] {
    return this.input.parts();
  }
}

/** `(drop n coll)`: what follows its first n elements, realized when it is. */
export class DropSource extends RunSource {
  constructor(private left: number, private readonly input: Cursor) {
    super();
  }

  fill(cell: LazySeq): boolean {
    for (let scanned = 0; this.left > 0; scanned++) {
      const k = this.input.ready();
      if (k === 0) return this.emit(cell, false);
      const d = Math.min(k, this.left);
      this.input.skip(d);
      this.left -= d;
      if (scanned > SCAN) return false;
    }
    return realizeAsRest(cell, this.input);
  }

  override parts(): Value[] {
    return this.input.parts();
  }
}

/** `(take-while pred coll)`: elements until the first for which pred is falsy. */
export class TakeWhileSource extends RunSource {
  constructor(private readonly pred: Value, private readonly input: Cursor) {
    super();
  }

  fill(cell: LazySeq): boolean {
    const k = Math.min(this.input.ready(), CHUNK);
    if (k === 0) return this.emit(cell, false);
    for (let i = 0; i < k; i++) {
      const x = this.input.peek(0);
      if (!truthy(call1(this.pred, x))) return this.emit(cell, false);
      this.out.push(x);
      this.input.skip(1);
    }
    return this.emit(cell, true);
  }

  override parts(): Value[] {
    return [this.pred, ...this.input.parts(), ...this.out];
  }
}

/** `(drop-while pred coll)`: from the first element for which pred is falsy. */
export class DropWhileSource extends RunSource {
  constructor(private readonly pred: Value, private readonly input: Cursor) {
    super();
  }

  fill(cell: LazySeq): boolean {
    for (let scanned = 0; scanned < SCAN; scanned++) {
      if (this.input.ready() === 0) return this.emit(cell, false);
      if (!truthy(call1(this.pred, this.input.peek(0)))) return realizeAsRest(cell, this.input);
      this.input.skip(1);
    }
    return false;
  }

  override parts(): Value[] {
    return [this.pred, ...this.input.parts()];
  }
}

/** `(interleave a b ...)`: the first of each, then the second of each..., until one ends. */
export class InterleaveSource extends RunSource {
  constructor(private readonly inputs: Cursor[]) {
    super();
  }

  fill(cell: LazySeq): boolean {
    let rounds = Math.max(1, Math.floor(CHUNK / this.inputs.length));
    for (const c of this.inputs) rounds = Math.min(rounds, c.ready());
    if (rounds === 0) return this.emit(cell, false);
    for (let r = 0; r < rounds; r++) for (const c of this.inputs) this.out.push(c.take());
    return this.emit(cell, true);
  }

  override parts(): Value[] {
    return [...this.inputs.flatMap((c) => c.parts()), ...this.out];
  }
}

/** `(reductions f init coll)`: init, then each intermediate result of reducing coll with f. */
export class ReductionsSource extends RunSource {
  private started = false;
  constructor(private readonly f: Value, private acc: Value, private readonly input: Cursor) {
    super();
  }

  fill(cell: LazySeq): boolean {
    if (!this.started) {
      this.out.push(this.acc);
      this.started = true;
      return this.emit(cell, true);
    }
    const k = Math.min(this.input.ready(), CHUNK);
    if (k === 0) return this.emit(cell, false);
    for (let i = 0; i < k; i++) {
      const acc = call2(this.f, this.acc, this.input.peek(0));
      this.input.skip(1);
      if (isReduced(acc)) { // (reduced x) ends it with x, as reduce would
        this.out.push(acc.payload as Value);
        return this.emit(cell, false);
      }
      this.acc = acc;
      this.out.push(acc);
    }
    return this.emit(cell, true);
  }

  override parts(): Value[] {
    return [this.f, this.acc, ...this.input.parts(), ...this.out];
  }
}
