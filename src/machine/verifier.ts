/**
 * The code verifier: checks a compiled CodeObject against the instruction
 * table (isa.ts), as Janet's verifier checks bytecode. The processor trusts
 * the code it runs (it checks nothing, for speed); this says whether that
 * trust is deserved. It runs in the tests, over every function of the
 * standard library, and in the compiler under LONA_VERIFY=1
 * (lonala/compiler/emitter.ts).
 *
 * Checked, per code object:
 * - its frame holds its parameters (locals >= arity, + 1 if variadic);
 * - every opcode is known and every instruction fits in the code;
 * - every operand is what the table says: const, var and code indexes in
 *   the pool (a Var, a CodeObject), slots below `locals`, captured-value
 *   indexes below the closure's captures, counts >= 0, comparisons known,
 *   labels inside the code and on instruction boundaries;
 * - an op with `followedBy` (a jump form) is followed by that op;
 * - the operand stack, followed along every path from the entry by the
 *   table's stack effects and flow, never pops below empty, never grows past
 *   `maxStack`, has one depth wherever paths meet, and no path runs past the
 *   end of the code (code no path reaches gets only the checks above);
 * - a nested code object's capture list names slots and captured values
 *   this code has.
 */
import { CaptureFrom, CodeObject } from './function.js';
import { Var } from './namespace.js';
import { Comparison, INSTRUCTIONS, SIZE, isOpcode, type Op, type OperandKind } from './isa.js';

/**
 * What is wrong with `code` and, with `deep`, with the code objects nested
 * in its constants: one line per problem, empty when it is sound.
 */
export function verify(code: CodeObject, deep = true): string[] {
  const problems: string[] = [];
  const seen = new Set<CodeObject>();
  const pending = [code];
  while (pending.length > 0) {
    const c = pending.pop() as CodeObject;
    if (seen.has(c)) continue;
    seen.add(c);
    new Check(c, problems).run();
    if (deep) for (const k of c.consts) if (k instanceof CodeObject) pending.push(k);
  }
  return problems;
}

/** The checks of one code object. */
class Check {
  private readonly words: Int32Array;
  /** 1 where an instruction starts. */
  private readonly starts: Uint8Array;

  constructor(private readonly c: CodeObject, private readonly problems: string[]) {
    this.words = c.code;
    this.starts = new Uint8Array(c.code.length);
  }

  private problem(pc: number, message: string): void {
    this.problems.push(`${this.c.name || 'anonymous'} at ${pc}: ${message}`);
  }

  run(): void {
    const c = this.c;
    if (c.arity < 0 || c.locals < c.arity + (c.variadic ? 1 : 0)) {
      this.problem(0, `${c.locals} locals cannot hold ${c.arity}${c.variadic ? ' + 1' : ''} parameters`);
    }
    if (!this.decode()) return;
    for (let pc = 0; pc < this.words.length; pc += SIZE[this.words[pc]]) this.operands(pc);
    this.stackDepths();
  }

  /** Marks the instruction starts; false (and a problem) if the code does not decode. */
  private decode(): boolean {
    const words = this.words;
    if (words.length === 0) {
      this.problem(0, 'no instructions');
      return false;
    }
    for (let pc = 0; pc < words.length; pc += SIZE[words[pc]]) {
      const op = words[pc];
      if (!isOpcode(op)) {
        this.problem(pc, `unknown opcode ${op}`);
        return false;
      }
      if (pc + SIZE[op] > words.length) {
        this.problem(pc, `${INSTRUCTIONS[op].name} needs ${SIZE[op]} words, the code ends after ${words.length - pc}`);
        return false;
      }
      this.starts[pc] = 1;
    }
    return true;
  }

  /** Checks the operands of the instruction at `pc` and what must follow it. */
  private operands(pc: number): void {
    const op = this.words[pc] as Op;
    const info = INSTRUCTIONS[op];
    info.operands.forEach((kind, i) => {
      const wrong = this.operand(kind, this.words[pc + 1 + i]);
      if (wrong !== null) this.problem(pc, `${info.name} operand ${i + 1} (${kind}) ${wrong}`);
    });
    if (info.followedBy !== undefined) {
      const next = pc + SIZE[op];
      if (next >= this.words.length || this.words[next] !== info.followedBy) {
        this.problem(pc, `${info.name} must be followed by ${INSTRUCTIONS[info.followedBy].name}`);
      }
    }
  }

