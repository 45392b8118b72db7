/**
 * `process-info` (LONALA.md 8, 10): what the OS knows about one process, as
 * a map. Read by programs, the inspector and the REPL alike.
 */
import { Fn, Keyword, framesRead, PMap, PSet, RealmId, Vector, traceOf, unwrap, type Value } from '../machine/index.js';
import { type Process, ProcessState } from './process.js';
import { heapSize } from './heap.js';

const STATUS = ['runnable', 'running', 'waiting', 'suspended', 'exited'].map((s) => Keyword.of(s));
/** Most messages `:messages` shows, and most frames `:stack` shows (innermost first). */
const PEEK_MESSAGES = 20;
const PEEK_FRAMES = 50;

export function statusOf(p: Process): Keyword {
  if (p.extra?.suspended === true && p.state !== ProcessState.Exited) return STATUS[ProcessState.Suspended];
  return isParkedEvaluator(p) ? STATUS[ProcessState.Waiting] : STATUS[p.state];
}

/** An evaluator between requests, parked by its host (a REPL, the loader): it waits for the next one. */
export function isParkedEvaluator(p: Process): boolean {
  return p.state === ProcessState.Suspended && p.extra?.suspended !== true;
}

/** The innermost function the process runs (the entry trampoline is not one). */
export function currentFn(p: Process): Value {
  if (p.fn !== null && p.fn.code.name !== '<entry>') return p.fn;
  for (let i = p.ft - 1; i > 0; i -= 4) {
    const f = p.frames[i];
    if (f instanceof Fn && f.code.name !== '<entry>') return f;
  }
  return null;
}

/** The functions on the process's stack, innermost first (bounded). */
export function stackOf(p: Process): Vector {
  const fns: Value[] = [];
  if (p.fn !== null && p.fn.code.name !== '<entry>') fns.push(p.fn);
  for (let i = p.ft - 1; i > 0 && fns.length < PEEK_FRAMES; i -= 4) {
    const f = p.frames[i];
    if (f instanceof Fn && f.code.name !== '<entry>') fns.push(f);
  }
  return Vector.from(fns);
}

/**
 * The process's frames with their positions and arguments, innermost
 * first, as a fault's :trace has them (machine/backtrace.ts): where it
 * waits or was preempted. The running process (the caller) has no saved
 * frames to read: its own is empty.
 */
export function backtraceOf(p: Process): Vector {
  const running = p === p.system.scheduler.running;
  if (p.state === ProcessState.Exited || running || isParkedEvaluator(p) || p.fn === null) return Vector.EMPTY;
  framesRead(p);
  return Vector.from(traceOf(p.fn, p.pc, p.fp, p.stack, p.frames, p.ft).frames);
}

/** The first messages waiting in the mailbox (bounded; send-sync envelopes shown as their message). */
function messagesOf(p: Process): Vector {
  return Vector.from((p.mailbox?.peek(PEEK_MESSAGES) ?? []).map(unwrap));
}

export function processInfo(p: Process): PMap {
  const extra = p.extra;
  const heap = heapSize(p);
  const monitors = extra?.monitors ? [...extra.monitors.values()].map((m) => m.target.pid) : [];
  const monitoredBy = extra?.monitoredBy ? [...extra.monitoredBy.values()].map((m) => m.watcher.pid) : [];
  const entries: [string, Value][] = [
    ['pid', p.pid],
    ['status', statusOf(p)],
    ['name', extra?.name ?? null],
    ['realm', new RealmId(p.pid.realm)],
    ['priority', p.priority],
    ['reductions', p.reductions],
    ['mailbox-len', p.mailbox === null ? 0 : p.mailbox.length],
    ['heap-size', Math.max(heap, p.heap?.min ?? 0)],
    ['heap-used', heap],
    ['min-heap-size', p.heap?.min ?? 0],
    ['max-heap-size', p.heap !== null && p.heap.option > 0 ? p.heap.option : null],
    ['stack-size', p.state === ProcessState.Exited ? 0 : p.sp + p.ft],
    ['links', PSet.from(extra?.links ? [...extra.links].map((q) => q.pid) : [])],
    ['monitors', Vector.from(monitors)],
    ['monitored-by', Vector.from(monitoredBy)],
    ['trap-exit', p.trapsExits],
    ['current-fn', currentFn(p)],
    ['stack', stackOf(p)],
    ['backtrace', backtraceOf(p)],
    ['fault-frames', extra?.faultFrames ?? null],
    ['messages', messagesOf(p)],
  ];
  return PMap.fromFlat(entries.flatMap(([k, v]) => [Keyword.of(k), v]));
}
