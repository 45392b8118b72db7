/**
 * The JS tier: a hot Lonala function compiled to a JavaScript function
 * (js-codegen.ts) that calls other compiled functions directly, as JS
 * calls, while keeping every promise the interpreter makes.
 *
 * Design (issue "compiled speed"; SCI's JIT and V8's deoptimizer are the
 * models):
 * - Calling convention: `f(thread, fn, fp, ft, arg0, arg1, ...)` (the
 *   interpreter enters a loop head or a receive at another pc through
 *   jsRegs.entry, read first thing by code that has such entries). A
 *   compiled frame lives in JS locals, but knows where the interpreter
 *   would keep it: `fp` in the value stack, `ft` in the frame records
 *   (thread.ts), so it can be written out there at any moment ("materialized").
 *   It returns the call's value, or one of two signals:
 *   - UNWIND: the innermost frame wrote itself into the thread's registers
 *     (jsRegs.mode says why: preempted, waiting for a message, or handing on
 *     to the interpreter), and every compiled caller, seeing UNWIND, writes
 *     its locals, operands and frame record (return pc after its call) and
 *     returns UNWIND in turn. The interpreter then resumes from the thread's
 *     registers: preemption at any depth, with the JS stack unwound.
 *   - TAIL: a tail call of another function. Its arguments are in the value
 *     stack at the frame's `fp`, the callee in jsRegs.tailFn; the caller's
 *     call site (or the interpreter) makes the call: tail calls stay
 *     guaranteed, the JS stack never grows by them. A self tail call (and
 *     `recur`) is a JS loop.
 * - Reductions are counted as the interpreter counts them: one per call of a
 *   Lonala function (in the callee's prologue), a native's cost plus what it
 *   charged, one per `recur` and per receive scan step, all in jsRegs.reds.
 *   A prologue that finds none left writes its frame at pc 0 and unwinds:
 *   CPU budgets, --max-reductions and fairness stay exact.
 * - Depth: a prologue also unwinds (to go on in the interpreter) once the
 *   JS frames since the interpreter last entered compiled code number
 *   MAX_JS_DEPTH, and grows the value stack and the frame records as the
 *   interpreter would (so writing frames out never needs memory), so deep
 *   recursion is bounded by the process's stack limit, never by V8's.
 * - Faults: compiled code never throws (a catch around a function measured
 *   1.5x slower). What may fail (a native, a pattern test, making a
 *   collection...) is called through a helper that catches and returns
 *   FAULT, the thrown value in jsRegs.error; the frame then writes itself
 *   out at the failing instruction (operands and all) with mode Fault and
 *   unwinds, and the interpreter throws the value again there: exit
 *   reasons, backtraces, `:fault-frames` with locals, `try` and realizing a
 *   lazy seq a test needs all see the frames the interpreter would have had.
 * - Vars stay live: each call site reads the var's root at every call and
 *   keeps a one-entry cache (the function and its compiled code) checked by
 *   identity, so a redefinition, `trace-var` or a breakpoint (which swap the
 *   root) is seen at the next call. What compiled code does not handle fast
 *   (a guard that fails: a bigint, a float, a redefined `+`; a callee that is
 *   not compiled, variadic, a keyword...) goes on in the interpreter at that
 *   point: the frame is written out and the call is made by a one-instruction
 *   entry frame (`TAIL_CALL n`) standing where the callee's frame goes.
 * - Heap limits: compiled frames keep values in JS locals, which a heap
 *   measurement (os/heap.ts) cannot walk; writing them to the value stack
 *   before every call measured 1.3-2x slower on fib and tak. Instead a
 *   measurement made while compiled frames run adds, as an upper bound of
 *   what they hold, what was allocated since they began (jsUnseenBytes):
 *   everything else they hold was reachable from the value stack then and
 *   still is (compiled code never overwrites a slot; a message it takes out
 *   of the mailbox is written out first). If that bound could pass the
 *   limit, the frames unwind at their next call and the process is measured
 *   exactly after the slice.
 *
 * - What else it compiles: variadic and multi-arity functions (the rest
 *   tuple is one more argument; a call site caches such a callee through an
 *   entry per argument count that makes the tuple, js-runtime.ts
 *   variadicEntry), guards (try, a `when` that may fault: the interpreter's
 *   record on the thread's guard stack, so a fault inside unwinds to the
 *   interpreter, which goes on at the guard's label). Call-free code checks
 *   the vars it inlines once, on entry; if one changed, the code stays
 *   interpreted from then on (js-runtime.ts staleGuards). Still interpreted:
 *   code with `def` or binary patterns, and code too big (js-codegen.ts).
 * - Call-free loops: every exit (a slow path, a preemption, a fault) leaves
 *   the loop first and returns after it (js-codegen.ts `leave`). V8 keeps
 *   a loop's values unboxed only when its body calls and allocates nothing,
 *   even on a path never taken: the 10M loop went from 19-21 ms to 9.5-10.
 *   So a slow path there (a float, a bigint) is not taken inline: the frame
 *   goes on in the interpreter at the op, and the code is compiled again
 *   with its slow paths inline (js-runtime.ts deoptWith), which the old code
 *   hands every later call to (callers may have cached it).
 * - Transients the compiler proves (js-linear.ts): a loop threading a map
 *   through put/assoc, or a vector through append, read for nothing else,
 *   updates it in place.
 *
 * Measured (lona bench --only=language on the 2-core reference machine,
 * plain JavaScript and nbb 1.6.214 in the same run, each warmed up for
 * 300 ms; before this tier compiled whole functions, fib and tak were
 * 15-16x JS, the loop 17x, the map 13x):
 *   fib 30        19.1-22.6 ms   2.9-3.0x JS    0.8-1.0x nbb
 *   tak 18 12 6   0.45-0.58 ms   2.7-3.2x JS    0.7-1.0x nbb
 *   loop to 10M   8.4-10.5 ms    1.7-1.8x JS    1.6-1.8x nbb
 *   100k vector   4.4-5.4 ms     2.5-3.1x JS    0.4-0.5x nbb
 *   100k map      19.8-21.1 ms   2.2-2.3x JS    0.25x nbb
 * The map was 6.2-6.7x until a 32-bit integer hashed to itself
 * (equality.ts: counter keys fill the trie densely, its nodes walked in
 * order) and lookups became one loop (hamt-node.ts findKey).
 */
