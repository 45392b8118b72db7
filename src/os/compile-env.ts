/**
 * The compiler's view of the running system (CompileEnv): the namespace a
 * form compiles in, and macro expansion (macro-expansion.ts), which runs the
 * macro's Lonala function as work of the compiling process.
 */
import { Binding, Sym, type Thread, type Namespace } from '../machine/index.js';
import type { CompileEnv } from '../lonala/index.js';
import type { Process } from './process.js';
import { ownNs, visibleNs } from './namespace-view.js';
import { seesNamespace } from './authority.js';
import { expandMacro, type FormOrigin } from './macro-expansion.js';

export type { FormOrigin };

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
