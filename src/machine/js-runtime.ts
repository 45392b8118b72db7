/**
 * What compiled code (js-codegen.ts) calls out of line: the slow paths of
 * its prologue and its calls, writing frames out for the interpreter
 * (js-tier.ts's UNWIND), handing a call to the interpreter through a
 * one-instruction entry frame, and calling what may throw so that it
 * returns FAULT instead. Nothing here throws into compiled code.
 */
import { Keyword, type Value } from './value.js';
import { type CodeObject, Fn, Native, type NativeSpec, extraReductions } from './function.js';
import { UNBOUND, type Var } from './namespace.js';
import { PMap } from './hash-map.js';
import { PSet } from './hash-set.js';
import { Tuple } from './tuple.js';
import { CallRequest } from './call-request.js';
import { meter } from './heap-meter.js';
import { NeedsRealizing } from './lazy-seq.js';
import { type Thread, growFrames, growStack } from './thread.js';
import { Fault } from './fault.js';
import { captureEnv } from './closure.js';
import { current } from './current.js';
import { applyKeyword, applyMap, boundValue, chargeNativeResult, entryFn, faultUndef, realizeRequest } from './slow-paths.js';

export { chargeNativeResult } from './slow-paths.js';
export { SavedEdit, resumeEdit } from './js-linear.js';
import { FAULT, JsMode, MAX_JS_DEPTH, TAIL, UNWIND, compileNow, jsRegs as R, type JsCode } from './js-tier.js';

/** The innermost frame stops at `pc` (its locals and operands already written): the thread's registers. */
export function stop(t: Thread, fn: Fn, fp: number, ft: number, pc: number, sp: number, mode: JsMode): Value {
  t.fn = fn;
  t.pc = pc;
  t.fp = fp;
  t.sp = sp;
  t.ft = ft;
  R.mode = mode;
  return UNWIND;
}

/**
 * Call-free code found a var it inlines changed (js-codegen.ts checks them
 * on entry): the code stays interpreted from now on, and this frame goes on
 * in the interpreter at `pc`. (Entered again at once, a receive loop would
 * bail out at its RECV_PEEK for ever.)
 */
export function staleGuards(t: Thread, fn: Fn, fp: number, ft: number, pc: number, values: readonly Value[]): Value {
  fn.code.jsCode = null;
  return stopWith(t, fn, fp, ft, pc, JsMode.Continue, values);
}

/**
 * Call-free compiled code met a value off an inline op's fast path
 * (js-codegen.ts `deopts`): the frame goes on in the interpreter at the op,
 * and the code is compiled again with the slow paths inline (the old code
 * hands every later call to it).
 */
export function deoptWith(t: Thread, fn: Fn, fp: number, ft: number, pc: number, values: readonly Value[]): Value {
  const c = fn.code;
  if (!c.generic) {
    c.generic = true;
    c.jsCode = undefined;
  }
  return stopWith(t, fn, fp, ft, pc, JsMode.Continue, values);
}

/** A compiled frame's locals and operands (`values`) to its slots at `fp`. */
export function writeFrame(t: Thread, fp: number, values: readonly Value[]): void {
  const stack = t.stack;
  for (let i = 0; i < values.length; i++) stack[fp + i] = values[i];
}

/** The innermost compiled frame writes itself out (`values`: its locals, then operands) and stops at `pc`. */
export function stopWith(t: Thread, fn: Fn, fp: number, ft: number, pc: number, mode: JsMode, values: readonly Value[]): Value {
  writeFrame(t, fp, values);
  return stop(t, fn, fp, ft, pc, fp + values.length, mode);
}

/** A compiled caller, its callee having unwound: writes itself out and its record (`values`: locals, operands below the call). */
export function unwindWith(t: Thread, fn: Fn, fp: number, ft: number, retPc: number, values: readonly Value[]): Value {
  writeFrame(t, fp, values);
  saveCaller(t, ft, retPc, fp, fp + values.length, fn);
  return UNWIND;
}

/** A compiled caller's frame record, written as the interpreter writes it at a call (thread.ts layout). */
export function saveCaller(t: Thread, ft: number, retPc: number, fp: number, retSp: number, fn: Fn): void {
  let frames = t.frames;
  while (ft + 4 > frames.length) frames = growFrames(t, ft);
  frames[ft] = retPc;
  frames[ft + 1] = fp;
  frames[ft + 2] = retSp;
  frames[ft + 3] = fn;
}

