/**
 * `(let* [binding value ...] body...)` and binding forms: Clojure's
 * destructuring in Lonala's syntax, for let, fn, defn, loop, for, doseq,
 * if-let and when-let (their macros bind through let*; README
 * "Destructuring and patterns"). A binding form is
 *
 *   name                        binds the value (`_` binds nothing)
 *   [a b & more :as all]        sequential: elements in order, nil past the
 *                               end; `& rest` the seq of the others (nil if
 *                               none); `:as` the whole value; nests
 *   %{:keys [a b] :strs [c] :syms [d] :or %{a 1} :as m  :k form}
 *                               associative: `%{:k form}` binds form to the
 *                               value of key :k (nil if absent), as in a
 *                               match pattern; :keys/:strs/:syms bind names
 *                               to keyword/string/symbol keys; :or gives
 *                               defaults for absent keys
 *
 * Binding never fails on shape, unlike match's patterns (:badmatch): a
 * sequential form takes nil, a list, tuple, vector, string or sequence; a
 * map form a map, nil, or a sequence of keys and values (rest arguments,
 * `(f :a 1)` for `[& %{:keys [a]}]`). Another value exits with
 * `[:error :type-error %{:binding form :expected :sequential :value v}]`
 * (`:expected :map`). A malformed binding form is a compile error naming
 * it.
 *
 * Code: a tuple or list with enough elements takes the fast path (ELEMENT
 * and REST on it, no call); anything else goes through
 * lona.core/destructure-seq*, which walks (seq v) with first and next, so
 * any sequence works, and answers a tuple of the elements wanted. A map
 * is read with MAP_VALUE; a non-map is first made one by
 * lona.core/destructure-map*.
 */
import { Keyword, Sym, type Value, List, Tuple, Vector, PMap, Op } from '../../machine/index.js';
import type { Compiler } from './compiler.js';
import { positionOf } from './compile-error.js';
import { compileBody } from './loop.js';
import { SourceError } from '../source-error.js';
import { printValue } from '../printer.js';

const UNDERSCORE = Sym.of('_');
const AMPERSAND = Sym.of('&');
const K = (name: string): Keyword => Keyword.of(name);
const AS = K('as');
const DIRECTIVES = new Set([K('keys'), K('strs'), K('syms'), K('or'), K('as')]);

export function compileLet(c: Compiler, form: List, args: Value[], tail: boolean): void {
  const bindings = args[0];
  if (!(bindings instanceof Tuple)) bindingError(c, bindings, form, 'let needs a tuple of binding/value pairs: (let [x 1 [a b] pair] ...)');
  if (bindings.items.length % 2 !== 0) bindingError(c, bindings, form, `let needs binding/value pairs; ${printValue(bindings)} has an odd number of forms`);
  const mark = c.scope.mark();
  const items = bindings.items;
  for (let i = 0; i < items.length; i += 2) {
    c.expr(items[i + 1], false);
    const slot = c.scope.alloc();
    c.em.emit(Op.SET_LOCAL, -1, slot);
    bindForm(c, items[i], slot, bindings);
  }
  compileBody(c, args.slice(1), tail);
  c.scope.release(mark);
}

/**
 * Binds the binding form `form` to the value in `slot`; `within` is the
 * form it is part of (for the position of errors about a bare name).
 */
function bindForm(c: Compiler, form: Value, slot: number, within: Value): void {
  if (form instanceof Sym) {
    if (form === UNDERSCORE) return;
    if (form.ns !== null || form === AMPERSAND) bindingError(c, form, within, `can't bind ${form.fullName}: a binding name is a plain symbol`);
    c.scope.bind(form.name, slot);
    return;
  }
  if (form instanceof Tuple) return sequential(c, form, slot);
  if (form instanceof PMap) return associative(c, form, slot);
  const hint = form instanceof Vector
    ? `${printValue(form)} is a vector; sequential binding is written [a b & more], map binding %{:keys [a b]}`
    : `${printValue(form)} is not a binding form (a name, [a b & more :as all] or %{:keys [a b] :as m}); to test values against a pattern, use match`;
  bindingError(c, form, within, hint);
}

