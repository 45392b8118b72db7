/**
 * Per-process heap accounting (LONALA.md 8 `:max-heap-size`, ARCHITECTURE.md
 * "Processes"). Allocation is counted by the machine's meter
 * (machine/heap-meter.ts); this file measures what a process keeps alive,
 * by walking everything reachable from its stack, frames and mailbox with
 * the same size estimates the constructors charge, and enforces the limit:
 * a process over it ends with `[:error :oom]`, which no guard can catch.
 *
 * Measuring costs time proportional to the live heap, so it runs only when
 * the process has allocated as much again as it kept at the last
 * measurement (at least GROWTH bytes): amortised, like a copying collector.
 */
import {
  Fault, Fn, Keyword, Kind, Tuple, charge, current, jsRegs, jsUnseenBytes, meter, stackMeter, unwrap, LazySeq, LazyState, type Source, type LObject, type List, type PMap, type PSet, type Value, type Vector,
  type Binary, type Bytebuf, type Regex, type Thread, type Var,
} from '../machine/index.js';
import type { Realm } from './realm.js';
import { HeapLimit, type Process } from './process.js';
import { guardHost } from './host-guard.js';
import { bigintSize } from '../machine/function.js';
import { chargeElements } from '../lonala/index.js';

const GROWTH = 64 * 1024;
export const OOM: Value = new Tuple([Keyword.of('error'), Keyword.of('oom')]);

/** Objects one measurement tells apart (a JS Set holds at most 2^24); past it, the count is a lower bound. */
const MAX_SEEN = 8_000_000;

/**
 * Bytes reachable from `p`'s roots (and `nested`'s, a thread of p running
 * a load or a macro), counting shared structure once; stops early past `cap`.
 */
export function measureHeap(p: Process, cap = Infinity, nested: Thread | null = null): number {
  const roots: Value[] = [];
  // The process itself is charged to its realm while it lives (PROCESS_BYTES), a metered one's stack as it grows: here, what it holds.
  let base = p.heap === null ? 8 * (p.stack.length + p.frames.length) : 0;
  for (const t of nested === null ? [p] : [p, nested]) {
    if (t !== p) base += 8 * (t.stack.length + t.frames.length);
    for (const v of t.stack) roots.push(v);
    for (const f of t.frames) if (f instanceof Fn) roots.push(f);
    if (t.fn !== null) roots.push(t.fn);
  }
  if (p.mailbox !== null) for (const m of p.mailbox.peek(p.mailbox.length)) roots.push(unwrap(m));
  if (p.extra !== null && p.extra.faultFrames !== null) roots.push(p.extra.faultFrames);
  return base + measureReachable(roots, cap);
}

/** Bytes reachable from `values` (shared parts once), stopping early past `cap`; charges no one. */
export function measureValues(values: Value[], cap: number): number {
  return measureReachable(values, cap);
}

/** The size of each value measured for a definition (values are immutable: it stays true). */
const valueSizes = new WeakMap<object, number>();

/**
 * Bytes reachable from `v` (shared parts once), stopping early past `cap`;
 * the caller pays a reduction per object. A value measured whole before is
 * not walked again.
 */
export function measureValue(v: Value, cap: number): number {
  if (typeof v !== 'object' || v === null) return primitiveBytes(v);
  const known = valueSizes.get(v);
  if (known !== undefined) return known;
  const work = { values: 0 };
  const bytes = measureReachable([v], cap, work);
  chargeElements(work.values);
  if (bytes <= cap && work.values < MAX_SEEN) valueSizes.set(v, bytes);
  return bytes;
}

/**
 * Bytes reachable from `roots`, each object once, as a collector's mark
 * phase would find them; stops early past `cap`. `work.values` counts the
 * values looked at.
 */
function measureReachable(roots: Value[], cap: number, work = { values: 0 }): number {
  const saved = meter.bytes;
  const seen = new Set<object>();
  const todo: Value[] = [];
  let total = 0;
  const visit = (v: Value): void => {
    work.values++;
    if (typeof v === 'object' && v !== null) todo.push(v);
    else total += primitiveBytes(v);
  };
  for (const v of roots) visit(v);
  while (todo.length > 0 && total <= cap && seen.size < MAX_SEEN) {
    const o = todo.pop() as LObject;
    if (seen.has(o)) continue;
    seen.add(o);
    total += objectSize(o, visit);
  }
  meter.bytes = saved;
  return total;
}

/** Bytes of a string or big integer (other non-objects live in their slot). */
function primitiveBytes(v: Value): number {
  if (typeof v === 'string') return 16 + v.length;
  if (typeof v === 'bigint') return 24 + Math.ceil(bigintSize(v) / 8);
  return 0;
}

/** Bytes of one value by itself (its members not counted), as a measurement counts it. */
export function valueBytes(v: Value): number {
  return typeof v === 'object' && v !== null ? objectSize(v as LObject, ignore) : primitiveBytes(v);
}

const ignore = (): void => {};

