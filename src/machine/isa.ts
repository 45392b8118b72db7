/**
 * The instruction set of the Lona processor, declared once (STYLE.md 1).
 *
 * The compiler's emitter, the disassembler, the verifier and the processor
 * all read this file. `Op` gives each instruction its number; `INSTRUCTIONS`
 * gives its name, operand kinds and meaning, and is typed over every `Op`, so
 * an opcode without an entry is a compile error.
 *
 * Encoding (decided for speed, see processor.ts): a code object's
 * instructions are one Int32Array; each instruction is its opcode followed
 * by its operands inline. `Op` is a `const enum` so that tsc inlines the
 * numbers and the processor's `switch` has literal case labels, which V8
 * compiles to a jump table (labels read from an object give a compare chain).
 *
 * Operand kinds:
 *   const  index into the code object's constant pool
 *   var    index into the constant pool of a Var
 *   local  frame slot, relative to the frame pointer
 *   env    index into the running closure's captured values
 *   int    a literal small integer
 *   n      a count (arguments, elements)
 *   label  absolute instruction offset (jump target)
 *
 * Stack machine: operands are pushed on the process's value stack above
 * the frame's locals (frame layout in processor.ts).
 *
 * Notes:
 * - ADD..SUB_LI are "guarded inline" ops: their first two operands are the
 *   var (e.g. lona.core/+) and the intrinsic it held at compile time. While
 *   the var still holds it and the operands are small integers, the op is
 *   done inline; otherwise it becomes an ordinary call of the var's value,
 *   so redefining `+` is still seen everywhere.
 * - The *_JUMP ops are emitted only directly before a JUMP_IF_FALSE (the
 *   emitter's peephole). Their fast path performs that jump too; their slow
 *   path calls and returns to the JUMP_IF_FALSE, which tests the result.
 * - RECV_* compile `receive` (selective, LONALA.md 8): RECV_START opens a
 *   scan of the mailbox from its oldest message, RECV_PEEK loads the message
 *   under the scan cursor (or suspends the process until one arrives, or
 *   jumps to the :after body once the timeout passed), the clauses' tests
 *   run as in `match`, RECV_ACCEPT removes the matched message, RECV_NEXT
 *   moves the cursor past a message no clause matched.
 * - LOCAL_INT, LOCAL2, ADD_LI, SUB_LI, CMP_LI, RETURN_LOCAL are peephole
 *   fusions of LOCAL, INT, ADD/SUB, a compare and RETURN; CMP_LI_JUMP is
 *   CMP_LI before a JUMP_IF_FALSE, as the *_JUMP ops are.
 */

