/**
 * The scheduler (ARCHITECTURE.md "Scheduler"): BEAM-style, on one host thread.
 *
 * - Run queues by priority band (high, normal, low): a band runs before the
 *   ones below it, except that each lower band gets one turn in eight while
 *   higher ones have work (nothing starves; a runaway high-priority process
 *   cannot lock out the REPL). Each dispatch runs a process for at most
 *   REDUCTIONS reductions, so a looping process is preempted inside any loop
 *   or recursion and delays the others by one dispatch at most.
 * - Timers of `sleep` and `receive ... :after` live in one heap; the host
 *   sees a single timer, for the earliest deadline.
 * - Driven two ways: `runUntil` runs synchronously until a condition holds
 *   (batch uses: `lona -e`, files, tests), sleeping the host thread when only
 *   timers are pending; once `startAsync` is called (the REPL), slices of
 *   SLICE_MS run from `setImmediate`, yielding to the Node event loop
 *   between them so I/O and the UI never starve.
 * - Every time it acts on comes from its clock (src/os/clock.ts): the host's
 *   by default, a virtual one in tests (`useClock`), on which budgets,
 *   shares and timers are deterministic.
 */
import { Fault, Queue, RunStatus, faultReason, run, type Value } from '../machine/index.js';
import { withExpansionContext } from './macro-expansion.js';
import { type Process, ProcessState } from './process.js';
import { TimerHeap } from './timer-heap.js';
import { ThrottleList } from './cpu-budget.js';
import { type Clock, type HostTimer, realClock } from './clock.js';
import { armHeapLimit, disarmHeapLimit } from './heap.js';
import { stepStop } from './stepping.js';
import type { Signals } from './signals.js';

/** Reductions per dispatch (LONA_SLICE=1 preempts at every call, to prove every resume point). */
const REDUCTIONS = Number(process.env.LONA_SLICE) > 0 ? Number(process.env.LONA_SLICE) : 2000;
/** Reductions per dispatch of a process in a realm with a cpu budget (each such turn is timed). */
const BUDGETED_REDUCTIONS = REDUCTIONS * 8;
/** Milliseconds of work before the async driver yields to the event loop. */
const SLICE_MS = 5;
/**
 * Work between clock reads (and timer checks) inside a slice, in reductions;
 * a dispatch counts DISPATCH_WORK more. Reading the clock costs about as much
 * as a hundred reductions, so it is not done per dispatch.
 */
const CLOCK_EVERY = 8000;
const DISPATCH_WORK = 16;

const enum Band { High, Normal, Low }

/** Priorities are 0-255 (default 100); higher runs first. */
function band(priority: number): Band {
  return priority >= 150 ? Band.High : priority >= 50 ? Band.Normal : Band.Low;
}

export class Scheduler {
  private readonly queues = [new Queue<Process>(), new Queue<Process>(), new Queue<Process>()];
  private lowTurn = 0;
  private highTurn = 0;
  private readonly timers = new TimerHeap();
  /** Runnable processes whose realm's cpu budget is spent, until it is replenished. */
  private readonly throttled = new ThrottleList();
  /** The process on the processor, if any. */
  running: Process | null = null;
  /** Stopped for good (halt): nothing runs again. */
  private halted = false;
  private async = false;
  private immediate: NodeJS.Immediate | null = null;
  private hostTimer: HostTimer | null = null;
  private hostTimerAt = Infinity;
  signals!: Signals;
  /** Set when a host's request is done: `runUntil` returns at once, before anything else runs. */
  stopRequested = false;
  /** Host requests (session evaluations) in flight: while any is, the host timer keeps Node running. */
  private hostRequests = 0;
  /** Checks the host's heap between dispatches (host-guard.ts; set by the system). */
  guard: () => void = () => {};

  /** Where every time the scheduler acts on comes from (the host's unless a test sets a virtual one). */
  private clock: Clock = realClock;
  /** The clock's reading when the machine started on it. */
  private origin = realClock.now();

  /** Monotonic milliseconds, the clock of every timer. */
  now(): number {
    return this.clock.now();
  }

  /** Milliseconds since the machine started, on its clock (Lonala's monotonic-time). */
  elapsed(): number {
    return this.clock.now() - this.origin;
  }

  /**
   * Runs on `clock` from now on (tests: a VirtualClock). Set it before
   * anything sleeps: pending deadlines keep the times of the clock they
   * were set on.
   */
  useClock(clock: Clock): void {
    if (this.hostTimer !== null) this.clock.clearTimer(this.hostTimer);
    this.hostTimer = null;
    this.hostTimerAt = Infinity;
    this.clock = clock;
    this.origin = clock.now();
    if (this.async) this.armHostTimer();
  }

  get runnable(): number {
    return this.queues[0].length + this.queues[1].length + this.queues[2].length;
  }

