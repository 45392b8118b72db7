/**
 * How `lona test` and `lona conformance` compare what a form printed with
 * what a file expects: equal text, with `...` in the expected text matching
 * anything (pids, refs, times), as doctest's ellipsis; or, when both sides
 * read as exactly one form, equal values (so map and set order do not
 * matter).
 */
import { equals, reasonKind, type Value } from '../machine/index.js';
import { readOne } from '../lonala/index.js';
import type { FormOutcome } from '../os/index.js';

/** Whether `actual` matches `expected` text, `...` being a wildcard. */
export function textMatches(expected: string, actual: string): boolean {
  if (!expected.includes('...')) return expected === actual;
  const pattern = expected.split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*');
  return new RegExp(`^${pattern}$`).test(actual);
}

/** The value `text` reads as, if it is exactly one form (nothing but blanks after it). */
export function readWhole(text: string): { value: Value } | null {
  const r = readOne(text);
  if (!('form' in r) || text.slice(r.end).trim() !== '') return null;
  return { value: r.form };
}

/**
 * Value comparison of printed results: same text (with `...` wildcards
 * unless `ellipsis` is false), or equal values when both read as one form.
 */
export function valueMatches(expected: string, actual: string, ellipsis = true): boolean {
  if (ellipsis ? textMatches(expected, actual) : expected === actual) return true;
  const a = readWhole(actual);
  const b = a === null ? null : readWhole(expected);
  return a !== null && b !== null && equals(a.value, b.value);
}

/** The error kind keyword name of a failed outcome (exit reason, read or compile error). */
export function kindOf(o: FormOutcome): string | null {
  if (o.kind === 'exit') return reasonKind(o.reason);
  if (o.kind === 'read-error' || o.kind === 'compile-error') return o.error.kind;
  return null;
}