import type { Value } from './value.js';
import { Fn, type CodeObject } from './function.js';
import type { Thread } from './thread.js';
import { Op, SIZE } from './isa.js';
import { meter } from './heap-meter.js';

/** Compiled code: returns the value, UNWIND or TAIL (see the header). */
export type JsCode = (thread: Thread, fn: Fn, fp: number, ft: number, ...args: Value[]) => Value;

/** Why the innermost frame unwound. */
export const enum JsMode { Continue = 0, Preempt = 1, Wait = 2, Fault = 3 }

/** The tier's registers, shared by all compiled code (saved around a nested run: processor.ts). */
export const jsRegs = {
  reds: 0,
  /** Frame depth (ft) past which a prologue unwinds: MAX_JS_DEPTH frames past the interpreter's entry. */
  ftDepth: 0,
  /** Frame depth past which a prologue takes its slow path: ftDepth, or sooner where the frame records must grow. */
  ftMax: 0,
  /** The value stack's length: a frame whose slots would pass it takes the slow path (which grows the stack). */
  fpMax: 0,
  mode: JsMode.Continue as JsMode,
  tailFn: null as Value,
  /** The pc just past the tail call TAIL stands for, in its function's code. */
  tailPc: 0,
  argc: 0,
  /** The pc the next compiled function entered starts at (0 but for the interpreter's entries at a loop or a receive). */
  entry: 0,
  /** The edit token handed to the next compiled function entered: its preempted loop going on (js-linear.ts). */
  edit: null as object | null,
  /** What a helper threw when it returned FAULT; the interpreter throws it again where the frame stopped. */
  error: null as unknown,
  /** The meter's bytes when the running thread's compiled frames began (-1: none running). */
  since: -1,
  /** A heap measurement waits for the frames to be written out (os/heap.ts): made after the slice. */
  measure: false,
};

/** Bytes allocated since the running thread's compiled frames began (0 when none run): what they may hold unseen. */
export function jsUnseenBytes(): number {
  return jsRegs.since < 0 ? 0 : meter.bytes - jsRegs.since;
}

/** The signals compiled code returns instead of a value (never Lonala values). */
// JS symbols: no Lonala value is one, so after a call `typeof r === 'symbol'` tells all three apart from a value at once.
export const UNWIND = Symbol('unwind') as unknown as Value;
export const TAIL = Symbol('tail') as unknown as Value;
export const FAULT = Symbol('fault') as unknown as Value;

/** Compiled frames nested in one stretch of JS (about 200 bytes of V8 stack each). */
export const MAX_JS_DEPTH = 800;

/** Switch for the whole tier (the OS turns it off for LONA_NO_NATIVE=1). */
export const jsTier = { enabled: true };

/** Interpreted calls before a function is compiled (a loop, which may run long in one call, at once). */
const HOT_CALLS = 16;

/** Set by js-codegen.ts (which needs the runtime, which needs this): compiles a code object, or null. */
export const codegen = { compile: (_c: CodeObject): JsCode | null => null };

/** The compiled code of `c` once it is hot (compiled then), or null while it is not, or cannot be. */
export function toJs(c: CodeObject): JsCode | null {
  if (!jsTier.enabled) return (c.jsCode = null);
  if (++c.calls < HOT_CALLS && !(c.loops ??= loops(c))) return null;
  return compileNow(c);
}

/** Whether `c` loops: it has a LOOP (recur), or it tail-calls, through a var, the function it is (now). */
function loops(c: CodeObject): boolean {
  const code = c.code;
  for (let pc = 0; pc < code.length; pc += SIZE[code[pc]]) {
    if (code[pc] === Op.LOOP) return true;
    if (code[pc] !== Op.TAIL_CALL_VAR) continue;
    const root = (c.consts[code[pc + 1]] as unknown as { root?: unknown }).root;
    if (root instanceof Fn && root.code === c) return true;
  }
  return false;
}

/** The compiled code of `c`, compiling it now if it has not been tried (a compiled caller calls it). */
export function compileNow(c: CodeObject): JsCode | null {
  if (c.jsCode !== undefined) return c.jsCode;
  if (!jsTier.enabled) return (c.jsCode = null);
  let f: JsCode | null = null;
  try {
    f = codegen.compile(c);
  } catch {
    f = null; // a shape the generator did not expect: stay interpreted
  }
  return (c.jsCode = f);
}
