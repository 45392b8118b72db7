/**
 * `(fn* [a b & rest] body...)` and `(fn* name [params] body...)`: one arity,
 * plain symbols only (the fn macro destructures, through let*; patterns
 * belong in `match`), implicit do, closures, the name bound inside the body
 * for recursion. Rest arguments arrive as a tuple (empty when none).
 *
 * `recur` in a tail position of the body goes back to the function's first
 * instruction with new parameters (loop.ts), taking one value per
 * parameter, the rest parameter's included. A rest parameter marked
 * `^:clause-args` is the argument tuple of a several-clause fn (the fn
 * macro's expansion, matched against the clauses): there recur takes any
 * number of values and passes them as that tuple, so the clauses are tried
 * again.
 */
import { Keyword, Sym, type Value, Tuple, type List, PMap, Op } from '../../machine/index.js';
import { Emitter } from './emitter.js';
import { FnScope } from './scope.js';
import { Compiler } from './compiler.js';
import { compileBody } from './loop.js';

const CLAUSE_ARGS = Keyword.of('clause-args');

/** A parameter tuple: required names, an optional rest name, and whether the rest is a clause fn's argument tuple. */
export interface Params { names: string[]; rest: string | null; clauseArgs: boolean }

/** Parses a parameter tuple into required names and an optional rest name. */
export function parseParams(c: Compiler, params: Value): Params {
  if (!(params instanceof Tuple)) c.error(params, 'fn* needs a parameter tuple like [a b & rest]');
  const names: string[] = [];
  let rest: string | null = null;
  let clauseArgs = false;
  const items = params.items;
  for (let i = 0; i < items.length; i++) {
    const p = items[i];
    if (!(p instanceof Sym) || p.ns !== null) {
      c.error(params, 'fn* parameters must be plain symbols (fn destructures); use match for patterns');
    }
    if (p.name === '&') {
      const r = items[i + 1];
      if (!(r instanceof Sym) || r.ns !== null || i + 2 !== items.length) c.error(params, '& must be followed by exactly one symbol');
      rest = r.name;
      clauseArgs = r.meta instanceof PMap && r.meta.get(CLAUSE_ARGS) === true;
      break;
    }
    names.push(p.name);
  }
  return { names, rest, clauseArgs };
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
  const { names, rest, clauseArgs } = parseParams(c, args[i]);
  const em = new Emitter();
  const scope = new FnScope(c.scope, selfName, () => em.code.length);
  em.line = c.em.line;
  const slots: number[] = [];
  for (const n of names) {
    slots.push(scope.alloc());
    scope.bind(n, slots[slots.length - 1]);
  }
  if (rest !== null) {
    slots.push(scope.alloc());
    scope.bind(rest, slots[slots.length - 1]);
  }
  const inner = new Compiler(c.env, scope, em);
  const name = selfName ?? nameHint;
  const head = em.label();
  em.place(head);
  inner.recur = { head, slots, depth: 0, packs: clauseArgs, what: name === null ? 'fn' : `fn ${name}` };
  compileBody(inner, args.slice(i + 1), true);
  const code = em.finish(name, names.length, rest !== null, scope.maxSlots, scope.captures, c.env.file, scope.localVars());
  c.em.emit(Op.CLOSURE, 1, c.em.constant(code as unknown as Value));
}
