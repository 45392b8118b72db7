/**
 * The pretty printer (`pprint`, and results shown at a width): a value
 * that fits in what is left of the line prints flat, exactly as printValue
 * prints it; a collection that does not fit breaks between its elements,
 * each on its own line under the first (a map's key and value stay
 * together, runs of scalars fill the line), never inside a token. Bounded and charged like printValue:
 * the same limits cut long collections, deep nesting and long strings.
 */
import { Kind, type LObject, type Value } from '../machine/index.js';
import { MAX_CALL_REDUCTIONS } from '../machine/function.js';
import { PRINT_ELEMENT, elements, opening, printFitting, printValue, type PrintOptions } from './printer.js';

export interface PrettyOptions extends PrintOptions {
  /** Columns to fit in (default 80). */
  width?: number;
}

/** Work a pretty print that may not refuse (a REPL's result) does before it cuts what is left with `...` (about a tenth of a second). */
const PRETTY_WORK = MAX_CALL_REDUCTIONS;

/** Collections nested deeper than this (while breaking) print flat: the printer never recurses deeper on the host's stack. */
const BREAK_DEPTH = 64;

/** `v` as text broken into lines of at most `width` columns where its structure allows. */
export function prettyValue(v: Value, opts: PrettyOptions = {}): string {
  const width = Math.max(1, opts.width ?? 80);
  const maxLength = opts.maxLength ?? Infinity;
  const maxDepth = opts.maxDepth ?? Infinity;
  // One budget for the whole of it, every try included: a value sharing its parts is walked once per place it
  // appears, and each try would otherwise have a budget of its own.
  const shared = { left: opts.refuseAs !== undefined ? Math.max(0, opts.budget ?? MAX_CALL_REDUCTIONS) : PRETTY_WORK };
  opts = { ...opts, shared };
  const onScalar = opts.onScalar;
  /** Options for trying whether something fits: the same printing, nothing reported. */
  const trying = { ...opts, onScalar: undefined };
  const out: string[] = [];
  let offset = 0, column = 0;
  const put = (s: string): void => {
    // The text it makes counts against the budget too, indentation and all.
    shared.left -= s.length;
    out.push(s);
    offset += s.length;
    const nl = s.lastIndexOf('\n');
    column = nl < 0 ? column + s.length : s.length - nl - 1;
  };
  /** Prints `x` flat at the current position, its presentations at their places. */
  const flat = (x: Value, depth: number, text: string | null): void => {
    const at = offset;
    const marks: [Value, number, string][] = [];
    const collect = onScalar === undefined ? undefined : (y: Value, o: number, t: string) => void marks.push([y, o, t]);
    const printed = text !== null && collect === undefined ? text : printValue(x, { ...opts, maxDepth: maxDepth - depth, onScalar: collect });
    for (const [y, o, t] of marks) onScalar!(y, at + o, t);
    put(printed);
  };
  const pp = (x: Value, depth: number): void => {
    // Each place visited costs (a shared part is visited once per place): with the budget spent, the rest prints flat, cut.
    shared.left -= PRINT_ELEMENT;
    const fits = printFitting(x, { ...trying, maxDepth: maxDepth - depth }, width - column);
    const open = opening(x);
    if (fits !== null || open === null || depth >= maxDepth || depth >= BREAK_DEPTH || shared.left <= 0) return flat(x, depth, fits);
    put(open);
    const indent = ' '.repeat(column);
    const e = elements(x as LObject, maxLength, depth);
    const step = (x as LObject).kind === Kind.Map ? 2 : 1;
    for (let i = 0; i < e.count; i += step) {
      // Runs of scalars fill the line (as Clojure's pprint does a long list of numbers); anything else starts its own.
      const filling = step === 1 && i > 0 && opening(e.items[i]) === null && opening(e.items[i - 1]) === null;
      const next = filling ? printFitting(e.items[i], trying, width - column - 1) : null;
      if (next !== null) put(' ');
      else if (i > 0) put('\n' + indent);
      pp(e.items[i], depth + 1);
      if (step === 2) {
        put(' ');
        pp(e.items[i + 1], depth + 1);
      }
    }
    if (e.truncated) put(e.count > 0 ? ' ...' : '...');
    put(e.close);
  };
  pp(v, 0);
  return out.join('');
}
