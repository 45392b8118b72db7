/**
 * The small-integer semantics of the processor's guarded inline ops
 * (isa.ts Notes): what ADD..EQ, the *_JUMP ops and CMP_LI compute on their
 * fast path. Out-of-range results send the op to its slow path (a call).
 */
import type { Value } from './value.js';
import { Op } from './isa.js';

const MAX_SAFE = 9007199254740991;

/** Small-integer arithmetic and comparison of an inline op; undefined when out of range. */
export function arithmetic(op: Op, a: number, b: number): Value | undefined {
  let r: number;
  switch (op) {
    case Op.ADD: r = a + b; break;
    case Op.SUB: r = a - b; break;
    case Op.MUL: r = a * b; if (r === 0) r = 0; break;
    case Op.LT: return a < b;
    case Op.GT: return a > b;
    case Op.LE: return a <= b;
    case Op.GE: return a >= b;
    default: return a === b;
  }
  return r <= MAX_SAFE && r >= -MAX_SAFE ? r : undefined;
}

/** Comparison number n (0..4: < > <= >= =) of two small integers. */
export function compareKind(n: number, a: number, b: number): boolean {
  switch (n) {
    case 0: return a < b;
    case 1: return a > b;
    case 2: return a <= b;
    case 3: return a >= b;
    default: return a === b;
  }
}