/**
 * The call of `f` with `args` made by the interpreter instead: an entry
 * frame (slow-paths.ts `entryFn`, the one a thread starts a call with) at
 * the callee's place (`cfp`, `cft`) holding the callee and its arguments,
 * run once compiled frames have unwound; its RETURN goes to their caller.
 */
export function handOver(t: Thread, f: Value, args: readonly Value[], cfp: number, cft: number): Value {
  const n = args.length;
  if (cfp + n + 1 > t.stack.length) {
    try { growStack(t, cfp + n + 1, cft); } catch (e) { return failWith(e); }
    R.fpMax = t.stack.length;
  }
  const stack = t.stack;
  stack[cfp] = f;
  for (let i = 0; i < n; i++) stack[cfp + 1 + i] = args[i];
  return stop(t, entryFn(n), cfp, cft, 0, cfp + n + 1, JsMode.Continue);
}

/**
 * A prologue's slow path (no reductions left, JS frames deep enough, or
 * the value stack too small): grows the stack, or writes the frame out at
 * pc 0 for the interpreter. Null: go on; FAULT: the call failed.
 */
export function enterSlow(t: Thread, fn: Fn, fp: number, ft: number, args: readonly Value[]): Value | null {
  const c = fn.code, need = fp + c.locals + c.maxStack;
  try {
    if (need > t.stack.length) growStack(t, need, ft);
    R.fpMax = t.stack.length;
    if (ft <= R.ftDepth) {
      // Room for its caller's record (the frames a faulting or preempted call writes out).
      while (ft > t.frames.length) growFrames(t, ft - 4);
      R.ftMax = Math.min(R.ftDepth, t.frames.length);
    }
  } catch (e) {
    return failWith(e); // the stack limit: the call fails, at its call site
  }
  if (R.reds > 0 && ft <= R.ftDepth) return null;
  const stack = t.stack;
  for (let i = 0; i < args.length; i++) stack[fp + i] = args[i];
  return stop(t, fn, fp, ft, 0, fp + c.locals, R.reds > 0 ? JsMode.Continue : JsMode.Preempt);
}

/** Before the interpreter enters compiled code for the frame at `ft`: how deep its JS and its value stack may go. */
export function jsDepthFrom(t: Thread, ft: number): void {
  R.ftDepth = ft + 4 * MAX_JS_DEPTH;
  R.ftMax = Math.min(R.ftDepth, t.frames.length);
  R.fpMax = t.stack.length;
}

/** Where a call site's cache puts what it learned on a miss. */
export const ic = { fn: null as Fn | null, js: null as JsCode | null, native: null as Native | null };

/** The value of var `v` for the running thread (process-bound, or its root); unbound faults. */
export function varValue(t: Thread, v: Var): Value {
  return v.processBound ? boundValue(t, v) : v.root === UNBOUND ? faultUndef(v) : v.root;
}

/** A call of var `v`'s value: callValue after reading it. */
export function callVar(t: Thread, v: Var, args: Value[], cfp: number, cft: number): Value {
  let f: Value;
  try { f = varValue(t, v); } catch (e) { return failWith(e); }
  return callValue(t, f, args, cfp, cft);
}

/**
 * A call from compiled code that missed its cache: a compiled function of
 * that arity is called (and cached in `ic`), a native called, a keyword,
 * map or set applied; anything else (a variadic or uncompiled function, a
 * var, a bad callee) the interpreter calls. Returns the value, UNWIND or TAIL.
 */
export function callValue(t: Thread, f: Value, args: Value[], cfp: number, cft: number): Value {
  try {
    return callValueUnsafe(t, f, args, cfp, cft);
  } catch (e) {
    return failWith(e);
  }
}

