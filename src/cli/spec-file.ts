/**
 * Lonala spec files: `.lona` files whose lines end in `; => expected`
 * (the conformance corpus's notation). Each top-level form followed on its
 * last line by `; => VALUE` or `; => ERROR :kind` is an assertion; other
 * forms are setup. A file runs in one fresh system, forms in order.
 *
 * Comparison as in the corpus: printed text equal, or both sides read to
 * equal values (so map and set order do not matter). `...` inside the
 * expected text matches anything (pids, refs, times). Expected output of
 * `println` is checked with `; out> text` lines after the assertion.
 */
import { printValue, type ReadForm } from '../lonala/index.js';
import { kindOf, textMatches, valueMatches } from './matching.js';
import { System, Session, TEST_REDUCTION_LIMIT, describeOutcome, type FormOutcome } from '../os/index.js';

export interface SpecAssertion {
  line: number;
  form: string;
  expected: string;
  actual: string;
  passed: boolean;
}

export interface SpecResult { file: string; assertions: SpecAssertion[]; error: string | null }

const MARKER = /^[ \t]*;[ \t]*=>[ \t]?(.*)$/;

/** Runs the spec file text `source` (named `file` in reports). */
export function runSpec(source: string, file: string): SpecResult {
  const output: string[] = [];
  const system = System.boot({ write: (t) => void output.push(t) });
  const session = new Session(system, system.user, system.sessionRealm());
  session.reductionLimit = TEST_REDUCTION_LIMIT;
  const lines = source.split('\n');
  const assertions: SpecAssertion[] = [];
  let error: string | null = null;
  const check = (o: FormOutcome, f: ReadForm | null): boolean => {
    const printed = output.join('').trimEnd();
    output.length = 0;
    if (f === null) {
      if (o.kind === 'read-error') error = `${file}:${o.error.line}:${o.error.column}: ${o.error.kind}: ${o.error.message}`;
      return false;
    }
    const endLine = source.slice(0, f.end).split('\n').length;
    const rest = lines[endLine - 1].slice(f.end - source.lastIndexOf('\n', f.end - 1) - 1);
    const marker = MARKER.exec(rest);
    if (marker === null) {
      if (o.kind === 'value') return true;
      error = `${file}:${f.line}: setup failed: ${describeOutcome(o)}`;
      return false;
    }
    const expected = marker[1].replace(/\s+;.*$/, '').trim();
    const actual = o.kind === 'value' ? printValue(o.value) : describeOutcome(o);
    let passed: boolean;
    const err = /^ERROR(?:\s+:(\S+))?/.exec(expected);
    if (err !== null) passed = o.kind !== 'value' && (err[1] === undefined || kindOf(o) === err[1]);
    else passed = o.kind === 'value' && valueMatches(expected, actual);
    const outLines = collectOutputLines(lines, endLine);
    if (outLines !== null && !textMatches(outLines.join('\n'), printed)) passed = false;
    assertions.push({ line: f.line, form: source.slice(f.start, f.end), expected: outLines === null ? expected : `${expected} with output ${JSON.stringify(outLines.join('\n'))}`, actual: outLines === null ? actual : `${actual} with output ${JSON.stringify(printed)}`, passed });
    return true;
  };
  session.evalTextSync(source, { file, keepGoing: true, onForm: check });
  return { file, assertions, error };
}

/** The `; out> text` lines right after line `after` (1-based), or null. */
function collectOutputLines(lines: string[], after: number): string[] | null {
  const out: string[] = [];
  for (let i = after; i < lines.length; i++) {
    const m = /^[ \t]*;[ \t]*out>[ \t]?(.*)$/.exec(lines[i]);
    if (m === null) break;
    out.push(m[1]);
  }
  return out.length === 0 ? null : out;
}
