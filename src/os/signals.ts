/**
 * Messages and exit signals between processes, with BEAM's semantics
 * (LONALA.md 8):
 *
 * - A process ends with a reason: `:normal` when its function returns,
 *   the fault's reason, or what `exit` gave.
 * - Its links each get an exit signal with that reason. A process trapping
 *   exits receives it as `[:EXIT pid reason]`; otherwise `:normal` is
 *   ignored and any other reason ends it with the same reason.
 * - `(exit pid :kill)` cannot be trapped: the target ends with `:killed`
 *   (and its links see `:killed`).
 * - Its monitors each get `[:DOWN ref pid reason]`; monitoring a process
 *   that is already gone gives `[:DOWN ref pid :noproc]` at once.
 * - Its registered name is freed, its timer cancelled, its memory dropped.
 *
 * Exits are processed from a queue, so a chain of a million linked
 * processes dies without deep host recursion.
 */
import { Envelope, Keyword, Mailbox, Ref, Tuple, meter, startCall, unwrap, type Value } from '../machine/index.js';
import type { Realm } from './realm.js';
import { Monitor, type Process, ProcessState } from './process.js';
import { printValue } from '../lonala/index.js';
import { acrossRealms } from './sendable.js';
import { abandonLoads } from './loader/transaction.js';
import { releaseHeap } from './heap.js';
import { traceLines } from './trace-text.js';
import { faultFrames } from './fault-frames.js';
import type { System } from './system.js';

export const NORMAL = Keyword.of('normal');
export const KILL = Keyword.of('kill');
export const KILLED = Keyword.of('killed');
export const NOPROC = Keyword.of('noproc');
const EXIT = Keyword.of('EXIT');
const ERROR = Keyword.of('error');
const CRITICAL = Keyword.of('critical');
const REPORTS_PER_SECOND = 10;
const REPORT_LIMITS = { maxLength: 20, maxDepth: 6, maxString: 200 };
const DOWN = Keyword.of('DOWN');
const TRACE = Keyword.of('trace');
const RECEIVE = Keyword.of('receive');
const EMPTY_STACK: Value[] = [];

/** A mailbox going unread with its process: what senders were charged for its messages goes back. */
function dropMailbox(mailbox: Mailbox): void {
  for (let i = 0; i < mailbox.length; i++) {
    const m = mailbox.at(i);
    if (m instanceof Envelope) m.dropped();
  }
}

export class Signals {
  private readonly dying: [Process, Value][] = [];
  private reportSecond = -1;
  private reports = 0;
  private suppressed = 0;
  private draining = false;

  constructor(private readonly system: System) {}

  /** Sends `message` to `to` (dropped if it is gone). */
  deliver(to: Process, message: Value | Envelope): void {
    if (to.state === ProcessState.Exited) return;
    (to.mailbox ??= new Mailbox()).push(message);
    this.system.scheduler.wake(to);
    const tracer = to.extra?.tracer;
    if (tracer != null) this.trace(to, tracer, message);
  }

  /** Tells `tracer` that `p` received `message` (a dead tracer stops the trace). */
  private trace(p: Process, tracer: Process, message: Value | Envelope): void {
    if (tracer.state === ProcessState.Exited) {
      p.ensureExtra().tracer = null;
      return;
    }
    const seen = unwrap(message);
    (tracer.mailbox ??= new Mailbox()).push(new Tuple([TRACE, p.pid, RECEIVE, tracer.realm === p.realm ? seen : acrossRealms(seen)]));
    this.system.scheduler.wake(tracer);
  }

  /**
   * `p`'s top call returned: an evaluator parks and reports to its host, a
   * host's one-shot request reports and ends, any other process ends `:normal`.
   */
  completed(p: Process): void {
    const host = p.extra?.host ?? null;
    if (host === null) return this.exit(p, NORMAL);
    if (host.oneShot === true) {
      p.extra!.host = null;
      host.done({ kind: 'value', value: p.result });
      return this.exit(p, NORMAL);
    }
    p.state = ProcessState.Suspended;
    p.stack = EMPTY_STACK;
    host.done({ kind: 'value', value: p.result });
  }

