/**
 * The instruction set of the Lona processor, declared once (STYLE.md 1).
 *
 * The compiler's emitter (lonala/compiler/emitter.ts), the disassembler
 * (lonala/disassembler.ts), the verifier (verifier.ts), the processor and
 * the JS tier all read this file. `Op` gives each instruction its
 * number; `INSTRUCTIONS` gives its name, operand kinds, stack effect, how
 * control leaves it, its peephole fusions and its meaning, and is typed over
 * every `Op`, so an opcode without an entry is a compile error. Nothing
 * depends on the order of `Op`: no code compares opcodes or computes one
 * from another; what relates two instructions is a field of the table.
 *
 * Encoding (decided for speed, see processor.ts): a code object's
 * instructions are one Int32Array; each instruction is its opcode followed
 * by its operands inline, `SIZE[op]` words in all. `Op` is a `const enum` so
 * that tsc inlines the numbers and the processor's `switch` has literal case
 * labels, which V8 compiles to a jump table (labels read from an object give
 * a compare chain).
 *
 * Operand kinds:
 *   const  index into the code object's constant pool
 *   var    index into the constant pool of a Var
 *   code   index into the constant pool of a CodeObject (a nested fn*)
 *   local  frame slot, relative to the frame pointer
 *   env    index into the running closure's captured values
 *   int    a literal small integer
 *   n      a count (arguments, elements), >= 0
 *   cmp    a `Comparison`
 *   label  absolute instruction offset (jump target)
 *
 * Stack machine: operands are pushed on the process's value stack above
 * the frame's locals (frame layout in thread.ts). `stack` is [pops, pushes]:
 * what the instruction takes off the operand stack and what it leaves when
 * it goes on (to the next instruction, or to its label when it branches);
 * 'n' pops its count operand, 'n+1' that many and the callee below them.
 *
 * Notes:
 * - The `guarded` ops (ADD, SUB, MUL, the compares LT GT LE GE EQ, and
 *   their fusions) inline a core intrinsic: their first two operands are the
 *   var (e.g. lona.core/+) and the intrinsic it held at compile time. While
 *   the var still holds it and the operands are small integers, the op is
 *   done inline; otherwise the processor calls the var's value on the two
 *   operands and goes on after the op's operands, so redefining `+` is still
 *   seen everywhere. `GuardedOp` is their type, read off the table: the
 *   processor's slow path takes nothing else (a compile-time check).
 * - An op's `jumpForm` is what the emitter's peephole makes of it when a
 *   JUMP_IF_FALSE follows (LT -> LT_JUMP, CMP_LI -> CMP_LI_JUMP); a jump
 *   form says `followedBy: JUMP_IF_FALSE` and is emitted only directly
 *   before one. Its fast path performs that jump too; its slow path calls
 *   and returns to the JUMP_IF_FALSE, which tests the result (so its stack
 *   effect is the compare's).
 * - An op's `localIntForm` is what LOCAL_INT followed by it fuses into
 *   (ADD -> ADD_LI, LT -> CMP_LI with the op's `comparison` as the `cmp`
 *   operand). LOCAL_INT, LOCAL2 and RETURN_LOCAL fuse LOCAL with INT, LOCAL
 *   and RETURN.
 * - RECV_* compile `receive` (selective, LONALA.md 8): RECV_START opens a
 *   scan of the mailbox from its oldest message, RECV_PEEK loads the message
 *   under the scan cursor (or suspends the process until one arrives, or
 *   jumps to the :after body once the timeout passed), the clauses' tests
 *   run as in `match`, RECV_ACCEPT removes the matched message, RECV_NEXT
 *   moves the cursor past a message no clause matched.
 * - LOOP is the one backward jump the compiler makes (`recur` to the head
 *   of a `loop*` or of its function): it costs a reduction, as a call does,
 *   so a loop is preempted like recursion is (RECV_NEXT, back to its
 *   RECV_PEEK, counts one too). Every other jump goes forward.
 * - GUARD_BEGIN's label is where a fault before GUARD_END continues, with
 *   the operand stack as it was at GUARD_BEGIN.
 */

