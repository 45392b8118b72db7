/**
 * The recent faults of the machine's processes, for the debugger (issue
 * "The debugger": frames can be inspected): who faulted, why, when, and
 * its frames where it happened with their arguments and locals. Read off
 * the process's own frames at the moment it faults, before its stack goes.
 * Bounded: the last FAULTS kept, frames as backtrace.ts bounds them, and
 * every argument and local kept as its printed text, cut like an inspector
 * reply, so the log holds on to no process's data (a fault's data may be
 * what ran it out of memory).
 */
import { Keyword, PMap, RealmId, Tuple, Vector, traceOf, type Value } from '../machine/index.js';
import { printValue } from '../lonala/index.js';
import type { Process } from './process.js';

/** Faults kept. */
const FAULTS = 16;
const SHOWN = { maxLength: 10, maxDepth: 4, maxString: 200 };
const ERROR = Keyword.of('error');
const K = (name: string) => Keyword.of(name);

export class FaultLog {
  /** Newest last, each with the id of the realm it faulted in. */
  private readonly faults: { realm: number; fault: PMap }[] = [];

  /** `p` faulted with `reason` (a fault: `[:error ...]`; other exits are not logged); its frames are still in its thread. */
  record(p: Process, reason: Value, at: number): void {
    if (!(reason instanceof Tuple) || reason.items[0] !== ERROR || p.fn === null) return;
    const { frames, elided } = traceOf(p.fn, p.pc, p.fp, p.stack, p.frames, p.ft, { locals: true, show: (v) => printValue(v, SHOWN) }, true);
    this.faults.push({ realm: p.pid.realm, fault: PMap.fromFlat([
      K('pid'), p.pid, K('name'), p.extra?.name ?? null, K('realm'), new RealmId(p.pid.realm),
      K('reason'), reason, K('at'), Math.round(at), K('frames'), Vector.from(frames), K('elided'), elided,
    ]) });
    if (this.faults.length > FAULTS) this.faults.shift();
  }

  /** The faults kept of the realms `sees` accepts, newest first. */
  recent(sees: (realm: number) => boolean): Vector {
    return Vector.from(this.faults.filter((f) => sees(f.realm)).map((f) => f.fault).reverse());
  }
}