  /**
   * `p`'s own code ended it with `reason` (a fault, its own `exit`, its
   * evaluation's reduction limit). A session's evaluator survives a fault of
   * the evaluation it runs: the evaluation's outcome is the reason, and the
   * evaluator parks for the next one with its pid, links, monitors and
   * mailbox, so a typo at the REPL does not take down the supervisors and
   * workers the session started (as Erlang's shell would). Any other
   * process exits with the reason.
   */
  faulted(p: Process, reason: Value): void {
    this.system.faults.record(p, reason, this.system.scheduler.now());
    const extra = p.extra;
    const host = extra?.host ?? null;
    if (extra === null || host === null || host.oneShot === true) return this.exit(p, reason);
    if (extra.loads !== null) abandonLoads(p);
    extra.faultFrames = faultFrames(p);
    extra.expanding = null;
    extra.expansions = null;
    p.state = ProcessState.Suspended;
    p.stack = EMPTY_STACK;
    p.ft = 0;
    releaseHeap(p);
    host.done({ kind: 'exit', reason });
  }

  /** An exit signal from `from` with `reason` reaches `target` (`kill`: sent by exit/2, untrappable). */
  signal(target: Process, from: Process, reason: Value, kill: boolean): void {
    if (target.state === ProcessState.Exited) return;
    if (kill && reason === KILL) return this.exit(target, KILLED);
    if (target.realm !== from.realm) reason = acrossRealms(reason);
    if (target.trapsExits) return this.deliver(target, new Tuple([EXIT, from.pid, reason]));
    if (reason === NORMAL && target !== from) return;
    this.exit(target, reason);
  }

  /** Ends `p` with `reason`, then everything that follows from it. */
  exit(p: Process, reason: Value): void {
    if (p.state === ProcessState.Exited) return;
    if (p === this.system.scheduler.running) {
      // It is on the processor (its own exit/2 or link came back to it):
      // the intrinsic ends it, or the scheduler does when it stops.
      p.ensureExtra().pendingExit ??= reason;
      return;
    }
    p.state = ProcessState.Exited;
    this.dying.push([p, reason]);
    if (this.draining) return;
    this.draining = true;
    // The messages this builds are not the running process's allocation.
    const limit = meter.limit;
    meter.limit = Infinity;
    try {
      for (let next = this.dying.pop(); next !== undefined; next = this.dying.pop()) this.cleanUp(next[0], next[1]);
    } finally {
      this.draining = false;
      meter.limit = limit;
    }
  }

  link(a: Process, b: Process): void {
    if (a === b) return;
    (a.ensureExtra().links ??= new Set()).add(b);
    (b.ensureExtra().links ??= new Set()).add(a);
  }

  unlink(a: Process, b: Process): void {
    a.extra?.links?.delete(b);
    b.extra?.links?.delete(a);
  }

  /** `watcher` monitors `target` (or learns at once that it is gone). */
  monitor(watcher: Process, target: Process | undefined, pid: Value): Ref {
    const ref = new Ref();
    if (target === undefined || target.state === ProcessState.Exited) {
      this.deliver(watcher, new Tuple([DOWN, ref, pid, NOPROC]));
      return ref;
    }
    const m = new Monitor(ref, watcher, target);
    (watcher.ensureExtra().monitors ??= new Map()).set(ref.id, m);
    (target.ensureExtra().monitoredBy ??= new Map()).set(ref.id, m);
    return ref;
  }

  demonitor(watcher: Process, ref: Ref): void {
    const m = watcher.extra?.monitors?.get(ref.id);
    if (m === undefined) return;
    watcher.extra!.monitors!.delete(ref.id);
    m.target.extra?.monitoredBy?.delete(ref.id);
  }

