/**
 * The native tier: compiles the code object of a hot loop-shaped function
 * (one that calls itself in tail position) to a JavaScript function, so a
 * tail-recursive loop runs as a JS loop instead of one dispatch per
 * instruction. Preemption is kept: every self tail call costs a reduction.
 *
 * It takes only code made of locals, constants, the guarded inline
 * arithmetic and compare ops, jumps, RETURN and self TAIL_CALL_VAR, with
 * an empty operand stack at every jump. Anything it does not handle fast
 * (a guard that fails: a redefined `+`, a bigint, a float; the var no
 * longer naming this function) "deopts": the native code writes its locals
 * and operand stack back into the frame and hands the frame to the
 * interpreter at that instruction. So a frame may be run by either tier,
 * and the processor's contract never assumes which (ARCHITECTURE.md).
 *
 *   stack at a deopt:  ... | locals (l0..) | operands (s0..) |
 *                          ^fp                                ^sp
 */
import type { Value } from './value.js';
import { Fn, type CodeObject } from './function.js';
import { INSTRUCTIONS, Op, instructionSize } from './isa.js';

export const enum NativeStatus { Returned = 0, Deopt = 1, Preempted = 2 }

/** Runs a frame at `fp` with `reds` reductions left; details in `nativeExit`. */
export type NativeCode = (stack: Value[], fp: number, reds: number) => NativeStatus;

/** How native code ended: reductions left, returned value, or where to resume. */
export const nativeExit = { reds: 0, value: null as Value, pc: 0, sp: 0 };

const ARITH: Partial<Record<Op, string>> = {
  [Op.ADD]: '+', [Op.SUB]: '-', [Op.MUL]: '*', [Op.LT]: '<', [Op.GT]: '>', [Op.LE]: '<=', [Op.GE]: '>=', [Op.EQ]: '===',
  [Op.LT_JUMP]: '<', [Op.GT_JUMP]: '>', [Op.LE_JUMP]: '<=', [Op.GE_JUMP]: '>=', [Op.EQ_JUMP]: '===',
};

/** The native code of `c`, compiled on first use; null if it does not qualify. */
export function nativeCode(c: CodeObject): NativeCode | null {
  let f: NativeCode | null = null;
  try {
    f = compileNative(c);
  } catch {
    f = null; // a shape the generator did not expect: stay interpreted
  }
  c.native = f;
  return f;
}

/** Switch for the whole tier (the OS turns it off for LONA_NO_NATIVE=1). */
export const nativeTier = { enabled: true };

class NotNative {}

/** Operand stack depth beyond which code is not worth compiling (and deopt code would grow). */
const MAX_DEPTH = 16;

/** Whether `c` loops: it tail-calls, through a var, the function it is (now). */
function isSelfLoop(c: CodeObject): boolean {
  const code = c.code;
  for (let pc = 0; pc < code.length; pc += instructionSize(code[pc] as Op)) {
    if (code[pc] !== Op.TAIL_CALL_VAR) continue;
    const root = (c.consts[code[pc + 1]] as unknown as { root?: unknown }).root;
    if (root instanceof Fn && root.code === c) return true;
  }
  return false;
}

