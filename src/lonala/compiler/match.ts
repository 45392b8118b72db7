/**
 * `(match expr pat1 body1 pat2 when guard body2 ...)` and its patterns
 * (LONALA.md sections 3 and 4); a guard may also be written as a form,
 * `pat (when guard) body`. The subject lives in a frame slot; each
 * clause is a chain of TEST_* instructions jumping to the next clause on
 * mismatch, bindings written straight into slots (a plain symbol pattern
 * just names the slot it matched, costing nothing). Guards run under
 * GUARD_BEGIN, so a guard that faults counts as not matching. No match:
 * BADMATCH exits with `[:error :badmatch %{:value v}]`.
 */
import { Kind, Sym, type LObject, type Value, List, Tuple, Vector, PMap, PSet, Op } from '../../machine/index.js';
import type { Label } from './emitter.js';
import { Compiler, isConstantForm, visit } from './compiler.js';
import { compileBitsPattern } from './bits-pattern.js';

export interface Clause { pattern: Value; guard: Value | undefined; body: Value }

/** `when` in a clause, also as syntax-quote leaves it (lona.core/when). */
const isWhen = (v: Value): boolean => v instanceof Sym && v.name === 'when' && (v.ns === null || v.ns === 'lona.core');
const UNDERSCORE = Sym.of('_');
const AMPERSAND = Sym.of('&');

/**
 * The guard of a `(when guard)` form, the other spelling of a clause's
 * guard (`pattern (when guard) body`, as Lona's write-ups have it), or
 * undefined. A `(when x)` of one argument as a body would always be nil,
 * so right after a pattern it is read as a guard; the core macros that put
 * code after patterns (if, case) wrap such a form in a do.
 */
export function guardForm(v: Value): Value | undefined {
  return v instanceof List && v.size === 2 && isWhen(v.head) ? v.tail.head : undefined;
}

/** The clauses `pattern [when guard | (when guard)] body ...` of `args` from index `from`. */
export function parseClauses(c: Compiler, form: List, args: Value[], from: number): Clause[] {
  const clauses: Clause[] = [];
  let i = from;
  while (i < args.length) {
    const pattern = args[i++];
    let guard: Value | undefined;
    if (isWhen(args[i]) && i + 2 < args.length) {
      guard = args[i + 1];
      i += 2;
    } else if (i + 1 < args.length && (guard = guardForm(args[i])) !== undefined) {
      i += 1;
    }
    if (i >= args.length) c.error(form, 'match clause has a pattern but no body');
    clauses.push({ pattern, guard, body: args[i++] });
  }
  return clauses;
}

/** `(match c false e nil e _ t)`, the expansion of `if`: one falsy test. */
function ifShape(clauses: Clause[]): { then: Value; else: Value } | undefined {
  if (clauses.length !== 3 || clauses.some((cl) => cl.guard !== undefined)) return undefined;
  const [a, b, d] = clauses;
  const falsy = (p: Value) => p === false || p === null;
  if (falsy(a.pattern) && falsy(b.pattern) && a.pattern !== b.pattern && a.body === b.body && d.pattern === UNDERSCORE) {
    return { then: d.body, else: a.body };
  }
  return undefined;
}

export function compileMatch(c: Compiler, form: List, args: Value[], tail: boolean): void {
  if (args.length < 1) c.error(form, 'match needs an expression and clauses');
  const clauses = parseClauses(c, form, args, 1);
  const em = c.em;
  const end = em.label();
  const shape = ifShape(clauses);
  if (shape !== undefined) {
    const otherwise = em.label();
    c.expr(args[0], false);
    em.emitJump(Op.JUMP_IF_FALSE, -1, otherwise);
    c.expr(shape.then, tail);
    if (!tail) em.emitJump(Op.JUMP, 0, end);
    em.place(otherwise);
    c.expr(shape.else, tail);
    if (!tail) em.place(end);
    return;
  }
  const outer = c.scope.mark();
  c.expr(args[0], false);
  const subject = c.scope.alloc();
  em.emit(Op.SET_LOCAL, -1, subject);
  compileClauses(c, clauses, subject, end, tail, null);
  em.emit(Op.BADMATCH, 0, subject);
  if (!tail) em.place(end);
  c.scope.release(outer);
}

/**
 * Each clause against the value in `subject`: its pattern tests and guard
 * jump to the next clause on failure; on success `onMatch` (if any) is
 * emitted, then the body, then a jump to `end`. Falls through when none matches.
 */
export function compileClauses(c: Compiler, clauses: Clause[], subject: number, end: Label, tail: boolean, onMatch: Op | null): void {
  const em = c.em;
  for (const clause of clauses) {
    const mark = c.scope.mark();
    const fail = em.label();
    compilePattern(c, clause.pattern, subject, fail, new Map());
    if (clause.guard !== undefined) {
      em.emitJump(Op.GUARD_BEGIN, 0, fail);
      c.expr(clause.guard, false);
      em.emit(Op.GUARD_END, 0);
      em.emitJump(Op.JUMP_IF_FALSE, -1, fail);
    }
    if (onMatch !== null) em.emit(onMatch, 0);
    c.expr(clause.body, tail);
    if (!tail) em.emitJump(Op.JUMP, 0, end);
    em.place(fail);
    c.scope.release(mark);
  }
}

/** Names bound so far in one pattern (a repeated name must match equal values). */
export type Seen = Map<string, number>;