  /** Number of armed timers (for tests of timer hygiene). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Puts `p` in its run queue; `first`: at its head (a host request: the evaluator goes on before what it spawned). */
  enqueue(p: Process, first = false): void {
    p.state = ProcessState.Runnable;
    const q = this.queues[band(p.priority)];
    if (first) q.unshift(p);
    else q.push(p);
    if (this.async && this.immediate === null) this.immediate = setImmediate(this.drive);
  }

  /** Makes a waiting process runnable (a message arrived, or its timeout passed). */
  wake(p: Process): void {
    if (p.state === ProcessState.Waiting) this.enqueue(p);
  }

  /** `suspend-process`: `p` stops being run (at the end of its current turn) until resumed. */
  suspend(p: Process): void {
    p.ensureExtra().suspended = true;
  }

  /** `resume-process`: `p` runs again, from where it was suspended. */
  resume(p: Process): void {
    const extra = p.ensureExtra();
    extra.suspended = false;
    if (extra.parked) {
      extra.parked = false;
      this.enqueue(p);
    }
  }

  /** A host starts (+1) or stops (-1) waiting for a process. */
  hostWaiting(delta: number): void {
    this.hostRequests += delta;
    if (this.hostTimer === null) return;
    if (this.hostRequests > 0) this.hostTimer.ref();
    else this.hostTimer.unref();
  }

  /** Milliseconds of the clock spent running processes so far (cpu-usage.ts shares them among realms). */
  busyMs = 0;

  cancelTimer(p: Process): void {
    this.timers.remove(p);
  }

  /**
   * Stops the machine for good (the line REPL's end, as Erlang's `q()`
   * halts the node): no process runs again, and no timer of it keeps the
   * host running.
   */
  halt(): void {
    this.halted = true;
    this.async = false;
    if (this.immediate !== null) clearImmediate(this.immediate);
    this.immediate = null;
    if (this.hostTimer !== null) this.clock.clearTimer(this.hostTimer);
    this.hostTimer = null;
  }

  /** From now on, run processes in the background from the Node event loop. */
  startAsync(): void {
    if (this.halted) return;
    this.async = true;
    if (this.runnable > 0 && this.immediate === null) this.immediate = setImmediate(this.drive);
    this.armHostTimer();
  }

  /**
   * Runs processes until `done()` holds. Returns false if it never can:
   * nothing is runnable and no timer is pending (every process waits for a
   * message no one will send).
   */
  runUntil(done: () => boolean): boolean {
    for (;;) {
      this.stopRequested = false;
      if (done()) return true;
      this.fireTimers(this.now());
      if (this.runnable > 0) {
        this.runSlice(SLICE_MS);
        continue;
      }
      const at = this.nextWake();
      if (at === Infinity) return done();
      this.clock.sleepUntil(at);
    }
  }

  /** Runs one slice right away (outside a process). */
  runNow(): void {
    if (this.running === null) this.step();
  }

  private readonly drive = (): void => {
    this.immediate = null;
    this.step();
  };

  private step(): void {
    if (this.halted) return;
    this.runSlice(SLICE_MS);
    if (this.runnable > 0 && this.immediate === null) this.immediate = setImmediate(this.drive);
    this.armHostTimer();
  }

  /** Runs processes for about `ms` milliseconds, or until none is runnable (or a host asks to stop). */
  private runSlice(ms: number): void {
    const start = this.clock.now();
    this.runUntilTime(start + ms);
    this.busyMs += this.clock.now() - start;
  }

  private runUntilTime(until: number): void {
    const clock = this.clock;
    for (let work = 0; ;) {
      const p = this.dequeue();
      if (p === undefined) return;
      const before = p.reductions;
      this.dispatch(p);
      if (this.stopRequested) return;
      work += p.reductions - before + DISPATCH_WORK;
      if (work >= CLOCK_EVERY) {
        work = 0;
        this.guard();
        const now = clock.now();
        if (now >= until) return;
        this.fireTimers(now);
      }
    }
  }

  private dequeue(): Process | undefined {
    const q = this.queues;
    const high = q[Band.High], normal = q[Band.Normal], low = q[Band.Low];
    // Bands are weights, not absolutes: a lower band gets one turn in eight
    // while a higher one has work, so a runaway high-priority process cannot
    // lock out the REPL's evaluator (a normal process).
    if (high.length > 0 && (normal.length === 0 && low.length === 0 || ++this.highTurn % 8 !== 0)) return high.shift();
    if (low.length > 0 && (normal.length === 0 || ++this.lowTurn % 8 === 0)) return low.shift();
    return normal.length > 0 ? normal.shift() : high.shift();
  }

  /** Runs `p` for one budget of reductions and files it by how it stopped. */
  private dispatch(p: Process): void {
    if (p.state !== ProcessState.Runnable) return;
    if (p.realm.cpuBudgets.length > 0) return this.dispatchBudgeted(p);
    this.turn(p, REDUCTIONS);
  }

