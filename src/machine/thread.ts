/**
 * The execution state of one process: its value stack and frames, owned by
 * the process, never the JS stack (ARCHITECTURE.md "Processor").
 *
 *   stack:  ... | arg0 .. argN-1 | locals | operands ...
 *                 ^fp                       ^sp
 *   frames: 4 entries per active call, pushed by the caller:
 *           return pc, return fp, return sp (where the result goes), fn;
 *           `ft` is the top (the array is grown, never shrunk, to avoid
 *           push/pop, measured 2-3x slower)
 *
 * Both start empty and grow on demand, so an idle process costs little.
 */
import type { Value } from './value.js';
import type { Fn } from './function.js';
import { Fault } from './fault.js';
import { stackMeter } from './heap-meter.js';
import type { Var } from './namespace.js';
import type { Mailbox } from './mailbox.js';

/** Default limit of stack slots plus frame words of one process. */
export const DEFAULT_STACK_LIMIT = 16 * 1024 * 1024;

/** The frames of a thread that has made no call yet (shared: growth copies). */
const NO_FRAMES: (number | Fn)[] = [];

/** See js-linear.ts `SavedEdit` (a type only: no import cycle at run time). */
type SavedEdit = import('./js-linear.js').SavedEdit;

export class Thread {
  stack: Value[] = [];
  sp = 0;
  fp = 0;
  pc = 0;
  fn: Fn | null = null;
  frames: (number | Fn)[] = NO_FRAMES;
  /** Top of `frames`: 4 times the call depth. Current between slices. */
  ft = 0;
  /** Active guards, 5 entries each: frame depth, fp, sp, label, fn (null: none yet). */
  guards: (number | Fn)[] | null = null;
  /** Values of process-bound vars set in this process (immutable: shared with spawned processes). */
  bindings: Binding | null = null;
  /** Result of the outermost call, once completed. */
  result: Value = null;
  /** Exit reason, once exited. */
  reason: Value = null;
  /** Total reductions run (for process-info). */
  reductions = 0;
  /** The edit token of a compiled loop preempted while it owned a map, for its going on (js-linear.ts). */
  linearEdit: SavedEdit | null = null;
  /**
   * The OS's object for this thread (its process), opaque to the machine.
   * Declared, not initialised: a process is its own context (a getter), a
   * helper thread gets its process's, so a million processes save the slot.
   */
  declare context: unknown;
  /** Limit of stack slots plus frame words (a prototype default until set). */
  declare stackLimit: number;
  /** Messages sent to this thread's process (null until the first arrives). */
  mailbox: Mailbox | null = null;
  /** Receive state: index of the message under the scan cursor. */
  recvCursor = 0;
  /** Receive state: the :after timeout in ms (0 polls), or -1 (none, or not receiving). */
  recvTimeout = -1;
  /** Receive state: the timeout has passed (set by RECV_START for 0, else by the OS's timer). */
  timedOut = false;
  constructor(stackLimit?: number) {
    if (stackLimit !== undefined) this.stackLimit = stackLimit;
  }

  /** A receive ended (a message was accepted, or it timed out); the OS drops its timer. */
  endReceive(): void {
    this.recvTimeout = -1;
    this.timedOut = false;
  }

  /** Current call depth. */
  get depth(): number {
    return this.ft >>> 2;
  }
}

Thread.prototype.stackLimit = DEFAULT_STACK_LIMIT;
Thread.prototype.context = null;

/** Grows the value stack to hold `need` slots, or faults at the limit (slots plus frame words). */
export function growStack(thread: Thread, need: number, ft: number): Value[] {
  if (need + ft > thread.stackLimit) {
    throw new Fault('stack-overflow', { limit: thread.stackLimit, depth: ft >>> 2 });
  }
  const old = thread.stack;
  // Exactly what a first call needs (small processes stay small), doubling after that.
  let size = old.length < 16 ? need : old.length * 2;
  while (size < need) size *= 2;
  // A deep stack is memory like any other.
  stackMeter.grew(thread, 8 * (size - old.length));
  return (thread.stack = resized(old, size, null));
}

/** A copy of `items` with exactly `size` slots (push would over-allocate by half). */
function resized<T>(items: T[], size: number, fill: T): T[] {
  const out = new Array<T>(size);
  let i = 0;
  for (; i < items.length; i++) out[i] = items[i];
  for (; i < size; i++) out[i] = fill;
  return out;
}

/** Grows the frame records (doubling), or faults at the stack limit. */
export function growFrames(thread: Thread, ft: number): (number | Fn)[] {
  const frames = thread.frames;
  if (ft + 4 > thread.stackLimit) throw new Fault('stack-overflow', { limit: thread.stackLimit, depth: ft >>> 2 });
  const size = Math.max(4, frames.length * 2);
  stackMeter.grew(thread, 8 * (size - frames.length));
  return (thread.frames = resized(frames, size, 0));
}

/**
 * Process-bound var values as an immutable association list: a process has
 * few of them, and a spawned process inherits its parent's by sharing the list.
 */
export class Binding {
  constructor(readonly v: Var, readonly value: Value, readonly next: Binding | null) {}

  static lookup(b: Binding | null, v: Var): Value | undefined {
    for (; b !== null; b = b.next) if (b.v === v) return b.value;
    return undefined;
  }

  /** `b` with `v` bound to `value` (an earlier binding of `v` is dropped). */
  static with(b: Binding | null, v: Var, value: Value): Binding {
    return new Binding(v, value, Binding.without(b, v));
  }

  private static without(b: Binding | null, v: Var): Binding | null {
    if (b === null) return null;
    if (b.v === v) return b.next;
    const rest = Binding.without(b.next, v);
    return rest === b.next ? b : new Binding(b.v, b.value, rest);
  }
}
