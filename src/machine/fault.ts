/**
 * Machine faults: typed errors raised by natives and the processor
 * (STYLE.md 4, second kind). A Fault never escapes the processor: it becomes
 * the exit reason `[:error kind %{...fields}]` of the faulting process, or a
 * failed guard. A JS `Error` anywhere else means a bug in our own code.
 */
import type { Value } from './value.js';

export class Fault {
  constructor(
    /** The error kind keyword's name, e.g. 'badarg', 'division-by-zero'. */
    readonly kind: string,
    /** Extra fields of the reason map, e.g. {fn: ..., args: ...}. */
    readonly fields: Record<string, Value> | null = null,
    /** A whole exit reason value, for `(exit reason)`-style faults. */
    readonly reason: Value | undefined = undefined,
  ) {}

  /** What the last-resort error report says if a fault ever escapes the processor (a bug). */
  toString(): string {
    return `a machine fault (${this.kind}) escaped the processor`;
  }
}

/** Throws a fault of `kind` with `fields`. */
export function fault(kind: string, fields: Record<string, Value> | null = null): never {
  throw new Fault(kind, fields);
}