/** Binds `name` to `slot`, or tests equality with its earlier binding. */
export function bindName(c: Compiler, name: string, slot: number, fail: Label, seen: Seen): void {
  const earlier = seen.get(name);
  if (earlier !== undefined) {
    c.em.emitJump(Op.TEST_SAME_LOCAL, 0, fail, earlier, slot);
    return;
  }
  seen.set(name, slot);
  c.scope.bind(name, slot);
}

/** Emits the tests and bindings of `pattern` against the value in `slot`. */
export function compilePattern(c: Compiler, pattern: Value, slot: number, fail: Label, seen: Seen): void {
  visit(c.env);
  const em = c.em;
  if (pattern instanceof Sym) {
    if (pattern === UNDERSCORE) return;
    if (pattern.ns !== null || pattern === AMPERSAND) c.error(pattern, `bad pattern variable ${pattern.fullName}`);
    return bindName(c, pattern.name, slot, fail, seen);
  }
  if (typeof pattern !== 'object' || pattern === null) {
    return em.emitJump(Op.TEST_EQUAL, 0, fail, slot, em.constant(pattern));
  }
  switch ((pattern as LObject).kind) {
    case Kind.List: return listPattern(c, pattern as List, slot, fail, seen);
    case Kind.Tuple: return sequencePattern(c, (pattern as Tuple).items, slot, fail, seen, Op.TEST_TUPLE, Op.TEST_TUPLE_MIN);
    case Kind.Vector: return sequencePattern(c, (pattern as Vector).toArray(), slot, fail, seen, Op.TEST_VECTOR, undefined);
    case Kind.Map: return mapPattern(c, pattern as PMap, slot, fail, seen);
    case Kind.Set: return setPattern(c, pattern as PSet, slot, fail, seen);
    default: return em.emitJump(Op.TEST_EQUAL, 0, fail, slot, em.constant(pattern));
  }
}

function listPattern(c: Compiler, pattern: List, slot: number, fail: Label, seen: Seen): void {
  const head = pattern.head;
  if (head === Sym.of('quote') && pattern.size === 2) {
    return c.em.emitJump(Op.TEST_EQUAL, 0, fail, slot, c.em.constant(pattern.tail.head));
  }
  if (head instanceof Sym && head.name === 'pid' && (head.ns === null || head.ns === 'lona.core') && pattern.size === 3) {
    c.em.emitJump(Op.TEST_PID, 0, fail, slot);
    const parts = c.scope.alloc(2);
    c.em.emit(Op.PID_PARTS, 0, parts, slot);
    const [realm, local] = pattern.tail.toArray();
    compilePattern(c, realm, parts, fail, seen);
    compilePattern(c, local, parts + 1, fail, seen);
    return;
  }
  if (head === Sym.of('bits', 'lona.core')) return compileBitsPattern(c, pattern, slot, fail, seen);
  sequencePattern(c, pattern.toArray(), slot, fail, seen, Op.TEST_LIST, Op.TEST_LIST_MIN);
}

/** Tuple, list and vector patterns, with an optional `& rest` (a list). */
function sequencePattern(c: Compiler, items: Value[], slot: number, fail: Label, seen: Seen, exact: Op, atLeast: Op | undefined): void {
  const amp = items.indexOf(AMPERSAND);
  const fixed = amp >= 0 ? items.slice(0, amp) : items;
  if (amp >= 0 && (atLeast === undefined || amp !== items.length - 2)) {
    c.error(items[amp], atLeast === undefined ? 'vector patterns take no & rest' : '& must be followed by exactly one pattern');
  }
  c.em.emitJump(amp >= 0 ? (atLeast as Op) : exact, 0, fail, slot, fixed.length);
  fixed.forEach((p, i) => {
    if (p === UNDERSCORE) return;
    const t = c.scope.alloc();
    c.em.emit(Op.ELEMENT, 0, t, slot, i);
    compilePattern(c, p, t, fail, seen);
  });
  if (amp >= 0) {
    const t = c.scope.alloc();
    c.em.emit(Op.REST, 0, t, slot, fixed.length);
    compilePattern(c, items[amp + 1], t, fail, seen);
  }
}

function mapPattern(c: Compiler, pattern: PMap, slot: number, fail: Label, seen: Seen): void {
  c.em.emitJump(Op.TEST_MAP, 0, fail, slot);
  for (const [k, p] of pattern.entries()) {
    const t = c.scope.alloc();
    c.em.emitJump(Op.MAP_VALUE, 0, fail, t, slot, c.em.constant(k));
    compilePattern(c, p, t, fail, seen);
  }
}

/** `#{a b}`: a set of that size; literal members must be present, names bind the others in order. */
function setPattern(c: Compiler, pattern: PSet, slot: number, fail: Label, seen: Seen): void {
  c.em.emitJump(Op.TEST_SET, 0, fail, slot, pattern.count);
  const members = pattern.values();
  const nested = members.find((p) => !(p instanceof Sym) && !isConstantForm(p, c.env));
  if (nested !== undefined) c.error(pattern, 'set patterns take literal members and names only');
  const names = members.filter((p) => p instanceof Sym);
  const literals = members.filter((p) => !(p instanceof Sym));
  const others = c.scope.alloc();
  c.em.emitJump(Op.SET_OTHERS, 0, fail, others, slot, c.em.constant(new Tuple(literals)));
  names.forEach((p, i) => {
    const t = c.scope.alloc();
    c.em.emit(Op.ELEMENT, 0, t, others, i);
    compilePattern(c, p, t, fail, seen);
  });
}