/** A compile error about binding form `form`, at its position (or at `within`'s, or the form being compiled). */
function bindingError(c: Compiler, form: Value, within: Value, message: string): never {
  const here = positionOf(within, c.em.line > 0 ? { line: c.em.line, column: c.em.column } : { line: c.env.line, column: c.env.column });
  const p = positionOf(form, here);
  throw new SourceError('compile', 'syntax-error', message, p.line, p.column, c.env.file);
}

/** The core var a destructuring path calls. */
function helper(c: Compiler, name: string): number {
  return c.em.constant(c.resolveVar(Sym.of(name, 'lona.core')));
}

// ---------------------------------------------------------------- sequential

interface SequentialForm { elements: Value[]; rest: Value | null; as: Value | null }

function parseSequential(c: Compiler, form: Tuple): SequentialForm {
  const items = form.items;
  const elements: Value[] = [];
  let rest: Value | null = null;
  let as: Value | null = null;
  const where: (m: string) => never = (m) => bindingError(c, form, form, `in the binding form ${printValue(form)}: ${m}`);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === AS) {
      if (i + 2 !== items.length || !(items[i + 1] instanceof Sym)) where(':as must be followed by one name, at the end');
      as = items[i + 1];
      break;
    }
    if (item === AMPERSAND) {
      if (rest !== null || i + 1 >= items.length || items[i + 1] === AS) where('& must be followed by one binding form');
      rest = items[++i];
      if (i + 1 < items.length && items[i + 1] !== AS) where('only :as may follow the & binding');
      continue;
    }
    elements.push(item);
  }
  return { elements, rest, as };
}

/**
 *   TEST_TUPLE_MIN v n  list    ; a tuple long enough: straight from it
 *   ELEMENT e0 v 0 ... REST r v n  JUMP done
 *   list:  TEST_LIST_MIN v n  general   ; the same for a list
 *   general: (lona.core/destructure-seq* v n rest? 'form) into t; ELEMENT e0 t 0 ...
 *   done:  bind e0 ... (nested forms from their slots)
 *
 * With a rest binding, n counts one more element, so a rest taken on the
 * fast path is never empty (rest is nil when nothing remains).
 */
function sequential(c: Compiler, form: Tuple, slot: number): void {
  const { elements, rest, as } = parseSequential(c, form);
  if (as !== null) bindForm(c, as, slot, form);
  const em = c.em;
  const n = elements.length;
  const slots = elements.map((e) => (e === UNDERSCORE ? -1 : c.scope.alloc()));
  const restSlot = rest === null || rest === UNDERSCORE ? -1 : c.scope.alloc();
  if (restSlot < 0 && slots.every((s) => s < 0)) return;
  const extract = (from: number, restByElement: boolean) => {
    slots.forEach((s, i) => { if (s >= 0) em.emit(Op.ELEMENT, 0, s, from, i); });
    if (restSlot >= 0) em.emit(restByElement ? Op.ELEMENT : Op.REST, 0, restSlot, from, n);
  };
  const done = em.label();
  const atLeast = n + (rest === null ? 0 : 1);
  for (const test of [Op.TEST_TUPLE_MIN, Op.TEST_LIST_MIN]) {
    const other = em.label();
    em.emitJump(test, 0, other, slot, atLeast);
    extract(slot, false);
    em.emitJump(Op.JUMP, 0, done);
    em.place(other);
  }
  em.emit(Op.LOCAL, 1, slot);
  c.constant(n);
  c.constant(rest !== null);
  c.constant(form);
  em.emit(Op.CALL_VAR, -3, helper(c, 'destructure-seq*'), 4);
  const t = c.scope.alloc();
  em.emit(Op.SET_LOCAL, -1, t);
  extract(t, true);
  em.place(done);
  elements.forEach((e, i) => { if (slots[i] >= 0) bindForm(c, e, slots[i], form); });
  if (restSlot >= 0) bindForm(c, rest, restSlot, form);
}

// ---------------------------------------------------------------- associative

/** One value a map binding form reads: the key, and the binding form it goes to. */
interface KeyBinding { key: Value; target: Value }

