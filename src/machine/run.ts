/**
 * Entering the processor (processor.ts `loop`): the running thread set for
 * what natives and the heap meter ask, and the charges a run leaves behind.
 * A run from the scheduler has nothing around it to keep; one nested in a
 * native call (a macro's thread) keeps that call's charge and the JS tier's
 * registers aside (compiled code may be under it), so the scheduler's
 * dispatch, once per process turn, does not pay for that.
 */
import { extraReductions } from './function.js';
import type { Thread } from './thread.js';
import { jsRegs } from './js-tier.js';
import { current } from './current.js';
import { loop } from './processor.js';
import type { RunStatus } from './run-status.js';

/**
 * Runs `thread` for at most `budget` reductions. Afterwards `thread.result`
 * (Completed) or `thread.reason` (Exited) holds the outcome.
 */
export function run(thread: Thread, budget: number): RunStatus {
  const prevThread = current.thread;
  if (prevThread !== null) return runNested(thread, budget);
  current.thread = thread;
  extraReductions.n = 0;
  try {
    return loopCharged(thread, budget);
  } finally {
    current.thread = null;
    extraReductions.n = 0;
    jsRegs.since = -1; // no compiled frames run (a host error may have left them)
  }
}

/**
 * A run inside another's native call (a macro's thread): that call's charge
 * and the JS tier's registers (compiled code may be under it) are kept aside.
 */
function runNested(thread: Thread, budget: number): RunStatus {
  const prevThread = current.thread;
  const outer = extraReductions.n;
  extraReductions.n = 0;
  current.thread = thread;
  const outerReds = jsRegs.reds, outerFtMax = jsRegs.ftMax, outerFtDepth = jsRegs.ftDepth, outerFpMax = jsRegs.fpMax, outerSince = jsRegs.since;
  try {
    return loopCharged(thread, budget);
  } finally {
    current.thread = prevThread;
    extraReductions.n = outer;
    jsRegs.reds = outerReds;
    jsRegs.ftMax = outerFtMax;
    jsRegs.ftDepth = outerFtDepth;
    jsRegs.fpMax = outerFpMax;
    jsRegs.since = outerSince;
  }
}

/** The dispatch loop; work charged after its last check (an equality test in a pattern, say) still counts. */
function loopCharged(thread: Thread, budget: number): RunStatus {
  const status = loop(thread, budget);
  thread.reductions += extraReductions.n;
  return status;
}
