/**
 * Loading a file as one namespace transaction (ARCHITECTURE.md "Live
 * editing"): the whole file is read first (a reader error changes
 * nothing), then its forms run one by one as work of the loading process
 * (preempted, metered and killable like any of its work); every var they
 * set is journaled, and on any compile or load error, or if the process
 * ends first, the journal is rolled back and the system is as it was.
 * On success the report says which vars were added and changed, and which
 * the file no longer defines (kept, unless the load asks for :reload-all).
 */
import { readFileSync, statSync } from 'node:fs';
import {
  type Binding, CallRequest, DefJournal, Fault, Fn, Opaque, RunStatus, Sym, Thread, UNBOUND, current, run, startCall, type Value, type Var,
} from '../../machine/index.js';
import { compileTopLevel, readAll, readForms, SourceError, type FormReader, type ReadForm } from '../../lonala/index.js';
import type { Process } from '../process.js';
import { caller, callerNs } from '../intrinsics/context.js';
import { compileEnv, resolveForQuote, type FormOrigin } from '../compile-env.js';
import { compiledOrExpanding } from '../macro-expansion.js';
import { mayDefine } from '../namespace-view.js';

/** Reductions a top-level form of a standard-library file loaded at boot may take (before load-forms* exists, loads run synchronously). */
const LOAD_REDUCTIONS = 200_000_000;

export interface LoadReport {
  file: string;
  /** The namespace the file left current (its `ns` form's). */
  ns: string;
  added: string[];
  changed: string[];
  /** Vars an earlier load of the file defined that it no longer does (removed with :reload-all). */
  kept: string[];
  removed: string[];
  ms: number;
}

/** Reads a file for a load; `:file-not-found` when there is none. */
export function readSourceFile(path: string): string {
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    return readFileSync(path, 'utf8');
  } catch {
    throw new Fault('file-not-found', { path });
  }
}

/**
 * A load in progress in a process: a file's forms, run one by one as one
 * transaction. Loads nest (a require inside a loaded file): each process
 * keeps a stack of them, and its definitions are journaled in the
 * innermost (def-journal.ts asks this file).
 */
export class Load {
  readonly journal = new DefJournal();
  readonly handle = new Opaque('load', '', this);
  /** Where the form running now starts (a failure's position). */
  readonly at = { line: 0, column: 0 };
  value: Value = null;
  report: LoadReport | null = null;
  private readonly started = performance.now();
  private readonly forms: FormReader;
  /** The form whose compile waits for a slow macro's expansion. */
  private retrying: ReadForm | null = null;
  /** The process's *ns* and bindings before the load: restored when it fails, and when it ends for a require. */
  private readonly bindings: Binding | null;

  constructor(readonly process: Process, private readonly thread: Thread, private readonly text: string, readonly file: string,
    private readonly opts: { reloadAll?: boolean; keepNs?: boolean; require?: boolean; createdNs?: string | null } = {}) {
    const pre = readAll(text, { file });
    if (pre.error !== null) throw new Fault(pre.error.kind, { message: pre.error.message, file, line: pre.error.line, column: pre.error.column });
    this.forms = readForms(text, { ...readOptions(), file });
    this.bindings = thread.bindings;
    (process.ensureExtra().loads ??= []).push(this);
  }

  /**
   * The next form compiled in the process's current namespace, or null at
   * the end of the file. With `defer`, a slow macro in it makes this a call
   * that expands the macro as the process's work, then asks again for the
   * same form (macro-expansion.ts).
   */
  next(defer?: false): Fn | null;
  next(defer: true): Fn | null | CallRequest;
  next(defer = false): Fn | null | CallRequest {
    const f = this.retrying ?? this.forms.next();
    this.retrying = null;
    if (f === null) return null;
    if (f instanceof SourceError) throw new Fault(f.kind, { message: f.message, file: this.file, line: f.line, column: f.column });
    this.at.line = f.line;
    this.at.column = f.column;
    const origin = { source: this.text.slice(f.start, f.end), file: this.file, line: f.line, column: f.column, defer };
    if (!defer) return compileOrFault(f.form, origin);
    const compiled = compiledOrExpanding(this.process, 'load-next*', [this.handle], () => compileOrFault(f.form, origin));
    if (compiled instanceof CallRequest) this.retrying = f;
    return compiled;
  }

  /** Every form ran: the definitions stay, the report says which (the outer load, if any, can still undo them). */
  end(): Value {
    const loads = this.process.extra?.loads;
    if (loads?.[loads.length - 1] !== this) throw new Fault('badarg', { fn: Sym.of('load-end*', 'lona.core'), message: 'not the load in progress' });
    loads.pop();
    this.report = commit(this.journal, this.file, this.opts.reloadAll === true);
    this.report.ms = performance.now() - this.started;
    loads[loads.length - 1]?.journal.adopt(this.journal);
    if (this.opts.keepNs === true || this.opts.require === true) this.thread.bindings = this.bindings;
    return this.opts.require === true ? null : this.value;
  }

  /** The load failed (its process is ending, or its host gave up): nothing it set stays set. */
  undo(): void {
    this.journal.rollback();
    this.thread.bindings = this.bindings;
    // As Clojure's load-lib: a namespace the failed require created goes, so requiring the fixed file loads it.
    if (this.opts.createdNs != null) this.process.system.namespaces.byName.delete(this.opts.createdNs);
  }
}

