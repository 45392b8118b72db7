/**
 * The JS tier: compiles the code object of a hot loop-shaped function
 * (one that calls itself in tail position, or holds a `loop*`/`recur`,
 * the LOOP instruction) to a JavaScript function, so a loop runs as a JS
 * loop instead of one dispatch per instruction. Preemption is kept: every
 * self tail call and every LOOP costs a reduction, and the interpreter
 * hands a frame that reaches a LOOP back to the compiled JavaScript there.
 *
 * It takes only code made of locals, constants, vars, the guarded inline
 * arithmetic and compare ops, jumps and LOOP, RETURN, self TAIL_CALL_VAR,
 * calls of natives through vars, building tuples, vectors, maps and sets,
 * and `receive` (RECV_*, the pattern tests, ELEMENT and REST, which
 * destructuring uses too), with an empty operand
 * stack at every jump target. So a process's server loop,
 * `(defn loop [state] (receive ... (loop state')))`, runs as JavaScript: waiting,
 * it suspends at its RECV_PEEK, and once a message is there the interpreter
 * hands the frame back to the compiled JavaScript at that RECV_PEEK (an entry point,
 * as every jump target is).
 *
 * Anything it does not handle fast (a guard that fails: a redefined `+`, a
 * bigint, a float; the var no longer naming this function; a call of a
 * Lonala function) "deopts": the compiled JavaScript writes its locals and operand
 * stack back into the frame and hands the frame to the interpreter at that
 * instruction. So a frame may be run by either tier, and the processor's
 * contract never assumes which (ARCHITECTURE.md). While a heap limit is
 * armed, locals are also written back before each call that may allocate,
 * where a heap measurement looks for them; `jsExit.reds` is kept current
 * so a fault thrown by a native still counts the reductions used.
 *
 *   stack at a deopt:  ... | locals (l0..) | operands (s0..) |
 *                          ^fp                                ^sp
 */
import type { Value } from './value.js';
import { Fn, Native, extraReductions, type CodeObject } from './function.js';
import { Comparison, INSTRUCTIONS, Op, SIZE } from './isa.js';
import type { Thread } from './thread.js';
import { Envelope } from './mailbox.js';
import { CallRequest } from './call-request.js';
import { LazySeq, NeedsRealizing } from './lazy-seq.js';
import { meter } from './heap-meter.js';
import { UNBOUND } from './namespace.js';
import { acceptMessage, callNative, elementAt, makeCollection, restFrom, shapeMatches, startReceive, testEqual } from './slow-paths.js';

export const enum JsStatus { Returned = 0, Deopt = 1, Preempted = 2, Waiting = 3 }

/**
 * Runs a frame at `fp` of `thread` from instruction `entry` (0, or a
 * RECV_PEEK the frame waited at) with `reds` reductions left; details in `jsExit`.
 */
export type JsCode = (stack: Value[], fp: number, reds: number, thread: Thread, entry: number) => JsStatus;

/** What generated code calls (it is built by `new Function`, outside this module's scope). */
const HELPERS = { FN: Fn, NATIVE: Native, ENVELOPE: Envelope, UNBOUND, CALL_REQUEST: CallRequest, EXTRA: extraReductions, LAZY: LazySeq, NEEDS: NeedsRealizing, meter, acceptMessage, callNative, elementAt, makeCollection, restFrom, shapeMatches, startReceive, testEqual };

/** How compiled JavaScript ended: reductions left, returned value, or where to resume. */
export const jsExit = { reds: 0, value: null as Value, pc: 0, sp: 0 };

/** The JS operator of each arithmetic op and of each comparison (on small integers). */
const ARITH: Partial<Record<Op, string>> = { [Op.ADD]: '+', [Op.SUB]: '-', [Op.MUL]: '*' };
const COMPARE: Record<Comparison, string> = {
  [Comparison.LT]: '<', [Comparison.GT]: '>', [Comparison.LE]: '<=', [Comparison.GE]: '>=', [Comparison.EQ]: '===',
};

/** The compiled JavaScript of `c`, compiled on first use; null if it does not qualify. */
export function toJs(c: CodeObject): JsCode | null {
  let f: JsCode | null = null;
  try {
    f = compileJs(c);
  } catch {
    f = null; // a shape the generator did not expect: stay interpreted
  }
  c.jsCode = f;
  return f;
}

/** Switch for the whole tier (the OS turns it off for LONA_NO_NATIVE=1). */
export const jsTier = { enabled: true };

class NotCompilable {}

