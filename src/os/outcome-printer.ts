/**
 * What a REPL prints for the forms it evaluates, shared by every front end
 * (the line REPL, the workstation, transcript replay in `lona test`) so a
 * transcript shows exactly what a user saw: each value printed (bounded),
 * each failure as a one-line report, the last results kept in `*1 *2 *3`
 * and the last exit reason in `*e`; and the prompt a namespace shows.
 * With a session, `*1 *2 *3 *e` are the session's own: process-bound vars
 * bound in its evaluator (and so in what it spawns), so two clients of one
 * machine never see each other's results.
 */
import { Binding, type Value } from '../machine/index.js';
import { prettyValue, printValue, type PrintOptions } from '../lonala/index.js';
import { describeOutcome, type FormOutcome, type Session } from './session.js';
import type { System } from './system.js';

/** Printed-value bounds so a huge result cannot flood the terminal. */
export const PRINT_LIMITS = { maxLength: 1000, maxDepth: 100, maxString: 10_000 };

/** Reductions any one evaluation may take in `lona test` and the conformance run (a runaway form fails instead of hanging the run). */
export const TEST_REDUCTION_LIMIT = 50_000_000;

/** The prompt's name for namespace `ns`: `lona` in user, else the namespace (`lona>`, `my.app>`). */
export function promptName(ns: string): string {
  return ns === 'user' ? 'lona' : ns;
}

export class OutcomePrinter {
  private readonly results: Value[] = [];

  /**
   * `width`: the columns values are pretty printed to (a terminal's), or
   * undefined for one line each (a pipe, transcripts); `session`: whose
   * evaluator keeps the results (none: the vars' roots, machine-wide).
   */
  constructor(private readonly system: System, private readonly out: (text: string) => void, private readonly width: () => number | undefined = () => undefined,
    private readonly session: Session | null = null) {}

  /**
   * The text `show` prints for an outcome (without its newline): a value
   * pretty printed to `width` columns if given, else on one line;
   * `onScalar` is told where each value in it is printed.
   */
  static text(o: FormOutcome, onScalar?: PrintOptions['onScalar'], width?: number): string {
    switch (o.kind) {
      case 'value': return width === undefined ? printValue(o.value, { ...PRINT_LIMITS, onScalar }) : prettyValue(o.value, { ...PRINT_LIMITS, onScalar, width });
      // Typed input has no file: the position within what was typed.
      case 'read-error': return `** read-error :${o.error.kind} at ${o.error.line}:${o.error.column}: ${o.error.message}`;
      default: return describeOutcome(o, onScalar);
    }
  }

  /** Prints the outcome of one form and remembers it. */
  show(o: FormOutcome): void {
    this.remember(o);
    this.out(OutcomePrinter.text(o, undefined, this.width()) + '\n');
  }

  /** Keeps a value in `*1` (the older ones move to `*2 *3`), an exit reason in `*e`. */
  remember(o: FormOutcome): void {
    if (o.kind === 'value') this.rememberValue(o.value);
    else if (o.kind === 'exit') this.keep('*e', o.reason);
  }

  /** Reports the evaluator exiting while no form ran (a linked process took it down). */
  idleExit(reason: Value): void {
    this.show({ kind: 'exit', reason });
  }

  private rememberValue(v: Value): void {
    this.results.unshift(v);
    this.results.length = Math.min(this.results.length, 3);
    ['*1', '*2', '*3'].forEach((n, i) => this.keep(n, this.results[i] ?? null));
  }

  /** Sets lona.core's `name` for the session (in its evaluator), or machine-wide without one. */
  private keep(name: string, value: Value): void {
    const v = this.system.core.intern(name);
    if (this.session === null) {
      v.root = value;
      return;
    }
    // Bound (nil) machine-wide, so every namespace resolves the name to lona.core's var.
    if (!v.bound) v.root = null;
    v.processBound = true;
    const p = this.session.evaluator();
    p.bindings = Binding.with(p.bindings, v, value);
  }
}
