/**
 * Compile errors (STYLE.md 4, first kind): data with a kind, a message and
 * the position of the offending form. Thrown inside the compiler only and
 * returned as data at its boundary.
 */
import { formPositions } from '../reader/index.js';
import { type Value } from '../../machine/index.js';

export class CompileError {
  constructor(
    /** 'syntax-error', 'unknown-intrinsic', 'macro-error', ... */
    readonly kind: string,
    readonly message: string,
    readonly line: number,
    readonly column: number,
    readonly file: string | null,
    /** The exit reason of a failed macro expansion, if that was the cause. */
    readonly reason: Value = null,
  ) {}
}

/** Where `form` was read, or the fallback position. */
export function positionOf(form: Value, fallback: { line: number; column: number }): { line: number; column: number } {
  if (typeof form === 'object' && form !== null) {
    const p = formPositions.get(form);
    if (p !== undefined) return p;
  }
  return fallback;
}