  /** Runs `p` for at most `budget` reductions and files it by how it stopped. */
  private turn(p: Process, budget: number): void {
    if (p.extra !== null || p.heap !== null) return this.dispatchLimited(p, budget);
    p.state = ProcessState.Running;
    this.running = p;
    const before = p.reductions;
    const status = run(p, budget);
    p.realm.reductions += p.reductions - before;
    this.running = null;
    this.file(p, status);
  }

  /** Dispatch of a process in a realm with a cpu budget: held back when it is spent, timed when it runs. */
  private dispatchBudgeted(p: Process): void {
    const realm = p.realm;
    const clock = this.clock;
    const now = clock.now();
    const at = realm.cpuAvailableAt(now);
    if (at > now) {
      this.throttled.add(p, at);
      return;
    }
    // Longer turns, so the two clock reads per turn stay a small part of it.
    this.turn(p, BUDGETED_REDUCTIONS);
    realm.chargeCpu(clock.now() - now);
  }

  /** Dispatch of a process with a reduction limit (an evaluator), a heap limit, or a pending exit. */
  private dispatchLimited(p: Process, budget: number): void {
    const extra = p.extra;
    if (extra !== null) {
      if (extra.suspended) {
        // Off the run queue until resume-process puts it back.
        p.state = ProcessState.Suspended;
        extra.parked = true;
        return;
      }
      const limit = extra.reductionLimit;
      if (limit !== null) {
        const left = limit - (p.reductions - extra.requestStart);
        if (left <= 0) return this.signals.faulted(p, withExpansionContext(p, reductionLimitReason(limit)));
        if (left < budget) budget = left;
      }
      if (extra.stepping !== null) budget = 1;
    }
    p.state = ProcessState.Running;
    this.running = p;
    armHeapLimit(p);
    const before = p.reductions;
    const status = run(p, budget);
    p.realm.reductions += p.reductions - before;
    const outOfMemory = disarmHeapLimit(p);
    this.running = null;
    if (outOfMemory !== null && status !== RunStatus.Exited) return this.signals.exit(p, outOfMemory);
    // An exit that reached it while it ran (its extra may be new since).
    const pending = p.extra?.pendingExit;
    if (pending !== undefined) {
      p.extra!.pendingExit = undefined;
      return this.signals.exit(p, status === RunStatus.Exited ? p.reason : pending);
    }
    if (status === RunStatus.Preempted && p.extra?.stepping != null && stepStop(p)) return;
    this.file(p, status);
  }

  /** Files `p` by how its run ended. */
  private file(p: Process, status: RunStatus): void {
    switch (status) {
      case RunStatus.Preempted:
        if (p.state === ProcessState.Running) this.enqueue(p);
        return;
      case RunStatus.Waiting:
        p.state = ProcessState.Waiting;
        // The host timer is re-armed when the slice ends (step).
        // Whole milliseconds (small integers in the process), rounded up: a timeout never ends early.
        if (p.recvTimeout > 0 && p.timerIndex < 0) this.timers.add(p, Math.ceil(this.now()) + p.recvTimeout);
        return;
      case RunStatus.Completed:
        return this.signals.completed(p);
      case RunStatus.Exited:
        return this.signals.faulted(p, withExpansionContext(p, p.reason));
    }
  }

  /** Wakes every process whose timeout has passed by `now`, and those whose realm's budget is replenished. */
  private fireTimers(now: number): void {
    this.throttled.releaseDue(now, (p) => { if (p.state === ProcessState.Runnable) this.enqueue(p); });
    for (let p = this.timers.peek(); p !== undefined && p.deadline <= now; p = this.timers.peek()) {
      this.timers.remove(p);
      p.timedOut = true;
      this.wake(p);
    }
  }

  /** When a timer fires or a throttled realm is replenished, whichever comes first. */
  private nextWake(): number {
    const next = this.timers.peek();
    return Math.min(next === undefined ? Infinity : next.deadline, this.throttled.nextAt());
  }

  /** Keeps exactly one host timer, set for the earliest deadline. */
  private armHostTimer(): void {
    const at = this.nextWake();
    // A host timer due no later than needed stays: when it fires early it re-arms (fewer host timer calls).
    if (this.hostTimer !== null && this.hostTimerAt <= at) return;
    if (this.hostTimer !== null) this.clock.clearTimer(this.hostTimer);
    this.hostTimer = null;
    this.hostTimerAt = at;
    if (at === Infinity) return;
    this.hostTimer = this.clock.setTimer(() => {
      this.hostTimer = null;
      this.hostTimerAt = Infinity;
      this.fireTimers(this.now());
      this.step();
    }, Math.max(0, at - this.now()));
    // Background timers alone never keep the host running; a pending evaluation does.
    if (this.hostRequests === 0) this.hostTimer.unref();
  }
}

function reductionLimitReason(limit: number): Value {
  return faultReason(new Fault('reduction-limit', { limit }));
}