function callValueUnsafe(t: Thread, f: Value, args: Value[], cfp: number, cft: number): Value {
  ic.fn = null;
  ic.js = null;
  ic.native = null;
  const n = args.length;
  if (f instanceof Fn) {
    const c = f.code;
    if (c.variadic) return callVariadic(t, f, args, cfp, cft);
    const j = c.arity === n ? compileNow(c) : null;
    if (j === null) return handOver(t, f, args, cfp, cft);
    ic.fn = f;
    ic.js = j;
    return j(t, f, cfp, cft, ...args);
  }
  let r: Value | CallRequest;
  if (f instanceof Native) {
    const spec = f.spec;
    if (n < spec.min || n > spec.max || spec.callsBack === true) return handOver(t, f, args, cfp, cft);
    ic.native = f;
    r = nativeN(spec, args);
    R.reds -= (r === FAULT ? 0 : spec.cost) + extraReductions.n;
    extraReductions.n = 0;
  } else if (f instanceof Keyword) {
    r = applyKeyword(f, args, 0, n);
  } else if (f instanceof PMap || f instanceof PSet) {
    r = applyMap(f, args, 0, n);
  } else {
    return handOver(t, f, args, cfp, cft);
  }
  return r instanceof CallRequest ? handOver(t, r.fn, r.args, cfp, cft) : r;
}

/** A callee returned TAIL: make its tail calls (the arguments at `cfp`) until one returns a value or UNWIND. */
export function trampoline(t: Thread, cfp: number, cft: number): Value {
  let r: Value = TAIL;
  while (r === TAIL) r = callValue(t, R.tailFn, t.stack.slice(cfp, cfp + R.argc), cfp, cft);
  return r;
}

/**
 * A variadic function called from compiled code: its rest tuple made as
 * the interpreter makes it, and its compiled code called with it (not
 * cached at the call site, whose fast path passes arguments as they are).
 */
function callVariadic(t: Thread, f: Fn, args: Value[], cfp: number, cft: number): Value {
  const c = f.code;
  const j = args.length >= c.arity ? compileNow(c) : null;
  if (j === null) return handOver(t, f, args, cfp, cft); // too few arguments: the interpreter faults it
  if (args.length > MAX_ENTRY_ARGS) return j(t, f, cfp, cft, ...args.slice(0, c.arity), new Tuple(args.slice(c.arity)));
  ic.fn = f;
  ic.js = variadicEntry(c, j, args.length);
  return ic.js(t, f, cfp, cft, ...args);
}

/**
 * Argument counts a variadic entry is made for. A call site's count is
 * bounded below this by its operand stack (and `apply` hands its call to the
 * interpreter), so nothing passes more today; the bound keeps it so, or a
 * realm could have the host make and keep a function per count, each as
 * long as the count.
 */
const MAX_ENTRY_ARGS = 32;

/** Per variadic code object, its entries by argument count (variadicEntry). */
const variadicEntries = new WeakMap<CodeObject, Map<number, { j: JsCode; entry: JsCode }>>();

/**
 * Compiled variadic code `j` called with `n` arguments as fixed-arity code
 * is (what a call site caches): a small function that makes the rest tuple,
 * as the interpreter makes it, and calls `j`. Made once per count (a call
 * site's count is at most the operand stack's bound).
 */
function variadicEntry(c: CodeObject, j: JsCode, n: number): JsCode {
  let entries = variadicEntries.get(c);
  if (entries === undefined) variadicEntries.set(c, (entries = new Map()));
  const known = entries.get(n);
  if (known !== undefined && known.j === j) return known.entry;
  const fixed = Array.from({ length: c.arity }, (_, i) => `, a${i}`).join('');
  const rest = Array.from({ length: n - c.arity }, (_, i) => `a${c.arity + i}`);
  const tuple = rest.length === 0 ? 'Tuple.EMPTY' : `new Tuple([${rest.join(', ')}])`;
  const entry = new Function('j', 'Tuple', `return function (T, F, fp, ft${fixed}${rest.map((a) => `, ${a}`).join('')}) { return j(T, F, fp, ft${fixed}, ${tuple}); };`)(j, Tuple) as JsCode;
  entries.set(n, { j, entry });
  return entry;
}

/** A tail call of `f` that is not a loop: its arguments go where the frame's own were; the caller makes it. */
export function tailCall(t: Thread, f: Value, args: readonly Value[], fp: number, pc: number): Value {
  const stack = t.stack;
  for (let i = 0; i < args.length; i++) stack[fp + i] = args[i];
  R.tailFn = f;
  R.argc = args.length;
  R.tailPc = pc;
  return TAIL;
}

