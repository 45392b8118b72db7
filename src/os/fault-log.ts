/**
 * The recent faults of the machine's processes, for the debugger (issue
 * "The debugger"): who faulted, with which kind of error, when, and the
 * frames where it happened (the positions its exit reason's trace holds:
 * machine/backtrace.ts). Recording costs nothing beyond what the fault
 * already built, and the log holds on to no process's data: no reason
 * values, arguments or locals (a fault's data may be what ran it out of
 * memory, and nobody pays for what the log keeps). A live process's
 * arguments are in its backtrace (process-info :backtrace).
 */
import { Keyword, PMap, RealmId, Tuple, Vector, type Value } from '../machine/index.js';
import type { Process } from './process.js';
import { traceFrames } from './trace-text.js';

/** Faults kept. */
const FAULTS = 16;
const ERROR = Keyword.of('error');
const K = (name: string) => Keyword.of(name);

export class FaultLog {
  /** Newest last, each with the id of the realm it faulted in. */
  private readonly faults: { realm: number; fault: PMap }[] = [];

  /** `p` faulted with `reason` (a fault: `[:error kind ...]`; other exits are not logged). */
  record(p: Process, reason: Value, at: number): void {
    if (!(reason instanceof Tuple) || reason.items[0] !== ERROR) return;
    const kind = reason.items[1] instanceof Keyword ? reason.items[1] : null;
    const { frames, elided } = traceFrames(reason);
    this.faults.push({ realm: p.pid.realm, fault: PMap.fromFlat([
      K('pid'), p.pid, K('name'), p.extra?.name ?? null, K('realm'), new RealmId(p.pid.realm),
      K('kind'), kind, K('at'), Math.round(at), K('frames'), Vector.from(frames), K('elided'), elided,
    ]) });
    if (this.faults.length > FAULTS) this.faults.shift();
  }

  /** The faults kept of the realms `sees` accepts, newest first. */
  recent(sees: (realm: number) => boolean): Vector {
    return Vector.from(this.faults.filter((f) => sees(f.realm)).map((f) => f.fault).reverse());
  }
}
