/**
 * The code buffer of one code object under construction: instructions,
 * constants, jump labels, the line table and the operand stack high-water
 * mark. Operand layouts and peephole fusions come from the ISA table
 * (machine/isa.ts). Under LONA_VERIFY=1 every code object it finishes is
 * checked by the verifier (machine/verifier.ts) first.
 */
import { INSTRUCTIONS, Op, CodeObject, equals, packPosition, verify, type Value } from '../../machine/index.js';
import { SourceError } from '../source-error.js';

/** The debug switch: verify every code object the compiler makes (LONA_VERIFY=1). */
export const verifyCompiled = { enabled: process.env.LONA_VERIFY === '1' };

/** A jump target; `at` is -1 until placed. */
export interface Label { at: number; uses: number[]; depth: number }

export class Emitter {
  readonly code: number[] = [];
  readonly positions: number[] = [];
  readonly consts: Value[] = [];
  /** Current operand stack depth and its maximum. */
  depth = 0;
  maxDepth = 0;
  /** Where the form being compiled was read (0: unknown): each instruction emitted records it. */
  line = 0;
  column = 0;

  /** The last instruction emitted since the last label, for the peephole. */
  private lastOp: Op | -1 = -1;
  private lastPos = -1;

  /** Emits `op` with `operands`; `effect` is its net change of stack depth. */
  emit(op: Op, effect: number, ...operands: number[]): void {
    const info = INSTRUCTIONS[op];
    if (info.operands.length !== operands.length) {
      throw new Error(`${info.name} takes ${info.operands.length} operands, got ${operands.length}`);
    }
    this.adjust(effect);
    // Peephole fusions (isa.ts Notes): LOCAL INT -> LOCAL_INT, LOCAL LOCAL -> LOCAL2,
    // LOCAL RETURN -> RETURN_LOCAL, LOCAL_INT op -> its localIntForm (ADD_LI, CMP_LI...),
    // op JUMP_IF_FALSE -> its jumpForm (LT_JUMP, CMP_LI_JUMP...).
    if (op === Op.INT && this.lastOp === Op.LOCAL) {
      return this.replaceLast(Op.LOCAL_INT, this.code[this.lastPos + 1], operands[0]);
    }
    if (info.localIntForm !== undefined && this.lastOp === Op.LOCAL_INT) {
      const [slot, n] = [this.code[this.lastPos + 1], this.code[this.lastPos + 2]];
      // The guard's var and intrinsic, the slot and the integer, and the comparison if the fused op takes one.
      const cmp = INSTRUCTIONS[info.localIntForm].operands.includes('cmp') ? [info.comparison!] : [];
      return this.replaceLast(info.localIntForm, operands[0], operands[1], slot, n, ...cmp);
    }
    if (op === Op.LOCAL && this.lastOp === Op.LOCAL) {
      return this.replaceLast(Op.LOCAL2, this.code[this.lastPos + 1], operands[0]);
    }
    if (op === Op.RETURN && this.lastOp === Op.LOCAL) {
      return this.replaceLast(Op.RETURN_LOCAL, this.code[this.lastPos + 1]);
    }
    if (op === Op.JUMP_IF_FALSE && this.lastOp !== -1) {
      const form = INSTRUCTIONS[this.lastOp].jumpForm;
      if (form !== undefined) this.code[this.lastPos] = form;
    }
    this.lastOp = op;
    this.lastPos = this.code.length;
    this.positions[this.code.length] = packPosition(this.line, this.column);
    this.code.push(op, ...operands);
  }

  /** Replaces the last instruction with `op` and `operands`. */
  private replaceLast(op: Op, ...operands: number[]): void {
    this.code.length = this.lastPos;
    this.lastOp = op;
    this.code.push(op, ...operands);
  }

  adjust(effect: number): void {
    this.depth += effect;
    if (this.depth > this.maxDepth) this.maxDepth = this.depth;
  }

  /** Index of `v` in the constant pool (identical or equal scalars share). */
  constant(v: Value): number {
    for (let i = 0; i < this.consts.length; i++) {
      const c = this.consts[i];
      if (c === v || (typeof c !== 'object' && typeof v !== 'object' && equals(c, v))) return i;
    }
    this.consts.push(v);
    return this.consts.length - 1;
  }

  label(): Label {
    return { at: -1, uses: [], depth: -1 };
  }

  /** Emits a jump-style instruction whose last operand is `label`. */
  emitJump(op: Op, effect: number, label: Label, ...operands: number[]): void {
    this.emit(op, effect, ...operands, -1);
    this.use(label, this.code.length - 1);
  }

  /** Records that the word at `index` holds `label`'s address. */
  use(label: Label, index: number): void {
    if (label.at >= 0) this.code[index] = label.at;
    else label.uses.push(index);
    if (label.depth < 0) label.depth = this.depth;
  }

  /** Places `label` here; code after it starts at the depth jumps bring. */
  place(label: Label): void {
    // A JUMP to the very place this label is put (a loop's last exit) is dropped.
    if (this.lastOp === Op.JUMP && label.uses[label.uses.length - 1] === this.lastPos + 1) {
      this.code.length = this.lastPos;
      label.uses.pop();
    }
    this.lastOp = -1;
    label.at = this.code.length;
    for (const u of label.uses) this.code[u] = label.at;
    if (label.depth >= 0) this.depth = label.depth;
  }

  finish(name: string | null, arity: number, variadic: boolean, locals: number, captures: number[], file: string | null, localVars: (string | number)[] = []): CodeObject {
    const positions = new Int32Array(this.code.length);
    this.positions.forEach((p, i) => { positions[i] = p; });
    const code = new CodeObject(name, arity, variadic, locals, this.maxDepth + 4, Int32Array.from(this.code), this.consts, Int32Array.from(captures), positions, file, localVars);
    if (verifyCompiled.enabled) {
      // Nested code objects were verified when they were finished.
      const problems = verify(code, false);
      if (problems.length > 0) throw new SourceError('compile', 'invalid-code', `the compiler made invalid code: ${problems.join('; ')}`, this.line, 0, file);
    }
    return code;
  }
}
