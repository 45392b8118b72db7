/**
 * The compiler: Lonala forms to code objects (LONALA.md sections 3-6).
 *
 * Special forms: def, fn*, match, do, quote, var, receive, and let*, loop*
 * and recur (the forms under let, loop and destructuring).
 * Everything else is a macro call (expanded here by running the macro's
 * Lonala function) or a function call. Calls through a global var compile
 * to CALL_VAR, so redefining the var is seen at the next call; 2-argument
 * arithmetic on the core intrinsics compiles to guarded inline ops.
 *
 * This file holds the dispatcher and the simple forms; fn.ts, match.ts,
 * receive.ts, bindings.ts (let* and destructuring) and loop.ts (loop* and
 * recur) hold the others.
 *
 * `expr(form, tail)`: in tail position a form ends the current tail
 * context with `leave()`: RETURN (or a tail call) in a function, or, in the
 * body of a loop* whose value is used, a store into the loop's result slot
 * and a jump past the loop (loop.ts). `recur` is legal exactly there.
 */
import {
  CodeObject, Kind, Sym, type LObject, type Value, List, Tuple, Vector, PMap, PSet, Native, Var, type Namespace, type NamespaceView, Op, TOP_LEVEL,
} from '../../machine/index.js';
import { chargeReductions } from '../../machine/function.js';
import { Emitter } from './emitter.js';
import { FnScope } from './scope.js';
import { positionOf } from './compile-error.js';
import { SourceError } from '../source-error.js';
import { compileFn } from './fn.js';
import { compileMatch } from './match.js';
import { compileReceive } from './receive.js';
import { compileDef } from './def.js';
import { compileLet } from './bindings.js';
import { compileLoop, compileRecur, type LoopExit, type RecurTarget } from './loop.js';

/** What the compiler needs from its surroundings. */
export interface CompileEnv {
  readonly namespaces: NamespaceView;
  /** The namespace symbols resolve in (the process's *ns*). */
  readonly ns: Namespace;
  readonly file: string | null;
  /** Source text and position of the top-level form being compiled. */
  readonly source: string | null;
  readonly line: number;
  readonly column: number;
  /** Runs a macro's function on the unevaluated argument forms. */
  expandMacro(macro: Var, form: List): Value;
  /** The intrinsic named `name` as a function value, for `(def ^:native name)`. */
  intrinsic(name: string): Native | undefined;
}

const INLINE_OPS: Record<string, Op> = {
  '+': Op.ADD, '-': Op.SUB, '*': Op.MUL, '<': Op.LT, '>': Op.GT, '<=': Op.LE, '>=': Op.GE, '=': Op.EQ,
};

export const SPECIAL_FORMS = new Set(['def', 'fn*', 'match', 'do', 'quote', 'var', 'receive', 'let*', 'loop*', 'recur']);

/**
 * Subforms one top-level form may have the compiler visit. Compiling runs
 * inside the compiler, all at once: a form built by code can share its
 * parts (`(do v v)` nested sixty deep is sixty conses that compile as 2^60),
 * so past this (about a tenth of a second of compiling) it is refused with
 * `:limit` instead of holding the machine or exhausting the host.
 */
const MAX_FORMS = 250_000;
let formsLeft = MAX_FORMS;
/** Reductions charged to the compiling process per subform visited (about 300 ns of compiling each). */
const REDUCTIONS_PER_FORM = 6;

/** Counts one more subform visited; past MAX_FORMS, :limit. */
export function visit(env: CompileEnv): void {
  if (--formsLeft < 0) {
    throw new SourceError('compile', 'limit', `the form is too big to compile (over ${MAX_FORMS} subforms; shared parts count each time they appear)`, env.line, env.column, env.file);
  }
}

export class Compiler {
  /** Where `recur` goes: the innermost loop* or this fn*; null at top level. */
  recur: RecurTarget | null = null;
  /** Set inside the body of a loop* whose value is used: how its tail positions leave it. */
  exit: LoopExit | null = null;

  constructor(readonly env: CompileEnv, readonly scope: FnScope, readonly em: Emitter) {}

  /**
   * Ends a tail position whose value is pushed: returns it, or inside a
   * loop* whose value is used, stores it in the loop's result slot and
   * jumps past the loop.
   */
  leave(): void {
    if (this.exit === null) {
      this.em.emit(Op.RETURN, -1);
      return;
    }
    this.em.emit(Op.SET_LOCAL, -1, this.exit.slot);
    this.em.emitJump(Op.JUMP, 0, this.exit.label);
  }

  /** Throws a syntax error located at `form`. */
  error(form: Value, message: string, kind = 'syntax-error'): never {
    const p = positionOf(form, { line: this.env.line, column: this.env.column });
    throw new SourceError('compile', kind, message, p.line, p.column, this.env.file);
  }

