/**
 * The processor: runs one thread's code for at most N reductions and says
 * why it stopped (STYLE.md 3), never by throwing.
 *
 * Decisions, for speed (ARCHITECTURE.md "Performance strategy"):
 * - One `switch` over `Op` (a const enum, so a jump table) in one loop; the
 *   hot registers (pc, sp, fp, code, consts) live in JS locals and are
 *   written back to the Thread only when the slice ends.
 * - Instructions are pre-decoded Int32Arrays (opcode, operands inline, as
 *   isa.ts lays them out). What is shared by several ops (the width a
 *   guarded op's slow path skips, a compare's comparison) is read from the
 *   table's arrays (SIZE, COMPARISON), never from opcode ranges.
 * - The switch has a case for every `Op`: a missing one is a compile error
 *   (`op` is not `never` in the default). Only the table's guarded ops may
 *   leave it into the shared slow path (`op` must be a `GuardedOp` there),
 *   so no test of the opcode runs on the way to a call.
 * - Calls never recurse in JS: a call pushes a frame record and continues
 *   the loop; tail calls reuse the frame. Reductions are counted per call.
 * - Natives are called directly with positional arguments for arities 0-4.
 *   A native costs its fixed `cost` plus what it charged for its work
 *   (function.ts `extraReductions`), taken right after the call: reds may go
 *   far below 0, and the slice ends at the next check.
 * - Faults are JS throws of `Fault` caught once around the loop (no
 *   per-instruction cost); they unwind to the innermost guard or end the
 *   thread with an exit reason.
 * - Nothing here assumes every frame is interpreted: the JS tier (js-tier.ts)
 *   runs hot functions as compiled JS, writing their frames out on a
 *   preemption, a fault or a deopt; the interpreter goes on from those.
 * - Frame records live in `thread.frames` indexed by `ft` (no push/pop).
 * - A lazy seq a native or a test needs realized (lazy-seq.ts) becomes a call of a Lonala helper
 *   in its place (slow-paths.ts `callNative`, the catch below), then the native or test runs again.
 */
import { type Value, Keyword, Pid, RealmId } from './value.js';
import { type CodeObject, Fn, Native, extraReductions } from './function.js';
import { Var, UNBOUND, defTarget } from './namespace.js';
import { defJournal } from './def-journal.js';
import { Tuple } from './tuple.js';
import { List } from './list.js';
import { PMap } from './hash-map.js';
import { PSet } from './hash-set.js';
import { equals } from './equality.js';
import { Fault } from './fault.js';
import { CallRequest } from './call-request.js';
import { Op, SIZE, COMPARISON, type GuardedOp } from './isa.js';
import { Thread, growStack, growFrames } from './thread.js';
import { Envelope } from './mailbox.js';
import { arithmetic, compareKind } from './inline-ops.js';
import { callNative, applyKeyword, applyMap, faultArity, faultUndef, elementAt, restFrom, setOthers, makeCollection, shapeMatches, testEqual, startReceive, acceptMessage,
  finish, preempt, suspend, boundValue, exitThread, lazyHelpers, realizeArgs } from './slow-paths.js';
import { NeedsRealizing } from './lazy-seq.js';
import { RunStatus } from './run-status.js';
import { toJs, jsRegs, JsMode, UNWIND, TAIL, FAULT, type JsCode } from './js-tier.js';
import { enterJs, jsDepthFrom, resumeEdit, takeError } from './js-runtime.js';
import './js-codegen.js';
import { matchBinary } from './binary-match.js';
import { captureEnv } from './closure.js';

export { RunStatus } from './run-status.js';
export { startCall } from './slow-paths.js';
export { current } from './current.js';
const MAX_SAFE = 9007199254740991;