export const enum Op {
  CONST, INT, NIL, TRUE, FALSE,
  LOCAL, SET_LOCAL, ENV, SELF, VAR, POP,
  JUMP, JUMP_IF_FALSE, LOOP,
  CALL, TAIL_CALL, CALL_VAR, TAIL_CALL_VAR, RETURN_LOCAL, RETURN,
  CLOSURE, DEF_META,
  MAKE_TUPLE, MAKE_VECTOR, MAKE_MAP, MAKE_SET,
  LOCAL_INT, LOCAL2,
  ADD, SUB, MUL, LT, GT, LE, GE, EQ,
  LT_JUMP, GT_JUMP, LE_JUMP, GE_JUMP, EQ_JUMP, ADD_LI, SUB_LI, CMP_LI, CMP_LI_JUMP,
  TEST_EQUAL, TEST_SAME_LOCAL, TEST_TUPLE, TEST_TUPLE_MIN, TEST_LIST, TEST_LIST_MIN,
  TEST_VECTOR, TEST_MAP, TEST_SET, TEST_PID,
  ELEMENT, REST, MAP_VALUE, SET_OTHERS, PID_PARTS, MATCH_BINARY,
  GUARD_BEGIN, GUARD_END, BADMATCH,
  RECV_START, RECV_PEEK, RECV_NEXT, RECV_ACCEPT,
}

/** The comparison of a compare op, and the `cmp` operand of CMP_LI (inline-ops.ts `compareKind`). */
export const enum Comparison { LT = 0, GT = 1, LE = 2, GE = 3, EQ = 4 }

export type OperandKind = 'const' | 'var' | 'code' | 'local' | 'env' | 'int' | 'n' | 'cmp' | 'label';

/** Values an instruction pops: a number, its count operand 'n', or 'n+1' (the count and the callee). */
export type Pops = number | 'n' | 'n+1';

export interface InstructionInfo {
  readonly name: string;
  readonly operands: readonly OperandKind[];
  /** [pops, pushes] on the operand stack (see the header). */
  readonly stack: readonly [Pops, number];
  /**
   * How control leaves it: by default on to the next instruction (a label
   * operand is a branch taken instead); 'jump' only to its label; 'end'
   * out of this code (it returns, tail-calls or faults).
   */
  readonly flow?: 'jump' | 'end';
  /** A guarded inline op (see the header): operands var, intrinsic, ...; its slow path is a call. */
  readonly guarded?: true;
  /** What a compare op compares. */
  readonly comparison?: Comparison;
  /** The op it fuses into before a JUMP_IF_FALSE. */
  readonly jumpForm?: Op;
  /** The op LOCAL_INT followed by it fuses into. */
  readonly localIntForm?: Op;
  /** The instruction that must directly follow it. */
  readonly followedBy?: Op;
  readonly doc: string;
}

const GUARD = ['var', 'const'] as const;
const FUSED_LI = ['var', 'const', 'local', 'int'] as const;
const FUSED_CMP = ['var', 'const', 'local', 'int', 'cmp'] as const;

