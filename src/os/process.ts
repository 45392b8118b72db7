/**
 * A Lona process (LONALA.md 8): a thread of the machine (its stack, frames
 * and mailbox, allocated when first needed) plus what the OS keeps about it:
 * pid, state, priority, links, monitors, registered name, timer, heap
 * limits. Kept small (fields rarely set live in `extra`), since a machine
 * holds a million of them.
 */
import { Thread, type List, type Pid, type Ref, type Sym, type Value } from '../machine/index.js';
import type { System } from './system.js';
import type { Realm } from './realm.js';
import type { Load } from './loader/transaction.js';
import type { Expanding, Expansion } from './macro-expansion.js';
import type { Stepping } from './stepping.js';

/** Bytes a waiting process costs the host (measured: about 400), charged to its realm while it lives. */
export const PROCESS_BYTES = 400;

export const enum ProcessState {
  /** In a run queue. */
  Runnable,
  /** On the processor right now. */
  Running,
  /** In `receive`, waiting for a message or its timeout. */
  Waiting,
  /** Suspended by the inspector (or an evaluator between requests). */
  Suspended,
  Exited,
}

/** What a host (a session) waits for when the process's top call ends. */
export interface HostWaiter {
  done(outcome: { kind: 'value'; value: Value } | { kind: 'exit'; reason: Value }): void;
  /** The process ends once its call returns (a host request), instead of parking for the next (an evaluator). */
  readonly oneShot?: boolean;
}

/** One monitor, in both processes' tables (keyed by the ref's number: cheaper than hashing the ref object). */
export class Monitor {
  constructor(readonly ref: Ref, readonly watcher: Process, readonly target: Process) {}
}

/**
 * A process's heap accounting, for a process with a heap limit (its own
 * :max-heap-size, or its realm's memory quota) or a :min-heap-size. Kept
 * apart from ProcessExtra: every process of a realm with a quota has one.
 */
export class HeapLimit {
  /** Limit in bytes (0: none): its own :max-heap-size or its realm's quota, the smaller. */
  max = 0;
  /** The :max-heap-size it was spawned with (0: none), as process-info shows it. */
  option = 0;
  /** :min-heap-size. */
  min = 0;
  /** Bytes found live by the last measurement. */
  used = 0;
  /** Bytes it may allocate before its heap is measured again. */
  allowance = 0;
  /** Bytes of its stack arrays, charged to its realm as they grew (heap measurements leave them out). */
  stack = 0;
}

/** The rarely used parts of a process, allocated on first use. */
export class ProcessExtra {
  links: Set<Process> | null = null;
  /** Monitors this process holds, by ref id. */
  monitors: Map<number, Monitor> | null = null;
  /** Monitors on this process, by ref id. */
  monitoredBy: Map<number, Monitor> | null = null;
  name: Sym | null = null;
  trapExit = false;
  /** The function the process was spawned with (process-info :initial-fn). */
  initialFn: Value = null;
  /** Reduction limit of one evaluation (and of each macro expansion), if any. */
  reductionLimit: number | null = null;
  /** A session waiting for this evaluator's top call to end. */
  host: HostWaiter | null = null;
  /** An exit that reached this process while it was running; it takes effect when it stops. */
  pendingExit: Value | undefined = undefined;
  /** The process's reduction count when the host's request began. */
  requestStart = 0;
  /** Suspended by `suspend-process`: not run until resumed (messages still queue). */
  suspended = false;
  /** Taken off the run queue because it was suspended (resume puts it back). */
  parked = false;
  /** Part of the system's own machinery (an inspector request): process-table leaves it out unless asked. */
  system = false;
  /** Gets `[:trace pid :receive message]` for each message this process receives. */
  tracer: Process | null = null;
  /** The loads it has in progress, innermost last (loader/transaction.ts). */
  loads: Load[] | null = null;
  /** Macro expansions remembered while a compile is retried (macro-expansion.ts). */
  expansions: WeakMap<List, Expansion> | null = null;
  /** The macro calls it is expanding as its own work, innermost first. */
  expanding: Expanding | null = null;
  /** The breakpoint it waits at: the var (std/lona/core/breakpoints.lona), or the function a step stopped it in; the call's arguments. */
  breakpoint: { readonly fn: Value; readonly args: Value } | null = null;
  /** Set by `step!`: it stops on entering the next function (stepping.ts). */
  stepping: Stepping | null = null;
  /** A session evaluator's frames where its last evaluation faulted, with their values (fault-frames.ts). */
  faultFrames: Value = null;
}

export class Process extends Thread {
  state = ProcessState.Runnable;
  /** Index in the system's table of live processes. */
  slot = 0;
  priority: number;
  /** Position in the scheduler's timer heap, -1 when no timer is armed. */
  timerIndex = -1;
  /** Monotonic ms at which the armed timer fires. */
  deadline = 0;
  extra: ProcessExtra | null = null;
  heap: HeapLimit | null = null;
  /** Reductions at the process table's previous sample (its :recent column: activity since then). */
  sampled = 0;

  constructor(readonly system: System, readonly pid: Pid, priority: number, readonly realm: Realm) {
    super();
    this.priority = priority;
  }

  /** Bytes found live by the last heap measurement. */
  get heapUsed(): number {
    return this.heap === null ? 0 : this.heap.used;
  }

  /** Its rarely used parts (`extra`), allocated now if it had none: for writing them (read `extra`, which may be null). */
  ensureExtra(): ProcessExtra {
    return (this.extra ??= new ProcessExtra());
  }

  get alive(): boolean {
    return this.state !== ProcessState.Exited;
  }

  get trapsExits(): boolean {
    return this.extra !== null && this.extra.trapExit;
  }

  /** Reduction limit of one evaluation (and of each macro expansion), if any. */
  get reductionLimit(): number | null {
    return this.extra === null ? null : this.extra.reductionLimit;
  }

  set reductionLimit(limit: number | null) {
    this.ensureExtra().reductionLimit = limit;
  }

  override endReceive(): void {
    super.endReceive();
    if (this.timerIndex >= 0) this.system.scheduler.cancelTimer(this);
  }
}

// A process is its own thread's context (see Thread.context).
Object.defineProperty(Process.prototype, 'context', { get(this: Process) { return this; } });
