/**
 * The JS tier's code generator: one code object to one JavaScript
 * function (js-tier.ts has the design and the calling convention).
 *
 * The function keeps the frame's slots as JS locals (l0..) and the operand
 * stack as JS locals by depth (s0..): the depth at each instruction is known
 * statically (the verifier's promise), and a jump carries its depth to its
 * target. Control is a `switch (pc)` in a loop, with a case at every jump
 * target and entry point (pc 0, loop heads, RECV_PEEK), so any frame the
 * interpreter holds at an entry point can go on in JavaScript.
 *
 * A native's fixed cost is taken when it returns, not when it throws (as
 * the interpreter takes it), what it charged for its work either way.
 *
 * Nothing in it throws, so no try/catch keeps V8 from holding locals in
 * registers (a whole-function catch measured 1.5x slower on fib and tak):
 * what may fail is called through a helper that returns FAULT instead, and
 * the code after it writes the frame out and unwinds (js-tier.ts).
 *
 * Code outside the subset (`def`, binary patterns) stays interpreted.
 * LONA_JS_DUMP=name prints the JavaScript made for functions whose name
 * contains `name` (to stderr), for whoever works on this file. Each
 * instruction's translation is what the interpreter does (processor.ts),
 * minus the dispatch: the two are read side by side.
 */
import { Comparison, INSTRUCTIONS, Op, SIZE } from './isa.js';
import type { CodeObject } from './function.js';
import { Native, extraReductions } from './function.js';
import { Envelope } from './mailbox.js';
import { CallRequest } from './call-request.js';
import { meter } from './heap-meter.js';
import { UNBOUND } from './namespace.js';
import { PMap } from './hash-map.js';
import { Pid } from './value.js';
import { equals } from './equality.js';
import { acceptMessage, elementAt, makeCollection, restFrom, setOthers, shapeMatches, startReceive, testEqual } from './slow-paths.js';
import * as runtime from './js-runtime.js';
import { holdsCode, linearCallSites } from './js-linear.js';
import { FAULT, JsMode, TAIL, UNWIND, codegen, compileNow, jsRegs, type JsCode } from './js-tier.js';

/** What generated code reaches (it is built by `new Function`, outside this module's scope). */
const H = {
  ...runtime, NATIVE: Native, ENVELOPE: Envelope, CR: CallRequest, MAP: PMap, PID: Pid, EXTRA: extraReductions,
  M: meter, UNBOUND, UNWIND, TAIL, FAULT, compileNow, equals, acceptMessage, elementAt, makeCollection, restFrom, setOthers, shapeMatches, startReceive, testEqual,
};

const ARITH: Partial<Record<Op, string>> = { [Op.ADD]: '+', [Op.SUB]: '-', [Op.MUL]: '*' };
const COMPARE: Record<Comparison, string> = {
  [Comparison.LT]: '<', [Comparison.GT]: '>', [Comparison.LE]: '<=', [Comparison.GE]: '>=', [Comparison.EQ]: '===',
};

/**
 * `n = expr`, and whether it is exact: the operands are integers, so the
 * sum, difference or correctly rounded product is exact exactly when it is
 * a safe integer. TurboFan folds `Number.isSafeInteger` on small integers
 * away: a loop measured 3x faster than with an int32 test and bounds.
 */
function safeInt(expr: string): string {
  return `Number.isSafeInteger(n = ${expr})`;
}

class NotCompilable extends Error {}

/** Operand stack depth past which code is not compiled (deopt code grows with it). */
const MAX_DEPTH = 24;

codegen.compile = compile;

/**
 * Code past these stays interpreted: each exit of generated code names every
 * local, so its size grows as locals times instructions, and generating and
 * parsing it is host time no reduction pays for (a realm could make it huge).
 */
const MAX_LOCALS = 64;
const MAX_CODE = 4096;

