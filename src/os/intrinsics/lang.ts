/**
 * Evaluation intrinsics: eval, read-string, macroexpand, gensym, load-file
 * (LONALA.md section 5). They compile in the caller's namespace and hand
 * the compiled code back to the processor as a CallRequest.
 */
import { existsSync } from 'node:fs';
import {
  Binding, CallRequest, Fault, Keyword, List, Sym, current, type Value,
} from '../../machine/index.js';
import {
  intrinsic, type Intrinsic, readOne, typeError, SourceError, formLists,
} from '../../lonala/index.js';
import { caller, callerFindNs, callerNs } from './context.js';
import { deviceCap, findNamespace, ownedAbove, pathIn, stdPath } from '../authority.js';
import { compiledOrExpanding, expandMacro, expansionDone, type FormOrigin } from '../macro-expansion.js';
import { Load, compileFault, compileOrFault, loadOf, readOptions, readSourceFile, runLoad } from '../loader/transaction.js';

const DEFERRED = { source: null, file: null, line: 0, column: 0, defer: true };

/** One macro expansion step of `form`, or `form` itself. */
function expandOnce(code: Value): Value {
  const form = formLists(code); // code built with lazy seqs is lists (realized first)
  if (!(form instanceof List) || !(form.head instanceof Sym)) return form;
  const ns = callerNs();
  const head = form.head;
  const v = head.ns === null ? ns.lookup(head.name) : (ns.alias(head.ns) ?? callerFindNs(head.ns))?.lookup(head.name);
  if (v === undefined || !v.macro) return form;
  try {
    return expandMacro(caller(), ns, v, form, DEFERRED);
  } catch (e) {
    if (e instanceof SourceError) throw compileFault(e);
    throw e;
  }
}

/** `form` expanded until its head is no longer a macro. */
function expandAll(form: Value): Value {
  for (;;) {
    const next = expandOnce(form);
    if (next === form) return form;
    form = next;
  }
}

/** Compiles `form` in the caller's namespace and calls it (eval, eval-at*). */
function evalIn(form: Value, origin: FormOrigin, retry: string, retryArgs: Value[]): CallRequest {
  return compiledOrExpanding(caller(), retry, retryArgs, () => new CallRequest(compileOrFault(form, origin), []));
}


