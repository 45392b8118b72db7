/**
 * `(fn* [a b & rest] body...)` and `(fn* name [params] body...)`: one arity,
 * plain symbols only (patterns belong in `match`), implicit do, closures,
 * the name bound inside the body for recursion. Rest arguments arrive as a
 * tuple (empty when none).
 */
import { Sym, type Value, Tuple, List, Op } from '../../machine/index.js';
import { Emitter } from './emitter.js';
import { FnScope } from './scope.js';
import { Compiler } from './compiler.js';

/** Parses a parameter tuple into required names and an optional rest name. */
export function parseParams(c: Compiler, params: Value): { names: string[]; rest: string | null } {
  if (!(params instanceof Tuple)) c.error(params, 'fn* needs a parameter tuple like [a b & rest]');
  const names: string[] = [];
  let rest: string | null = null;
  const items = params.items;
  for (let i = 0; i < items.length; i++) {
    const p = items[i];
    if (!(p instanceof Sym) || p.ns !== null) {
      c.error(params, 'fn* parameters must be plain symbols; use match for patterns');
    }
    if (p.name === '&') {
      const r = items[i + 1];
      if (!(r instanceof Sym) || r.ns !== null || i + 2 !== items.length) c.error(params, '& must be followed by exactly one symbol');
      rest = r.name;
      break;
    }
    names.push(p.name);
  }
  return { names, rest };
}

/** Compiles a fn* form, pushing the new closure. `nameHint` names anonymous fns (def). */
export function compileFn(c: Compiler, form: List, args: Value[], nameHint: string | null = null): void {
  let i = 0;
  let selfName: string | null = null;
  if (args[0] instanceof Sym) {
    selfName = args[0].name;
    i = 1;
  }
  if (i >= args.length) c.error(form, 'fn* needs a parameter tuple');
  const { names, rest } = parseParams(c, args[i]);
  const em = new Emitter();
  const scope = new FnScope(c.scope, selfName, () => em.code.length);
  em.line = c.em.line;
  for (const n of names) scope.bind(n, scope.alloc());
  if (rest !== null) scope.bind(rest, scope.alloc());
  const inner = new Compiler(c.env, scope, em);
  const body = args.slice(i + 1);
  if (body.length === 0) inner.expr(null, true);
  else inner.expr(body.length === 1 ? body[0] : List.from([Sym.of('do'), ...body]), true);
  const name = selfName ?? nameHint;
  const code = em.finish(name, names.length, rest !== null, scope.maxSlots, scope.captures, c.env.file, scope.localVars());
  c.em.emit(Op.CLOSURE, 1, c.em.constant(code as unknown as Value));
}
