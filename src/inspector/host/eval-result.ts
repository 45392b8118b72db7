/**
 * One form's outcome as the protocol carries it (PROTOCOL.md "Evaluation",
 * protocol.ts EvalResult): the text the REPL prints, the value as host
 * data, and the presentations the printer found as it printed the value.
 */
import { Kind, type Value } from '../../machine/index.js';
import { printValue } from '../../lonala/index.js';
import { OutcomePrinter, type FormOutcome, type Session } from '../../os/index.js';
import { REPLY_LIMITS, toHost } from './host-values.js';
import type { EvalResult, Presentation, PresentationType } from '../protocol.js';

/** The presentation type of a value printed whole, if it is one. */
function presentationType(x: Value): PresentationType | null {
  if (typeof x !== 'object' || x === null) return null;
  switch (x.kind) {
    case Kind.Pid: return 'pid';
    case Kind.Var: return 'var';
    case Kind.Fn: case Kind.Native: return 'fn';
    case Kind.RealmId: return 'realm';
    case Kind.Opaque: return (x as { type?: unknown }).type === 'cap' ? 'cap' : null;
    default: return null;
  }
}

/**
 * The result of outcome `o` of `session` (kept in its `*1` or `*e` by
 * `printer`); `text` replaces the REPL's line for it (a load's failure says
 * where it failed).
 */
export function evalResult(o: FormOutcome, session: Session, printer: OutcomePrinter, width: number | undefined, text?: string): EvalResult {
  printer.remember(o);
  const presentations: Presentation[] = [];
  const printed = OutcomePrinter.text(o, (x, offset, shown) => {
    const type = presentationType(x);
    if (type !== null) presentations.push({ type, text: shown, offset });
  }, width);
  const value = o.kind === 'value' ? toHost(o.value, { limits: REPLY_LIMITS }) : o.kind === 'exit' ? toHost(o.reason, { limits: REPLY_LIMITS }) : null;
  const result: EvalResult = { kind: o.kind, text: text ?? printed, value, presentations: text === undefined ? presentations : [] };
  const kept = o.kind === 'exit' && session.process.extra?.faultFrames != null;
  return kept ? { ...result, evaluator: printValue(session.process.pid) } : result;
}