/** A process is ending: every load it had in progress is undone, innermost first. */
export function abandonLoads(p: Process): void {
  const loads = p.extra?.loads;
  if (loads == null) return;
  p.extra!.loads = null;
  for (let l = loads.pop(); l !== undefined; l = loads.pop()) l.undo();
}

/** The journal of the load the running code is in, if any (the system answers def-journal.ts with it). */
export function currentLoadJournal(): DefJournal | null {
  const loads = (current.thread?.context as Process | null | undefined)?.extra?.loads;
  return loads == null || loads.length === 0 ? null : loads[loads.length - 1].journal;
}

/**
 * Runs a load in the calling process: as Lonala code of the process
 * (load-forms*: preemptible, metered, killable, its cpu budget applies),
 * or, before the standard library defines load-forms* (at boot),
 * synchronously.
 */
export function runLoad(load: Load): Value | CallRequest {
  const driver = load.process.system.core.lookup('load-forms*');
  if (driver !== undefined && driver.bound) return new CallRequest(driver.root as Value, [load.handle]);
  try {
    for (let f = load.next(); f !== null; f = load.next()) load.value = runNested(f);
    return load.end();
  } catch (e) {
    load.process.extra?.loads?.pop();
    load.undo();
    throw e;
  }
}

/** The load a handle stands for, if it is the caller's load in progress. */
export function loadOf(fnName: string, x: Value): Load {
  const load = x instanceof Opaque && x.payload instanceof Load ? x.payload : undefined;
  const loads = caller().extra?.loads;
  if (load === undefined || loads?.[loads.length - 1] !== load) throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), message: 'not the load in progress' });
  return load;
}

/** Which vars the load added and changed; what the file used to define and no longer does. */
function commit(journal: DefJournal, file: string, reloadAll: boolean): LoadReport {
  const system = caller().system;
  const added: string[] = [], changed: string[] = [];
  const now = new Set<Var>();
  for (const [v, before] of journal.entries()) {
    now.add(v);
    if (before === UNBOUND) added.push(v.qualifiedName);
    else if (before !== v.root) {
      changed.push(v.qualifiedName);
      // Processes may still run the old code: the inspector can list them (superseded code).
      if (before instanceof Fn) system.superseded.set(before.code, v.qualifiedName);
    }
  }
  // What a file defined is remembered per realm: one realm's load never removes another's definitions.
  const realm = caller().realm;
  const key = `${realm.id} ${file}`;
  const previous = system.definedBy.get(key) ?? new Set<Var>();
  const kept: string[] = [], removed: string[] = [];
  for (const v of previous) {
    if (now.has(v) || !v.bound) continue;
    if (reloadAll && mayDefine(realm, v.ns)) {
      v.root = UNBOUND;
      v.ns.mappings.delete(v.name);
      removed.push(v.qualifiedName);
    } else {
      kept.push(v.qualifiedName);
      now.add(v);
    }
  }
  system.definedBy.set(key, now);
  return { file, ns: callerNs().name, added, changed, kept, removed, ms: 0 };
}

const NO_ORIGIN: FormOrigin = { source: null, file: null, line: 0, column: 0 };

export function compileOrFault(form: Value, origin: FormOrigin = NO_ORIGIN): Fn {
  const compiled = compileTopLevel(form, compileEnv(caller(), callerNs(), origin));
  if (compiled.error !== undefined) throw compileFault(compiled.error);
  return new Fn(compiled.code, []);
}

export function compileFault(e: SourceError): Fault {
  const fields: Record<string, Value> = { message: e.message };
  if (e.reason !== null) fields.reason = e.reason;
  // A form built by code (eval of a constructed list) has no position: say nothing rather than line 0.
  if (e.line !== 0 || e.file !== null) Object.assign(fields, { line: e.line, column: e.column, file: e.file });
  return new Fault(e.kind, fields);
}

/** Reader options qualifying syntax-quoted symbols in the caller's namespace at the time each form is read. */
export function readOptions() {
  return { resolveSymbol: (s: Sym) => resolveForQuote(callerNs(), s), nextGensymId: () => caller().system.gensymId() };
}

/**
 * Runs a compiled form to completion in a fresh thread of the calling
 * process, sharing its *ns* binding (so in-ns in a loaded file sticks),
 * without letting any other process run. A fault ends the load with the
 * same reason.
 */
function runNested(fn: Fn): Value {
  const outer = current.thread!;
  const thread = new Thread(outer.stackLimit);
  thread.context = outer.context;
  thread.bindings = outer.bindings;
  startCall(thread, fn, []);
  for (;;) {
    const status = run(thread, 100_000);
    outer.bindings = thread.bindings;
    if (status === RunStatus.Completed) return thread.result;
    if (status === RunStatus.Exited) throw new Fault('exit', null, thread.reason);
    if (status === RunStatus.Waiting) {
      throw new Fault('badarg', { fn: Sym.of('load-file'), message: 'a loaded file cannot wait in receive at its top level; spawn a process for that' });
    }
    if (thread.reductions > LOAD_REDUCTIONS) {
      throw new Fault('reduction-limit', { limit: LOAD_REDUCTIONS, message: 'a top-level form of the file ran away' });
    }
  }
}
