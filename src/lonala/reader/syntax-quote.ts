/**
 * Syntax-quote (LONALA.md sections 1 and 5), expanded at read time as in
 * Clojure. `~x` and `~@x` read as `(lona.core/unquote x)` and
 * `(lona.core/unquote-splicing x)`; inside a syntax-quote they become:
 *
 *   `(a ~x ~@xs)   (lona.core/concat (lona.core/list (quote user/a))
 *                                    (lona.core/list x) xs)
 *   `[a ~x]        (lona.core/apply lona.core/tuple (lona.core/concat ...))
 *                  (likewise vector, hash-map and hash-set for {} %{} #{})
 *   `(a b)         (quote (user/a user/b))      no unquote anywhere inside
 *   `~x            x
 *
 * Symbols are qualified by the resolver, except special forms, `&`, `_` and
 * already qualified ones; `foo#` becomes one fresh `foo__N__auto__` per
 * syntax-quote. Keywords, numbers, strings, chars, binaries, nil and
 * booleans are emitted as is. Metadata survives only on parts without
 * unquotes. The walk is iterative (post-order with an explicit stack).
 */
import {
  Kind, Sym, type LObject, type Meta, type Value, List, Tuple, Vector, PMap, PSet,
} from '../../machine/index.js';
import { Failure } from './reader-error.js';
import { PREHASH_DEPTH, prehash } from './depth.js';

export const UNQUOTE = Sym.of('unquote', 'lona.core');
export const UNQUOTE_SPLICING = Sym.of('unquote-splicing', 'lona.core');

const QUOTE = Sym.of('quote');
const core = (name: string): Sym => Sym.of(name, 'lona.core');
const CONCAT = core('concat');
const LIST = core('list');
const APPLY = core('apply');
const BUILDERS: Partial<Record<Kind, Sym>> = {
  [Kind.Tuple]: core('tuple'),
  [Kind.Vector]: core('vector'),
  [Kind.Map]: core('hash-map'),
  [Kind.Set]: core('hash-set'),
};

/** Symbols left unqualified: special forms and pattern/parameter markers. */
const UNQUALIFIED = new Set(['def', 'fn*', 'match', 'do', 'quote', 'var', 'receive', 'let*', 'loop*', 'recur', '&', '_']);

/** How syntax-quote qualifies symbols and numbers gensyms. */
export interface SyntaxQuoteContext {
  resolve: (s: Sym) => Sym;
  nextId: () => number;
}

/**
 * Expansions of syntax-quotes that hold no unquote: `(quote v)` with every
 * symbol of v qualified. Syntax-quoting one again changes nothing inside it,
 * so a syntax-quote around it (``` ``x ```, nested ten thousand deep) takes
 * it as it is instead of walking it again: linear, not quadratic, in depth.
 */
const settled = new WeakSet<object>();

let lastGensymId = 0;

/** The default gensym numbering: one counter for the whole program. */
export const nextGensymId = (): number => ++lastGensymId;

const enum Tag { Plain, Code, Unquote, Splice }

/** A subform's expansion: data (Plain), an expression (Code), or an unquote's expression. */
interface Result {
  tag: Tag;
  value: Value;
}

/** A collection being walked. */
interface Frame {
  node: Collection;
  children: Value[];
  next: number;
  results: Result[];
}

type Collection = LObject & { readonly meta: Meta };