export const langIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'eval', arglists: '([form])', min: 1, max: 1, cost: 10, callsBack: true,
    doc: 'Evaluates a form in the current namespace.',
    impl: (form) => evalIn(formLists(form), DEFERRED, 'eval', [form]),
  }),
  intrinsic({
    name: 'eval-at*', arglists: '([form source file line column])', min: 5, max: 5, cost: 10, callsBack: true,
    doc: 'Evaluates a form read at file:line:column (its text source), as eval: a session runs a form whose macros are slow this way.',
    impl: (form, source, file, line, column) => {
      const origin = {
        source: typeof source === 'string' ? source : null, file: typeof file === 'string' ? file : null,
        line: typeof line === 'number' ? line : 0, column: typeof column === 'number' ? column : 0, defer: true,
      };
      return evalIn(form, origin, 'eval-at*', [form, source, file, line, column]);
    },
  }),
  intrinsic({
    name: 'expanded*', arglists: '([call macro expansion])', min: 3, max: 3,
    doc: 'Records the expansion of a macro call that ran as the process\'s work (expand-then* calls it); the compile it waits for finds it.',
    impl: (call, macro, expansion) => {
      if (!(call instanceof List)) typeError('expanded*', 'list', call);
      const code = formLists(expansion); // lazy seqs in the expansion realized and made lists, for the compiler
      expansionDone(caller(), call, macro, code);
      return code;
    },
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
    name: 'macroexpand-1', arglists: '([form])', min: 1, max: 1, callsBack: true,
    doc: 'Expands the macro call `form` once; other forms are returned as they are.',
    impl: (form) => compiledOrExpanding(caller(), 'macroexpand-1', [form], () => expandOnce(form)),
  }),
  intrinsic({
    name: 'macroexpand', arglists: '([form])', min: 1, max: 1, callsBack: true,
    doc: 'Expands `form` until its head is no longer a macro.',
    impl: (form) => compiledOrExpanding(caller(), 'macroexpand', [form], () => expandAll(form)),
  }),
  intrinsic({
    name: 'gensym', arglists: '([] [prefix])', min: 0, max: 1,
    doc: 'A fresh, unique symbol, named prefix__N (default prefix G).',
    impl: (prefix = 'G') => Sym.of(`${typeof prefix === 'string' ? prefix : prefix instanceof Sym ? prefix.name : 'G'}__${caller().system.gensymId()}`),
  }),
  intrinsic({
    name: 'require', arglists: '([ns-sym] [ns-sym flag])', min: 1, max: 2, cost: 100, reaches: { 0: 'path' }, callsBack: true,
    doc: 'Loads the namespace from its file (my.app from my/app.lona under the working directory) unless it is loaded already; :reload loads it again, :reload-all also removes the vars the file no longer defines. One transaction, as load-file.',
    impl: (name, flag) => {
      if (!(name instanceof Sym)) typeError('require', 'symbol', name);
      const mode = flag instanceof Keyword ? flag.name : flag === undefined || flag === null ? null : typeError('require', 'keyword', flag);
      if (mode !== null && mode !== 'reload' && mode !== 'reload-all') throw new Fault('badarg', { fn: Sym.of('require', 'lona.core'), args: List.of(name, flag), message: 'the flag is :reload or :reload-all' });
      // Loaded means loaded by this realm or an ancestor: a namespace a child made under that name is not the file.
      const loaded = findNamespace(caller(), name.fullName);
      if (mode === null && loaded !== undefined && ownedAbove(caller().realm, loaded)) return null;
      const cap = deviceCap(caller().realm.cspace, 'require', 'fs', 'read');
      const base = name.fullName.replace(/\./g, '/');
      const candidates = [`${base}.lona`, `${base.replace(/-/g, '_')}.lona`];
      const found = candidates.map((c) => pathIn(cap, 'require', c)).find((p) => existsSync(p));
      if (found === undefined) throw new Fault('file-not-found', { ns: name, path: candidates[0] });
      // As Clojure's load-lib: a namespace the failed load created goes, so a later require loads it again.
      const existed = caller().system.namespaces.find(name.fullName) !== undefined;
      return runLoad(new Load(caller(), current.thread!, readSourceFile(found), found,
        { reloadAll: mode === 'reload-all', require: true, createdNs: existed ? null : name.fullName }));
    },
  }),
  intrinsic({
    name: 'load-file', arglists: '([path])', min: 1, max: 1, cost: 100, reaches: { 0: 'path' }, callsBack: true,
    doc: 'Reads and evaluates every form of a file as one transaction (on any error nothing it set stays set), returning the last value. The forms run as the calling process\'s work: preempted, metered and killable like the rest of it.',
    impl: (path) => {
      if (typeof path !== 'string') typeError('load-file', 'string', path);
      const full = pathIn(deviceCap(caller().realm.cspace, 'load-file', 'fs', 'read'), 'load-file', path);
      return runLoad(new Load(caller(), current.thread!, readSourceFile(full), full));
    },
  }),
  intrinsic({
    name: 'load-std', arglists: '([path])', min: 1, max: 1, cost: 100, reaches: { 0: 'path' }, callsBack: true,
    doc: 'Loads a file of the standard library (std/lona/path, and nothing outside it) into lona.core, or the namespace its ns form names; the current namespace stays as it was.',
    impl: (path) => {
      if (typeof path !== 'string') return typeError('load-std', 'string', path);
      const full = stdPath('load-std', path);
      if (!existsSync(full)) throw new Fault('file-not-found', { path });
      const thread = current.thread!;
      const load = new Load(caller(), thread, readSourceFile(full), full, { keepNs: true });
      const system = caller().system;
      thread.bindings = Binding.with(thread.bindings, system.nsVar, system.core);
      return runLoad(load);
    },
  }),
  intrinsic({
    name: 'load-next*', arglists: '([load])', min: 1, max: 1, cost: 10, callsBack: true,
    doc: 'The next form of a load in progress, compiled in the current namespace as a function of no arguments, or nil at the end (load-forms* runs them).',
    impl: (h) => loadOf('load-next*', h).next(true),
  }),
  intrinsic({
    name: 'load-value*', arglists: '([load value])', min: 2, max: 2, doc: 'Records the value of the form a load just ran.',
    impl: (h, v) => {
      loadOf('load-value*', h).value = v;
      return null;
    },
  }),
  intrinsic({
    name: 'load-end*', arglists: '([load])', min: 1, max: 1, cost: 10,
    doc: 'Ends a load whose forms all ran: its definitions stay (the enclosing load can still undo them); the last value (nil for require).',
    impl: (h) => loadOf('load-end*', h).end(),
  }),
];
