/**
 * `(receive pat1 body1 pat2 when guard body2 ... :after ms timeout-body)`
 * (LONALA.md 8): selective receive. Messages are scanned oldest first; the
 * first message some clause matches is removed and that clause's body runs;
 * unmatched messages stay queued in order. With no match the process waits
 * (the scheduler wakes it on a new message or when `ms` passes; 0 polls).
 *
 *   [timeout]  RECV_START n
 *   top:       RECV_PEEK msg, after
 *              <clause tests, as in match> ... RECV_ACCEPT <body> JUMP end
 *              RECV_NEXT top
 *   after:     <timeout body>
 *   end:
 */
import { Keyword, type List, type Value, Op } from '../../machine/index.js';
import type { Compiler } from './compiler.js';
import { compilePattern, parseClauses } from './match.js';

const AFTER = Keyword.of('after');

export function compileReceive(c: Compiler, form: List, args: Value[], tail: boolean): void {
  const hasAfter = args.length >= 3 && args[args.length - 3] === AFTER;
  const clauseForms = hasAfter ? args.slice(0, -3) : args;
  // parseClauses reads clauses from index 1 (index 0 is match's subject).
  const clauses = parseClauses(c, form, [null, ...clauseForms]);
  const em = c.em;
  const end = em.label();
  const top = em.label();
  const after = em.label();
  const outer = c.scope.mark();
  if (hasAfter) {
    c.expr(args[args.length - 2], false);
    em.emit(Op.RECV_START, -1, 1);
  } else {
    em.emit(Op.RECV_START, 0, 0);
  }
  const message = c.scope.alloc();
  em.place(top);
  em.emitJump(Op.RECV_PEEK, 0, after, message);
  for (const clause of clauses) {
    const mark = c.scope.mark();
    const fail = em.label();
    compilePattern(c, clause.pattern, message, fail, new Map());
    if (clause.guard !== undefined) {
      em.emitJump(Op.GUARD_BEGIN, 0, fail);
      c.expr(clause.guard, false);
      em.emit(Op.GUARD_END, 0);
      em.emitJump(Op.JUMP_IF_FALSE, -1, fail);
    }
    em.emit(Op.RECV_ACCEPT, 0);
    c.expr(clause.body, tail);
    if (!tail) em.emitJump(Op.JUMP, 0, end);
    em.place(fail);
    c.scope.release(mark);
  }
  em.emitJump(Op.RECV_NEXT, 0, top);
  em.place(after);
  // Without :after this is never reached (the timeout is infinite).
  if (hasAfter) c.expr(args[args.length - 1], tail);
  else c.expr(null, tail);
  if (!tail) em.place(end);
  c.scope.release(outer);
}