/** The expansion of `` `form `` (the backquote at `offset`). */
export function syntaxQuote(form: Value, offset: number, ctx: SyntaxQuoteContext): Value | Failure {
  const gensyms = new Map<string, Sym>();
  const qualify = (s: Sym): Sym => {
    if (s.ns !== null || UNQUALIFIED.has(s.name)) return s;
    let q: Sym;
    if (s.name.length > 1 && s.name.endsWith('#')) {
      const known = gensyms.get(s.name);
      q = known ?? Sym.of(`${s.name.slice(0, -1)}__${ctx.nextId()}__auto__`);
      if (known === undefined) gensyms.set(s.name, q);
    } else q = ctx.resolve(s);
    return s.meta !== null && q.meta === null ? new Sym(q.ns, q.name, s.meta) : q;
  };
  const leaf = (v: Value): Result | undefined => {
    if (typeof v !== 'object' || v === null) return { tag: Tag.Plain, value: v };
    if (v instanceof Sym) return { tag: Tag.Plain, value: qualify(v) };
    if (settled.has(v)) return { tag: Tag.Plain, value: v };
    const kind = (v as LObject).kind;
    if (kind === Kind.List && (v as List).size === 2) {
      const head = (v as List).head;
      if (isSym(head, UNQUOTE)) return { tag: Tag.Unquote, value: (v as List).tail.head };
      if (isSym(head, UNQUOTE_SPLICING)) return { tag: Tag.Splice, value: (v as List).tail.head };
    }
    return kind >= Kind.List && kind <= Kind.Set ? undefined : { tag: Tag.Plain, value: v };
  };

  let result = leaf(form);
  if (result === undefined) {
    const stack: Frame[] = [open(form as Collection)];
    for (;;) {
      const f = stack[stack.length - 1];
      if (f.next < f.children.length) {
        const child = f.children[f.next++];
        const r = leaf(child);
        if (r === undefined) stack.push(open(child as Collection));
        else f.results.push(r);
        continue;
      }
      stack.pop();
      const r = combine(f);
      if (stack.length === 0) {
        result = r;
        break;
      }
      if (r.tag === Tag.Plain && stack.length >= PREHASH_DEPTH) prehash(r.value);
      stack[stack.length - 1].results.push(r);
    }
  }
  if (result.tag === Tag.Splice) return new Failure('invalid-splice', '~@ must be inside a collection', offset);
  const out = code(result);
  if (result.tag === Tag.Plain && out instanceof List) settled.add(out);
  return out;
}

function isSym(v: Value, s: Sym): boolean {
  return v instanceof Sym && v.name === s.name && v.ns === s.ns;
}

function open(node: Collection): Frame {
  let children: Value[];
  switch (node.kind) {
    case Kind.List: children = (node as List).toArray(); break;
    case Kind.Tuple: children = (node as Tuple).items; break;
    case Kind.Vector: children = (node as Vector).toArray(); break;
    case Kind.Map: {
      const flat: Value[] = (children = []);
      (node as PMap).forEach((v, k) => flat.push(k, v));
      break;
    }
    default: children = (node as PSet).values();
  }
  return { node, children, next: 0, results: [] };
}

/** The expression that evaluates to a subform's expansion. */
function code(r: Result): Value {
  if (r.tag !== Tag.Plain) return r.value;
  const v = r.value;
  if (typeof v !== 'object' || v === null) return v;
  const kind = (v as LObject).kind;
  return kind === Kind.Symbol || (kind >= Kind.List && kind <= Kind.Set) ? List.of(QUOTE, v) : v;
}

/** A walked collection's expansion from its children's. */
function combine(f: Frame): Result {
  const { node, children, results } = f;
  let plain = true;
  let same = true;
  for (let i = 0; i < results.length; i++) {
    if (results[i].tag !== Tag.Plain) plain = false;
    else if (results[i].value !== children[i]) same = false;
  }
  if (plain) return { tag: Tag.Plain, value: same ? node : rebuild(node, results.map((r) => r.value)) };
  const parts: Value[] = [CONCAT];
  for (const r of results) parts.push(r.tag === Tag.Splice ? r.value : List.of(LIST, code(r)));
  const concat = List.from(parts);
  const builder = BUILDERS[node.kind];
  return { tag: Tag.Code, value: builder === undefined ? concat : List.of(APPLY, builder, concat) };
}

/** A collection like `node` (same kind and metadata) holding `items`. */
function rebuild(node: Collection, items: Value[]): Value {
  const meta = node.meta;
  switch (node.kind) {
    case Kind.List: return meta === null ? List.from(items) : List.from(items).withMeta(meta);
    case Kind.Tuple: return new Tuple(items, meta);
    case Kind.Vector: return Vector.from(items).withMeta(meta);
    case Kind.Map: return PMap.fromFlat(items).withMeta(meta);
    default: return PSet.from(items).withMeta(meta);
  }
}
