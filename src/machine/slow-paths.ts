/**
 * Out-of-line helpers of the processor: the slower paths of calls and
 * pattern matching, and starting a thread on a call (`startCall`), kept
 * apart so the dispatch loop stays small.
 */
import { meter, charge } from './heap-meter.js';
import { Kind, type LObject, type Value, Keyword, Sym } from './value.js';
import { CodeObject, Fn, Native, type NativeSpec, bigintSize } from './function.js';
import { UNBOUND, type Var } from './namespace.js';
import { Tuple } from './tuple.js';
import { List } from './list.js';
import { PMap } from './hash-map.js';
import { PSet } from './hash-set.js';
import { Vector } from './vector.js';
import { Fault } from './fault.js';
import { CallRequest } from './call-request.js';
import { LazySeq, NeedsRealizing } from './lazy-seq.js';
import { lazyElementAt, lazyHasElements, lazyRestFrom } from './lazy-walk.js';
import { current } from './current.js';
import { Binding, type Thread } from './thread.js';
import { RunStatus } from './run-status.js';
import { Envelope, type Mailbox } from './mailbox.js';
import { Op } from './isa.js';
import { equals } from './equality.js';
import { thrownReason } from './exit-reason.js';
import { withTrace } from './backtrace.js';

/**
 * Calls a native with the `argc` values at `base` as positional arguments.
 * What it charges beyond its fixed cost (function.ts `extraReductions`) the
 * caller takes after it returns.
 */
export function callNative(spec: NativeSpec, stack: Value[], base: number, argc: number): Value | CallRequest {
  meter.mark = meter.bytes;
  let r: Value | CallRequest;
  try {
    r = callImpl(spec, stack, base, argc);
  } catch (e) {
    // A lazy sequence to realize first (lazy-seq.ts): the Lonala helper does it, then calls the native again.
    if (e instanceof NeedsRealizing) return realizeRequest(e, new Native(spec), stack.slice(base, base + argc));
    throw e;
  }
  return chargeNativeResult(r);
}

/** A native's result: strings and big integers made by natives are charged to the heap meter here (heap-meter.ts). */
export function chargeNativeResult(r: Value | CallRequest): Value | CallRequest {
  if (typeof r === 'string') {
    if (r.length > 32) charge(16 + r.length);
  } else if (typeof r === 'bigint') {
    charge(24 + ((bigintSize(r) + 7) >>> 3)); // its size without printing it (toString is O(n) and slow)
  }
  return r;
}

function callImpl(spec: NativeSpec, stack: Value[], base: number, argc: number): Value | CallRequest {
  const f = spec.impl;
  switch (argc) {
    case 0: return f();
    case 1: return f(stack[base]);
    case 2: return f(stack[base], stack[base + 1]);
    case 3: return f(stack[base], stack[base + 1], stack[base + 2]);
    case 4: return f(stack[base], stack[base + 1], stack[base + 2], stack[base + 3]);
    default:
      if (argc > MAX_NATIVE_ARGS) {
        throw new Fault('limit', { fn: spec.name, given: argc, message: `at most ${MAX_NATIVE_ARGS} arguments to a native` });
      }
      return f(...stack.slice(base, base + argc));
  }
}

/** The most arguments a native takes in one call (the host spreads them onto its stack). */
const MAX_NATIVE_ARGS = 100_000;

/** `(:k m)` and `(:k m default)`: keyword lookup. */
export function applyKeyword(k: Keyword, stack: Value[], base: number, argc: number): Value {
  if (argc < 1 || argc > 2) throw new Fault('arity', { fn: k, given: argc });
  const m = stack[base];
  const dflt = argc === 2 ? stack[base + 1] : null;
  if (m instanceof PMap) {
    const v = m.get(k, undefined);
    return v === undefined ? dflt : v;
  }
  if (m instanceof PSet) return m.has(k) ? k : dflt;
  return dflt;
}

/** `(m k)` and `(m k default)`: map lookup; `(s x)`: set membership (x or the default). */
export function applyMap(m: PMap | PSet, stack: Value[], base: number, argc: number): Value | CallRequest {
  if (argc < 1 || argc > 2) throw new Fault('arity', { fn: m, given: argc });
  let v: Value | undefined;
  try {
    v = m instanceof PSet ? (m.has(stack[base]) ? stack[base] : undefined) : m.get(stack[base], undefined);
  } catch (e) {
    if (e instanceof NeedsRealizing) return realizeRequest(e, m, stack.slice(base, base + argc)); // a lazy key, hashed whole
    throw e;
  }
  return v === undefined ? (argc === 2 ? stack[base + 1] : null) : v;
}

/**
 * The Lonala helpers lazy sequences need, found by the OS for a thread
 * (lona.core's `realize-then*` and `realize-resume*` of its system), or
 * null before the standard library defines them.
 */
export const lazyHelpers = {
  find: (_thread: Thread, _name: string): Value | null => null,
};