  /** What is wrong with operand `w` of kind `kind`, or null. */
  private operand(kind: OperandKind, w: number): string | null {
    const c = this.c;
    const pool = () => (w >= 0 && w < c.consts.length ? null : `is ${w}, outside the ${c.consts.length} constants`);
    switch (kind) {
      case 'const': return pool();
      case 'var': return pool() ?? (c.consts[w] instanceof Var ? null : `is constant ${w}, not a var`);
      case 'code': {
        const k = c.consts[w];
        return pool() ?? (k instanceof CodeObject ? this.captures(k) : `is constant ${w}, not a code object`);
      }
      case 'local': return w >= 0 && w < c.locals ? null : `is slot ${w}, outside the ${c.locals} locals`;
      case 'env': return w >= 0 && w < c.captures.length >> 1 ? null : `is ${w}, outside the ${c.captures.length >> 1} captured values`;
      case 'int': return null;
      case 'n': return w >= 0 ? null : `is ${w}, a negative count`;
      case 'cmp': return w >= Comparison.LT && w <= Comparison.EQ ? null : `is ${w}, not a comparison`;
      case 'label': return w >= 0 && w < this.words.length && this.starts[w] === 1 ? null
        : `is ${w}, not an instruction of the code (${this.words.length} words)`;
      default: {
        const unknown: never = kind;
        return `has an unknown kind ${String(unknown)}`;
      }
    }
  }

  /** What is wrong with the capture list of `k`, a closure made by this code, or null. */
  private captures(k: CodeObject): string | null {
    const caps = k.captures;
    if (caps.length % 2 !== 0) return `names ${k.name || 'anonymous'}, whose capture list has an odd length`;
    for (let i = 0; i < caps.length; i += 2) {
      const from = caps[i], index = caps[i + 1];
      const ok = from === CaptureFrom.Local ? index >= 0 && index < this.c.locals
        : from === CaptureFrom.Env ? index >= 0 && index < this.c.captures.length >> 1
          : from === CaptureFrom.Self;
      if (!ok) return `names ${k.name || 'anonymous'}, whose capture ${i >> 1} (${from} ${index}) is not in this frame`;
    }
    return null;
  }

  /** Follows the operand stack depth along every path from the entry. */
  private stackDepths(): void {
    const words = this.words;
    const depth = new Int32Array(words.length).fill(-1);
    depth[0] = 0;
    const work = [0];
    const reach = (from: number, to: number, d: number) => {
      if (depth[to] === -1) {
        depth[to] = d;
        work.push(to);
      } else if (depth[to] !== d) {
        this.problem(to, `reached with stack depth ${depth[to]} and, from ${from}, ${d}`);
      }
    };
    while (work.length > 0) {
      const pc = work.pop() as number;
      const op = words[pc] as Op;
      const info = INSTRUCTIONS[op];
      const [p, pushes] = info.stack;
      const count = words[pc + 1 + info.operands.indexOf('n')];
      const pops = p === 'n' ? count : p === 'n+1' ? count + 1 : p;
      const d = depth[pc];
      if (pops > d) {
        this.problem(pc, `${info.name} pops ${pops} from a stack of ${d}`);
        continue;
      }
      const after = d - pops + pushes;
      if (after > this.c.maxStack) this.problem(pc, `${info.name} leaves ${after} on the stack, past maxStack ${this.c.maxStack}`);
      info.operands.forEach((kind, i) => {
        const to = words[pc + 1 + i];
        if (kind === 'label' && this.starts[to] === 1) reach(pc, to, after);
      });
      if (info.flow !== undefined) continue;
      const next = pc + SIZE[op];
      if (next >= words.length) this.problem(pc, `${info.name} runs past the end of the code`);
      else reach(pc, next, after);
    }
  }
}
