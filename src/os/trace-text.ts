/**
 * A fault's backtrace as text (machine/backtrace.ts puts it in the exit
 * reason's metadata): one line per frame, innermost first, `in f
 * (file:line:column)`, where typed input is `<repl>` (not `at`, which
 * reads as a JavaScript stack trace); a run of the same frame (a deep
 * recursion) is one line with its count. Short by default
 * (the REPL, `lona run`, crash reports); `(backtrace reason)` shows every
 * frame with its arguments.
 */
import { Keyword, PMap, Tuple, Vector, type Value } from '../machine/index.js';
import { printValue } from '../lonala/index.js';

/** Frames a report shows before saying how many more there are. */
export const SHORT_TRACE = 8;
const ARG_LIMITS = { maxLength: 5, maxDepth: 3, maxString: 40 };

const K = (name: string) => Keyword.of(name);

/** The frames in `reason`'s metadata, innermost first, and how many deeper ones were not kept. */
export function traceFrames(reason: Value): { frames: PMap[]; elided: number } {
  const meta = reason instanceof Tuple ? reason.meta : null;
  if (!(meta instanceof PMap)) return { frames: [], elided: 0 };
  const trace = meta.get(K('trace'));
  const elided = meta.get(K('elided'));
  return { frames: trace instanceof Vector ? (trace.toArray() as PMap[]) : [], elided: typeof elided === 'number' ? elided : 0 };
}

/** One frame as a line: `in f (file:line:column)`, with its arguments if asked. */
export function frameLine(f: PMap, withArgs: boolean): string {
  const fn = f.get(K('fn'));
  const name = fn === null || fn === undefined ? 'fn' : printValue(fn);
  const line = f.get(K('line')) as number;
  const file = f.get(K('file'));
  const where = line > 0 ? ` (${typeof file === 'string' ? file : '<repl>'}:${line}:${f.get(K('column')) as number})` : '';
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