function parseAssociative(c: Compiler, form: PMap): { keys: KeyBinding[]; defaults: PMap; as: Value | null } {
  const where: (m: string) => never = (m) => bindingError(c, form, form, `in the binding form ${printValue(form)}: ${m}`);
  const keys: KeyBinding[] = [];
  const names = (directive: string, toKey: (s: Sym | Keyword) => Value, keywordsToo: boolean) => {
    const list = form.get(K(directive));
    if (list === undefined) return;
    if (!(list instanceof Tuple)) where(`:${directive} takes a tuple of names, like %{:${directive} [a b]}; got ${printValue(list)}`);
    for (const x of list.items) {
      if (!(x instanceof Sym || (keywordsToo && x instanceof Keyword)) || x === AMPERSAND || x === UNDERSCORE) {
        where(`:${directive} takes names; ${printValue(x)} is not one`);
      }
      keys.push({ key: toKey(x), target: Sym.of(x.name) });
    }
  };
  names('keys', (s) => Keyword.of(s.name, s.ns), true);
  names('strs', (s) => (s.ns === null ? s.name : where(`:strs takes plain names; ${s.fullName} has a namespace`)), false);
  names('syms', (s) => Sym.of(s.name, s.ns), false);
  const defaults = form.get(K('or')) ?? PMap.EMPTY;
  if (!(defaults instanceof PMap)) where(`:or takes a map from names to default values, like %{:or %{a 1}}; got ${printValue(defaults)}`);
  for (const k of defaults.keys()) if (!(k instanceof Sym) || k.ns !== null) where(`:or defaults are for names; ${printValue(k)} is not one`);
  const as = form.get(AS) ?? null;
  if (as !== null && (!(as instanceof Sym) || as.ns !== null)) where(`:as takes a name; got ${printValue(as)}`);
  for (const [k, target] of form.entries()) {
    if (DIRECTIVES.has(k as Keyword)) continue;
    if (target instanceof Keyword) {
      where(`a map binding is key then binding form, as in a match pattern: %{${printValue(target)} ${printValue(k)}}`);
    }
    keys.push({ key: k, target });
  }
  return { keys, defaults, as };
}

/**
 *   TEST_MAP v conv;  m := v;  JUMP have
 *   conv: m := (lona.core/destructure-map* v 'form)
 *   have: per key: t := default or nil, MAP_VALUE t m key (kept when absent); bind t
 * With a default, it is evaluated only when the key is absent.
 */
function associative(c: Compiler, form: PMap, slot: number): void {
  const { keys, defaults, as } = parseAssociative(c, form);
  if (as !== null) bindForm(c, as, slot, form);
  if (keys.length === 0) return;
  const em = c.em;
  const m = c.scope.alloc();
  const conv = em.label();
  const have = em.label();
  em.emitJump(Op.TEST_MAP, 0, conv, slot);
  em.emit(Op.LOCAL, 1, slot);
  em.emit(Op.SET_LOCAL, -1, m);
  em.emitJump(Op.JUMP, 0, have);
  em.place(conv);
  em.emit(Op.LOCAL, 1, slot);
  c.constant(form);
  em.emit(Op.CALL_VAR, -1, helper(c, 'destructure-map*'), 2);
  em.emit(Op.SET_LOCAL, -1, m);
  em.place(have);
  for (const { key, target } of keys) {
    const t = c.scope.alloc();
    const dflt = target instanceof Sym ? defaults.get(target) : undefined;
    const got = em.label();
    if (dflt === undefined) {
      em.emit(Op.NIL, 1);
      em.emit(Op.SET_LOCAL, -1, t);
      em.emitJump(Op.MAP_VALUE, 0, got, t, m, em.constant(key));
    } else {
      const absent = em.label();
      em.emitJump(Op.MAP_VALUE, 0, absent, t, m, em.constant(key));
      em.emitJump(Op.JUMP, 0, got);
      em.place(absent);
      c.expr(dflt, false);
      em.emit(Op.SET_LOCAL, -1, t);
    }
    em.place(got);
    bindForm(c, target, t, form);
  }
}
