/**
 * The host's last line of defence (issue "Limits"): realms' quotas should
 * stop every memory bomb, but the host process must survive one that slips
 * past them, as Linux's OOM killer or BEAM's max_heap_size keep a machine
 * alive. Checked between dispatches and whenever a metered process's heap is
 * measured (reading V8's statistics costs a fraction of a microsecond):
 * when the host heap passes DANGER of its limit, a full collection runs
 * first (garbage is not a reason to kill); if it is still past, the process
 * keeping the most alive ends with `[:error :oom]` and the console says so.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Fault, type Thread } from '../machine/index.js';
import { printValue } from '../lonala/index.js';
import type { Process } from './process.js';
import type { System } from './system.js';
import { OOM, measureHeap } from './heap.js';

/** Share of the host heap's limit past which the guard acts. */
const DANGER = Number(process.env.LONA_HOST_DANGER) > 0 ? Number(process.env.LONA_HOST_DANGER) : 0.7;

let collect: (() => void) | null = null;

/** A full garbage collection, made available without --expose-gc. */
function collectGarbage(): void {
  if (collect === null) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

/** Heap in use past which the guard looks again: DANGER of the limit, or more when what is live there belongs to no process. */
let threshold = 0;

function pressing(): boolean {
  const s = getHeapStatistics();
  return s.used_heap_size > Math.max(threshold, s.heap_size_limit * DANGER);
}

let relieving = false;

/**
 * Ends processes, largest first, until the host heap is below DANGER again.
 * `running` is the process on the processor (with `nested`, a thread of it
 * running a load or a macro), if any: if it is the one to end, it ends by
 * the Fault this throws (it is inside its own allocation).
 */
export function guardHost(system: System, running: Process | null = null, nested: Thread | null = null): void {
  if (relieving || !pressing()) return;
  relieving = true;
  try {
    collectGarbage();
    let runningVictim: Process | null = null;
    while (pressing()) {
      const found = largest(system, runningVictim, running, nested);
      // A process holding little is not what fills the heap: ending it would punish the innocent.
      if (found === null || found[1] < getHeapStatistics().heap_size_limit / 50) break;
      const [victim, bytes] = found;
      system.signals.report(`** the host's memory is nearly full: ended ${printValue(victim.pid)} (realm ${printValue(victim.realm.name)}, about ${Math.round(bytes / 1e6)} MB live) with :oom\n`);
      if (victim === running) {
        runningVictim = victim;
        break;
      }
      system.signals.exit(victim, OOM);
      collectGarbage();
    }
    // Still past it with no process left to blame (definitions, the system's own data): look again only
    // once the heap has grown by a twentieth of its limit more, instead of collecting at every dispatch.
    const s = getHeapStatistics();
    threshold = runningVictim === null && s.used_heap_size > s.heap_size_limit * DANGER ? s.used_heap_size + s.heap_size_limit / 20 : 0;
    if (runningVictim !== null) throw new Fault('exit', null, OOM);
  } finally {
    relieving = false;
  }
}

/** The live process keeping the most bytes alive (measured now), other than `skip`, with its bytes. */
function largest(system: System, skip: Process | null, running: Process | null, nested: Thread | null): [Process, number] | null {
  let best: Process | null = null;
  let bestBytes = 0;
  for (const p of system.liveProcesses()) {
    if (p === skip) continue;
    const bytes = measureHeap(p, Infinity, p === running ? nested : null);
    if (p.heap !== null) {
      // The fresh measurement is what its realm is charged for it from now on (and given back when it ends).
      p.realm.chargeMemory(bytes - p.heap.used);
      p.heap.used = bytes;
    }
    if (bytes > bestBytes) {
      best = p;
      bestBytes = bytes;
    }
  }
  return best === null ? null : [best, bestBytes];
}