/** A call of `(realize-then* cell n deep? f args)`: realize what `e` asks for, then `(apply f args)`. */
export function realizeRequest(e: NeedsRealizing, f: Value, args: Value[]): CallRequest {
  const [cell, n] = realizeArgs(e);
  return new CallRequest(lazyHelper('realize-then*'), [cell, n, e.deep, f, new Tuple(args)]);
}

/** The cell and count a helper is given for `e`: tuples of them when it asks for several (nil: all of one). */
export function realizeArgs(e: NeedsRealizing): [Value, Value] {
  const count = (n: number): Value => (n === Infinity ? null : n);
  if (e.others.length === 0) return [e.cell, count(e.n)];
  const all = [e, ...e.others];
  return [new Tuple(all.map((x) => x.cell)), new Tuple(all.map((x) => count(x.n)))];
}

/** The helper `name` of the running thread's system; a fault when there is none (realizing during boot). */
export function lazyHelper(name: string): Value {
  const thread = current.thread;
  const helper = thread === null ? null : lazyHelpers.find(thread, name);
  if (helper === null) throw new Fault('badarg', { message: `a lazy sequence needs realizing, and lona.core/${name} is not defined yet` });
  return helper;
}

/** `[:error :arity %{:fn f :given n}]` */
export function faultArity(f: Fn | Native, given: number): never {
  throw new Fault('arity', { fn: f, given });
}

/** `[:error :undef %{:var sym}]` */
export function faultUndef(v: Var): never {
  throw new Fault('undef', { var: Sym.of(v.name, v.ns.name) });
}

/** Element `i` of a tuple, list, lazy seq or vector (pattern destructuring). */
export function elementAt(coll: Value, i: number): Value {
  const o = coll as LObject;
  switch (o.kind) {
    case Kind.Tuple: return (coll as Tuple).items[i];
    case Kind.Vector: return (coll as Vector).get(i);
    case Kind.List: {
      let l = coll as List;
      while (i-- > 0) l = l.tail;
      return l.head;
    }
    case Kind.LazySeq: return lazyElementAt(coll as LazySeq, i);
    default: return null;
  }
}

/** The elements of a tuple or list from index `i`, as a list. */
export function restFrom(coll: Value, i: number): Value {
  if (coll instanceof List) {
    let l = coll;
    while (i-- > 0) l = l.tail;
    return l;
  }
  if (coll instanceof Tuple) return List.from(coll.items, i);
  if (coll instanceof Vector) return List.from(coll.toArray(), i);
  if (coll instanceof LazySeq) return lazyRestFrom(coll, i);
  return List.EMPTY;
}

/** The members of `set` other than `required` (a tuple), if it has all of those. */
export function setOthers(set: PSet, required: Tuple): Tuple | undefined {
  for (const r of required.items) if (!set.has(r)) return undefined;
  if (required.items.length === 0) return new Tuple(set.values());
  const rest = required.items.reduce((s: PSet, r) => s.remove(r), set);
  return new Tuple(rest.values());
}

/** The collection a MAKE_* instruction builds from its popped values. */
export function makeCollection(op: Op, items: Value[]): Value {
  switch (op) {
    case Op.MAKE_TUPLE: return new Tuple(items);
    case Op.MAKE_VECTOR: return Vector.from(items);
    case Op.MAKE_MAP: return PMap.fromFlat(items);
    default: return PSet.from(items);
  }
}

/** TEST_EQUAL: whether a pattern's constant `b` matches `a`. */
export function testEqual(a: Value, b: Value): boolean {
  // Two primitives (numbers, strings, nil, booleans, bigints) are equal exactly when ===,
  // and so is anything to an interned keyword.
  return a === b || !(b instanceof Keyword) && (typeof a === 'object' && a !== null || typeof b === 'object' && b !== null) && equals(a, b);
}

/** Whether `v` has the shape a TEST_TUPLE/LIST/VECTOR/SET(_MIN) op asks for. */
export function shapeMatches(op: Op, v: Value, n: number): boolean {
  switch (op) {
    case Op.TEST_TUPLE: return v instanceof Tuple && v.items.length === n;
    case Op.TEST_TUPLE_MIN: return v instanceof Tuple && v.items.length >= n;
    case Op.TEST_LIST: return v instanceof List ? v.size === n : v instanceof LazySeq && lazyHasElements(v, n, true);
    case Op.TEST_LIST_MIN: return v instanceof List ? v.size >= n : v instanceof LazySeq && lazyHasElements(v, n, false);
    case Op.TEST_VECTOR: return v instanceof Vector && v.count === n;
    default: return v instanceof PSet && v.count === n;
  }
}

const KW_INFINITY = Keyword.of('infinity');

/** recvTimeout while a receive without a timeout scans the mailbox (-1: not receiving). */
export const SCANNING = -2;

/** RECV_START: the scan starts at the oldest message; `timeout` is ms, or :infinity. */
export function startReceive(thread: Thread, timeout: Value): void {
  let ms = SCANNING;
  if (typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= 0) ms = timeout;
  else if (timeout !== KW_INFINITY) {
    throw new Fault('badarg', { fn: Sym.of('receive'), args: List.of(timeout), message: 'the :after timeout must be a non-negative integer (ms) or :infinity' });
  }
  thread.recvCursor = 0;
  thread.recvTimeout = ms;
  thread.timedOut = ms === 0;
}

