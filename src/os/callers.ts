/**
 * Who calls a var (Genera's "Who Calls"): the vars whose functions name it
 * in their code, nested functions included. Only what the compiled code
 * shows is known: a call spelled through a macro's expansion counts, a var
 * reached through `resolve` or a function passed around does not.
 */
import { CodeObject, Fn, Sym, type Namespace, type Var } from '../machine/index.js';

function mentions(code: CodeObject, target: Var, seen: Set<CodeObject>): boolean {
  for (const c of code.consts) {
    if (c === target) return true;
    if (c instanceof CodeObject && !seen.has(c)) {
      seen.add(c);
      if (mentions(c, target, seen)) return true;
    }
  }
  return false;
}

/** The names of the vars in `namespaces` whose functions mention `target` (itself left out), sorted. */
export function callersOf(target: Var, namespaces: Iterable<Namespace>): Sym[] {
  const found: Sym[] = [];
  for (const ns of namespaces) {
    for (const [name, v] of ns.mappings) {
      if (v === target || !(v.root instanceof Fn)) continue;
      if (mentions(v.root.code, target, new Set())) found.push(Sym.of(name, ns.name));
    }
  }
  return found.sort((a, b) => a.fullName.localeCompare(b.fullName));
}
