/**
 * Regular-expression literals (LONALA.md section 1): `#"\d+"` reads as the
 * regular expression of the text between the quotes, taken as it is, as
 * Clojure's: a backslash keeps the character after it (so `\"` is a quote
 * in the expression and `\d` is not a string escape), and only an
 * unescaped `"` ends it. An expression the engine refuses (a syntax error,
 * a backreference, lookaround) is the reader error `invalid-regex`; one too
 * big to compile in one call, `limit` (../regex/compile.ts).
 */
import type { Regex } from '../../machine/index.js';
import { RegexError, makeRegex } from '../regex/index.js';
import { Failure } from './reader-error.js';
import type { Scanned } from './scanner.js';

/** Reads the literal whose `#` is at `start` (a `"` follows it). */
export function readRegex(src: string, start: number): Scanned<Regex> | Failure {
  const n = src.length;
  for (let i = start + 2; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c === 92) i++; // \ and the character after it
    else if (c === 34) {
      const made = makeRegex(src.slice(start + 2, i));
      if (made instanceof RegexError) {
        return new Failure(made.kind === 'limit' ? 'limit' : 'invalid-regex', `regular expression #"...": ${made.message}`, start);
      }
      return { value: made, end: i + 1 };
    }
  }
  return new Failure('unexpected-eof', 'unterminated regular expression #"...": reached the end of input', start);
}
