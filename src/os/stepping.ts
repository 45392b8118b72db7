/**
 * Stepping (issue "The debugger", item 4): `step!` lets a process that
 * waits at a breakpoint (or is suspended) go on until it enters the next
 * function; there it stops as at a breakpoint, with that call's
 * arguments, until `continue!` or another `step!`. A stepping process
 * runs one reduction a turn: entering a function spends one, and the
 * processor preempts right there, at the function's first instruction
 * (processor.ts CALL). After each such turn the scheduler asks `stepStop`.
 * Nothing else pays: the check is in the dispatch of processes with
 * `extra` state, and only when `stepping` is set.
 */
import { Fn, TOP_LEVEL, Tuple, framesRead } from '../machine/index.js';
import { type Process, ProcessState } from './process.js';

/** What a stepping process steps over first: the function its breakpoint was on, entered when it goes on from there. */
export interface Stepping { skip: Fn | null }

const ENTRY = '<entry>';

/** After a stepping turn of `p` that ended preempted: if it just entered a function, it stops there (true). */
export function stepStop(p: Process): boolean {
  const extra = p.extra!;
  const stepping = extra.stepping!;
  const fn = p.fn;
  if (p.pc !== 0 || fn === null || fn.code.name === ENTRY || fn.code.name === TOP_LEVEL) return false;
  if (stepping.skip !== null) {
    if (fn === stepping.skip) stepping.skip = null;
    return false;
  }
  extra.stepping = null;
  const c = fn.code;
  framesRead(p);
  extra.breakpoint = { fn, args: new Tuple(p.stack.slice(p.fp, p.fp + c.arity + (c.variadic ? 1 : 0)).map((a) => a ?? null)) };
  extra.suspended = true;
  extra.parked = true;
  p.state = ProcessState.Suspended;
  return true;
}

/** `p` goes on from a breakpoint or a suspension; stepping (stopping at the next function it enters, `skip` first stepped over) if `step`. */
export function goOn(p: Process, step: boolean, skip: Fn | null): void {
  const extra = p.ensureExtra();
  extra.stepping = step ? { skip } : null;
  extra.breakpoint = null;
  p.system.scheduler.resume(p);
}