/** The table, typed entry by entry (for GuardedOp); read it as INSTRUCTIONS. */
const TABLE = {
  [Op.CONST]: { name: 'CONST', operands: ['const'], stack: [0, 1], doc: 'push constant' },
  [Op.INT]: { name: 'INT', operands: ['int'], stack: [0, 1], doc: 'push a small integer' },
  [Op.NIL]: { name: 'NIL', operands: [], stack: [0, 1], doc: 'push nil' },
  [Op.TRUE]: { name: 'TRUE', operands: [], stack: [0, 1], doc: 'push true' },
  [Op.FALSE]: { name: 'FALSE', operands: [], stack: [0, 1], doc: 'push false' },
  [Op.LOCAL]: { name: 'LOCAL', operands: ['local'], stack: [0, 1], doc: 'push a frame slot' },
  [Op.SET_LOCAL]: { name: 'SET_LOCAL', operands: ['local'], stack: [1, 0], doc: 'pop into a frame slot' },
  [Op.ENV]: { name: 'ENV', operands: ['env'], stack: [0, 1], doc: 'push a captured value of the running closure' },
  [Op.SELF]: { name: 'SELF', operands: [], stack: [0, 1], doc: 'push the running closure (named fn* recursion)' },
  [Op.VAR]: { name: 'VAR', operands: ['var'], stack: [0, 1], doc: "push a var's value; unbound faults :undef" },
  [Op.POP]: { name: 'POP', operands: [], stack: [1, 0], doc: 'drop the top of stack' },
  [Op.JUMP]: { name: 'JUMP', operands: ['label'], stack: [0, 0], flow: 'jump', doc: 'continue at label' },
  [Op.JUMP_IF_FALSE]: { name: 'JUMP_IF_FALSE', operands: ['label'], stack: [1, 0], doc: 'pop; jump if nil or false' },
  [Op.LOOP]: { name: 'LOOP', operands: ['label'], stack: [0, 0], flow: 'jump', doc: 'jump back to a loop head (recur), costing a reduction' },
  [Op.CALL]: { name: 'CALL', operands: ['n'], stack: ['n+1', 1], doc: 'call the fn below n arguments' },
  [Op.TAIL_CALL]: { name: 'TAIL_CALL', operands: ['n'], stack: ['n+1', 0], flow: 'end', doc: 'call in tail position, reusing the frame' },
  [Op.CALL_VAR]: { name: 'CALL_VAR', operands: ['var', 'n'], stack: ['n', 1], doc: "call a var's fn with n arguments" },
  [Op.TAIL_CALL_VAR]: { name: 'TAIL_CALL_VAR', operands: ['var', 'n'], stack: ['n', 0], flow: 'end', doc: "tail-call a var's fn" },
  [Op.RETURN_LOCAL]: { name: 'RETURN_LOCAL', operands: ['local'], stack: [0, 0], flow: 'end', doc: 'return a frame slot (fused LOCAL RETURN)' },
  [Op.RETURN]: { name: 'RETURN', operands: [], stack: [1, 0], flow: 'end', doc: 'return the top of stack to the caller' },
  [Op.CLOSURE]: { name: 'CLOSURE', operands: ['code'], stack: [0, 1], doc: 'make a closure of a code object, capturing per its capture list' },
  [Op.DEF_META]: { name: 'DEF_META', operands: ['var', 'const'], stack: [1, 1], doc: 'pop a value into the var root and set the var metadata; push the var' },
  [Op.MAKE_TUPLE]: { name: 'MAKE_TUPLE', operands: ['n'], stack: ['n', 1], doc: 'pop n values into a tuple' },
  [Op.MAKE_VECTOR]: { name: 'MAKE_VECTOR', operands: ['n'], stack: ['n', 1], doc: 'pop n values into a vector' },
  [Op.MAKE_MAP]: { name: 'MAKE_MAP', operands: ['n'], stack: ['n', 1], doc: 'pop n keys and values (k1 v1 ...) into a map' },
  [Op.MAKE_SET]: { name: 'MAKE_SET', operands: ['n'], stack: ['n', 1], doc: 'pop n values into a set' },
  [Op.ADD]: { name: 'ADD', operands: GUARD, stack: [2, 1], guarded: true, localIntForm: Op.ADD_LI, doc: '2-arg + inline while the var still holds the intrinsic (the const), else a call' },
  [Op.SUB]: { name: 'SUB', operands: GUARD, stack: [2, 1], guarded: true, localIntForm: Op.SUB_LI, doc: '2-arg - inline, guarded like ADD' },
  [Op.MUL]: { name: 'MUL', operands: GUARD, stack: [2, 1], guarded: true, doc: '2-arg * inline, guarded like ADD' },
  [Op.LT]: { name: 'LT', operands: GUARD, stack: [2, 1], guarded: true, comparison: Comparison.LT, jumpForm: Op.LT_JUMP, localIntForm: Op.CMP_LI, doc: '2-arg < inline, guarded like ADD' },
  [Op.GT]: { name: 'GT', operands: GUARD, stack: [2, 1], guarded: true, comparison: Comparison.GT, jumpForm: Op.GT_JUMP, localIntForm: Op.CMP_LI, doc: '2-arg > inline, guarded like ADD' },
  [Op.LE]: { name: 'LE', operands: GUARD, stack: [2, 1], guarded: true, comparison: Comparison.LE, jumpForm: Op.LE_JUMP, localIntForm: Op.CMP_LI, doc: '2-arg <= inline, guarded like ADD' },
  [Op.GE]: { name: 'GE', operands: GUARD, stack: [2, 1], guarded: true, comparison: Comparison.GE, jumpForm: Op.GE_JUMP, localIntForm: Op.CMP_LI, doc: '2-arg >= inline, guarded like ADD' },
  [Op.EQ]: { name: 'EQ', operands: GUARD, stack: [2, 1], guarded: true, comparison: Comparison.EQ, jumpForm: Op.EQ_JUMP, localIntForm: Op.CMP_LI, doc: '2-arg = inline, guarded like ADD' },
  [Op.LOCAL_INT]: { name: 'LOCAL_INT', operands: ['local', 'int'], stack: [0, 2], doc: 'push a frame slot, then a small integer (fused LOCAL INT)' },
  [Op.LOCAL2]: { name: 'LOCAL2', operands: ['local', 'local'], stack: [0, 2], doc: 'push two frame slots (fused LOCAL LOCAL)' },
  [Op.LT_JUMP]: { name: 'LT_JUMP', operands: GUARD, stack: [2, 1], guarded: true, comparison: Comparison.LT, followedBy: Op.JUMP_IF_FALSE, doc: 'LT fused with the JUMP_IF_FALSE that must follow it' },
  [Op.GT_JUMP]: { name: 'GT_JUMP', operands: GUARD, stack: [2, 1], guarded: true, comparison: Comparison.GT, followedBy: Op.JUMP_IF_FALSE, doc: 'GT fused with the following JUMP_IF_FALSE' },
  [Op.LE_JUMP]: { name: 'LE_JUMP', operands: GUARD, stack: [2, 1], guarded: true, comparison: Comparison.LE, followedBy: Op.JUMP_IF_FALSE, doc: 'LE fused with the following JUMP_IF_FALSE' },
  [Op.GE_JUMP]: { name: 'GE_JUMP', operands: GUARD, stack: [2, 1], guarded: true, comparison: Comparison.GE, followedBy: Op.JUMP_IF_FALSE, doc: 'GE fused with the following JUMP_IF_FALSE' },
  [Op.EQ_JUMP]: { name: 'EQ_JUMP', operands: GUARD, stack: [2, 1], guarded: true, comparison: Comparison.EQ, followedBy: Op.JUMP_IF_FALSE, doc: 'EQ fused with the following JUMP_IF_FALSE' },
  [Op.ADD_LI]: { name: 'ADD_LI', operands: FUSED_LI, stack: [0, 1], guarded: true, doc: 'push slot + integer, guarded like ADD (fused LOCAL_INT ADD)' },
  [Op.SUB_LI]: { name: 'SUB_LI', operands: FUSED_LI, stack: [0, 1], guarded: true, doc: 'push slot - integer, guarded like ADD (fused LOCAL_INT SUB)' },
  [Op.CMP_LI]: { name: 'CMP_LI', operands: FUSED_CMP, stack: [0, 1], guarded: true, jumpForm: Op.CMP_LI_JUMP, doc: 'push slot <cmp> integer, guarded like ADD (fused LOCAL_INT and a compare)' },
  [Op.CMP_LI_JUMP]: { name: 'CMP_LI_JUMP', operands: FUSED_CMP, stack: [0, 1], guarded: true, followedBy: Op.JUMP_IF_FALSE, doc: 'CMP_LI fused with the JUMP_IF_FALSE that must follow it' },
  [Op.TEST_EQUAL]: { name: 'TEST_EQUAL', operands: ['local', 'const', 'label'], stack: [0, 0], doc: 'jump unless slot = constant' },
  [Op.TEST_SAME_LOCAL]: { name: 'TEST_SAME_LOCAL', operands: ['local', 'local', 'label'], stack: [0, 0], doc: 'jump unless two slots are equal (repeated pattern variable)' },
  [Op.TEST_TUPLE]: { name: 'TEST_TUPLE', operands: ['local', 'n', 'label'], stack: [0, 0], doc: 'jump unless slot is a tuple of size n' },
  [Op.TEST_TUPLE_MIN]: { name: 'TEST_TUPLE_MIN', operands: ['local', 'n', 'label'], stack: [0, 0], doc: 'jump unless slot is a tuple of size >= n' },
  [Op.TEST_LIST]: { name: 'TEST_LIST', operands: ['local', 'n', 'label'], stack: [0, 0], doc: 'jump unless slot is a list of size n' },
  [Op.TEST_LIST_MIN]: { name: 'TEST_LIST_MIN', operands: ['local', 'n', 'label'], stack: [0, 0], doc: 'jump unless slot is a list of size >= n' },
  [Op.TEST_VECTOR]: { name: 'TEST_VECTOR', operands: ['local', 'n', 'label'], stack: [0, 0], doc: 'jump unless slot is a vector of size n' },
  [Op.TEST_MAP]: { name: 'TEST_MAP', operands: ['local', 'label'], stack: [0, 0], doc: 'jump unless slot is a map' },
  [Op.TEST_SET]: { name: 'TEST_SET', operands: ['local', 'n', 'label'], stack: [0, 0], doc: 'jump unless slot is a set of size n' },
  [Op.TEST_PID]: { name: 'TEST_PID', operands: ['local', 'label'], stack: [0, 0], doc: 'jump unless slot is a pid' },
  [Op.ELEMENT]: { name: 'ELEMENT', operands: ['local', 'local', 'n'], stack: [0, 0], doc: 'slot a := element n of the tuple/list/vector in slot b' },
  [Op.REST]: { name: 'REST', operands: ['local', 'local', 'n'], stack: [0, 0], doc: 'slot a := list of the elements of slot b from index n' },
  [Op.MAP_VALUE]: { name: 'MAP_VALUE', operands: ['local', 'local', 'const', 'label'], stack: [0, 0], doc: 'slot a := value of key in map slot b; jump if absent' },
  [Op.SET_OTHERS]: { name: 'SET_OTHERS', operands: ['local', 'local', 'const', 'label'], stack: [0, 0], doc: 'jump unless the set in slot b has every member of the constant tuple; slot a := tuple of its other members' },
  [Op.PID_PARTS]: { name: 'PID_PARTS', operands: ['local', 'local'], stack: [0, 0], doc: 'slots a, a+1 := realm and local parts of the pid in slot b' },
  [Op.MATCH_BINARY]: { name: 'MATCH_BINARY', operands: ['local', 'local', 'const', 'label'], stack: [0, 0], doc: 'match slot b against a binary/bits pattern; bind fields from slot a on; jump on mismatch' },
  [Op.GUARD_BEGIN]: { name: 'GUARD_BEGIN', operands: ['label'], stack: [0, 0], doc: 'a fault until GUARD_END jumps to label instead of exiting' },
  [Op.GUARD_END]: { name: 'GUARD_END', operands: [], stack: [0, 0], doc: 'end of a guard' },
  [Op.BADMATCH]: { name: 'BADMATCH', operands: ['local'], stack: [0, 0], flow: 'end', doc: 'exit with [:error :badmatch %{:value v}]' },
  [Op.RECV_START]: { name: 'RECV_START', operands: ['n'], stack: ['n', 0], doc: 'begin a receive; n = 1: pop its :after timeout (ms, :infinity)' },
  [Op.RECV_PEEK]: { name: 'RECV_PEEK', operands: ['local', 'label'], stack: [0, 0], doc: 'slot := message at the cursor; none: wait for one, or jump to label once timed out' },
  [Op.RECV_NEXT]: { name: 'RECV_NEXT', operands: ['label'], stack: [0, 0], flow: 'jump', doc: 'no clause matched: advance the cursor, continue at label (the RECV_PEEK)' },
  [Op.RECV_ACCEPT]: { name: 'RECV_ACCEPT', operands: [], stack: [0, 0], doc: 'remove the message at the cursor; the receive is over' },
} as const satisfies { readonly [K in Op]: InstructionInfo };