function compile(c: CodeObject): JsCode | null {
  const code = c.code;
  const LOC = c.locals;
  if (LOC > MAX_LOCALS || code.length > MAX_CODE) return null;
  // Entry points (a case each): jump targets, RECV_PEEK (a waiting process resumes there), pc 0.
  const targets = new Set<number>([0]);
  let usesMeter = false;
  let message = -1; // the slot the last RECV_PEEK put its message in
  let calls = false; // a call that comes back here (a tail call leaves, unless it is a loop: no code runs then)
  // Forward jumps only (and self tail calls back to the start), no entry but pc 0: the code is written as
  // nested labeled blocks in a loop (a forward jump breaks out of its target's block), which V8 compiles
  // better than a switch in a loop (fib and tak measured a little faster). Otherwise a switch over pc.
  let structured = true;
  for (let pc = 0; pc < code.length; pc += SIZE[code[pc]]) {
    const op = code[pc] as Op;
    if (op === Op.DEF_META || op === Op.MATCH_BINARY) return null;
    INSTRUCTIONS[op].operands.forEach((kind, i) => { if (kind === 'label') targets.add(code[pc + 1 + i]); });
    if (op === Op.RECV_PEEK) targets.add(pc);
    if (op === Op.CALL || op === Op.CALL_VAR) calls = true;
    if (op === Op.LOOP || op === Op.RECV_PEEK) structured = false; // entered at a loop head or a receive, too
    INSTRUCTIONS[op].operands.forEach((kind, i) => { if (kind === 'label' && code[pc + 1 + i] <= pc) structured = false; });
  }
  const depthAt = new Map<number, number>([[0, 0]]);
  const out: string[] = [];
  const head: string[] = []; // closure-level declarations (call-site caches)
  let d = 0, maxD = 0, live = true, sites = 0;

  const s = (i: number) => `s${i}`;
  /** Constants used, as closure-level consts (one load less than K[i] at each use). */
  const used = new Set<number>();
  const k = (i: number) => {
    used.add(i);
    return `k${i}`;
  };
  const locals = Array.from({ length: LOC }, (_, i) => `l${i}`);
  const emit = (line: string) => out.push(line);
  const push = (expr: string) => {
    emit(`${s(d)} = ${expr};`);
    d++;
    if (d > maxD) maxD = d;
    if (maxD > MAX_DEPTH) throw new NotCompilable();
  };
  const jumpTo = (label: number, depth: number) => {
    const known = depthAt.get(label);
    if (known !== undefined && known !== depth) throw new NotCompilable();
    depthAt.set(label, depth);
    if (structured) return label === 0 ? 'continue top;' : `break L${label};`;
    return `pc = ${label}; continue;`;
  };
  /** The frame's locals and its first `depth` operands, as an array literal (cold paths only: it allocates). */
  const frameValues = (depth: number) => `[${[...locals, ...Array.from({ length: depth }, (_, i) => s(i))].join(', ')}]`;
  /** Writes them to the frame's slots, out of line (inline stores at every exit measured slower: code size). */
  const writeOut = (depth: number) => `H.writeFrame(T, fp, ${frameValues(depth)});`;
  /**
   * Leaves the code by `exit` (a return statement). Call-free code (which
   * loops fast) leaves its loop first and returns after it: there the loop's
   * body allocates and calls nothing, which V8 measured to make such a loop
   * run 2-2.5x faster (with a call or an array literal inside, even on a path
   * never taken, its values are kept boxed). Locals and operands keep their
   * values on the way out.
   */
  const leave = (exit: string) => {
    if (!hoisted) return `{ ${exit} }`;
    if (!exits.has(exit)) exits.set(exit, exits.size);
    return `{ dx = ${exits.get(exit)}; break top; }`;
  };
  const stopAt = (pc: number, depth: number, mode: JsMode) =>
    leave(`${sync}return H.stopWith(T, F, fp, ft, ${pc}, ${mode}, ${frameValues(depth)});`);
  /**
   * After a helper that may fail (it returns FAULT, the thrown value in
   * jsRegs.error): this frame is the innermost, stopped at the instruction
   * (`pc` just past its opcode, `depth` operands, as the interpreter has it
   * when it throws); the interpreter throws it there.
   */
  const failed = (v: string, at: number, depth = d) => `if (${v} === FAULT) ${stopAt(at + 1, depth, JsMode.Fault)}`;
  /**
   * After a call whose result is `r`, returning to `ret` with `base`
   * operands below it: a tail call to make, an unwind to join (writing
   * this frame's record), the result pushed, a preemption a native earned.
   */
  const afterCall = (ret: number, base: number, cfp: string) => {
    emit('if (typeof r === \'symbol\') {');
    emit(`if (r === TAIL) r = H.trampoline(T, ${cfp}, ft + 4);`);
    emit(`if (r === UNWIND) return H.unwindWith(T, F, fp, ft, ${ret}, ${frameValues(base)});`);
    // The call failed (a native threw, the callee's frame could not be made): this frame stops at it.
    emit(`if (r === FAULT) ${stopAt(ret, d, JsMode.Fault)}`);
    emit('}');
    d = base;
    push('r');
    // A native may have used the slice up (a compiled callee preempts itself, in its prologue).
    emit(`if (pn) { pn = false; if (R.reds <= 0) { ${keepEdit()}${stopAt(ret, d, JsMode.Preempt)} } }`);
  };

  /**
   * A call of the value `callee` (an expression; `viaVar` names the var
   * const when it is a var's) with `n` arguments on top of the operand
   * stack, the callee's frame at `cfpDepth`; result to depth `base`.
   */
  const call = (ret: number, callee: string, viaVar: string | null, n: number, base: number, linear = false) => {
    const id = sites++;
    head.push(`let ic${id} = null, ij${id} = null, in${id} = null, nf${id} = null, nc${id} = 0${linear ? `, nl${id}` : ''};`);
    const args = Array.from({ length: n }, (_, i) => s(d - n + i));
    const cfp = `fp + ${LOC + d - n}`;
    emit(`f = ${callee};`);
    const fast = viaVar === null ? `f !== null && f.code === ic${id}` : `f === ic${id} && !${viaVar}.processBound`;
    const argList = args.map((a) => `, ${a}`).join('');
    // At a linear site, a call of anything but a native's linear form (the var redefined, say) may keep the
    // value it is given, and what the token made may be held elsewhere from then on: the token is dropped.
    const drop = linear ? 'tok = null; ' : '';
    // Recursion through a var calls this function by name: a target V8 knows without feedback.
    if (viaVar !== null && !c.variadic && n === c.arity) emit(`if (f === F && !${viaVar}.processBound) { ${drop}r = ${jsName(c.name)}(T, f, ${cfp}, ft + 4${argList}); }\n    else`);
    emit(`if (${fast}) { ${drop}r = ij${id}(T, f, ${cfp}, ft + 4${argList}); }`);
    // A cached native is called directly (its impl and cost cached too: one target per site, which V8 can
    // inline), as slow-paths.ts callNative calls it: the meter's mark, what it throws, what its result costs.
    emit(`else if (f === in${id} && f !== null${viaVar === null ? '' : ` && !${viaVar}.processBound`}) {`);
    // At a linear site (js-linear.ts) a native with a linear form gets this invocation's edit token.
    const direct = linear ? `nl${id} !== undefined ? nl${id}(tok === null ? (tok = {}) : tok, ${args.join(', ')}) : (tok = null, nf${id}(${args.join(', ')}))` : `nf${id}(${args.join(', ')})`;
    emit(`M.mark = M.bytes; try { r = ${direct}; } catch (e) { r = H.nativeThrew(e, f.spec, [${args.join(', ')}]); }`);
    emit(`if (typeof r === 'string' || typeof r === 'bigint') H.chargeNativeResult(r);`);
    emit(`R.reds -= (r === FAULT ? 0 : nc${id}) + H.EXTRA.n; H.EXTRA.n = 0; pn = true; if (r instanceof H.CR) r = H.handOver(T, r.fn, r.args, ${cfp}, ft + 4); }`);
    const slow = viaVar === null ? `H.callValue(T, f, [${args.join(', ')}], ${cfp}, ft + 4)` : `H.callVar(T, ${viaVar}, [${args.join(', ')}], ${cfp}, ft + 4)`;
    const learn = viaVar === null ? `ic${id} = H.ic.fn === null ? null : H.ic.fn.code` : `ic${id} = H.ic.fn`;
    emit(`else { ${drop}r = ${slow}; pn = true; if (!${viaVar ?? 'false'}?.processBound) { ${learn}; ij${id} = H.ic.js; in${id} = H.ic.native; nf${id} = in${id}?.spec.impl; nc${id} = in${id}?.spec.cost;${linear ? ` nl${id} = in${id}?.spec.linear;` : ''} } }`);
    afterCall(ret, base, cfp);
  };

  /** A tail call: itself again (a loop), a cached native (its value returned), or TAIL. */
  const tailCall = (at: number, callee: string, viaVar: string | null, n: number, selfNow = false) => {
    const args = Array.from({ length: n }, (_, i) => s(d - n + i));
    const loops = !c.variadic && n === c.arity;
    // A var holding this function now: its check joins the entry's (a tail call of another var with as
    // many arguments would fail it, sending every call of the function to the interpreter).
    const hoistSelf = loops && hoisted && viaVar !== null && selfNow;
    if (hoistSelf) guards.add(`${viaVar}.root === F && !${viaVar}.processBound`);
    if (!hoistSelf) emit(`f = ${callee};`);
    if (loops) {
      emit(`if (${hoistSelf ? 'true' : `f === F${viaVar === null ? '' : ` && !${viaVar}.processBound`}`}) {`);
      // Parallel assignment through the operand slots (they already hold the new values).
      args.forEach((a, i) => emit(`l${i} = ${a};`));
      emit(`if (--${RD} <= 0) { ${keepEdit()}${stopAt(0, 0, JsMode.Preempt)} }`);
      emit(`${jumpTo(0, 0)} }`);
    }
    if (hoistSelf) emit(`f = ${callee};`);
    if (viaVar !== null) emit(`if (${viaVar}.processBound || f === H.UNBOUND) { try { f = H.varValue(T, ${viaVar}); } catch (e) { f = H.failWith(e); } ${failed('f', at)} }`);
    // A native in tail position: its value is this call's (cached per site and called directly, as in `call`).
    const id = sites++;
    head.push(`let tn${id} = null, tf${id} = null, tc${id} = 0;`);
    emit(`if (f !== tn${id} && f instanceof H.NATIVE && ${n} >= f.spec.min && ${n} <= f.spec.max && f.spec.callsBack !== true) { tn${id} = f; tf${id} = f.spec.impl; tc${id} = f.spec.cost; }`);
    emit(`if (f === tn${id} && f !== null) {`);
    emit(`M.mark = M.bytes; try { r = tf${id}(${args.join(', ')}); } catch (e) { r = H.nativeThrew(e, f.spec, [${args.join(', ')}]); }`);
    emit(`if (typeof r === 'string' || typeof r === 'bigint') H.chargeNativeResult(r);`);
    emit(`${RD} -= (r === FAULT ? 0 : tc${id}) + H.EXTRA.n; H.EXTRA.n = 0;`);
    emit(failed('r', at));
    const after = at + SIZE[code[at]]; // where the interpreter stands for the call (a fault of it names this line)
    emit(`${sync}if (!(r instanceof H.CR)) return r; return H.tailCall(T, r.fn, r.args, fp, ${after}); }`);
    emit(`${sync}return H.tailCall(T, f, [${args.join(', ')}], fp, ${after});`);
    live = false;
  };

  /**
   * A guarded op off its fast path (a float, a bigint, a ratio, past 2^53):
   * the var's native called out of line, its value to the operand `into`
   * (the top of `depth` operands); if the var no longer holds a native, the
   * frame goes on in the interpreter at the op. As the interpreter, which
   * makes the op a call returning to the next instruction, the frame is
   * preempted there if the native used the slice up.
   */
  const slowOp = (at: number, v: number, x: string, y: string, into: string, depth: number) => {
    if (deopts) return leave(`${sync}return H.deoptWith(T, F, fp, ft, ${at}, ${frameValues(d)});`);
    const next = at + SIZE[code[at]];
    return `{ ${sync}r = H.nativeOp(T, ${k(v)}, ${x}, ${y}); ${hoisted ? 'rd = R.reds; ' : ''}if (r === UNWIND) ${stopAt(at, d, JsMode.Continue)} ${failed('r', at)} ${into} = r; ` +
      `if (${RD} <= 0) { ${keepEdit()}${stopAt(next, depth, JsMode.Preempt)} } }`;
  };
  const linear = calls ? linearCallSites(c) : new Set<number>();
  /** Preempted in its own code (its back edge, a native's return), a frame keeps its edit token for its going on (js-linear.ts `SavedEdit`). */
  const keepEdit = () => (linear.size > 0 ? 'if (tok !== null) T.linearEdit = new H.SavedEdit(tok, F, fp, ft); ' : '');
  // In code that calls nothing, no var can change while it runs: its guards are checked once, on entry,
  // and if one fails the frame goes on in the interpreter (which calls what the vars now hold). Tested
  // once per op instead, a constant measured 20% of a loop's time: V8 does not unswitch loops.
  const hoisted = !calls;
  // There, the reductions left are a JS local too (a loop's counter in a register), stored back on the way out.
  const RD = hoisted ? 'rd' : 'R.reds';
  const sync = hoisted ? 'R.reds = rd; ' : '';
  // There too, a slow path leaves the code (the frame goes on in the interpreter at the op), and the code is
  // compiled again with its slow paths inline, which the old code hands every later call to (`gen`).
  const deopts = hoisted && !c.generic;
  /** The exits of call-free code, after its loop, by number (`dx`; see `leave`). */
  const exits = new Map<string, number>();
  const guards = new Set<string>();
  const guard = (v: number, n: number) => {
    const test = `${k(v)}.root === ${k(n)}`;
    guards.add(test);
    return hoisted ? 'true' : test;
  };

  for (let pc = 0; pc < code.length;) {
    const op = code[pc] as Op;
    if (targets.has(pc)) {
      const known = depthAt.get(pc);
      if (!live) {
        if (known === undefined) throw new NotCompilable(); // a target only reached by a backward jump
        d = known;
      } else if (known !== undefined && known !== d) throw new NotCompilable();
      depthAt.set(pc, d);
      if (pc !== 0) emit(structured ? `} // L${pc}` : `case ${pc}:`);
      live = true;
    } else if (!live) {
      pc += SIZE[op]; // unreachable
      continue;
    }
    const a1 = code[pc + 1], a2 = code[pc + 2], a3 = code[pc + 3], a4 = code[pc + 4];
    const next = pc + SIZE[op];
    switch (op) {
      case Op.LOCAL: push(`l${a1}`); break;
      case Op.SET_LOCAL: d--; emit(`l${a1} = ${s(d)};`); break;
      case Op.INT: push(String(a1)); break;
      case Op.NIL: push('null'); break;
      case Op.TRUE: push('true'); break;
      case Op.FALSE: push('false'); break;
      case Op.CONST: push(k(a1)); break;
      case Op.ENV: push(`F.env[${a1}]`); break;
      case Op.SELF: push('F'); break;
      case Op.POP: d--; break;
      case Op.VAR:
        emit(`f = ${k(a1)}; if (f.processBound || f.root === H.UNBOUND) { try { f = H.varValue(T, f); } catch (e) { f = H.failWith(e); } } else f = f.root;`);
        emit(failed('f', pc));
        push('f');
        break;
      case Op.LOCAL_INT: push(`l${a1}`); push(String(a2)); break;
      case Op.LOCAL2: push(`l${a1}`); push(`l${a2}`); break;
      case Op.ADD: case Op.SUB: case Op.MUL: case Op.LT: case Op.GT: case Op.LE: case Op.GE: case Op.EQ: {
        const x = s(d - 2), y = s(d - 1);
        const cmp = INSTRUCTIONS[op].comparison;
        const fast = cmp !== undefined ? `${x} = ${x} ${COMPARE[cmp]} ${y};`
          : `${safeInt(`${x} ${ARITH[op]} ${y}`)}) ${x} = n;`;
        const numbers = `typeof ${x} === 'number' && typeof ${y} === 'number' && ${guard(a1, a2)}`;
        emit(cmp !== undefined ? `if (${numbers}) ${fast}` : `if (${numbers} && ${fast}`);
        if (op === Op.EQ) emit(`else if (${guard(a1, a2)}) { try { r = H.equals(${x}, ${y}); } catch (e) { r = H.failWith(e); } ${RD} -= H.EXTRA.n; H.EXTRA.n = 0; ${failed('r', pc)} ${x} = r; }`);
        emit(`else ${slowOp(pc, a1, x, y, x, d - 1)}`);
        d--;
        break;
      }
      case Op.LT_JUMP: case Op.GT_JUMP: case Op.LE_JUMP: case Op.GE_JUMP: case Op.EQ_JUMP: {
        const x = s(d - 2), y = s(d - 1);
        const target = code[next + 1]; // of the JUMP_IF_FALSE that must follow
        emit(`if (typeof ${x} === 'number' && typeof ${y} === 'number' && ${guard(a1, a2)}) ok = ${x} ${COMPARE[INSTRUCTIONS[op].comparison!]} ${y};`);
        emit(`else { ${slowOp(pc, a1, x, y, x, d - 1)} ok = ${x} !== false && ${x} !== null; }`);
        d -= 2;
        emit(`if (!ok) { ${jumpTo(target, d)} }`);
        pc = next + SIZE[Op.JUMP_IF_FALSE];
        continue;
      }
      case Op.CMP_LI: case Op.CMP_LI_JUMP: {
        const cmp = COMPARE[code[pc + 5] as Comparison];
        emit(`if (typeof l${a3} === 'number' && ${guard(a1, a2)}) ok = l${a3} ${cmp} ${a4};`);
        if (d + 1 > maxD) maxD = d + 1; // the native's value is an operand where the interpreter has it
        emit(`else { ${slowOp(pc, a1, `l${a3}`, String(a4), s(d), d + 1)} ok = ${s(d)} !== false && ${s(d)} !== null; }`);
        if (op === Op.CMP_LI) {
          push('ok');
          break;
        }
        emit(`if (!ok) { ${jumpTo(code[next + 1], d)} }`);
        pc = next + SIZE[Op.JUMP_IF_FALSE];
        continue;
      }
      case Op.ADD_LI: case Op.SUB_LI: {
        emit(`if (typeof l${a3} === 'number' && ${guard(a1, a2)} && ${safeInt(`l${a3} ${op === Op.ADD_LI ? '+' : '-'} ${a4}`)}) ${s(d)} = n;`);
        emit(`else ${slowOp(pc, a1, `l${a3}`, String(a4), s(d), d + 1)}`);
        d++;
        if (d > maxD) maxD = d;
        break;
      }
      case Op.JUMP:
        emit(jumpTo(a1, d));
        live = false;
        break;
      case Op.JUMP_IF_FALSE:
        d--;
        emit(`if (${s(d)} === false || ${s(d)} === null) { ${jumpTo(a1, d)} }`);
        break;
      case Op.LOOP:
        if (d !== 0) throw new NotCompilable();
        emit(`if (--${RD} <= 0) { ${keepEdit()}${stopAt(a1, 0, JsMode.Preempt)} }`);
        emit(jumpTo(a1, 0));
        live = false;
        break;
      case Op.RETURN: emit(`${sync}return ${s(d - 1)};`); live = false; break;
      case Op.RETURN_LOCAL: emit(`${sync}return l${a1};`); live = false; break;
      case Op.CALL_VAR:
        call(next, `${k(a1)}.root`, k(a1), a2, d - a2, linear.has(pc));
        break;
      case Op.CALL:
        call(next, s(d - a1 - 1), null, a1, d - a1 - 1);
        break;
      case Op.TAIL_CALL_VAR:
        tailCall(pc, `${k(a1)}.root`, k(a1), a2, holdsCode(c, a1));
        break;
      case Op.TAIL_CALL:
        tailCall(pc, s(d - a1 - 1), null, a1);
        break;
      case Op.CLOSURE:
        emit(`${writeOut(0)} try { r = H.closure(${k(a1)}, fp, F); } catch (e) { r = H.failWith(e); } ${failed('r', pc)} ${s(d)} = r;`);
        d++;
        if (d > maxD) maxD = d;
        break;
      case Op.MAKE_TUPLE: case Op.MAKE_VECTOR: case Op.MAKE_MAP: case Op.MAKE_SET: {
            const items = Array.from({ length: a1 }, (_, i) => s(d - a1 + i)).join(', ');
        emit(`try { r = H.makeCollection(${op}, [${items}]); } catch (e) { r = H.failWith(e); } ${failed('r', pc)}`);
        d -= a1;
        push('r');
        break;
      }
      // A guard (try, a `when` that may fault) is the interpreter's: its record on the thread's guard stack,
      // as processor.ts keeps it. A fault inside unwinds compiled frames to the interpreter, which finds it
      // there and goes on at the label (interpreted) with the operands as they were here.
      case Op.GUARD_BEGIN:
        depthAt.set(a1, d);
        emit(`(T.guards ??= []).push(ft, fp, fp + ${LOC + d}, ${a1}, F);`);
        break;
      case Op.GUARD_END: emit('T.guards.length -= 5;'); break;
      case Op.TEST_EQUAL:
        emit(`try { r = H.testEqual(l${a1}, ${k(a2)}); } catch (e) { r = H.failWith(e); } ${failed('r', pc)} if (!r) { ${jumpTo(a3, d)} }`);
        break;
      case Op.TEST_SAME_LOCAL:
        emit(`try { r = H.equals(l${a1}, l${a2}); } catch (e) { r = H.failWith(e); } ${RD} -= H.EXTRA.n; H.EXTRA.n = 0; ${failed('r', pc)} if (!r) { ${jumpTo(a3, d)} }`);
        break;
      case Op.TEST_TUPLE: case Op.TEST_TUPLE_MIN: case Op.TEST_LIST: case Op.TEST_LIST_MIN: case Op.TEST_VECTOR: case Op.TEST_SET:
        emit(`try { r = H.shapeMatches(${op}, l${a1}, ${a2}); } catch (e) { r = H.failWith(e); } ${failed('r', pc)} if (!r) { ${jumpTo(a3, d)} }`);
        break;
      case Op.TEST_MAP: emit(`if (!(l${a1} instanceof H.MAP)) { ${jumpTo(a2, d)} }`); break;
      case Op.TEST_PID: emit(`if (!(l${a1} instanceof H.PID)) { ${jumpTo(a2, d)} }`); break;
      case Op.ELEMENT: emit(`try { r = H.elementAt(l${a2}, ${a3}); } catch (e) { r = H.failWith(e); } ${failed('r', pc)} l${a1} = r;`); break;
      case Op.REST: emit(`try { r = H.restFrom(l${a2}, ${a3}); } catch (e) { r = H.failWith(e); } ${failed('r', pc)} l${a1} = r;`); break;
      case Op.MAP_VALUE:
        emit(`try { r = H.mapValue(l${a2}, ${k(a3)}); } catch (e) { r = H.failWith(e); } ${failed('r', pc)} if (r === undefined) { ${jumpTo(a4, d)} } l${a1} = r;`);
        break;
      case Op.SET_OTHERS:
        emit(`try { r = H.setOthers(l${a2}, ${k(a3)}); } catch (e) { r = H.failWith(e); } ${failed('r', pc)} if (r === undefined) { ${jumpTo(a4, d)} } l${a1} = r;`);
        break;
      case Op.BADMATCH:
        emit(`r = H.badmatch(l${a1}); ${failed('r', pc)}`);
        live = false;
        break;
      case Op.RECV_START:
        if (a1 === 1) {
          emit(`try { r = H.startReceive(T, ${s(d - 1)}); } catch (e) { r = H.failWith(e); } ${failed('r', pc)}`);
          d--;
        }
        else emit('T.recvCursor = 0; T.recvTimeout = -2; T.timedOut = false;');
        break;
      case Op.RECV_PEEK:
        if (d !== 0) throw new NotCompilable();
        message = a1;
        emit('m = T.mailbox === null ? undefined : T.mailbox.at(T.recvCursor);');
        emit(`if (m !== undefined) l${a1} = m instanceof H.ENVELOPE ? m.message : m;`);
        // Waiting is a server's hot path: its frame written inline, no array made.
        emit(`else if (!T.timedOut) { ${sync}st = T.stack; ${locals.map((l, i) => `st[fp + ${i}] = ${l};`).join(' ')} return H.stop(T, F, fp, ft, ${pc}, fp + ${LOC}, ${JsMode.Wait}); }`);
        emit(`else { T.endReceive(); ${jumpTo(a2, 0)} }`);
        break;
      case Op.RECV_NEXT:
        emit(`T.recvCursor++; if (--${RD} <= 0) ${stopAt(a1, 0, JsMode.Preempt)}`);
        emit(jumpTo(a1, 0));
        live = false;
        break;
      case Op.RECV_ACCEPT:
        // The message leaves the mailbox: while a heap limit is armed, its slot holds it where a measurement looks.
        if (message >= 0) emit(`if (metered) T.stack[fp + ${message}] = l${message};`);
        emit(`try { H.acceptMessage(T); } catch (e) { r = H.failWith(e); ${stopAt(pc + 1, d, JsMode.Fault)} }`);
        usesMeter = true;
        break;
      default:
        return null; // outside the subset: stay interpreted
    }
    pc = next;
  }
  const temps = Array.from({ length: Math.max(maxD, 1) }, (_, i) => s(i));
  // A variadic function takes its rest tuple as one more argument (the slot the interpreter keeps it in).
  const params = locals.slice(0, c.arity + (c.variadic ? 1 : 0));
  const rest = locals.slice(params.length);
  const body = `"use strict";
${[...used].map((i) => `const k${i} = K[${i}];`).join(' ')}
const M = H.M, UNWIND = H.UNWIND, TAIL = H.TAIL, FAULT = H.FAULT;
${head.join('\n')}
${deopts ? 'let gen = null; // the code compiled again, once a slow path is met' : ''}
return function ${jsName(c.name)}(T, F, fp, ft${params.map((p) => `, ${p}`).join('')}) {
  ${deopts ? `if (F.code.generic && (gen ??= H.compileNow(F.code)) !== null) return gen(T, F, fp, ft${params.map((p) => `, ${p}`).join('')});` : ''}
  let ${[...rest.map((l) => `${l} = null`), ...temps, 'n', 'r', 'f', 'st', 'm', 'ok', 'pn = false', ...(exits.size > 0 ? ['dx = 0'] : []), ...(linear.size > 0 ? ['tok = R.edit'] : [])].join(', ')};
  ${linear.size > 0 ? 'R.edit = null; T.linearEdit = null; // the token of this activation going on, if it is one (js-linear.ts)' : ''}
  ${structured ? 'const pc = 0;' : 'let pc = R.entry; R.entry = 0; // an entry point other than the start: only from the interpreter'}
  ${usesMeter ? 'const metered = M.limit !== Infinity; // a heap limit is armed for the whole of a process\'s run' : ''}
  if (pc !== 0) { st = T.stack; ${locals.map((l, i) => `${l} = st[fp + ${i}];`).join(' ')} }
  else if (--R.reds <= 0 || ft > R.ftMax || fp > R.fpMax - ${LOC + c.maxStack}) {
    r = H.enterSlow(T, F, fp, ft, [${params.join(', ')}]);
    if (r !== null) return r;
  }
  ${hoisted && guards.size > 0 ? `if (!(${[...guards].join(' && ')})) return H.staleGuards(T, F, fp, ft, pc, ${frameValues(0)});` : ''}
  ${hoisted ? 'let rd = R.reds;' : ''}
  ${structured ? `top: for (;;) { ${[...targets].filter((t) => t !== 0).sort((a, b) => b - a).map((t) => `L${t}: {`).join(' ')}` : 'top: for (;;) switch (pc) {\n    case 0:'}
    ${out.join('\n    ')}
    ${structured ? '' : 'default: '}throw new Error('JS tier: no entry at pc ' + pc);
  }
  ${exits.size > 0 ? `switch (dx) {\n    ${[...exits].map(([exit, i]) => `case ${i}: ${exit}`).join('\n    ')}\n  }` : ''}
};`;
  if (process.env.LONA_JS_DUMP && c.name?.includes(process.env.LONA_JS_DUMP)) console.error(body);
  return new Function('K', 'H', 'R', body)(c.consts, H, jsRegs) as JsCode;
}

/** A JS identifier from a Lonala name, for V8's profiles and stack traces. */
function jsName(name: string | null): string {
  return `lona_${(name ?? 'anonymous').replace(/[^A-Za-z0-9_$]/g, '_')}`;
}
