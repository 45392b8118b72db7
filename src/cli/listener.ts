/**
 * What the REPL prints for the forms it evaluates, shared by the line REPL
 * and transcript replay (`lona test`) so a transcript shows exactly what a
 * user saw: each value printed (bounded), each failure as a one-line
 * report, and the last results kept in `*1 *2 *3` and the last exit reason
 * in `*e`.
 */
import type { Value } from '../machine/index.js';
import { printValue, type ReaderError } from '../lonala/index.js';
import { describeOutcome, type FormOutcome, type System } from '../os/index.js';

/** Printed-value bounds so a huge result cannot flood the terminal. */
export const PRINT_LIMITS = { maxLength: 1000, maxDepth: 100, maxString: 10_000 };

export class Listener {
  private readonly results: Value[] = [];

  constructor(private readonly system: System, private readonly out: (text: string) => void) {}

  /** Prints the outcome of one form and remembers it. */
  show(o: FormOutcome): void {
    if (o.kind === 'value') {
      this.remember(o.value);
      this.out(printValue(o.value, PRINT_LIMITS) + '\n');
    } else {
      if (o.kind === 'exit') this.system.core.intern('*e').root = o.reason;
      this.out(describeOutcome(o) + '\n');
    }
  }

  /** Reports input that does not read. */
  readError(e: ReaderError): void {
    this.out(`** read-error :${e.kind} at ${e.line}:${e.column}: ${e.message}\n`);
  }

  /** Reports the evaluator exiting while no form ran (a linked process took it down). */
  idleExit(reason: Value): void {
    this.system.core.intern('*e').root = reason;
    this.out(describeOutcome({ kind: 'exit', reason }) + '\n');
  }

  private remember(v: Value): void {
    this.results.unshift(v);
    this.results.length = Math.min(this.results.length, 3);
    ['*1', '*2', '*3'].forEach((n, i) => { this.system.core.intern(n).root = this.results[i] ?? null; });
  }
}