/** Every instruction's name, operands, stack effect, flow, fusions and meaning. */
export const INSTRUCTIONS: { readonly [K in Op]: InstructionInfo } = TABLE;

/** The guarded ops, as a type: the processor's slow path takes only these (a compile-time check). */
export type GuardedOp = { [K in Op]: (typeof TABLE)[K] extends { readonly guarded: true } ? K : never }[Op];

/** Number of opcodes: they are 0 .. OPCODE_COUNT - 1. */
export const OPCODE_COUNT = Object.keys(INSTRUCTIONS).length;

const byOpcode = <T extends Uint8Array | Int8Array>(array: T, field: (info: InstructionInfo) => number): T => {
  for (let op = 0; op < OPCODE_COUNT; op++) array[op] = field(INSTRUCTIONS[op as Op]);
  return array;
};

/** Size in Int32 words of each instruction, by opcode: 1 + its operands. */
export const SIZE = byOpcode(new Uint8Array(OPCODE_COUNT), (i) => 1 + i.operands.length);
/** The `comparison` of each compare op, by opcode; -1 for the others. */
export const COMPARISON = byOpcode(new Int8Array(OPCODE_COUNT), (i) => i.comparison ?? -1);

/** Size in Int32 words of the instruction with opcode `op`. */
export function instructionSize(op: Op): number {
  return SIZE[op];
}

/** Whether `op` is an opcode of this instruction set. */
export function isOpcode(op: number): op is Op {
  return Number.isInteger(op) && op >= 0 && op < OPCODE_COUNT;
}