/** A lone RETURN: a value computed outside the dispatch loop (a native in tail position, the JS tier) returns through it. */
const RETURN_CODE = Int32Array.of(Op.RETURN);
/** The dispatch loop: runs `thread` for at most `budget` reductions (run.ts `run` is its entry). */
export function loop(thread: Thread, budget: number): RunStatus {
  let stack = thread.stack;
  let sp = thread.sp, fp = thread.fp, pc = thread.pc;
  let fn = thread.fn as Fn;
  let frames = thread.frames;
  let ft = thread.ft;
  let code: Int32Array = fn.code.code;
  let consts: Value[] = fn.code.consts;
  let reds = budget;

  // Call state shared by every instruction that ends in a call.
  let callee: Value = null;
  let argc = 0;
  let retSp = 0;
  let tail = false;
  /**
   * Set when the frame goes to the JS tier (on a call, at a loop head or
   * resuming at a RECV_PEEK), until the compiled JavaScript is back; what it
   * used is in jsRegs.reds, and a frame it wrote out is in the thread's registers.
   */
  let jsFn: JsCode | null = null;

  for (;;) {
    try {
      for (;;) {
        // One instruction. A case that ends in a call sets callee, argc, retSp
        // and tail and leaves with `break instruction`; a guarded op that
        // missed its fast path leaves the switch with `break`, into its slow
        // path below; every other case continues, returns or throws.
        instruction: {
          const op = code[pc++] as Op;
          switch (op) {
            case Op.CONST: stack[sp++] = consts[code[pc++]]; continue;
            case Op.INT: stack[sp++] = code[pc++]; continue;
            case Op.NIL: stack[sp++] = null; continue;
            case Op.TRUE: stack[sp++] = true; continue;
            case Op.FALSE: stack[sp++] = false; continue;
            case Op.LOCAL: stack[sp++] = stack[fp + code[pc++]]; continue;
            case Op.SET_LOCAL: stack[fp + code[pc++]] = stack[--sp]; continue;
            case Op.ENV: stack[sp++] = fn.env[code[pc++]]; continue;
            case Op.SELF: stack[sp++] = fn; continue;
            case Op.VAR: {
              const v = consts[code[pc++]] as Var;
              stack[sp++] = v.processBound ? boundValue(thread, v) : v.root === UNBOUND ? faultUndef(v) : v.root;
              continue;
            }
            case Op.POP: sp--; continue;
            case Op.JUMP: pc = code[pc]; continue;
            case Op.LOOP: // recur: back to the loop head, a reduction a turn; a loop the JS tier compiles goes on there
              pc = code[pc];
              if (--reds <= 0) return preempt(thread, stack, sp, fp, pc, fn, ft, budget - reds);
              if ((jsFn = fn.code.jsCode === undefined ? toJs(fn.code) : fn.code.jsCode) === null) continue;
              if (thread.linearEdit !== null) jsRegs.edit = resumeEdit(thread, true, fn, fp, ft, jsFn); break instruction;
            case Op.JUMP_IF_FALSE: {
              const c = stack[--sp];
              if (c === false || c === null) pc = code[pc];
              else pc++;
              continue;
            }
            case Op.LOCAL_INT:
              stack[sp] = stack[fp + code[pc]];
              stack[sp + 1] = code[pc + 1];
              sp += 2;
              pc += 2;
              continue;
            case Op.LOCAL2:
              stack[sp] = stack[fp + code[pc]];
              stack[sp + 1] = stack[fp + code[pc + 1]];
              sp += 2;
              pc += 2;
              continue;
            case Op.ADD: case Op.SUB: case Op.MUL: case Op.LT: case Op.GT: case Op.LE: case Op.GE: case Op.EQ: {
              const b = stack[sp - 1], a = stack[sp - 2];
              if (typeof a === 'number' && typeof b === 'number' && (consts[code[pc]] as Var).root === consts[code[pc + 1]]) {
                const r = arithmetic(op, a, b);
                if (r !== undefined) { stack[sp - 2] = r; sp--; pc += 2; continue; }
              } else if (op === Op.EQ && (consts[code[pc]] as Var).root === consts[code[pc + 1]]) {
                stack[sp - 2] = equals(a, b); sp--; pc += 2;
                if (extraReductions.n !== 0) { reds -= extraReductions.n; extraReductions.n = 0; } // big values compared
                continue;
              }
              break;
            }
            case Op.LT_JUMP: case Op.GT_JUMP: case Op.LE_JUMP: case Op.GE_JUMP: case Op.EQ_JUMP: {
              const b = stack[sp - 1], a = stack[sp - 2];
              if (typeof a === 'number' && typeof b === 'number' && (consts[code[pc]] as Var).root === consts[code[pc + 1]]) {
                sp -= 2;
                pc = compareKind(COMPARISON[op], a, b) ? pc + 4 : code[pc + 3];
                continue;
              }
              break;
            }
            case Op.CMP_LI: case Op.CMP_LI_JUMP: {
              const a = stack[fp + code[pc + 2]], n = code[pc + 3];
              if (typeof a === 'number' && (consts[code[pc]] as Var).root === consts[code[pc + 1]]) {
                const r = compareKind(code[pc + 4], a, n);
                if (op === Op.CMP_LI) { stack[sp++] = r; pc += 5; } else pc = r ? pc + 7 : code[pc + 6];
                continue;
              }
              stack[sp++] = a;
              stack[sp++] = n;
              break;
            }
            case Op.ADD_LI: case Op.SUB_LI: {
              const a = stack[fp + code[pc + 2]], n = code[pc + 3];
              if (typeof a === 'number' && (consts[code[pc]] as Var).root === consts[code[pc + 1]]) {
                const r = op === Op.ADD_LI ? a + n : a - n;
                if (r <= MAX_SAFE && r >= -MAX_SAFE) { stack[sp++] = r; pc += 4; continue; }
              }
              stack[sp++] = a;
              stack[sp++] = n;
              break;
            }
            case Op.CALL:
              argc = code[pc++]; callee = stack[sp - argc - 1]; retSp = sp - argc - 1; tail = false; break instruction;
            case Op.TAIL_CALL:
              argc = code[pc++]; callee = stack[sp - argc - 1]; tail = true; break instruction;
            case Op.CALL_VAR:
            case Op.TAIL_CALL_VAR: {
              const v = consts[code[pc++]] as Var;
              argc = code[pc++];
              callee = v.processBound ? boundValue(thread, v) : v.root === UNBOUND ? faultUndef(v) : v.root;
              retSp = sp - argc;
              tail = op === Op.TAIL_CALL_VAR;
              break instruction;
            }
            case Op.RETURN_LOCAL:
              stack[sp++] = stack[fp + code[pc++]];
            // falls through: returns the slot just pushed
            case Op.RETURN: {
              const value = stack[sp - 1];
              if (ft === 0) return finish(thread, value, reds, budget);
              ft -= 4;
              pc = frames[ft] as number;
              fp = frames[ft + 1] as number;
              sp = frames[ft + 2] as number;
              fn = frames[ft + 3] as Fn;
              code = fn.code.code;
              consts = fn.code.consts;
              stack[sp++] = value;
              continue;
            }
            case Op.CLOSURE: {
              const proto = consts[code[pc++]] as unknown as CodeObject;
              stack[sp++] = new Fn(proto, captureEnv(proto, stack, fp, fn));
              continue;
            }
            case Op.MAKE_TUPLE: case Op.MAKE_VECTOR: case Op.MAKE_MAP: case Op.MAKE_SET: {
              // Made before the registers move: hashing a lazy key may ask for it realized, and the op then runs again.
              const n = code[pc], made = makeCollection(op, stack.slice(sp - n, sp));
              sp -= n;
              stack[sp++] = made;
              pc++;
              continue;
            }
            case Op.DEF_META: {
              const v = defTarget.of(consts[code[pc++]] as Var, stack[sp - 1]);
              if (extraReductions.n !== 0) { reds -= extraReductions.n; extraReductions.n = 0; } // measuring what it holds
              const meta = consts[code[pc++]] as PMap;
              defJournal.current?.record(v);
              v.root = stack[sp - 1];
              v.meta = meta;
              stack[sp - 1] = v;
              continue;
            }
            case Op.TEST_EQUAL:
              if (testEqual(stack[fp + code[pc]], consts[code[pc + 1]])) pc += 3;
              else pc = code[pc + 2];
              continue;
            case Op.TEST_SAME_LOCAL: {
              if (equals(stack[fp + code[pc]], stack[fp + code[pc + 1]])) pc += 3; else pc = code[pc + 2];
              if (extraReductions.n !== 0) { reds -= extraReductions.n; extraReductions.n = 0; }
              continue;
            }
            case Op.TEST_TUPLE: case Op.TEST_TUPLE_MIN: case Op.TEST_LIST: case Op.TEST_LIST_MIN: case Op.TEST_VECTOR: case Op.TEST_SET:
              if (shapeMatches(op, stack[fp + code[pc]], code[pc + 1])) pc += 3; else pc = code[pc + 2];
              continue;
            case Op.TEST_MAP: {
              if (stack[fp + code[pc]] instanceof PMap) pc += 2; else pc = code[pc + 1];
              continue;
            }
            case Op.TEST_PID: {
              if (stack[fp + code[pc]] instanceof Pid) pc += 2; else pc = code[pc + 1];
              continue;
            }
            case Op.ELEMENT:
              stack[fp + code[pc]] = elementAt(stack[fp + code[pc + 1]], code[pc + 2]);
              pc += 3;
              continue;
            case Op.REST:
              stack[fp + code[pc]] = restFrom(stack[fp + code[pc + 1]], code[pc + 2]);
              pc += 3;
              continue;
            case Op.MAP_VALUE: {
              const v = (stack[fp + code[pc + 1]] as PMap).get(consts[code[pc + 2]], undefined);
              if (v === undefined) { pc = code[pc + 3]; continue; }
              stack[fp + code[pc]] = v;
              pc += 4;
              continue;
            }
            case Op.SET_OTHERS: {
              const others = setOthers(stack[fp + code[pc + 1]] as PSet, consts[code[pc + 2]] as Tuple);
              if (others === undefined) { pc = code[pc + 3]; continue; }
              stack[fp + code[pc]] = others;
              pc += 4;
              continue;
            }
            case Op.PID_PARTS: {
              const p = stack[fp + code[pc + 1]] as Pid;
              stack[fp + code[pc]] = new RealmId(p.realm);
              stack[fp + code[pc] + 1] = p.local;
              pc += 2;
              continue;
            }
            case Op.MATCH_BINARY: {
              if (matchBinary(stack[fp + code[pc + 1]], consts[code[pc + 2]], stack, fp + code[pc])) pc += 4;
              else pc = code[pc + 3];
              continue;
            }
            case Op.GUARD_BEGIN:
              (thread.guards ??= []).push(ft, fp, sp, code[pc++], fn);
              continue;
            case Op.GUARD_END:
              thread.guards!.length -= 5;
              continue;
            case Op.RECV_START:
              if (code[pc++] === 1) startReceive(thread, stack[--sp]);
              else { thread.recvCursor = 0; thread.recvTimeout = -2; thread.timedOut = false; }
              continue;
            case Op.RECV_PEEK: {
              const message = thread.mailbox?.at(thread.recvCursor);
              if (message !== undefined) {
                // A loop the JS tier compiled goes on there, from this RECV_PEEK.
                const compiled = fn.code.jsCode;
                if (compiled) { jsFn = compiled; pc--; break instruction; }
                stack[fp + code[pc]] = message instanceof Envelope ? message.message : message;
                pc += 2;
                continue;
              }
              if (!thread.timedOut) return suspend(thread, stack, sp, fp, pc - 1, fn, ft, budget - reds, RunStatus.Waiting);
              thread.endReceive();
              pc = code[pc + 1];
              continue;
            }
            case Op.RECV_NEXT:
              thread.recvCursor++;
              pc = code[pc];
              if (--reds <= 0) return suspend(thread, stack, sp, fp, pc, fn, ft, budget - reds, RunStatus.Preempted);
              continue;
            case Op.RECV_ACCEPT:
              acceptMessage(thread);
              continue;
            case Op.BADMATCH:
              throw new Fault('badmatch', { value: stack[fp + code[pc++]] });
            default: {
              // Every Op has a case above: a missing one makes `op` not `never` here.
              const unknown: never = op;
              throw new Error(`bad opcode ${unknown} at ${pc - 1}`);
            }
          }
          // A guarded inline op that missed its fast path (isa.ts Notes)
          // becomes a call of the var's current value with the two operands
          // already pushed, returning past the op's operands; a jump form
          // returns to the JUMP_IF_FALSE that follows it. Only guarded ops
          // get here: any other case that `break`s makes this a type error.
          const guarded: GuardedOp = op;
          const v = consts[code[pc]] as Var;
          pc += SIZE[guarded] - 1;
          callee = v.processBound ? boundValue(thread, v) : v.root === UNBOUND ? faultUndef(v) : v.root;
          argc = 2;
          retSp = sp - 2;
          tail = false;
        }

        // ---- invoke `callee` on the `argc` values below sp ----
        invoke: for (;;) {
        if (jsFn === null) for (;;) {
          if (callee instanceof Fn) {
            const c = callee.code;
            const base = sp - argc;
            if (tail) {
              if (thread.linearEdit !== null && fn !== callee) thread.linearEdit = null; // a preempted loop's activation ends (js-linear.ts)
              for (let i = 0; i < argc; i++) stack[fp + i] = stack[base + i];
            } else {
              if (ft + 4 > frames.length) frames = growFrames(thread, ft);
              frames[ft] = pc;
              frames[ft + 1] = fp;
              frames[ft + 2] = retSp;
              frames[ft + 3] = fn;
              ft += 4;
              fp = base;
            }
            if (argc !== c.arity) {
              if (!c.variadic || argc < c.arity) faultArity(callee, argc);
              stack[fp + c.arity] = new Tuple(stack.slice(fp + c.arity, fp + argc));
            } else if (c.variadic) {
              stack[fp + c.arity] = Tuple.EMPTY;
            }
            fn = callee;
            const need = fp + c.locals + c.maxStack;
            if (need > stack.length) stack = growStack(thread, need, ft);
            sp = fp + c.locals;
            code = c.code;
            consts = c.consts;
            pc = 0;
            // Compiled code counts the call's reduction in its prologue.
            jsFn = c.jsCode === undefined ? toJs(c) : c.jsCode;
            if (thread.linearEdit !== null) jsRegs.edit = resumeEdit(thread, tail, callee, fp, ft, jsFn);
            if (jsFn === null && --reds <= 0) return preempt(thread, stack, sp, fp, pc, fn, ft, budget - reds);
            break;
          }
          if (callee instanceof Var) {
            // Calling a var calls its value (#'f works like f).
            callee = callee.processBound ? boundValue(thread, callee) : callee.root === UNBOUND ? faultUndef(callee) : callee.root;
            continue;
          }
          let result: Value | CallRequest;
          if (callee instanceof Native) {
            const spec = callee.spec;
            if (argc < spec.min || argc > spec.max) faultArity(callee, argc);
            result = callNative(spec, stack, sp - argc, argc);
            reds -= spec.cost + extraReductions.n;
            extraReductions.n = 0;
          } else if (callee instanceof Keyword) {
            result = applyKeyword(callee, stack, sp - argc, argc);
          } else if (callee instanceof PMap || callee instanceof PSet) {
            result = applyMap(callee, stack, sp - argc, argc);
          } else {
            throw new Fault('badarg', { fn: callee, args: List.from(stack.slice(sp - argc, sp)), message: 'not a function' });
          }
          if (result instanceof CallRequest) {
            // The native asks for a call in its place (apply, eval...): not a loop's own (js-linear.ts).
            thread.linearEdit = null;
            const target = tail ? sp - argc : retSp;
            callee = result.fn;
            argc = result.args.length;
            if (target + argc + 1 > stack.length) stack = growStack(thread, target + argc + 1, ft);
            for (let i = 0; i < argc; i++) stack[target + i] = result.args[i];
            sp = target + argc;
            if (!tail) retSp = target;
            continue;
          }
          if (tail) {
            stack[sp++] = result;
            code = RETURN_CODE;
            pc = 0;
            break;
          }
          sp = retSp;
          stack[sp++] = result;
          if (reds <= 0) return preempt(thread, stack, sp, fp, pc, fn, ft, budget - reds);
          break;
        }

        // ---- the JS tier runs this frame from pc (0 or an entry point): a value
        // returned, a tail call to make, or its frames written out (js-tier.ts) ----
        if (jsFn === null) break;
        jsRegs.reds = reds;
        jsDepthFrom(thread, ft);
        const r = enterJs(jsFn, thread, fn, fp, ft, pc);
        jsFn = null;
        reds = jsRegs.reds;
        stack = thread.stack; // compiled code may have grown them
        frames = thread.frames;
        if (r === TAIL) {
          // Made by the function entered here, at tailPc (where a fault of the call is).
          callee = jsRegs.tailFn; argc = jsRegs.argc; sp = fp + argc; tail = true; pc = jsRegs.tailPc;
          continue invoke;
        }
        if (r === FAULT) throw takeError(); // its frame could not be made: the call faults here
        if (r !== UNWIND) { stack[sp++] = r; code = RETURN_CODE; pc = 0; break; }
        fn = thread.fn as Fn; pc = thread.pc; fp = thread.fp; sp = thread.sp; ft = thread.ft; code = fn.code.code; consts = fn.code.consts;
        if (jsRegs.mode === JsMode.Fault) throw takeError(); // where the innermost frame stopped
        if (jsRegs.mode === JsMode.Preempt) return preempt(thread, stack, sp, fp, pc, fn, ft, budget - reds);
        if (jsRegs.mode === JsMode.Wait) return suspend(thread, stack, sp, fp, pc, fn, ft, budget - reds, RunStatus.Waiting);
        break;
        }
      }
    } catch (caught) {
      let e = caught;
      // Compiled code does not throw (js-tier.ts): what escapes it (a host limit) faults where the frame entered it.
      const lost = jsFn !== null;
      if (lost) {
        reds = jsRegs.reds; jsFn = null; stack = thread.stack; frames = thread.frames; jsRegs.since = -1;
      }
      const resume = e instanceof NeedsRealizing && !lost && thread.recvTimeout === -1 ? lazyHelpers.find(thread, 'realize-resume*') : null;
      if (resume instanceof Fn && resume.code.arity === 3 && !resume.code.variadic) {
        try {
          const c = resume.code, need = sp + c.locals + c.maxStack, saved = stack[sp - 1];
          if (ft + 4 > frames.length) frames = growFrames(thread, ft);
          if (need > stack.length) stack = growStack(thread, need, ft);
          frames[ft] = pc - 1; frames[ft + 1] = fp; frames[ft + 2] = sp - 1; frames[ft + 3] = fn;
          ft += 4;
          fp = sp;
          [stack[fp], stack[fp + 1]] = realizeArgs(e as NeedsRealizing);
          stack[fp + 2] = saved;
          sp = fp + c.locals; pc = 0; fn = resume; code = c.code; consts = c.consts;
          continue;
        } catch (grown) { e = grown; } // the stack or the heap is at its limit: that is the fault
      }
      // A fault: unwind to the innermost guard of this thread, or exit.
      const g = thread.guards;
      if (g === null || g.length === 0 || e instanceof Fault && e.reason !== undefined) return exitThread(thread, e, fn, pc, fp, stack, frames, ft, budget - reds);
      fn = g.pop() as Fn; pc = g.pop() as number; sp = g.pop() as number; fp = g.pop() as number; ft = g.pop() as number;
      code = fn.code.code; consts = fn.code.consts;
    }
  }
}
