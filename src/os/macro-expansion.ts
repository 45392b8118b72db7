/**
 * Macro expansion as work of the compiling process.
 *
 * The compiler expands a macro call when it meets one and cannot be
 * preempted, so a macro runs inside it only for a short budget (ordinary
 * macros take hundreds of reductions). One that needs longer throws
 * SlowMacro out of the compile, and the intrinsic that was compiling (eval,
 * load-next*, macroexpand-1) hands its process a call of `expand-then*`
 * instead: the macro runs as ordinary work of the process (preempted,
 * metered, killable, its realm's budgets apply, a fault in it is the
 * process's exit reason with the macro call's position), its expansion is
 * remembered for that call form, and the intrinsic runs again, this time
 * finding the expansion. While a compile is retried every expansion it made
 * is remembered, so each macro runs once per call form (the slow one's cut
 * short first run aside).
 */
import {
  Binding, CallRequest, Fault, List, Keyword, PMap, Sym, RunStatus, Thread, Tuple, current, reasonKind, run, startCall,
  type Namespace, type Value, type Var,
} from '../machine/index.js';
import { OOM } from './heap.js';
import { SourceError, positionOf, printValue, holdsLazy } from '../lonala/index.js';
import type { Process } from './process.js';
import { guardHost } from './host-guard.js';

/** Where a compiled form came from (positions in errors). */
export interface FormOrigin {
  readonly source: string | null;
  readonly file: string | null;
  readonly line: number;
  readonly column: number;
  /** A macro past QUICK_REDUCTIONS throws SlowMacro (false: it runs to its limit here, as at boot). */
  readonly defer?: boolean;
}

/** Reductions a macro runs inside the compiler before it continues as the process's own work (about one slice of a process: ordinary macros take hundreds). */
const QUICK_REDUCTIONS = 20_000;
/**
 * Reductions all the macros of one compile run inside the compiler
 * together: past it, each further macro call is deferred at once, so a
 * form of many quick macros cannot hold the machine either.
 */
const QUICK_PER_COMPILE = 100_000;
/** What is left of QUICK_PER_COMPILE in the compile running now (compiles run one at a time on the host; a nested one shares it). */
let quickLeft = QUICK_PER_COMPILE;

/**
 * Starts a compile's allowance of quick macro work (a compile that may
 * defer: compiledOrExpanding, a session's). A compile nested in a quick
 * macro's run (eval inside a macro) shares its outer compile's.
 */
export function startCompile(): void {
  const thread = current.thread;
  if (thread === null || thread === thread.context) quickLeft = QUICK_PER_COMPILE;
}
/**
 * Reductions a macro may take where its expansion cannot be deferred (at
 * boot, before expand-then* exists): this bounds how long one runaway macro
 * holds the machine there.
 */
const MACRO_LIMIT = 5_000_000;
const MACRO_FLOOR = 1_000_000;
const SLICE = 20_000;
const DRIVER = 'expand-then*';

/** Thrown out of a compile: this macro call needs longer than the compiler may run it. */
export class SlowMacro {
  constructor(readonly macro: Var, readonly form: List, readonly origin: FormOrigin) {}
}

/** A remembered expansion: valid while the macro's var holds the same function. */
export interface Expansion {
  readonly fn: Value;
  readonly value: Value;
}

/** What a process is expanding as its own work, innermost first (for its exit reason). */
export interface Expanding {
  readonly context: Value;
  readonly outer: Expanding | null;
}

/** Runs the macro `v` on the unevaluated forms of the call `form`, compiling in `ns`. */
export function expandMacro(process: Process, ns: Namespace, v: Var, form: List, origin: FormOrigin): Value {
  const remembered = process.extra?.expansions?.get(form);
  if (remembered !== undefined && remembered.fn === v.root) return remembered.value;
  const defer = origin.defer === true && process.system.core.lookup(DRIVER)?.bound === true;
  // A macro's own compiles (eval inside it) push expansion contexts on the process: none may outlive this run.
  const expanding = process.extra?.expanding ?? null;
  const thread = new Thread();
  thread.context = process;
  thread.bindings = new Binding(process.system.nsVar, ns, null);
  startCall(thread, v.root as Value, form.tail.toArray());
  // The evaluation's limit applies, but never below what ordinary macros need.
  const limit = defer ? Math.max(0, Math.min(QUICK_REDUCTIONS, quickLeft)) : Math.min(MACRO_LIMIT, Math.max(process.reductionLimit ?? MACRO_LIMIT, MACRO_FLOOR));
  try {
    let value = runExpansion(process, thread, v, form, origin, limit, defer);
    if (value !== SLOW && holdsLazy(value)) {
      // Code built with lazy seqs (map, concat of a lazy seq...) becomes lists, realized as this expansion's own work.
      startCall(thread, process.system.intrinsic('form-lists*') as Value, [value]);
      value = runExpansion(process, thread, v, form, origin, limit, defer);
    }
    if (value === SLOW) throw new SlowMacro(v, form, origin);
    if (defer) remember(process, form, v.root as Value, value);
    return value;
  } finally {
    if (defer) quickLeft -= thread.reductions;
    if (process.extra !== null) process.extra.expanding = expanding;
    // The expansion was the process's work: its reductions count (process-info, cpu budgets, limits).
    process.reductions += thread.reductions;
  }
}

