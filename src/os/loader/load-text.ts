/**
 * Loading text a client sends (an editor's buffer: nREPL's load-file, the
 * protocol's `load`) into a session as one namespace transaction
 * (transaction.ts), as live editing loads a saved file: the forms run as
 * the session evaluator's work (preemptible, interruptible, its output to
 * its client), every definition takes effect or none does, and a failure
 * says where, with file, line and column.
 */
import { Fault, Keyword, List, PMap, Sym, Tuple, faultReason, type Value } from '../../machine/index.js';
import { printValue } from '../../lonala/index.js';
import type { Session } from '../session.js';
import { Load, type LoadReport } from './transaction.js';

/** What a load came to: the last form's value and what changed, or the reason and the one-line report of its failure. */
export type TextLoad =
  | { ok: true; value: Value; report: LoadReport | null }
  | { ok: false; reason: Value; text: string; at: { line: number; column: number } };

const LOAD_FORMS = Sym.of('load-forms*', 'lona.core');
const QUOTE = Sym.of('quote');

/** Loads `text` as the file `file` in the session's evaluator; the session's namespace is as it was afterwards. */
export async function loadText(session: Session, text: string, file: string): Promise<TextLoad> {
  const evaluator = session.evaluator();
  let load: Load;
  try {
    load = new Load(evaluator, evaluator, text, file, { keepNs: true });
  } catch (e) {
    if (!(e instanceof Fault)) throw e;
    const reason = faultReason(e);
    const at = { line: 0, column: 0 };
    return { ok: false, reason, text: describeLoadFailure(file, reason, at), at };
  }
  const outcome = await session.evalValue(List.of(LOAD_FORMS, List.of(QUOTE, load.handle)), null, file);
  if (outcome.kind === 'value') return { ok: true, value: outcome.value, report: load.report };
  const reason = outcome.kind === 'exit' ? outcome.reason : faultReason(new Fault(outcome.error.kind, { message: outcome.error.message }));
  return { ok: false, reason, text: describeLoadFailure(file, reason, load.at), at: load.at };
}

/**
 * `file:line:col: what (nothing changed)`: a reading or compiling error
 * (it has a position and a message) as its kind and message, a fault of a
 * running form as its exit reason, at the form.
 */
export function describeLoadFailure(file: string, reason: Value, at: { line: number; column: number }): string {
  const fields = errorFields(reason);
  const placed = fields !== null && typeof fields.line === 'number' && typeof fields.message === 'string';
  const line = placed ? fields.line as number : at.line;
  const column = placed && typeof fields.column === 'number' ? fields.column : at.column;
  const what = placed ? `${fields.kind}: ${fields.message as string}` : printValue(reason, { maxLength: 20, maxDepth: 5, maxString: 200 });
  return `${file}:${line}:${column}: ${what} (nothing changed)`;
}

/** The kind and fields of an exit reason `[:error kind %{...}]`, or null. */
export function errorFields(reason: Value): { kind: string; [field: string]: Value } | null {
  if (!(reason instanceof Tuple) || reason.items[0] !== Keyword.of('error') || !(reason.items[1] instanceof Keyword)) return null;
  const out: { kind: string; [field: string]: Value } = { kind: reason.items[1].name };
  const map = reason.items[2];
  if (map instanceof PMap) for (const [k, v] of map.entries()) if (k instanceof Keyword) out[k.name] = v;
  return out;
}