export const enum Op {
  CONST, INT, NIL, TRUE, FALSE,
  LOCAL, SET_LOCAL, ENV, SELF, VAR, POP,
  JUMP, JUMP_IF_FALSE,
  CALL, TAIL_CALL, CALL_VAR, TAIL_CALL_VAR, RETURN_LOCAL, RETURN,
  CLOSURE, DEF, DEF_META,
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

export type OperandKind = 'const' | 'var' | 'local' | 'env' | 'int' | 'n' | 'label';

export interface InstructionInfo {
  readonly name: string;
  readonly operands: readonly OperandKind[];
  readonly doc: string;
}

/** Every instruction's name, operands and meaning. */
export const INSTRUCTIONS: { readonly [K in Op]: InstructionInfo } = {
  [Op.CONST]: { name: 'CONST', operands: ['const'], doc: 'push constant' },
  [Op.INT]: { name: 'INT', operands: ['int'], doc: 'push a small integer' },
  [Op.NIL]: { name: 'NIL', operands: [], doc: 'push nil' },
  [Op.TRUE]: { name: 'TRUE', operands: [], doc: 'push true' },
  [Op.FALSE]: { name: 'FALSE', operands: [], doc: 'push false' },
  [Op.LOCAL]: { name: 'LOCAL', operands: ['local'], doc: 'push a frame slot' },
  [Op.SET_LOCAL]: { name: 'SET_LOCAL', operands: ['local'], doc: 'pop into a frame slot' },
  [Op.ENV]: { name: 'ENV', operands: ['env'], doc: 'push a captured value of the running closure' },
  [Op.SELF]: { name: 'SELF', operands: [], doc: 'push the running closure (named fn* recursion)' },
  [Op.VAR]: { name: 'VAR', operands: ['var'], doc: "push a var's value; unbound faults :undef" },
  [Op.POP]: { name: 'POP', operands: [], doc: 'drop the top of stack' },
  [Op.JUMP]: { name: 'JUMP', operands: ['label'], doc: 'continue at label' },
  [Op.JUMP_IF_FALSE]: { name: 'JUMP_IF_FALSE', operands: ['label'], doc: 'pop; jump if nil or false' },
  [Op.CALL]: { name: 'CALL', operands: ['n'], doc: 'call the fn below n arguments' },
  [Op.TAIL_CALL]: { name: 'TAIL_CALL', operands: ['n'], doc: 'call in tail position, reusing the frame' },
  [Op.CALL_VAR]: { name: 'CALL_VAR', operands: ['var', 'n'], doc: "call a var's fn with n arguments" },
  [Op.TAIL_CALL_VAR]: { name: 'TAIL_CALL_VAR', operands: ['var', 'n'], doc: "tail-call a var's fn" },
  [Op.RETURN_LOCAL]: { name: 'RETURN_LOCAL', operands: ['local'], doc: 'return a frame slot (fused LOCAL RETURN)' },
  [Op.RETURN]: { name: 'RETURN', operands: [], doc: 'return the top of stack to the caller' },
  [Op.CLOSURE]: { name: 'CLOSURE', operands: ['const'], doc: 'make a closure of a code object, capturing per its capture list' },
  [Op.DEF]: { name: 'DEF', operands: ['var'], doc: 'pop a value into the var root; push the var' },
  [Op.DEF_META]: { name: 'DEF_META', operands: ['var', 'const'], doc: 'as DEF, and set the var metadata' },
  [Op.MAKE_TUPLE]: { name: 'MAKE_TUPLE', operands: ['n'], doc: 'pop n values into a tuple' },
  [Op.MAKE_VECTOR]: { name: 'MAKE_VECTOR', operands: ['n'], doc: 'pop n values into a vector' },
  [Op.MAKE_MAP]: { name: 'MAKE_MAP', operands: ['n'], doc: 'pop n keys and values (k1 v1 ...) into a map' },
  [Op.MAKE_SET]: { name: 'MAKE_SET', operands: ['n'], doc: 'pop n values into a set' },
  [Op.ADD]: { name: 'ADD', operands: ['var', 'const'], doc: '2-arg + inline while the var still holds the intrinsic (the const), else a call' },
  [Op.SUB]: { name: 'SUB', operands: ['var', 'const'], doc: '2-arg - inline, guarded like ADD' },
  [Op.MUL]: { name: 'MUL', operands: ['var', 'const'], doc: '2-arg * inline, guarded like ADD' },
  [Op.LT]: { name: 'LT', operands: ['var', 'const'], doc: '2-arg < inline, guarded like ADD' },
  [Op.GT]: { name: 'GT', operands: ['var', 'const'], doc: '2-arg > inline, guarded like ADD' },
  [Op.LE]: { name: 'LE', operands: ['var', 'const'], doc: '2-arg <= inline, guarded like ADD' },
  [Op.GE]: { name: 'GE', operands: ['var', 'const'], doc: '2-arg >= inline, guarded like ADD' },
  [Op.EQ]: { name: 'EQ', operands: ['var', 'const'], doc: '2-arg = inline, guarded like ADD' },
  [Op.LOCAL_INT]: { name: 'LOCAL_INT', operands: ['local', 'int'], doc: 'push a frame slot, then a small integer (fused LOCAL INT)' },
  [Op.LOCAL2]: { name: 'LOCAL2', operands: ['local', 'local'], doc: 'push two frame slots (fused LOCAL LOCAL)' },
  [Op.LT_JUMP]: { name: 'LT_JUMP', operands: ['var', 'const'], doc: 'LT fused with the JUMP_IF_FALSE that must follow it' },
  [Op.GT_JUMP]: { name: 'GT_JUMP', operands: ['var', 'const'], doc: 'GT fused with the following JUMP_IF_FALSE' },
  [Op.LE_JUMP]: { name: 'LE_JUMP', operands: ['var', 'const'], doc: 'LE fused with the following JUMP_IF_FALSE' },
  [Op.GE_JUMP]: { name: 'GE_JUMP', operands: ['var', 'const'], doc: 'GE fused with the following JUMP_IF_FALSE' },
  [Op.EQ_JUMP]: { name: 'EQ_JUMP', operands: ['var', 'const'], doc: 'EQ fused with the following JUMP_IF_FALSE' },
  [Op.ADD_LI]: { name: 'ADD_LI', operands: ['var', 'const', 'local', 'int'], doc: 'push slot + integer, guarded like ADD (fused LOCAL INT ADD)' },
  [Op.SUB_LI]: { name: 'SUB_LI', operands: ['var', 'const', 'local', 'int'], doc: 'push slot - integer, guarded like ADD (fused LOCAL INT SUB)' },
  [Op.CMP_LI]: { name: 'CMP_LI', operands: ['var', 'const', 'local', 'int', 'n'], doc: 'push slot <op> integer, n = 0..4 for < > <= >= = (fused LOCAL_INT and a compare)' },
  [Op.CMP_LI_JUMP]: { name: 'CMP_LI_JUMP', operands: ['var', 'const', 'local', 'int', 'n'], doc: 'CMP_LI fused with the JUMP_IF_FALSE that must follow it' },
  [Op.TEST_EQUAL]: { name: 'TEST_EQUAL', operands: ['local', 'const', 'label'], doc: 'jump unless slot = constant' },
  [Op.TEST_SAME_LOCAL]: { name: 'TEST_SAME_LOCAL', operands: ['local', 'local', 'label'], doc: 'jump unless two slots are equal (repeated pattern variable)' },
  [Op.TEST_TUPLE]: { name: 'TEST_TUPLE', operands: ['local', 'n', 'label'], doc: 'jump unless slot is a tuple of size n' },
  [Op.TEST_TUPLE_MIN]: { name: 'TEST_TUPLE_MIN', operands: ['local', 'n', 'label'], doc: 'jump unless slot is a tuple of size >= n' },
  [Op.TEST_LIST]: { name: 'TEST_LIST', operands: ['local', 'n', 'label'], doc: 'jump unless slot is a list of size n' },
  [Op.TEST_LIST_MIN]: { name: 'TEST_LIST_MIN', operands: ['local', 'n', 'label'], doc: 'jump unless slot is a list of size >= n' },
  [Op.TEST_VECTOR]: { name: 'TEST_VECTOR', operands: ['local', 'n', 'label'], doc: 'jump unless slot is a vector of size n' },
  [Op.TEST_MAP]: { name: 'TEST_MAP', operands: ['local', 'label'], doc: 'jump unless slot is a map' },
  [Op.TEST_SET]: { name: 'TEST_SET', operands: ['local', 'n', 'label'], doc: 'jump unless slot is a set of size n' },
  [Op.TEST_PID]: { name: 'TEST_PID', operands: ['local', 'label'], doc: 'jump unless slot is a pid' },
  [Op.ELEMENT]: { name: 'ELEMENT', operands: ['local', 'local', 'n'], doc: 'slot a := element n of the tuple/list/vector in slot b' },
  [Op.REST]: { name: 'REST', operands: ['local', 'local', 'n'], doc: 'slot a := list of the elements of slot b from index n' },
  [Op.MAP_VALUE]: { name: 'MAP_VALUE', operands: ['local', 'local', 'const', 'label'], doc: 'slot a := value of key in map slot b; jump if absent' },
  [Op.SET_OTHERS]: { name: 'SET_OTHERS', operands: ['local', 'local', 'const', 'label'], doc: 'jump unless the set in slot b has every member of the constant tuple; slot a := tuple of its other members' },
  [Op.PID_PARTS]: { name: 'PID_PARTS', operands: ['local', 'local'], doc: 'slots a, a+1 := realm and local parts of the pid in slot b' },
  [Op.MATCH_BINARY]: { name: 'MATCH_BINARY', operands: ['local', 'local', 'const', 'label'], doc: 'match slot b against a binary/bits pattern; bind fields from slot a on; jump on mismatch' },
  [Op.GUARD_BEGIN]: { name: 'GUARD_BEGIN', operands: ['label'], doc: 'a fault until GUARD_END jumps to label instead of exiting' },
  [Op.GUARD_END]: { name: 'GUARD_END', operands: [], doc: 'end of a guard' },
  [Op.BADMATCH]: { name: 'BADMATCH', operands: ['local'], doc: 'exit with [:error :badmatch %{:value v}]' },
  [Op.RECV_START]: { name: 'RECV_START', operands: ['n'], doc: 'begin a receive; n = 1: pop its :after timeout (ms, :infinity)' },
  [Op.RECV_PEEK]: { name: 'RECV_PEEK', operands: ['local', 'label'], doc: 'slot := message at the cursor; none: wait for one, or jump to label once timed out' },
  [Op.RECV_NEXT]: { name: 'RECV_NEXT', operands: ['label'], doc: 'no clause matched: advance the cursor, continue at label (the RECV_PEEK)' },
  [Op.RECV_ACCEPT]: { name: 'RECV_ACCEPT', operands: [], doc: 'remove the message at the cursor; the receive is over' },
};

/** Number of opcodes. */
export const OPCODE_COUNT = Object.keys(INSTRUCTIONS).length;

/** Size in Int32 words of the instruction with opcode `op`. */
export function instructionSize(op: Op): number {
  return 1 + INSTRUCTIONS[op].operands.length;
}
