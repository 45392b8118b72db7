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
import { compileClauses, parseClauses } from './match.js';

const AFTER = Keyword.of('after');

export function compileReceive(c: Compiler, form: List, args: Value[], tail: boolean): void {
  const hasAfter = args.length >= 3 && args[args.length - 3] === AFTER;
  const clauseForms = hasAfter ? args.slice(0, -3) : args;
  const clauses = parseClauses(c, form, clauseForms, 0);
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
  compileClauses(c, clauses, message, end, tail, Op.RECV_ACCEPT);
  em.emitJump(Op.RECV_NEXT, 0, top);
  em.place(after);
  // Without :after this is never reached (the timeout is infinite).
  if (hasAfter) c.expr(args[args.length - 1], tail);
  else c.expr(null, tail);
  if (!tail) em.place(end);
  c.scope.release(outer);
}
