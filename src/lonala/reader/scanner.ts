/**
 * Character classes and the lowest-level scanning shared by the reader
 * modules: whitespace (commas included), `;` comments and token boundaries.
 * One lookup table, no regular expressions.
 */

/** A value read from the source and the offset just after it. */
export interface Scanned<T> {
  value: T;
  end: number;
}

const WHITESPACE = 1;
const TERMINATOR = 2;

/** Class bits of each ASCII code; every non-ASCII character is a token constituent. */
const classes = new Uint8Array(128);
for (const ch of ' \t\n\r\f\v,') classes[ch.charCodeAt(0)] = WHITESPACE | TERMINATOR;
for (const ch of '()[]{}";`~^\\') classes[ch.charCodeAt(0)] = TERMINATOR;

/** Whether `c` separates forms (spaces, tabs, line breaks, commas). */
export function isWhitespace(c: number): boolean {
  return c < 128 && (classes[c] & WHITESPACE) !== 0;
}

/** Whether `c` is an ASCII decimal digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The offset of the next character at or after `pos` that is not whitespace or comment. */
export function skipSpace(src: string, pos: number): number {
  const n = src.length;
  while (pos < n) {
    const c = src.charCodeAt(pos);
    if (c < 128 && (classes[c] & WHITESPACE) !== 0) pos++;
    else if (c === 59 /* ; */) {
      const nl = src.indexOf('\n', pos);
      pos = nl < 0 ? n : nl + 1;
    } else break;
  }
  return pos;
}

/** The end of the token starting at `pos` (the first terminator, or the end of input). */
export function scanToken(src: string, pos: number): number {
  const n = src.length;
  while (pos < n) {
    const c = src.charCodeAt(pos);
    if (c < 128 && (classes[c] & TERMINATOR) !== 0) break;
    pos++;
  }
  return pos;
}

/** A character for messages: printable ones as is, others as U+XXXX. */
export function describeChar(c: number): string {
  return c > 32 && c < 127 ? `'${String.fromCharCode(c)}'` : 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
}
