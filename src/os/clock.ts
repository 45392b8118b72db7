/**
 * The scheduler's clock (issue "Limits that hold": deterministic tests). Every
 * time the scheduler acts on — timer deadlines, the length of a slice, the
 * time a dispatch in a realm with a cpu budget is charged, sleeping the host
 * thread when only timers are pending, the one host timer of the background
 * mode — comes from a `Clock`.
 *
 * - `RealClock` (the default): the host's monotonic clock, `Atomics.wait` and
 *   `setTimeout`; exactly what the scheduler always did.
 * - `VirtualClock` (tests): time moves only when told (`advance`,
 *   `advanceTo`), when `runUntil` would sleep (it jumps to the deadline at
 *   once), and, with `msPerReduction`, by a fixed cost per reduction the
 *   machine runs, so that the cpu a dispatch is charged is proportional to
 *   the reductions it ran and a budget, a share or a timer behaves the same
 *   on every host, loaded or not.
 */

/** The host timer the scheduler keeps (Node's `Timeout` is one). */
export interface HostTimer {
  ref(): unknown;
  unref(): unknown;
}

export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Waits until `at` (runUntil, when nothing is runnable): the real clock blocks the thread, a virtual one jumps there. */
  sleepUntil(at: number): void;
  /** Calls `fn` once, `ms` milliseconds from now (the background mode's host timer). */
  setTimer(fn: () => void, ms: number): HostTimer;
  clearTimer(timer: HostTimer): void;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** The host's clock: performance.now(), a blocking wait, setTimeout. */
export class RealClock implements Clock {
  now(): number {
    return performance.now();
  }

  sleepUntil(at: number): void {
    const wait = at - performance.now();
    if (wait > 0) Atomics.wait(sleeper, 0, 0, wait);
  }

  setTimer(fn: () => void, ms: number): HostTimer {
    return setTimeout(fn, ms);
  }

  clearTimer(timer: HostTimer): void {
    clearTimeout(timer as NodeJS.Timeout);
  }
}

/** The one real clock (every scheduler's unless told otherwise). */
export const realClock: Clock = new RealClock();

class VirtualTimer implements HostTimer {
  constructor(readonly at: number, readonly fn: () => void, readonly seq: number) {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

export interface VirtualClockOptions {
  /** The time it starts at (ms; default 0). */
  start?: number;
  /**
   * Milliseconds each reduction the machine runs costs (default 0: time moves
   * only when told or when runUntil jumps). With 0, a process that never
   * waits keeps a slice from ending; give it a cost to run such processes.
   */
  msPerReduction?: number;
  /** Reductions the machine has run so far, never decreasing (needed with msPerReduction; see `machineWork`). */
  work?: () => number;
}

/** A clock for tests: deterministic, moved only by what the test and the machine do. */
export class VirtualClock implements Clock {
  readonly msPerReduction: number;
  private readonly work: () => number;
  /** The time when the work counter read `mark`. */
  private base: number;
  private mark: number;
  private timers: VirtualTimer[] = [];
  private seq = 0;

  constructor(options: VirtualClockOptions = {}) {
    this.msPerReduction = options.msPerReduction ?? 0;
    if (this.msPerReduction > 0 && options.work === undefined) throw new Error('a VirtualClock with msPerReduction needs a work counter');
    this.work = this.msPerReduction > 0 ? options.work! : () => 0;
    this.base = options.start ?? 0;
    this.mark = this.work();
  }

  now(): number {
    return this.msPerReduction === 0 ? this.base : this.base + (this.work() - this.mark) * this.msPerReduction;
  }

  /** Sets the time to `at` exactly (later than now). */
  private jump(at: number): void {
    this.base = at;
    this.mark = this.work();
  }

  /** runUntil with nothing runnable: no waiting, the time is `at` at once. */
  sleepUntil(at: number): void {
    if (at > this.now()) this.jump(at);
  }

  setTimer(fn: () => void, ms: number): HostTimer {
    const t = new VirtualTimer(this.now() + Math.max(0, ms), fn, this.seq++);
    this.timers.push(t);
    return t;
  }

  clearTimer(timer: HostTimer): void {
    const i = this.timers.indexOf(timer as VirtualTimer);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /** Host timers set and not yet fired. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves the time on by `ms`, firing the host timers due meanwhile, each at its own time, in order. */
  advance(ms: number): void {
    this.advanceTo(this.now() + ms);
  }

  /** Moves the time on to `at`, firing the host timers due by then, each at its own time, in order. */
  advanceTo(at: number): void {
    for (;;) {
      let next: VirtualTimer | undefined;
      for (const t of this.timers) if (t.at <= at && (next === undefined || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = t;
      if (next === undefined) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      if (next.at > this.now()) this.jump(next.at);
      next.fn();
    }
    if (at > this.now()) this.jump(at);
  }
}

/**
 * The reductions every realm of `system` has run, ever (terminated realms
 * keep their count, so it never decreases): the work counter of a
 * VirtualClock with a cost per reduction.
 */
export function machineWork(system: { realm(id: number): { reductions: number } | undefined }): () => number {
  return () => {
    let sum = 0;
    for (let id = 0, r = system.realm(0); r !== undefined; r = system.realm(++id)) sum += r.reductions;
    return sum;
  };
}