function compileNative(c: CodeObject): NativeCode | null {
  const code = c.code;
  if (c.variadic || !nativeTier.enabled || !isSelfLoop(c)) return null;
  const targets = new Set<number>();
  for (let pc = 0; pc < code.length; pc += instructionSize(code[pc] as Op)) {
    const op = code[pc] as Op;
    if (op === Op.JUMP || op === Op.JUMP_IF_FALSE) targets.add(code[pc + 1]);
  }

  const out: string[] = [];
  let d = 0;
  let maxD = 0;
  const push = (expr: string) => {
    out.push(`s${d} = ${expr};`);
    d++;
    maxD = Math.max(maxD, d);
    if (maxD > MAX_DEPTH) throw new NotNative();
  };
  const writeBack = () => Array.from({ length: c.locals }, (_, i) => `stack[fp + ${i}] = l${i};`).join(' ');
  const exitAt = (pc: number, depth: number, status: NativeStatus) =>
    `{ ${writeBack()} ${Array.from({ length: depth }, (_, i) => `stack[fp + ${c.locals + i}] = s${i};`).join(' ')} ` +
    `EXIT.pc = ${pc}; EXIT.sp = fp + ${c.locals + depth}; EXIT.reds = reds; return ${status}; }`;
  const guard = (v: number, k: number) => `K[${v}].root === K[${k}]`;

  for (let pc = 0; pc < code.length;) {
    const op = code[pc] as Op;
    if (targets.has(pc) && pc !== 0) {
      if (d !== 0) throw new NotNative();
      out.push(`case ${pc}:`);
    }
    const a1 = code[pc + 1], a2 = code[pc + 2], a3 = code[pc + 3], a4 = code[pc + 4];
    const deopt = exitAt(pc, d, NativeStatus.Deopt);
    switch (op) {
      case Op.LOCAL: push(`l${a1}`); break;
      case Op.SET_LOCAL: d--; out.push(`l${a1} = s${d};`); break;
      case Op.INT: push(String(a1)); break;
      case Op.NIL: push('null'); break;
      case Op.TRUE: push('true'); break;
      case Op.FALSE: push('false'); break;
      case Op.CONST: push(`K[${a1}]`); break;
      case Op.POP: d--; break;
      case Op.LOCAL_INT: push(`l${a1}`); push(String(a2)); break;
      case Op.LOCAL2: push(`l${a1}`); push(`l${a2}`); break;
      case Op.ADD: case Op.SUB: case Op.MUL: case Op.LT: case Op.GT: case Op.LE: case Op.GE: case Op.EQ: {
        const [x, y] = [`s${d - 2}`, `s${d - 1}`];
        const cmp = op >= Op.LT;
        out.push(`if (typeof ${x} === 'number' && typeof ${y} === 'number' && ${guard(a1, a2)}) {`);
        if (cmp) out.push(`${x} = ${x} ${ARITH[op]} ${y};`);
        else out.push(`r = ${x} ${ARITH[op]} ${y}; if (r > 9007199254740991 || r < -9007199254740991) ${deopt} ${x} = r === 0 ? 0 : r;`);
        out.push(`} else ${deopt}`);
        d--;
        break;
      }
      case Op.LT_JUMP: case Op.GT_JUMP: case Op.LE_JUMP: case Op.GE_JUMP: case Op.EQ_JUMP: {
        const [x, y] = [`s${d - 2}`, `s${d - 1}`];
        const label = code[pc + 4]; // the JUMP_IF_FALSE that follows
        if (code[pc + 3] !== Op.JUMP_IF_FALSE || d !== 2) throw new NotNative();
        out.push(`if (!(typeof ${x} === 'number' && typeof ${y} === 'number' && ${guard(a1, a2)})) ${deopt}`);
        out.push(`if (!(${x} ${ARITH[op]} ${y})) { pc = ${label}; continue; }`);
        d = 0;
        pc += 5;
        continue;
      }
      case Op.CMP_LI: case Op.CMP_LI_JUMP: {
        const cmp = ['<', '>', '<=', '>=', '==='][code[pc + 5]];
        out.push(`if (typeof l${a3} !== 'number' || !(${guard(a1, a2)})) ${deopt}`);
        if (op === Op.CMP_LI) {
          push(`l${a3} ${cmp} ${a4}`);
          break;
        }
        if (code[pc + 6] !== Op.JUMP_IF_FALSE || d !== 0) throw new NotNative();
        out.push(`if (!(l${a3} ${cmp} ${a4})) { pc = ${code[pc + 7]}; continue; }`);
        pc += 8;
        continue;
      }
      case Op.ADD_LI: case Op.SUB_LI: {
        out.push(`if (typeof l${a3} !== 'number' || !(${guard(a1, a2)})) ${deopt}`);
        out.push(`r = l${a3} ${op === Op.ADD_LI ? '+' : '-'} ${a4}; if (r > 9007199254740991 || r < -9007199254740991) ${deopt}`);
        push('r');
        break;
      }
      case Op.JUMP:
        if (d !== 0) throw new NotNative();
        out.push(`pc = ${a1}; continue;`);
        break;
      case Op.JUMP_IF_FALSE:
        d--;
        if (d !== 0) throw new NotNative();
        out.push(`if (s0 === false || s0 === null) { pc = ${a1}; continue; }`);
        break;
      case Op.RETURN:
      case Op.RETURN_LOCAL:
        out.push(`EXIT.value = ${op === Op.RETURN ? `s${d - 1}` : `l${a1}`}; EXIT.reds = reds; return ${NativeStatus.Returned};`);
        d = 0;
        break;
      case Op.TAIL_CALL_VAR: {
        if (a2 !== c.arity) throw new NotNative();
        out.push(`r = K[${a1}]; if (r.processBound || !(r.root instanceof FN && r.root.code === CODE)) ${deopt}`);
        for (let i = 0; i < a2; i++) out.push(`l${i} = s${d - a2 + i};`);
        d -= a2;
        out.push(`if (--reds <= 0) { ${writeBack()} EXIT.pc = 0; EXIT.sp = fp + ${c.locals}; EXIT.reds = reds; return ${NativeStatus.Preempted}; }`);
        out.push('pc = 0; continue;');
        d = 0;
        break;
      }
      default:
        return null; // outside the subset: stay interpreted
    }
    pc += 1 + INSTRUCTIONS[op].operands.length;
  }
  const locals = Array.from({ length: c.locals }, (_, i) => `l${i} = stack[fp + ${i}]`).join(', ');
  const temps = Array.from({ length: Math.max(maxD, 1) }, (_, i) => `s${i}`).join(', ');
  const body = `return function native(stack, fp, reds) {
  let ${locals}${locals ? ',' : ''} ${temps}, r, pc = 0;
  for (;;) switch (pc) {
  case 0:
  ${out.join('\n  ')}
  default: throw new Error('native tier: bad pc ' + pc);
  }
};`;
  return new Function('K', 'FN', 'CODE', 'EXIT', body)(c.consts, Fn, c, nativeExit) as NativeCode;
}