/** Operand stack depth beyond which code is not worth compiling (and deopt code would grow). */
const MAX_DEPTH = 16;

/** Whether `c` loops: it has a LOOP (recur), or it tail-calls, through a var, the function it is (now). */
function isSelfLoop(c: CodeObject): boolean {
  const code = c.code;
  for (let pc = 0; pc < code.length; pc += SIZE[code[pc]]) {
    if (code[pc] === Op.LOOP) return true;
    if (code[pc] !== Op.TAIL_CALL_VAR) continue;
    const root = (c.consts[code[pc + 1]] as unknown as { root?: unknown }).root;
    if (root instanceof Fn && root.code === c) return true;
  }
  return false;
}

function compileJs(c: CodeObject): JsCode | null {
  const code = c.code;
  if (c.variadic || !jsTier.enabled || !isSelfLoop(c)) return null;
  // Entry points: every jump target, and every RECV_PEEK (where a waiting process resumes).
  const targets = new Set<number>();
  for (let pc = 0; pc < code.length; pc += SIZE[code[pc]]) {
    const op = code[pc] as Op;
    INSTRUCTIONS[op].operands.forEach((kind, i) => { if (kind === 'label') targets.add(code[pc + 1 + i]); });
    if (op === Op.RECV_PEEK) targets.add(pc);
  }

  const out: string[] = [];
  let d = 0;
  let maxD = 0;
  const push = (expr: string) => {
    out.push(`s${d} = ${expr};`);
    d++;
    maxD = Math.max(maxD, d);
    if (maxD > MAX_DEPTH) throw new NotCompilable();
  };
  /** Stores the locals and the first `depth` operands into the frame, where the interpreter keeps them. */
  const writeBack = (depth: number) =>
    [...Array.from({ length: c.locals }, (_, i) => `stack[fp + ${i}] = l${i};`), ...Array.from({ length: depth }, (_, i) => `stack[fp + ${c.locals + i}] = s${i};`)].join(' ');
  const exitAt = (pc: number, depth: number, status: JsStatus) =>
    `{ ${writeBack(depth)} EXIT.pc = ${pc}; EXIT.sp = fp + ${c.locals + depth}; EXIT.reds = reds; return ${status}; }`;
  const guard = (v: number, k: number) => `K[${v}].root === K[${k}]`;
  /**
   * Before a call that may allocate: while a heap limit is armed, the frame's
   * locals and its first `depth` operands go back to the stack, where a heap
   * measurement (os/heap.ts) looks for what the process keeps alive.
   */
  const spill = (depth: number) => `if (H.meter.limit !== Infinity) { ${writeBack(depth)} }`;
  /** Jumps to `label` when `test` fails (the operand stack is empty at every label). */
  const unless = (test: string, label: number) => {
    if (d !== 0) throw new NotCompilable();
    out.push(`if (!(${test})) { pc = ${label}; continue; }`);
  };

  for (let pc = 0; pc < code.length;) {
    const op = code[pc] as Op;
    if (targets.has(pc) && pc !== 0) {
      if (d !== 0) throw new NotCompilable();
      out.push(`case ${pc}:`);
    }
    const a1 = code[pc + 1], a2 = code[pc + 2], a3 = code[pc + 3], a4 = code[pc + 4];
    const deopt = exitAt(pc, d, JsStatus.Deopt);
    switch (op) {
      case Op.LOCAL: push(`l${a1}`); break;
      case Op.SET_LOCAL: d--; out.push(`l${a1} = s${d};`); break;
      case Op.INT: push(String(a1)); break;
      case Op.NIL: push('null'); break;
      case Op.TRUE: push('true'); break;
      case Op.FALSE: push('false'); break;
      case Op.CONST: push(`K[${a1}]`); break;
      case Op.POP: d--; break;
      case Op.VAR: // a process-bound or unbound var is the interpreter's
        out.push(`f = K[${a1}]; if (f.processBound || f.root === H.UNBOUND) ${deopt}`);
        push('f.root');
        break;
      case Op.LOCAL_INT: push(`l${a1}`); push(String(a2)); break;
      case Op.LOCAL2: push(`l${a1}`); push(`l${a2}`); break;
      case Op.ADD: case Op.SUB: case Op.MUL: case Op.LT: case Op.GT: case Op.LE: case Op.GE: case Op.EQ: {
        const [x, y] = [`s${d - 2}`, `s${d - 1}`];
        const cmp = INSTRUCTIONS[op].comparison;
        out.push(`if (typeof ${x} === 'number' && typeof ${y} === 'number' && ${guard(a1, a2)}) {`);
        if (cmp !== undefined) out.push(`${x} = ${x} ${COMPARE[cmp]} ${y};`);
        else out.push(`r = ${x} ${ARITH[op]} ${y}; if (r > 9007199254740991 || r < -9007199254740991) ${deopt} ${x} = r === 0 ? 0 : r;`);
        out.push(`} else ${deopt}`);
        d--;
        break;
      }
      case Op.LT_JUMP: case Op.GT_JUMP: case Op.LE_JUMP: case Op.GE_JUMP: case Op.EQ_JUMP: {
        const [x, y] = [`s${d - 2}`, `s${d - 1}`];
        const jif = pc + SIZE[op]; // the JUMP_IF_FALSE that follows
        if (code[jif] !== Op.JUMP_IF_FALSE || d !== 2) throw new NotCompilable();
        out.push(`if (!(typeof ${x} === 'number' && typeof ${y} === 'number' && ${guard(a1, a2)})) ${deopt}`);
        out.push(`if (!(${x} ${COMPARE[INSTRUCTIONS[op].comparison!]} ${y})) { pc = ${code[jif + 1]}; continue; }`);
        d = 0;
        pc = jif + SIZE[Op.JUMP_IF_FALSE];
        continue;
      }
      case Op.CMP_LI: case Op.CMP_LI_JUMP: {
        const cmp = COMPARE[code[pc + 5] as Comparison];
        out.push(`if (typeof l${a3} !== 'number' || !(${guard(a1, a2)})) ${deopt}`);
        if (op === Op.CMP_LI) {
          push(`l${a3} ${cmp} ${a4}`);
          break;
        }
        const jif = pc + SIZE[op]; // the JUMP_IF_FALSE that follows
        if (code[jif] !== Op.JUMP_IF_FALSE || d !== 0) throw new NotCompilable();
        out.push(`if (!(l${a3} ${cmp} ${a4})) { pc = ${code[jif + 1]}; continue; }`);
        pc = jif + SIZE[Op.JUMP_IF_FALSE];
        continue;
      }
      case Op.ADD_LI: case Op.SUB_LI: {
        out.push(`if (typeof l${a3} !== 'number' || !(${guard(a1, a2)})) ${deopt}`);
        out.push(`r = l${a3} ${op === Op.ADD_LI ? '+' : '-'} ${a4}; if (r > 9007199254740991 || r < -9007199254740991) ${deopt}`);
        push('r');
        break;
      }
      case Op.JUMP:
        if (d !== 0) throw new NotCompilable();
        out.push(`pc = ${a1}; continue;`);
        break;
      case Op.JUMP_IF_FALSE:
        d--;
        if (d !== 0) throw new NotCompilable();
        out.push(`if (s0 === false || s0 === null) { pc = ${a1}; continue; }`);
        break;
      case Op.RETURN:
      case Op.RETURN_LOCAL:
        out.push(`EXIT.value = ${op === Op.RETURN ? `s${d - 1}` : `l${a1}`}; EXIT.reds = reds; return ${JsStatus.Returned};`);
        d = 0;
        break;
      case Op.CALL_VAR: {
        // A native, called as the interpreter calls it; anything else (a Lonala fn, apply) is the interpreter's.
        const base = `fp + ${c.locals + d - a2}`;
        out.push(`f = K[${a1}]; if (f.processBound || !((f = f.root) instanceof H.NATIVE) || f.spec.callsBack === true || ${a2} < f.spec.min || ${a2} > f.spec.max) ${deopt}`);
        for (let i = 0; i < a2; i++) out.push(`stack[${base} + ${i}] = s${d - a2 + i};`);
        out.push(spill(d - a2));
        // A call request from a native that does not call back asks for a lazy seq realized first (lazy-seq.ts):
        // the interpreter runs the call again (its arguments are on the stack) and makes the request.
        out.push(`r = H.callNative(f.spec, stack, ${base}, ${a2}); if (r instanceof H.CALL_REQUEST) { reds -= H.EXTRA.n; H.EXTRA.n = 0; ${exitAt(pc, d, JsStatus.Deopt)} }`);
        d -= a2;
        push('r');
        // Its fixed cost and what it charged for its work (function.ts extraReductions), as the interpreter takes them.
        out.push(`reds -= f.spec.cost + H.EXTRA.n; H.EXTRA.n = 0; EXIT.reds = reds; if (reds <= 0) ${exitAt(pc + 3, d, JsStatus.Preempted)}`);
        break;
      }
      case Op.TAIL_CALL_VAR: {
        if (a2 !== c.arity) { // not a call of this function: the interpreter makes it
          out.push(deopt);
          d = 0;
          break;
        }
        out.push(`r = K[${a1}]; if (r.processBound || !(r.root instanceof H.FN && r.root.code === CODE)) ${deopt}`);
        for (let i = 0; i < a2; i++) out.push(`l${i} = s${d - a2 + i};`);
        d -= a2;
        out.push(`if (--reds <= 0) ${exitAt(0, 0, JsStatus.Preempted)}`);
        out.push('EXIT.reds = reds;');
        out.push('pc = 0; continue;');
        d = 0;
        break;
      }
      case Op.LOOP:
        if (d !== 0) throw new NotCompilable();
        out.push(`if (--reds <= 0) ${exitAt(a1, 0, JsStatus.Preempted)}`);
        out.push('EXIT.reds = reds;');
        out.push(`pc = ${a1}; continue;`);
        break;
      case Op.RECV_START:
        if (a1 === 1) out.push(`H.startReceive(thread, s${--d});`);
        else out.push('thread.recvCursor = 0; thread.recvTimeout = -2; thread.timedOut = false;');
        break;
      case Op.RECV_PEEK:
        if (d !== 0) throw new NotCompilable();
        out.push(`m = thread.mailbox === null ? undefined : thread.mailbox.at(thread.recvCursor);`);
        out.push(`if (m !== undefined) l${a1} = m instanceof H.ENVELOPE ? m.message : m;`);
        out.push(`else if (!thread.timedOut) ${exitAt(pc, 0, JsStatus.Waiting)}`);
        out.push(`else { thread.endReceive(); pc = ${a2}; continue; }`);
        break;
      case Op.RECV_NEXT:
        if (d !== 0) throw new NotCompilable();
        out.push(`thread.recvCursor++; if (--reds <= 0) ${exitAt(a1, 0, JsStatus.Preempted)}`);
        out.push('EXIT.reds = reds;');
        out.push(`pc = ${a1}; continue;`);
        break;
      case Op.RECV_ACCEPT: out.push(spill(d), 'H.acceptMessage(thread);'); break;
      case Op.TEST_EQUAL:
        out.push(`if (l${a1} instanceof H.LAZY) ${deopt}`); // a lazy seq may need realizing: the interpreter's
        unless(`H.testEqual(l${a1}, K[${a2}])`, a3);
        break;
      case Op.TEST_TUPLE: case Op.TEST_TUPLE_MIN: case Op.TEST_LIST: case Op.TEST_LIST_MIN: case Op.TEST_VECTOR: case Op.TEST_SET:
        if (op === Op.TEST_LIST || op === Op.TEST_LIST_MIN) out.push(`if (l${a1} instanceof H.LAZY) ${deopt}`);
        unless(`H.shapeMatches(${op}, l${a1}, ${a2})`, a3);
        break;
      case Op.ELEMENT: out.push(`l${a1} = H.elementAt(l${a2}, ${a3});`); break;
      case Op.REST: out.push(`l${a1} = H.restFrom(l${a2}, ${a3});`); break;
      case Op.MAKE_TUPLE: case Op.MAKE_VECTOR: case Op.MAKE_MAP: case Op.MAKE_SET: {
        const items = Array.from({ length: a1 }, (_, i) => `s${d - a1 + i}`).join(', ');
        out.push(spill(d));
        // Hashing a lazy key may ask for it realized: the interpreter makes the collection then.
        out.push(`try { r = H.makeCollection(${op}, [${items}]); } catch (e) { if (e instanceof H.NEEDS) ${deopt} throw e; }`);
        d -= a1;
        push('r');
        break;
      }
      default:
        return null; // outside the subset: stay interpreted
    }
    pc += SIZE[op];
  }
  const locals = Array.from({ length: c.locals }, (_, i) => `l${i} = stack[fp + ${i}]`).join(', ');
  const temps = Array.from({ length: Math.max(maxD, 1) }, (_, i) => `s${i}`).join(', ');
  const body = `return function native(stack, fp, reds, thread, pc) {
  let ${locals}${locals ? ',' : ''} ${temps}, r, f, m;
  EXIT.reds = reds; // kept current: a fault thrown by a native finds here the reductions used
  for (;;) switch (pc) {
  case 0:
  ${out.join('\n  ')}
  default: throw new Error('JS tier: bad pc ' + pc);
  }
};`;
  return new Function('K', 'H', 'CODE', 'EXIT', body)(c.consts, HELPERS, c, jsExit) as JsCode;
}
