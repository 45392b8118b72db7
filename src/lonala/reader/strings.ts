/**
 * String and character literals (LONALA.md section 1).
 *
 * Strings allow exactly the escapes \n \t \r \" \\ and \uXXXX; any other
 * escape is 'invalid-escape'. Astral characters may appear literally or as a
 * \uXXXX surrogate pair. Characters are `\a`, a named character (`\newline`
 * `\space` `\tab` `\return` `\formfeed` `\backspace`), `\uXXXX`, or any single
 * code point, delimiters included (`\(`, `\;`, `\\`).
 */
import { Char } from '../../machine/index.js';
import { Failure } from './reader-error.js';
import { isWhitespace, scanToken, type Scanned } from './scanner.js';

const NAMED_CHARS = new Map<string, number>([
  ['newline', 10], ['space', 32], ['tab', 9], ['return', 13], ['formfeed', 12], ['backspace', 8],
]);

/** The value of the four hex digits at `i`, or -1. */
function hex4(src: string, i: number): number {
  if (i + 4 > src.length) return -1;
  let v = 0;
  for (let k = i; k < i + 4; k++) {
    const c = src.charCodeAt(k);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

const tooWide = (code: number, limit: number, offset: number): Failure =>
  new Failure('invalid-char', `character U+${hex(code)} does not fit this encoding (at most U+${hex(limit)})`, offset);

const hex = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

/**
 * Reads the string literal whose opening quote is at `start`. Every UTF-16
 * unit must be at most `limit` (used by `#bytes/ascii` and `#bytes/latin1`).
 */
export function readString(src: string, start: number, limit = 0xffff): Scanned<string> | Failure {
  const n = src.length;
  let parts: string[] | null = null;
  let chunk = start + 1;
  for (let i = chunk; i < n; ) {
    const c = src.charCodeAt(i);
    if (c === 34) {
      const last = src.slice(chunk, i);
      if (parts === null) return { value: last, end: i + 1 };
      parts.push(last);
      return { value: parts.join(''), end: i + 1 };
    }
    if (c === 92) {
      if (i + 1 >= n) break;
      const code = escapeAt(src, i);
      if (code < 0) {
        const what = code === -2 ? '\\u needs four hex digits' : `invalid escape \\${String.fromCodePoint(src.codePointAt(i + 1) as number)}`;
        return new Failure('invalid-escape', `${what} in string (allowed: \\n \\t \\r \\" \\\\ \\uXXXX)`, i);
      }
      if (code > limit) return tooWide(code, limit, i);
      (parts ??= []).push(src.slice(chunk, i), String.fromCharCode(code));
      i += src.charCodeAt(i + 1) === 117 ? 6 : 2;
      chunk = i;
      continue;
    }
    if (c > limit) return tooWide(c, limit, i);
    i++;
  }
  return new Failure('unexpected-eof', 'unterminated string: reached the end of input', start);
}

/** The code unit of the escape at `i` (a backslash), -1 if unknown, -2 for a bad \u. */
function escapeAt(src: string, i: number): number {
  switch (src.charCodeAt(i + 1)) {
    case 110: return 10; // n
    case 116: return 9; // t
    case 114: return 13; // r
    case 34: return 34; // "
    case 92: return 92; // \
    case 117: { // u
      const v = hex4(src, i + 2);
      return v < 0 ? -2 : v;
    }
  }
  return -1;
}

/** Reads the character literal whose backslash is at `start`. */
export function readChar(src: string, start: number): Scanned<Char> | Failure {
  const first = src.codePointAt(start + 1);
  if (first === undefined) return new Failure('unexpected-eof', 'character literal: reached the end of input after \\', start);
  if (isWhitespace(first) && first !== 44 /* \, is a comma */) {
    return new Failure('invalid-char', 'a character literal needs a character after \\ (use \\space, \\tab, \\newline...)', start);
  }
  const firstEnd = start + 1 + (first > 0xffff ? 2 : 1);
  const end = scanToken(src, firstEnd);
  if (end === firstEnd) return { value: Char.of(first), end };
  const name = src.slice(start + 1, end);
  const named = NAMED_CHARS.get(name);
  if (named !== undefined) return { value: Char.of(named), end };
  if (first === 117 && name.length === 5) {
    const code = hex4(src, start + 2);
    if (code >= 0) return { value: Char.of(code), end };
  }
  return new Failure('invalid-char', `unknown character literal \\${name}`, start);
}
