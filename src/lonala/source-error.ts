/**
 * An error in source text, from the reader or the compiler (STYLE.md 4,
 * first kind): plain data with a kind, a message and a position, never a
 * JS exception to the user (LONALA.md section 1). The compiler throws it
 * inside itself only and returns it as data at its boundary.
 */
import type { Value } from '../machine/index.js';

export class SourceError {
  constructor(
    /** Which stage found it: reading text into forms, or compiling a form. */
    readonly stage: 'read' | 'compile',
    /**
     * Reading: 'unexpected-eof', 'unmatched-delimiter', 'missing-form',
     * 'invalid-escape', 'invalid-radix', 'invalid-number', 'invalid-char',
     * 'invalid-token', 'invalid-meta', 'invalid-splice', 'nested-anon-fn',
     * 'mixed-placeholders', 'odd-map', 'too-deep' or 'limit'. Compiling:
     * 'syntax-error', 'unknown-intrinsic', 'macro-error', 'limit', ...
     */
    readonly kind: string,
    readonly message: string,
    /** 1-based; 0 when the form has no position (built by code). */
    readonly line: number,
    readonly column: number,
    readonly file: string | null,
    /** The exit reason of a failed macro expansion, if that was the cause. */
    readonly reason: Value = null,
  ) {}

  /** `file:line:column: message`, the way compilers print errors. */
  toString(): string {
    return `${this.file ?? '<input>'}:${this.line}:${this.column}: ${this.message}`;
  }
}
