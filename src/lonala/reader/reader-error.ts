/**
 * Reader errors (STYLE.md 4, first kind): plain data with a kind, a message
 * and a position, never a JS exception (LONALA.md section 1).
 *
 * Inside the reader a problem is a `Failure` holding a source offset; the
 * public entry points turn it into a `ReaderError` with line and column.
 */

/** A reader error: what went wrong and where (line and column are 1-based). */
export class ReaderError {
  constructor(
    /**
     * 'unexpected-eof', 'unmatched-delimiter', 'missing-form',
     * 'invalid-escape', 'invalid-radix', 'invalid-number', 'invalid-char',
     * 'invalid-token', 'invalid-meta', 'invalid-splice', 'nested-anon-fn',
     * 'mixed-placeholders', 'odd-map', 'too-deep' or 'limit' (a number
     * literal too big to convert, numbers.ts).
     */
    readonly kind: string,
    readonly message: string,
    readonly line: number,
    readonly column: number,
    readonly file: string | null,
  ) {}

  /** `file:line:column: message`, the way compilers print errors. */
  toString(): string {
    return `${this.file ?? '<input>'}:${this.line}:${this.column}: ${this.message}`;
  }
}

/** A reader problem at a source offset; internal to the reader. */
export class Failure {
  constructor(
    readonly kind: string,
    readonly message: string,
    readonly offset: number,
  ) {}
}