  /**
   * Compiles `form` so that its value is pushed; in tail position the value
   * is returned instead (the form ends with RETURN or a tail call).
   */
  expr(form: Value, tail: boolean): void {
    visit(this.env);
    if (typeof form === 'object' && form !== null) {
      const o = form as LObject;
      switch (o.kind) {
        case Kind.Symbol: this.symbol(form as Sym); break;
        case Kind.List: {
          const l = form as List;
          if (l.size === 0) this.constant(l);
          else return this.list(l, tail);
          break;
        }
        case Kind.Tuple: this.collection(form, (form as Tuple).items, Op.MAKE_TUPLE); break;
        case Kind.Vector: this.collection(form, (form as Vector).toArray(), Op.MAKE_VECTOR); break;
        case Kind.Map: {
          const kvs: Value[] = [];
          (form as PMap).forEach((v, k) => kvs.push(k, v));
          this.collection(form, kvs, Op.MAKE_MAP);
          break;
        }
        case Kind.Set: this.collection(form, (form as PSet).values(), Op.MAKE_SET); break;
        default: this.constant(form);
      }
    } else {
      this.constant(form);
    }
    if (tail) this.leave();
  }

  /** Pushes a constant value. */
  constant(v: Value): void {
    if (v === null) this.em.emit(Op.NIL, 1);
    else if (v === true) this.em.emit(Op.TRUE, 1);
    else if (v === false) this.em.emit(Op.FALSE, 1);
    else if (typeof v === 'number' && (v | 0) === v) this.em.emit(Op.INT, 1, v);
    else this.em.emit(Op.CONST, 1, this.em.constant(v));
  }

  /** Builds a literal collection: a constant when every element is one. */
  private collection(form: Value, items: Value[], op: Op): void {
    if (items.every((item) => isConstantForm(item, this.env))) return this.constant(form);
    for (const item of items) this.expr(item, false);
    this.em.emit(op, 1 - items.length, items.length);
  }

  private symbol(s: Sym): void {
    if (s.ns === null) {
      const local = this.scope.resolve(s.name);
      if (local !== undefined) {
        if (local.where === 'local') this.em.emit(Op.LOCAL, 1, local.slot);
        else if (local.where === 'env') this.em.emit(Op.ENV, 1, local.index);
        else this.em.emit(Op.SELF, 1);
        return;
      }
    }
    const v = this.resolveVar(s);
    if (v.macro) this.error(s, `can't take the value of a macro: ${v.qualifiedName}`);
    this.em.emit(Op.VAR, 1, this.em.constant(v));
  }

  /**
   * The var a global symbol names: `ns/name` through aliases and the
   * namespace table; a plain name in the current namespace or its refers.
   * An unknown plain name is interned unbound (calls fault :undef at run
   * time, so functions may refer to ones defined later).
   */
  resolveVar(s: Sym): Var {
    const ns = this.env.ns;
    if (s.ns !== null) {
      const target = ns.alias(s.ns) ?? this.env.namespaces.find(s.ns);
      if (target === undefined) this.error(s, `no such namespace: ${s.ns}`);
      const v = target.lookup(s.name) ?? this.env.namespaces.own(target).intern(s.name);
      if (v.private && target !== ns) this.error(s, `${v.qualifiedName} is private to ${target.name} (#'${v.qualifiedName} still reaches it)`, 'private');
      return v;
    }
    return ns.lookup(s.name) ?? ns.intern(s.name);
  }

  /** The var `s` names, without creating one. */
  existingVar(s: Sym): Var | undefined {
    const ns = this.env.ns;
    if (s.ns === null) return ns.lookup(s.name);
    return (ns.alias(s.ns) ?? this.env.namespaces.find(s.ns))?.lookup(s.name);
  }

  /** The macro var `head` names, if it names one (and no local shadows it). */
  macroVar(head: Value): Var | undefined {
    if (!(head instanceof Sym)) return undefined;
    if (head.ns === null && (this.scope.resolve(head.name) !== undefined || SPECIAL_FORMS.has(head.name))) return undefined;
    const v = this.existingVar(head);
    return v !== undefined && v.macro ? v : undefined;
  }

  private list(form: List, tail: boolean): void {
    const head = form.head;
    const { line, column } = positionOf(form, { line: 0, column: 0 });
    const savedLine = this.em.line, savedColumn = this.em.column;
    if (line > 0) {
      this.em.line = line;
      this.em.column = column;
    }
    try {
      if (head instanceof Sym && head.ns === null && SPECIAL_FORMS.has(head.name) && this.scope.resolve(head.name) === undefined) {
        return this.special(head.name, form, tail);
      }
      const macro = this.macroVar(head);
      if (macro !== undefined) return this.expr(this.env.expandMacro(macro, form), tail);
      this.call(form, tail);
    } finally {
      this.em.line = savedLine;
      this.em.column = savedColumn;
    }
  }

