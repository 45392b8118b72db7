/**
 * The frames of a session's evaluation that faulted, with their arguments
 * and named locals (issue "The debugger", item 2): the evaluator keeps
 * them past the fault (signals.ts `faulted`) for the Debugger and
 * `(process-info pid :fault-frames)`, until its next fault. A fault's exit
 * reason carries no values (backtrace.ts); these do, so they are bounded:
 * the innermost TRACE_FRAMES frames, a few arguments and locals each, and
 * when the values they hold measure more than FAULT_VALUES_MAX (the data
 * that ran the evaluation out of memory, say), the frames without values.
 * What is kept is the evaluator's: its heap measurements count it.
 */
import { Vector, framesRead, traceOf } from '../machine/index.js';
import { measureValues } from './heap.js';
import type { Process } from './process.js';

/** Bytes of values an evaluator keeps for the debugger at most (less when its heap limit is small). */
const FAULT_VALUES_MAX = 1 << 20;

/** The frames where `p` stopped (the processor leaves fn, pc and fp there on a fault), as kept for the debugger. */
export function faultFrames(p: Process): Vector {
  if (p.fn === null) return Vector.EMPTY;
  framesRead(p);
  const withValues = Vector.from(traceOf(p.fn, p.pc, p.fp, p.stack, p.frames, p.ft, true).frames);
  const cap = p.heap !== null && p.heap.max > 0 ? Math.min(FAULT_VALUES_MAX, p.heap.max / 4) : FAULT_VALUES_MAX;
  if (measureValues([withValues], cap) <= cap) return withValues;
  return Vector.from(traceOf(p.fn, p.pc, p.fp, p.stack, p.frames, p.ft, false).frames);
}