/** RECV_ACCEPT: takes the message under the cursor out of the mailbox (acknowledging a send-sync). */
export function acceptMessage(thread: Thread): void {
  const mailbox = thread.mailbox as Mailbox;
  const entry = mailbox.at(thread.recvCursor);
  mailbox.removeAt(thread.recvCursor);
  thread.endReceive();
  if (entry instanceof Envelope) entry.taken();
}

/** The thread ends with the exit reason of `e` (thrown at `pc` of `fn`), after `used` reductions. */
export function exitThread(thread: Thread, e: unknown, fn: Fn, pc: number, fp: number, stack: Value[], frames: (number | Fn)[], ft: number, used: number): RunStatus {
  // The exit reason is built off the heap meter: a process at its heap limit must not fault again here.
  const limit = meter.limit;
  meter.limit = Infinity;
  thread.reason = withTrace(thrownReason(e), fn, pc, fp, stack, frames, ft);
  meter.limit = limit;
  // Where it stopped, for the OS to read the frames' values (a session keeps its evaluator's: signals.ts).
  thread.fn = fn;
  thread.pc = pc;
  thread.fp = fp;
  thread.ft = ft;
  thread.reductions += used;
  thread.stack = stack;
  return RunStatus.Exited;
}

/** The outermost call returned `value`. */
export function finish(thread: Thread, value: Value, reds: number, budget: number): RunStatus {
  thread.ft = 0;
  thread.result = value;
  thread.reductions += budget - reds;
  thread.sp = 0;
  thread.fn = null;
  return RunStatus.Completed;
}

export function preempt(thread: Thread, stack: Value[], sp: number, fp: number, pc: number, fn: Fn, ft: number, used: number): RunStatus {
  return suspend(thread, stack, sp, fp, pc, fn, ft, used, RunStatus.Preempted);
}

/**
 * Slots above the stack top cleared when a slice ends: they hold what
 * frames that returned left there, which would keep it alive (the head of a
 * lazy seq dorun walks, a big value a callee built) for the collector and
 * for a heap measurement alike. The nearest ones are what recent calls
 * used; clearing them costs a few writes a slice.
 */
const STALE_SLOTS = 256;

/** Saves the registers so that a later `run` resumes at `pc`. */
export function suspend(thread: Thread, stack: Value[], sp: number, fp: number, pc: number, fn: Fn, ft: number, used: number, status: RunStatus): RunStatus {
  for (let i = sp, top = Math.min(stack.length, sp + STALE_SLOTS); i < top; i++) stack[i] = null;
  thread.stack = stack;
  thread.ft = ft;
  thread.sp = sp;
  thread.fp = fp;
  thread.pc = pc;
  thread.fn = fn;
  thread.reductions += used;
  return status;
}


/** The value of a process-bound var in this thread. */
export function boundValue(thread: Thread, v: Var): Value {
  const b = Binding.lookup(thread.bindings, v);
  if (b !== undefined) return b;
  return v.root === UNBOUND ? faultUndef(v) : v.root;
}

const EMPTY_ENV: Value[] = [];

/** Entry function per arity: `CALL n; RETURN`, run below the real first call. */
const entryFns: Fn[] = [];

export function entryFn(argc: number): Fn {
  let f = entryFns[argc];
  if (f === undefined) {
    const c = new CodeObject('<entry>', 0, false, 0, argc + 2, Int32Array.of(Op.CALL, argc, Op.RETURN), [], new Int32Array(0), new Int32Array(3), null);
    f = new Fn(c, EMPTY_ENV);
    if (argc < 16) entryFns[argc] = f;
  }
  return f;
}

/** Starts `thread` on a call of `fn` with `args` (any callable value). */
export function startCall(thread: Thread, fn: Value, args: Value[]): void {
  thread.guards = null;
  thread.ft = 0;
  thread.recvTimeout = -1;
  if (fn instanceof Fn && !fn.code.variadic && fn.code.arity === args.length) {
    // Straight into the function's frame: its RETURN at depth 0 completes the
    // thread, so a new process allocates its stack once and no frame records.
    const c = fn.code;
    const stack = new Array<Value>(c.locals + c.maxStack);
    for (let i = 0; i < args.length; i++) stack[i] = args[i];
    for (let i = args.length; i < stack.length; i++) stack[i] = null;
    thread.stack = stack;
    thread.sp = c.locals;
    thread.fp = 0;
    thread.fn = fn;
    thread.pc = 0;
    return;
  }
  const stack = new Array<Value>(args.length + 1);
  stack[0] = fn;
  for (let i = 0; i < args.length; i++) stack[i + 1] = args[i];
  thread.stack = stack;
  thread.sp = args.length + 1;
  thread.fp = 0;
  thread.fn = entryFn(args.length);
  thread.pc = 0;
}
