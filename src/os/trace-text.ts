/**
 * A fault's backtrace as text (machine/backtrace.ts puts it in the exit
 * reason's metadata): one line per frame, innermost first, `in f
 * (file:line:column)`, where typed input is `<repl>` (not `at`, which
 * reads as a JavaScript stack trace); a run of the same frame (a deep
 * recursion) is one line with its count. Short by default
 * (the REPL, `lona run`, crash reports); `(backtrace reason)` shows every
 * frame with its arguments.
 */
import { Keyword, PMap, Sym, TRACE_FRAMES, Tuple, Vector, type Value } from '../machine/index.js';
import { printValue } from '../lonala/index.js';

/** Frames a report shows before saying how many more there are. */
export const SHORT_TRACE = 8;
const ARG_LIMITS = { maxLength: 5, maxDepth: 3, maxString: 40 };

const K = (name: string) => Keyword.of(name);

/** Characters of a frame's function name or file shown at most (a forged trace may hold anything). */
const MAX_NAME = 200;

/** A frame as the machine makes it: %{:fn sym-or-nil :file string-or-nil :line n :column n}; anything else is not one. */
function isFrame(f: Value): f is PMap {
  if (!(f instanceof PMap)) return false;
  const fn = f.get(K('fn')), file = f.get(K('file')), line = f.get(K('line')), column = f.get(K('column'));
  return (fn === null || fn instanceof Sym) && (file === null || typeof file === 'string')
    && typeof line === 'number' && typeof column === 'number';
}

/**
 * The frames in `reason`'s metadata, innermost first, and how many deeper
 * ones were not kept. Metadata is the reason's sender's to set (an exit
 * signal carries what it was given): a trace not shaped as the machine
 * makes it is no trace.
 */
export function traceFrames(reason: Value): { frames: PMap[]; elided: number } {
  const none = { frames: [], elided: 0 };
  const meta = reason instanceof Tuple ? reason.meta : null;
  if (!(meta instanceof PMap)) return none;
  const trace = meta.get(K('trace'));
  const elided = meta.get(K('elided'));
  if (!(trace instanceof Vector) || trace.count > TRACE_FRAMES) return none;
  const frames = trace.toArray();
  if (!frames.every(isFrame)) return none;
  return { frames: frames as PMap[], elided: typeof elided === 'number' && elided >= 0 ? elided : 0 };
}

const cut = (s: string) => (s.length > MAX_NAME ? `${s.slice(0, MAX_NAME)}...` : s);

/** One frame as a line: `in f (file:line:column)`, with its arguments if asked. */
export function frameLine(f: PMap, withArgs: boolean): string {
  const fn = f.get(K('fn'));
  const name = fn instanceof Sym ? cut(fn.fullName) : 'fn';
  const line = f.get(K('line')) as number;
  const file = f.get(K('file'));
  const where = line > 0 ? ` (${typeof file === 'string' ? cut(file) : '<repl>'}:${line}:${f.get(K('column')) as number})` : '';
  const args = withArgs ? ` ${printValue(f.get(K('args')) ?? null, ARG_LIMITS)}` : '';
  return `    in ${name}${where}${args}`;
}

/** The lines of `reason`'s backtrace (none when it has none): at most `max` frames, then how many more. */
export function traceLines(reason: Value, max = SHORT_TRACE, withArgs = false): string[] {
  const { frames, elided } = traceFrames(reason);
  const lines: string[] = [];
  let shown = 0;
  for (let i = 0; i < frames.length && lines.length < max; ) {
    const line = frameLine(frames[i], withArgs);
    let j = i + 1;
    while (j < frames.length && frameLine(frames[j], withArgs) === line) j++;
    lines.push(j - i > 1 ? `${line} x ${j - i}` : line);
    shown = j;
    i = j;
  }
  const kept = frames.length - shown;
  const more = kept + elided;
  if (more > 0) lines.push(`    ... ${more} more frame${more === 1 ? '' : 's'}${kept > 0 ? ` ((backtrace *e) shows ${kept === more ? 'them' : `${kept} of them`})` : ''}`);
  return lines;
}
