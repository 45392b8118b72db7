/**
 * Where a form was read, for compile errors (../source-error.ts): the
 * compiler reports the position of the offending form.
 */
import { formPositions } from '../reader/index.js';
import { type Value } from '../../machine/index.js';

/** Where `form` was read, or the fallback position. */
export function positionOf(form: Value, fallback: { line: number; column: number }): { line: number; column: number } {
  if (typeof form === 'object' && form !== null) {
    const p = formPositions.get(form);
    if (p !== undefined) return p;
  }
  return fallback;
}
