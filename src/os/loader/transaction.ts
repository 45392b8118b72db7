/**
 * Loading a file as one namespace transaction (ARCHITECTURE.md "Live
 * editing"): the whole file is read first (a reader error changes
 * nothing), then its forms run one by one, synchronously in the calling
 * process, so no other process runs in between and none sees half a file;
 * every var they set is journaled, and on any compile or load error the
 * journal is rolled back and the system is exactly as it was. On success
 * the report says which vars were added and changed, and which the file
 * no longer defines (kept, unless the load asks for :reload-all).
 */
import { readFileSync, statSync } from 'node:fs';
import {
  DefJournal, Fault, Fn, RunStatus, Sym, Thread, UNBOUND, current, defJournal, run, startCall, type Value, type Var,
} from '../../machine/index.js';
import { compileTopLevel, readAll, readForms, ReaderError, type CompileError } from '../../lonala/index.js';
import { caller, callerNs } from '../intrinsics/context.js';
import { compileEnv, resolveForQuote } from '../compile-env.js';
import { mayDefine } from '../namespace-view.js';

/** Reductions the top level of one load may take (a runaway form fails the load instead of hanging the machine). */
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
 * Loads `text` (read from `file`) in the calling process as one
 * transaction; returns the last form's value and the report. A failure
 * throws the Fault, having undone everything the load set; `at` is left at
 * the form that was running.
 */
export function loadSource(text: string, file: string, reloadAll = false, at: { line: number; column: number } = { line: 0, column: 0 }): { value: Value; report: LoadReport } {
  const started = performance.now();
  const pre = readAll(text, { file });
  if (pre.error !== null) throw new Fault(pre.error.kind, { message: pre.error.message, file, line: pre.error.line, column: pre.error.column });
  // A load of its own journal: a nested load (a require inside a file) reports and remembers its own
  // definitions, and hands them to the outer load, which undoes them too if it fails.
  const outer = defJournal.current;
  const journal = new DefJournal();
  defJournal.current = journal;
  let value: Value = null;
  try {
    const reader = readForms(text, { ...readOptions(), file });
    for (let f = reader.next(); f !== null; f = reader.next()) {
      if (f instanceof ReaderError) throw new Fault(f.kind, { message: f.message, file, line: f.line, column: f.column });
      at.line = f.line;
      at.column = f.column;
      value = runNested(compileOrFault(f.form, text.slice(f.start, f.end), file, f.line, f.column));
    }
  } catch (e) {
    journal.rollback();
    throw e;
  } finally {
    defJournal.current = outer;
  }
  const report = commit(journal, file, reloadAll);
  outer?.adopt(journal);
  report.ms = performance.now() - started;
  return { value, report };
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

export function compileOrFault(form: Value, source: string | null = null, file: string | null = null, line = 0, column = 0): Fn {
  const compiled = compileTopLevel(form, compileEnv(caller(), callerNs(), { source, file, line, column }));
  if (compiled.error !== undefined) throw compileFault(compiled.error);
  return new Fn(compiled.code, []);
}

export function compileFault(e: CompileError): Fault {
  if (e.reason !== null) return new Fault(e.kind, { message: e.message, reason: e.reason });
  return new Fault(e.kind, { message: e.message, line: e.line, column: e.column, file: e.file });
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