/**
 * A native called with positional arguments (out of line: call sites call
 * their cached native directly), as slow-paths.ts callNative calls it from
 * the stack: charged the same, and a lazy seq it needs realized first
 * becomes a call request (realize, then call it again).
 */
export function native2(spec: NativeSpec, a: Value, b: Value): Value | CallRequest {
  meter.mark = meter.bytes;
  try { return chargeNativeResult(spec.impl(a, b)); } catch (e) { return nativeThrew(e, spec, [a, b]); }
}

export function nativeN(spec: NativeSpec, args: Value[]): Value | CallRequest {
  meter.mark = meter.bytes;
  try { return chargeNativeResult(spec.impl(...args)); } catch (e) { return nativeThrew(e, spec, args); }
}

/** A native called from compiled code threw `e`: a call request to realize a lazy seq first, or FAULT. */
export function nativeThrew(e: unknown, spec: NativeSpec, args: Value[]): Value | CallRequest {
  return e instanceof NeedsRealizing ? realizeRequest(e, new Native(spec), args) : failWith(e);
}

/**
 * A guarded inline op off its fast path: the var's native on the two
 * operands (floats, bigints, ratios), FAULT if it threw, or UNWIND when the
 * interpreter must make the call (the var holds something else now, or the
 * native asks for one).
 */
export function nativeOp(t: Thread, v: Var, x: Value, y: Value): Value {
  const f = v.processBound ? boundValue(t, v) : v.root;
  if (!(f instanceof Native) || f.spec.callsBack === true || f.spec.min > 2 || f.spec.max < 2) return UNWIND;
  const r = native2(f.spec, x, y); // FAULT if it threw
  R.reds -= (r === FAULT ? 0 : f.spec.cost) + extraReductions.n;
  extraReductions.n = 0;
  return r instanceof CallRequest ? UNWIND : r;
}

/** What compiled code does when a helper threw: keeps the value (jsRegs.error) and returns FAULT (js-tier.ts). */
export function failWith(e: unknown): Value {
  R.error = e;
  return FAULT;
}

/** What the helper that returned FAULT threw, for the interpreter to throw again (not kept alive after). */
export function takeError(): unknown {
  const e = R.error;
  R.error = null;
  return e;
}

/** BADMATCH: its fault, returned. */
export function badmatch(v: Value): Value {
  return failWith(new Fault('badmatch', { value: v }));
}

/** CLOSURE in the frame at `fp` of `self` (its locals written out): a new closure of `proto`. */
export function closure(proto: CodeObject, fp: number, self: Fn): Value {
  return new Fn(proto, captureEnv(proto, (current.thread as Thread).stack, fp, self));
}

/** MAP_VALUE: the value of `key` in map `m`, or undefined. */
export function mapValue(m: PMap, key: Value): Value | undefined {
  return m.get(key, undefined);
}

/** Runs compiled `j` for the frame of `fn` at `fp` (its arguments there), from `pc` (0, or an entry point). */
export function enterJs(j: JsCode, t: Thread, fn: Fn, fp: number, ft: number, pc: number): Value {
  R.since = meter.bytes; // what compiled frames may hold unseen by a heap measurement (js-tier.ts)
  const r = callJs(j, t, fn, fp, ft, pc);
  R.since = -1;
  return r;
}

function callJs(j: JsCode, t: Thread, fn: Fn, fp: number, ft: number, pc: number): Value {
  if (pc !== 0) {
    R.entry = pc; // read (and reset) by the code first thing: only code with entry points besides 0 is entered so
    return j(t, fn, fp, ft);
  }
  const s = t.stack, c = fn.code;
  // A variadic function's rest tuple is one more argument (the interpreter made it, in the next slot).
  switch (c.variadic ? c.arity + 1 : c.arity) {
    case 0: return j(t, fn, fp, ft);
    case 1: return j(t, fn, fp, ft, s[fp]);
    case 2: return j(t, fn, fp, ft, s[fp], s[fp + 1]);
    case 3: return j(t, fn, fp, ft, s[fp], s[fp + 1], s[fp + 2]);
    case 4: return j(t, fn, fp, ft, s[fp], s[fp + 1], s[fp + 2], s[fp + 3]);
    default: return j(t, fn, fp, ft, ...s.slice(fp, fp + c.arity + (c.variadic ? 1 : 0)));
  }
}