const SLOW = Symbol('slow');

/** Runs the expansion up to `limit` reductions; past it, SLOW if it may be deferred, else a :reduction-limit compile error. */
function runExpansion(process: Process, thread: Thread, v: Var, form: List, origin: FormOrigin, limit: number, defer: boolean): Value | typeof SLOW {
  const at = positionOf(form, origin);
  while (thread.reductions < limit) {
    const status = run(thread, Math.min(SLICE, limit - thread.reductions));
    // A macro building something huge ends before the host runs out of memory (as a compile error: the compiler may run outside the process).
    try {
      guardHost(process.system, process, thread);
    } catch (e) {
      if (!(e instanceof Fault)) throw e;
      throw new SourceError('compile', 'oom', `macro ${v.qualifiedName} ran out of memory`, at.line, at.column, origin.file, OOM);
    }
    if (status === RunStatus.Completed) return thread.result;
    if (status === RunStatus.Waiting) {
      throw new SourceError('compile', 'badarg', `macro ${v.qualifiedName} waited in receive (a macro cannot wait for messages)`, at.line, at.column, origin.file);
    }
    if (status === RunStatus.Exited) {
      throw new SourceError('compile', reasonKind(thread.reason) ?? 'macro-error', `macro ${v.qualifiedName} failed: ${printValue(thread.reason)}`, at.line, at.column, origin.file, thread.reason);
    }
  }
  if (defer) return SLOW;
  throw new SourceError('compile', 'reduction-limit', `macro ${v.qualifiedName} ran away (over ${limit} reductions)`, at.line, at.column, origin.file);
}

function remember(process: Process, form: List, fn: Value, value: Value): void {
  (process.ensureExtra().expansions ??= new WeakMap()).set(form, { fn, value });
}

/**
 * Runs `compile` (a compile in the calling process); if a macro in it is
 * slow, the process instead calls expand-then*, which runs the macro and
 * then calls `retry` on `retryArgs` (the intrinsic again).
 */
export function compiledOrExpanding<T>(process: Process, retry: string, retryArgs: Value[], compile: () => T): T | CallRequest {
  startCompile();
  try {
    const result = compile();
    forgetExpansions(process);
    return result;
  } catch (e) {
    if (!(e instanceof SlowMacro)) {
      forgetExpansions(process);
      throw e;
    }
    const system = process.system;
    const at = positionOf(e.form, e.origin);
    const where: Value[] = [Keyword.of('macro'), Sym.of(e.macro.name, e.macro.ns.name), Keyword.of('line'), at.line, Keyword.of('column'), at.column];
    if (e.origin.file !== null) where.push(Keyword.of('file'), e.origin.file);
    const context = PMap.fromFlat(where);
    process.ensureExtra().expanding = { context, outer: process.extra?.expanding ?? null };
    const driver = system.core.lookup(DRIVER)!.root as Value;
    return new CallRequest(driver, [e.macro.root as Value, List.from(e.form.tail.toArray()), e.form, system.intrinsic(retry)!, List.from(retryArgs)]);
  }
}

/** expand-then*'s record of an expansion it ran: the retried compile finds it. */
export function expansionDone(process: Process, form: List, fn: Value, value: Value): void {
  remember(process, form, fn, value);
  const expanding = process.extra?.expanding;
  if (expanding != null) process.extra!.expanding = expanding.outer;
}

/** A compile ended (not waiting for an expansion): what it remembered goes. */
export function forgetExpansions(process: Process): void {
  if (process.extra !== null && process.extra.expansions !== null && process.extra.expanding === null) process.extra.expansions = null;
}

/** A fault of the process's own, with the macro call it was expanding (if any) as :expanding. */
export function withExpansionContext(process: Process, reason: Value): Value {
  const expanding = process.extra?.expanding;
  if (expanding == null || !(reason instanceof Tuple) || reason.size !== 3 || !(reason.items[2] instanceof PMap)) return reason;
  return new Tuple([reason.items[0], reason.items[1], reason.items[2].assoc(Keyword.of('expanding'), expanding.context)]);
}