  /** Removes a `[:DOWN ref ...]` for `ref` from `p`'s mailbox (demonitor :flush). */
  flushDown(p: Process, ref: Ref): void {
    const mailbox = p.mailbox;
    if (mailbox === null) return;
    for (let i = 0; i < mailbox.length; i++) {
      const m = mailbox.at(i);
      if (m instanceof Tuple && m.items.length === 4 && m.items[0] === DOWN && m.items[1] === ref) {
        mailbox.removeAt(i);
        return;
      }
    }
  }

  private cleanUp(p: Process, reason: Value): void {
    const system = this.system;
    this.reportCrash(p, reason);
    system.forget(p);
    if (p.timerIndex >= 0) system.scheduler.cancelTimer(p);
    p.stack = EMPTY_STACK;
    if (p.mailbox !== null) dropMailbox(p.mailbox);
    p.mailbox = null;
    p.reason = reason;
    // Its memory goes back to its realm's quota.
    const heap = p.heap;
    if (heap !== null && heap.used + heap.stack > 0) p.realm.chargeMemory(-(heap.used + heap.stack));
    if (p.realm.underPressure) this.pressure(p.realm);
    const extra = p.extra;
    if (extra === null) return;
    if (extra.loads !== null) abandonLoads(p);
    if (extra.name !== null) system.unregister(extra.name, p.realm);
    if (extra.links !== null) {
      for (const q of extra.links) {
        q.extra?.links?.delete(p);
        this.signal(q, p, reason, false);
      }
      extra.links = null;
    }
    if (extra.monitoredBy !== null) {
      for (const m of extra.monitoredBy.values()) {
        m.watcher.extra?.monitors?.delete(m.ref.id);
        this.deliver(m.watcher, new Tuple([DOWN, m.ref, p.pid, m.watcher.realm === p.realm ? reason : acrossRealms(reason)]));
      }
      extra.monitoredBy = null;
    }
    if (extra.monitors !== null) {
      for (const m of extra.monitors.values()) m.target.extra?.monitoredBy?.delete(m.ref.id);
      extra.monitors = null;
    }
    const host = extra.host;
    if (host !== null) {
      extra.host = null;
      host.done({ kind: 'exit', reason });
    }
  }

  /**
   * A process that ends with a fault (`[:error ...]`) is reported on the
   * console, as Erlang's error logger does, so a crash nobody watches is not
   * silent; at most REPORTS_PER_SECOND, then a count of the ones left out.
   */
  /** Starts the realm's memory pressure handler (if any) with :critical. */
  private pressure(realm: Realm): void {
    realm.underPressure = false;
    const handler = realm.pressureHandler;
    if (handler === null) return;
    const q = this.system.spawnProcess(null, undefined, realm);
    startCall(q, handler, [CRITICAL]);
    this.system.scheduler.enqueue(q);
  }

  private reportCrash(p: Process, reason: Value): void {
    if (!(reason instanceof Tuple && reason.items[0] === ERROR) || p.extra?.host != null) return;
    const now = Math.floor(performance.now() / 1000);
    if (now !== this.reportSecond) {
      if (this.suppressed > 0) this.report(`** ${this.suppressed} more crash reports left out\n`);
      this.reportSecond = now;
      this.reports = 0;
      this.suppressed = 0;
    }
    if (++this.reports > REPORTS_PER_SECOND) {
      this.suppressed++;
      return;
    }
    this.report(`** process ${printValue(p.pid)} crashed: ${printValue(reason, REPORT_LIMITS)}\n${traceLines(reason).map((l) => `${l}\n`).join('')}`);
  }

  /** A report about the system itself on the console (crash reports, the host guard). */
  report(text: string): void {
    const console = this.system.console;
    if (console.report !== undefined) console.report(text);
    else console.write(text);
  }
}
