/**
 * `(loop* [i 0 acc 0] body...)` and `(recur e1 e2)`: Clojure's loop, run
 * in the frame of the function it is in (README "Lonala at a glance"). The
 * `loop` macro (std/lona/core/macros.lona) puts destructuring on top.
 *
 * loop* binds plain names in order, each value seeing the names before it,
 * then runs its body. `recur` in a tail position of the body evaluates its
 * arguments, stores them in the loop's slots and jumps back to the head
 * with LOOP, which costs a reduction (a loop is preempted as recursion
 * is; the JS tier compiles code with LOOPs as it compiles self tail calls).
 * In a tail position of a fn* body, recur does the same with the
 * function's parameters, from its first instruction (fn.ts). Anywhere
 * else, or with the wrong number of values, recur is a compile error at
 * its position.
 *
 *   loop* in tail position           loop* whose value is used
 *         <init> SET_LOCAL i               <init> SET_LOCAL i
 *   head: <body>: tails RETURN       head: <body>: tails SET_LOCAL r, JUMP end
 *         recur: <args>                    recur: <args>
 *                SET_LOCAL i, LOOP head           SET_LOCAL i, LOOP head
 *                                    end:  LOCAL r
 *
 * A loop whose value is used keeps it in a slot, not on the operand stack,
 * so the stack is as deep at `end` as at `head` (the JS tier wants jump
 * targets with an empty stack). The loop's names are bound in the scope,
 * so the debugger sees them (CodeObject.localVars).
 */
import { Sym, type Value, List, Tuple, Op } from '../../machine/index.js';
import type { Label } from './emitter.js';
import type { Compiler } from './compiler.js';
import { printValue } from '../printer.js';

/** Where `recur` goes: the head of the innermost loop* or fn*, and the slots its values go to. */
export interface RecurTarget {
  readonly head: Label;
  readonly slots: readonly number[];
  /** The operand stack depth at the head, which a recur in tail position finds too. */
  readonly depth: number;
  /** A several-clause fn's argument tuple (fn.ts): recur passes its values as that one tuple. */
  readonly packs: boolean;
  /** What the target is, for errors: "loop", "fn", "fn name". */
  readonly what: string;
}

/** How a tail position leaves a loop* whose value is used: into `slot`, then to `label`. */
export interface LoopExit {
  readonly label: Label;
  readonly slot: number;
}

const AMPERSAND = Sym.of('&');

/** Compiles a body of forms (an implicit do). */
export function compileBody(c: Compiler, body: Value[], tail: boolean): void {
  c.expr(body.length === 0 ? null : body.length === 1 ? body[0] : List.from([Sym.of('do'), ...body]), tail);
}

export function compileLoop(c: Compiler, form: List, args: Value[], tail: boolean): void {
  const bindings = args[0];
  if (!(bindings instanceof Tuple) || bindings.items.length % 2 !== 0) {
    c.error(bindings instanceof Tuple ? bindings : form, 'loop* needs a tuple of name/value pairs: (loop* [i 0 acc 1] ...)');
  }
  const em = c.em;
  const mark = c.scope.mark();
  const items = bindings.items;
  const slots: number[] = [];
  for (let i = 0; i < items.length; i += 2) {
    const name = items[i];
    if (!(name instanceof Sym) || name.ns !== null || name === AMPERSAND) {
      c.error(bindings, `loop* binds plain names (loop destructures): ${printValue(name)} in ${printValue(bindings)}`);
    }
    c.expr(items[i + 1], false);
    const slot = c.scope.alloc();
    em.emit(Op.SET_LOCAL, -1, slot);
    c.scope.bind(name.name, slot);
    slots.push(slot);
  }
  const outer = { recur: c.recur, exit: c.exit };
  let end: Label | null = null;
  let result = -1;
  if (!tail) {
    result = c.scope.alloc();
    end = em.label();
    c.exit = { label: end, slot: result };
  }
  const head = em.label();
  em.place(head);
  c.recur = { head, slots, depth: em.depth, packs: false, what: 'loop' };
  compileBody(c, args.slice(1), true);
  c.recur = outer.recur;
  c.exit = outer.exit;
  if (end !== null) {
    em.place(end);
    em.emit(Op.LOCAL, 1, result);
  }
  c.scope.release(mark);
}

export function compileRecur(c: Compiler, form: List, args: Value[], tail: boolean): void {
  const target = c.recur;
  if (target === null) c.error(form, 'recur outside a loop or fn: it goes back to the head of the innermost loop or fn');
  if (!tail) {
    c.error(form, `recur must be in tail position: its value would be used here (recur goes back to the head of its ${target.what})`);
  }
  const em = c.em;
  if (target.packs) {
    for (const a of args) c.expr(a, false);
    em.emit(Op.MAKE_TUPLE, 1 - args.length, args.length);
    em.emit(Op.SET_LOCAL, -1, target.slots[0]);
  } else {
    const n = target.slots.length;
    if (args.length !== n) {
      c.error(form, `recur takes ${n} value${n === 1 ? '' : 's'} here (its ${target.what} binds ${n}), got ${args.length}`, 'arity');
    }
    // A value that is already in its slot (recur's argument names the same local) needs no move.
    const moved = args.map((a, i) => !unchanged(c, a, target.slots[i]));
    args.forEach((a, i) => { if (moved[i]) c.expr(a, false); });
    for (let i = n - 1; i >= 0; i--) if (moved[i]) em.emit(Op.SET_LOCAL, -1, target.slots[i]);
  }
  if (em.depth !== target.depth) throw new Error(`recur at operand depth ${em.depth}, its head at ${target.depth}`);
  em.emitJump(Op.LOOP, 0, target.head);
}

/** Whether `arg` is a name for the local in `slot` itself. */
function unchanged(c: Compiler, arg: Value, slot: number): boolean {
  return arg instanceof Sym && arg.ns === null && c.scope.ownSlot(arg.name) === slot;
}
