/**
 * Evaluation intrinsics: eval, read-string, macroexpand, gensym, load-file
 * (LONALA.md section 5). They compile in the caller's namespace and hand
 * the compiled code back to the processor as a CallRequest.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STD_DIR } from '../std-dir.js';
import {
  CallRequest, Fault, Fn, List, RunStatus, Sym, Thread, current, run, startCall, type Value,
} from '../../machine/index.js';
import {
  intrinsic, type Intrinsic, readOne, readForms, ReaderError, compileTopLevel, CompileError, typeError,
} from '../../lonala/index.js';
import { caller, callerFindNs, callerNs } from './context.js';
import { deviceCap } from '../cspace.js';
import { pathIn } from '../devices.js';
import { compileEnv, expandMacro, resolveForQuote } from '../compile-env.js';

function compileOrFault(form: Value, source: string | null = null, file: string | null = null, line = 0, column = 0): Fn {
  const compiled = compileTopLevel(form, compileEnv(caller(), callerNs(), { source, file, line, column }));
  if (compiled.error !== undefined) throw compileFault(compiled.error);
  return new Fn(compiled.code, []);
}

function compileFault(e: CompileError): Fault {
  if (e.reason !== null) return new Fault(e.kind, { message: e.message, reason: e.reason });
  return new Fault(e.kind, { message: e.message, line: e.line, column: e.column, file: e.file });
}

/** Reader options qualifying syntax-quoted symbols in the caller's namespace at the time each form is read. */
function readOptions() {
  return { resolveSymbol: (s: Sym) => resolveForQuote(callerNs(), s), nextGensymId: () => caller().system.gensymId() };
}

/** One macro expansion step of `form`, or `form` itself. */
function expandOnce(form: Value): Value {
  if (!(form instanceof List) || !(form.head instanceof Sym)) return form;
  const ns = callerNs();
  const head = form.head;
  const v = head.ns === null ? ns.lookup(head.name) : (ns.alias(head.ns) ?? callerFindNs(head.ns))?.lookup(head.name);
  if (v === undefined || !v.macro) return form;
  try {
    return expandMacro(caller(), ns, v, form, { source: null, file: null, line: 0, column: 0 });
  } catch (e) {
    if (e instanceof CompileError) throw compileFault(e);
    throw e;
  }
}

export const langIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'eval', arglists: '([form])', min: 1, max: 1, cost: 10,
    doc: 'Evaluates a form in the current namespace.',
    impl: (form) => new CallRequest(compileOrFault(form), []),
  }),
  intrinsic({
    name: 'read-string', arglists: '([s])', min: 1, max: 1,
    doc: 'Reads one form from a string; reader errors fault with their kind.',
    impl: (s) => {
      if (typeof s !== 'string') typeError('read-string', 'string', s);
      const r = readOne(s, readOptions());
      if ('error' in r) throw new Fault(r.error.kind, { message: r.error.message, line: r.error.line, column: r.error.column });
      if ('eof' in r) throw new Fault('unexpected-eof', { message: 'no form in string' });
      return r.form;
    },
  }),
  intrinsic({
    name: 'macroexpand-1', arglists: '([form])', min: 1, max: 1,
    doc: 'Expands the macro call `form` once; other forms are returned as they are.',
    impl: (form) => expandOnce(form),
  }),
  intrinsic({
    name: 'macroexpand', arglists: '([form])', min: 1, max: 1,
    doc: 'Expands `form` until its head is no longer a macro.',
    impl: (form) => {
      for (;;) {
        const next = expandOnce(form);
        if (next === form) return form;
        form = next;
      }
    },
  }),
  intrinsic({
    name: 'gensym', arglists: '([] [prefix])', min: 0, max: 1,
    doc: 'A fresh, unique symbol, named prefix__N (default prefix G).',
    impl: (prefix = 'G') => Sym.of(`${typeof prefix === 'string' ? prefix : prefix instanceof Sym ? prefix.name : 'G'}__${caller().system.gensymId()}`),
  }),
  intrinsic({
    name: 'load-file', arglists: '([path])', min: 1, max: 1, cost: 100,
    doc: 'Reads and evaluates every form of a file, returning the last value.',
    impl: (path) => {
      if (typeof path !== 'string') typeError('load-file', 'string', path);
      return loadFile(pathIn(deviceCap(caller().realm.cspace, 'load-file', 'fs', 'read'), 'load-file', path));
    },
  }),
  intrinsic({
    name: 'load-std', arglists: '([path])', min: 1, max: 1, cost: 100,
    doc: 'Loads a file of the standard library (std/lona/path) into the current namespace; a file with an ns form of its own leaves the current namespace as it was.',
    impl: (path) => {
      if (typeof path !== 'string') return typeError('load-std', 'string', path);
      const thread = current.thread!;
      const bindings = thread.bindings;
      const value = loadFile(join(STD_DIR, 'lona', path));
      thread.bindings = bindings;
      return value;
    },
  }),
];

/** Reads and evaluates a file's forms one by one; returns the last value. */
function loadFile(path: string): Value {
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Fault('file-not-found', { path });
  }
  const reader = readForms(text, { ...readOptions(), file: path });
  let last: Value = null;
  for (let f = reader.next(); f !== null; f = reader.next()) {
    if (f instanceof ReaderError) throw new Fault(f.kind, { message: f.message, file: path, line: f.line, column: f.column });
    last = runNested(compileOrFault(f.form, text.slice(f.start, f.end), path, f.line, f.column));
  }
  return last;
}

/**
 * Runs a compiled form to completion in a fresh thread of the calling
 * process, sharing its *ns* binding (so in-ns in a loaded file sticks).
 * A fault ends the caller with the same reason.
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
  }
}