/**
 * A message of `bytes` reached `p`'s mailbox while it was not running:
 * once messages have used up its allowance, its heap (mailbox included) is
 * measured, and past its limit or its realm's quota it ends with :oom
 * (as BEAM's max_heap_size counts the message queue).
 */
export function chargeMailbox(p: Process, bytes: number): void {
  const heap = p.heap!;
  if (heap.max <= 0 || (heap.allowance -= bytes) > 0 || p.system.scheduler.running === p) return;
  if (remeasure(p, heap)) p.system.signals.exit(p, OOM);
}

/**
 * Measures `p` while it is not running (its frames all on its stack),
 * charges its realm, and sets its next allowance; true if it is out of
 * memory (past its limit or its realm's quota).
 */
function remeasure(p: Process, heap: HeapLimit): boolean {
  const live = measureHeap(p, heap.max);
  const room = p.realm.chargeMemory(live - heap.used);
  heap.used = live;
  if (room < 0) p.realm.underPressure = true;
  if (live + heap.stack > heap.max || room < 0) return true;
  heap.allowance = Math.min(nextAllowance(live, heap.max, heap.min), Math.max(room, 4096));
  return false;
}

/** What each var's value was charged, and to which realm. */
const definitions = new WeakMap<Var, { realm: Realm; bytes: number }>();

/**
 * A var defined (def, intern, var-set) to `value` by `p`: what the value
 * holds is its realm's memory while the var holds it (a namespace is no
 * process's, so no heap measurement sees it). Past the quota the process
 * ends :oom and the var is not set.
 */
export function chargeDefinition(p: Process, v: Var, value: Value): void {
  const realm = p.realm;
  const old = definitions.get(v);
  if (realm.memoryLimit === Infinity && old === undefined) return;
  const again = old !== undefined && old.realm === realm ? old.bytes : 0;
  const bytes = realm.memoryLimit === Infinity ? 0 : measureValue(value, realm.memoryRoom() + again + 1);
  if (!realm.reserve(bytes - again)) {
    realm.underPressure = true;
    throw new Fault('exit', null, OOM);
  }
  if (old !== undefined && old.realm !== realm) {
    old.realm.chargeMemory(-old.bytes);
    old.realm.definedBytes -= old.bytes;
  }
  realm.definedBytes += bytes - again;
  definitions.set(v, { realm, bytes });
}

/** Size of `o` itself; its members go to `visit`. Globals (vars, namespaces, code) are not the process's. */
function objectSize(o: LObject, visit: (v: Value) => void): number {
  switch (o.kind) {
    case Kind.List: {
      let n = 0;
      for (let l = o as List; l.size > 0; l = l.tail) { visit(l.head); n += 40; }
      return n;
    }
    case Kind.LazySeq: return lazySize(o as LazySeq, visit);
    case Kind.Tuple: (o as Tuple).items.forEach(visit); return 32 + 8 * (o as Tuple).items.length;
    case Kind.Vector: for (const x of o as Vector) visit(x); return 56 + 9 * (o as Vector).count;
    case Kind.Map: (o as PMap).forEach((v, k) => { visit(k); visit(v); }); return 48 + 24 * (o as PMap).count;
    case Kind.Set: (o as PSet).values().forEach(visit); return 48 + 16 * (o as PSet).count;
    case Kind.Binary: case Kind.Bytebuf: return 32 + (o as Binary | Bytebuf).bytes.length;
    case Kind.Regex: return (o as Regex).bytes;
    case Kind.Fn: (o as Fn).env.forEach(visit); return 32 + 8 * (o as Fn).env.length;
    case Kind.Float: return 24;
    case Kind.Ratio: return 64;
    default: return 24;
  }
}

/**
 * A lazy seq's realized cells walked as one chain (as a list's nodes),
 * their runs' values visited; where it is not realized yet, what its body
 * or its Source holds. Realized cells are memory like any other.
 */
function lazySize(seq: LazySeq, visit: (v: Value) => void): number {
  let n = 0;
  for (let c: Value = seq; c instanceof LazySeq;) {
    n += 64;
    if (c.state === LazyState.Thunk) visit(c.pending as Value);
    else if (c.state === LazyState.Source) for (const x of (c.pending as Source).parts()) visit(x);
    if (c.state !== LazyState.Cell) break;
    if (c.chunk === null) visit(c.first);
    else {
      for (let i = c.at; i < c.chunk.length; i++) visit(c.chunk[i]);
      n += 8 * (c.chunk.length - c.at);
    }
    const m: Value = c.more;
    if (!(m instanceof LazySeq)) {
      visit(m);
      break;
    }
    c = m;
  }
  return n;
}

/**
 * The heap size process-info reports: the last measurement for a limited
 * process, else a fresh one (which stops early past `cap`: then the figure
 * is a lower bound, more than `cap`).
 */
export function heapSize(p: Process, cap = Infinity): number {
  const max = p.heap?.max ?? 0;
  return max > 0 && p.heapUsed > 0 ? p.heapUsed : measureHeap(p, cap);
}