  private special(name: string, form: List, tail: boolean): void {
    const args = form.tail.toArray();
    switch (name) {
      case 'quote':
        if (args.length !== 1) this.error(form, 'quote takes exactly one form');
        this.constant(args[0]);
        break;
      case 'do':
        if (args.length === 0) { this.em.emit(Op.NIL, 1); break; }
        for (let i = 0; i < args.length - 1; i++) {
          this.expr(args[i], false);
          this.em.emit(Op.POP, -1);
        }
        return this.expr(args[args.length - 1], tail);
      case 'var': {
        if (args.length !== 1 || !(args[0] instanceof Sym)) this.error(form, 'var takes one symbol');
        const existing = this.existingVar(args[0] as Sym);
        if (existing === undefined) this.error(form, `no var named ${(args[0] as Sym).fullName}`, 'undef');
        this.constant(existing);
        break;
      }
      case 'def': compileDef(this, form, args); break;
      case 'fn*': compileFn(this, form, args); break;
      case 'match': return compileMatch(this, form, args, tail);
      case 'receive': return compileReceive(this, form, args, tail);
      case 'let*': return compileLet(this, form, args, tail);
      case 'loop*': return compileLoop(this, form, args, tail);
      case 'recur': return compileRecur(this, form, args, tail);
      default: this.error(form, `${name} is not supported yet`);
    }
    if (tail) this.leave();
  }

  private call(form: List, tail: boolean): void {
    const head = form.head;
    const args = form.tail.toArray();
    const globalVar = head instanceof Sym && (head.ns !== null || this.scope.resolve(head.name) === undefined)
      ? this.resolveVar(head) : undefined;
    if (globalVar !== undefined) {
      const inline = args.length === 2 ? this.inlineOp(globalVar) : undefined;
      for (const a of args) this.expr(a, false);
      if (inline !== undefined) {
        this.em.emit(inline, -1, this.em.constant(globalVar), this.em.constant(globalVar.root as Value));
        if (tail) this.leave();
        return;
      }
      const k = this.em.constant(globalVar);
      if (tail && this.exit === null) this.em.emit(Op.TAIL_CALL_VAR, 1 - args.length, k, args.length);
      else {
        this.em.emit(Op.CALL_VAR, 1 - args.length, k, args.length);
        if (tail) this.leave();
      }
      return;
    }
    this.expr(head, false);
    for (const a of args) this.expr(a, false);
    if (tail && this.exit === null) this.em.emit(Op.TAIL_CALL, -args.length, args.length);
    else {
      this.em.emit(Op.CALL, -args.length, args.length);
      if (tail) this.leave();
    }
  }

  /** The inline op for a call of `v` if `v` is a core arithmetic intrinsic now. */
  private inlineOp(v: Var): Op | undefined {
    if (v.ns.name !== 'lona.core' || !(v.root instanceof Native)) return undefined;
    const op = INLINE_OPS[v.name];
    return op !== undefined && v.root.spec.name === v.name ? op : undefined;
  }
}

/** True for forms that evaluate to themselves (and contain no code). */
export function isConstantForm(f: Value, env: CompileEnv): boolean {
  if (typeof f !== 'object' || f === null) return true;
  visit(env);
  const constant = (x: Value): boolean => isConstantForm(x, env);
  switch ((f as LObject).kind) {
    case Kind.Symbol: return false;
    case Kind.List: return (f as List).size === 0;
    case Kind.Tuple: return (f as Tuple).items.every(constant);
    case Kind.Vector: return (f as Vector).toArray().every(constant);
    case Kind.Map: {
      let ok = true;
      (f as PMap).forEach((v, k) => { ok = ok && constant(k) && constant(v); });
      return ok;
    }
    case Kind.Set: return (f as PSet).values().every(constant);
    default: return true;
  }
}

/** Compiles a top-level form into a code object of no arguments. */
export function compileTopLevel(form: Value, env: CompileEnv): CodeObjectResult {
  // A compile nested in this one (eval in a macro) has a budget of its own.
  const outer = formsLeft;
  formsLeft = MAX_FORMS;
  try {
    const em = new Emitter();
    em.line = env.line;
    em.column = env.column;
    const scope = new FnScope(null, null, () => em.code.length);
    new Compiler(env, scope, em).expr(form, true);
    return { code: em.finish(TOP_LEVEL, 0, false, scope.maxSlots, [], env.file, scope.localVars()) };
  } catch (e) {
    if (e instanceof SourceError) return { error: e };
    if (e instanceof RangeError) {
      return { error: new SourceError('compile', 'too-deep', 'form nested too deeply to compile', env.line, env.column, env.file) };
    }
    throw e;
  } finally {
    // Compiling is the compiling process's work: a realm's cpu cap holds for a loop of evals of big forms.
    chargeReductions((MAX_FORMS - Math.max(formsLeft, 0)) * REDUCTIONS_PER_FORM);
    formsLeft = outer;
  }
}

export type CodeObjectResult = { code: CodeObject; error?: undefined } | { error: SourceError; code?: undefined };

