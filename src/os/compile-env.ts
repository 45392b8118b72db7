/**
 * The compiler's view of the running system (CompileEnv): the namespace a
 * form compiles in, and macro expansion, which runs the macro's Lonala
 * function in a thread of the compiling process.
 */
import {
  Binding, Fault, RunStatus, Sym, Thread, reasonKind, run, startCall, type List, type Namespace, type Value, type Var,
} from '../machine/index.js';
import { OOM } from './heap.js';
import { CompileError, type CompileEnv, printValue } from '../lonala/index.js';
import type { Process } from './process.js';
import { ownNs, visibleNs } from './namespace-view.js';
import { seesNamespace } from './authority.js';
import { guardHost } from './host-guard.js';

/**
 * Reductions a macro expansion may take before it is called runaway.
 * Expansion runs inside the compiler, which cannot be preempted: this
 * bounds how long one runaway macro holds the machine (a few tenths of a
 * second); ordinary macros take thousands.
 */
const MACRO_LIMIT = 5_000_000;
const MACRO_FLOOR = 1_000_000;
const SLICE = 20_000;

export interface FormOrigin {
  readonly source: string | null;
  readonly file: string | null;
  readonly line: number;
  readonly column: number;
}

/** The namespace `thread` is in (its *ns* binding), or `fallback`. */
export function threadNs(process: Process, thread: Thread, fallback: Namespace): Namespace {
  const ns = Binding.lookup(thread.bindings, process.system.nsVar) as Namespace | undefined;
  return ns !== undefined && ns !== null && ns.mappings !== undefined ? ns : fallback;
}

/**
 * A compile environment for a form compiled by `process` in namespace `ns`:
 * names resolve and definitions land as the process's realm sees the
 * namespaces (namespace-view.ts).
 */
export function compileEnv(process: Process, ns: Namespace, origin: FormOrigin): CompileEnv {
  const system = process.system;
  const realm = process.realm;
  return {
    namespaces: {
      find: (name) => {
        const found = system.namespaces.find(name);
        return found === undefined || !seesNamespace(realm, found) ? undefined : visibleNs(realm, found);
      },
      own: (target) => ownNs(realm, target),
    },
    ns: ownNs(realm, ns),
    file: origin.file,
    source: origin.source,
    line: origin.line,
    column: origin.column,
    expandMacro: (v, form) => expandMacro(process, ns, v, form, origin),
    intrinsic: (name) => system.intrinsic(name),
  };
}

/** Runs a macro's function on the unevaluated forms of a call. */
export function expandMacro(process: Process, ns: Namespace, v: Var, form: List, origin: FormOrigin): Value {
  const thread = new Thread();
  thread.context = process;
  thread.bindings = new Binding(process.system.nsVar, ns, null);
  startCall(thread, v.root as Value, form.tail.toArray());
  // The evaluation's limit applies, but never below what ordinary macros need.
  const limit = Math.min(MACRO_LIMIT, Math.max(process.reductionLimit ?? MACRO_LIMIT, MACRO_FLOOR));
  try {
    return runExpansion(process, thread, v, origin, limit);
  } finally {
    // The expansion was the process's work: its reductions count (process-info, cpu budgets, limits).
    process.reductions += thread.reductions;
  }
}

function runExpansion(process: Process, thread: Thread, v: Var, origin: FormOrigin, limit: number): Value {
  while (thread.reductions < limit) {
    const status = run(thread, Math.min(SLICE, limit - thread.reductions));
    // A macro building something huge ends before the host runs out of memory (as a compile error: the compiler may run outside the process).
    try {
      guardHost(process.system, process, thread);
    } catch (e) {
      if (!(e instanceof Fault)) throw e;
      throw new CompileError('oom', `macro ${v.qualifiedName} ran out of memory`, origin.line, origin.column, origin.file, OOM);
    }
    if (status === RunStatus.Completed) return thread.result;
    if (status === RunStatus.Waiting) {
      throw new CompileError('badarg', `macro ${v.qualifiedName} waited in receive (a macro cannot wait for messages)`, origin.line, origin.column, origin.file);
    }
    if (status === RunStatus.Exited) {
      throw new CompileError(reasonKind(thread.reason) ?? 'macro-error', `macro ${v.qualifiedName} failed: ${printValue(thread.reason)}`, origin.line, origin.column, origin.file, thread.reason);
    }
  }
  throw new CompileError('reduction-limit', `macro ${v.qualifiedName} ran away (over ${limit} reductions)`, origin.line, origin.column, origin.file);
}

/**
 * Syntax-quote qualification in `ns`: a symbol naming a var gets that var's
 * namespace ("qualifies symbols with their namespace", LONALA.md 5); a
 * symbol naming no var is left as it is.
 */
export function resolveForQuote(ns: Namespace, s: Sym): Sym {
  if (s.ns !== null) {
    const aliased = ns.alias(s.ns);
    return aliased === undefined ? s : Sym.of(s.name, aliased.name);
  }
  const v = ns.lookup(s.name);
  return v !== undefined ? Sym.of(s.name, v.ns.name) : s;
}