/** process-info's `:heap-size`: heapSize, but never less than the process's `:min-heap-size`. */
export function reportedHeapSize(p: Process, cap = Infinity): number {
  return Math.max(heapSize(p, cap), p.heap?.min ?? 0);
}

/** Whether heapSize(p) would measure now (a walk of the heap), rather than report the last measurement. */
export function heapSizeMeasures(p: Process): boolean {
  return !((p.heap?.max ?? 0) > 0 && p.heapUsed > 0);
}

/** The meter's limit handler: measure the running process, continue or end it. */
meter.onLimit = () => {
    const thread = current.thread;
    const p = (thread?.context ?? null) as Process | null;
    const heap = p?.heap ?? null;
    meter.limit = Infinity;
    if (p === null || heap === null || heap.max <= 0) return;
    const nested = thread !== p ? thread : null;
    guardHost(p.system, p, nested);
    const max = heap.max;
    // What the native running now allocated is not reachable from the roots yet: count it as live.
    const live = measureHeap(p, max, nested) + (meter.bytes - meter.mark);
    const room = p.realm.chargeMemory(live - heap.used);
    heap.used = live;
    // Over its own limit, or its realm's quota (the realm and its ancestors together): out of memory.
    if (room < 0) p.realm.underPressure = true;
    if (live + heap.stack > max || room < 0) throw new Fault('exit', null, OOM);
    // Frames of compiled code hold what the walk cannot see: at most what was allocated since they began.
    // If that could pass the limit, they are written out at their next call (jsRegs.reds 0) and measured then.
    const unseen = nested === null ? jsUnseenBytes() : 0;
    if (live + unseen + heap.stack > max || room < unseen) {
      jsRegs.measure = true;
      jsRegs.reds = 0;
      meter.limit = meter.bytes + Math.max(4096, (Math.min(max - live - heap.stack, room)) / 4);
      return;
    }
    meter.limit = meter.bytes + Math.min(nextAllowance(live, max, heap.min), Math.max(room, 4096));
};

/**
 * Allocation allowed before the next measurement: as much as is live (so
 * measuring stays amortised), but closer to the limit it measures sooner,
 * so a process overshoots its limit by at most a sixteenth.
 */
export function nextAllowance(live: number, max: number, minHeap: number): number {
  return Math.max(Math.min(Math.max(live, GROWTH, minHeap), max - live), max / 16, 4096);
}

/**
 * Meters `p` against `max` bytes (its own :max-heap-size, else its realm's
 * quota, the realm and its ancestors together); no limit at all costs nothing.
 */
export function limitHeap(p: Process, max: number, minHeap = 0): void {
  const limit = Math.min(max > 0 ? max : Infinity, p.realm.memoryLimit);
  if (limit === Infinity && minHeap <= 0) return;
  const heap = (p.heap ??= new HeapLimit());
  heap.min = minHeap;
  if (limit === Infinity) return;
  if (max > 0) heap.option = max;
  heap.max = limit;
  heap.allowance = nextAllowance(0, limit, minHeap);
}

/**
 * A thread's stack grew by `bytes`: a metered process's own stack is
 * charged to its realm at once (past its limit or the quota it ends :oom);
 * anything else goes through the allocation meter.
 */
stackMeter.grew = (thread, bytes) => {
  const p = (thread as Thread).context as Process | null;
  const heap = p !== null && p === thread ? p.heap : null;
  if (heap === null || heap.max <= 0) return charge(bytes);
  heap.stack += bytes;
  const room = p!.realm.chargeMemory(bytes);
  if (room < 0) p!.realm.underPressure = true;
  if (room < 0 || heap.used + heap.stack > heap.max) throw new Fault('exit', null, OOM);
};

/**
 * `p` dropped its stack (an evaluator whose evaluation faulted): its stack's
 * charge goes back to its realm, and its heap (what it still holds: its
 * mailbox, say) is measured again and charged as it is now.
 */
export function releaseHeap(p: Process): void {
  const heap = p.heap;
  if (heap === null || heap.max <= 0) return;
  const live = measureHeap(p);
  p.realm.chargeMemory(live - heap.used - heap.stack);
  heap.used = live;
  heap.stack = 0;
  heap.allowance = nextAllowance(live, heap.max, heap.min);
}

/** Before running `p`: arm the meter if it has a heap limit. */
export function armHeapLimit(p: Process): void {
  const heap = p.heap;
  if (heap === null || heap.max <= 0) return;
  meter.limit = meter.bytes + heap.allowance;
}

/**
 * After running `p`: keep what is left of its allowance, disarm the meter;
 * a measurement compiled code put off is made now. The exit reason if `p`
 * is out of memory, else null.
 */
export function disarmHeapLimit(p: Process): Value | null {
  const heap = p.heap;
  const left = meter.limit - meter.bytes;
  meter.limit = Infinity;
  if (heap === null || heap.max <= 0) return null;
  heap.allowance = Math.max(0, left);
  if (!jsRegs.measure) return null;
  jsRegs.measure = false; // compiled frames put a measurement off until they were written out: now
  return remeasure(p, heap) ? OOM : null;
}
