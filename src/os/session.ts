/**
 * A session: reads and compiles top-level forms and runs each in the
 * session's evaluator process (LONALA.md 7), one after another. The
 * evaluator keeps its mailbox, links, name and namespace (`*ns*`) between
 * forms. A fault of a form (its own error, exit or reduction limit) is the
 * form's outcome and the evaluator goes on (signals.ts `faulted`); an exit
 * signal from outside (an interrupt, a linked crash) ends it, and a fresh
 * evaluator takes over (definitions live in vars, so nothing is lost).
 * The one evaluation driver: the REPL, the workstation's host, `lona -e`,
 * `lona run`, `lona test`, the standard library loader and conformance.
 */
import {
  Binding, Fn, List, Sym, Keyword, startCall, faultReason, Fault, type Namespace, type Value,
} from '../machine/index.js';
import {
  readForms, SourceError, type ReadForm, compileTopLevel, type CompileEnv, type CodeObjectResult, type PrintOptions, printValue,
  unrealizedWithin,
} from '../lonala/index.js';
import { compileEnv, resolveForQuote, threadNs } from './compile-env.js';
import { SlowMacro, forgetExpansions, startCompile } from './macro-expansion.js';
import { traceLines } from './trace-text.js';
import type { System } from './system.js';
import type { Process } from './process.js';
import type { Realm } from './realm.js';

export type FormOutcome =
  | { kind: 'value'; value: Value }
  | { kind: 'exit'; reason: Value }
  | { kind: 'read-error'; error: SourceError }
  | { kind: 'compile-error'; error: SourceError };

export interface EvalTextOptions {
  /** The file the text comes from (positions in errors, definitions' :file). */
  file?: string | null;
  /** The line of the file the text starts at (default 1). */
  line?: number;
  /** Called before each form runs (the REPL marks itself busy). */
  beforeForm?: () => void;
  /** Called with each form's outcome (the form: null for a read error); returning false stops there. */
  onForm?: (outcome: FormOutcome, form: ReadForm | null) => boolean | void;
  /** Go on past a form that fails (spec files assert failures); a read error always stops. */
  keepGoing?: boolean;
  /**
   * Realize the lazy seqs in each form's value as far as a REPL prints them
   * (default true), as the evaluator's own work; a file being loaded, whose
   * values nobody prints, passes false.
   */
  realize?: boolean;
}

/** One run of the evaluator: a call of `fn` on `args`. */
interface Step {
  fn: Value;
  args: Value[];
}

/**
 * How far a form's value is realized before it is printed: what the REPL
 * prints of it (outcome-printer.ts PRINT_LIMITS), so an infinite `(range)`
 * shows its first 1,000 elements and `...`, and never hangs.
 */
const REALIZED_FOR_PRINT = { maxLength: 1000, maxDepth: 100 };


/** The outcomes of a text's forms, and the last one's one-line report if it failed. */
export interface TextOutcome {
  outcomes: FormOutcome[];
  failure: string | null;
}

const DEADLOCK = faultReason(new Fault('deadlock', { message: 'the evaluation waits in receive, and no process or timer is left to wake it' }));
const KILL = Keyword.of('kill');
const EVAL_AT = Sym.of('eval-at*', 'lona.core');
const QUOTE = Sym.of('quote');

export class Session {
  /** The session's evaluator process; replaced by a fresh one when it exits. */
  process: Process;
  /**
   * Called when the evaluator exits between evaluations (a linked process
   * took it down): the REPL reports it as Erlang's shell does. A fresh
   * evaluator takes over at the next evaluation.
   */
  onIdleExit: ((reason: Value) => void) | null = null;
  /** Where the outcome of the evaluation in progress goes (null: idle). */
  private pending: ((o: FormOutcome) => void) | null = null;
  /** The evaluator's host: it routes the outcome to the evaluation in progress, or reports an idle exit. */
  private readonly host = {
    done: (o: { kind: 'value'; value: Value } | { kind: 'exit'; reason: Value }): void => {
      const pending = this.pending;
      this.pending = null;
      if (pending !== null) pending(o);
      else if (o.kind === 'exit') this.onIdleExit?.(o.reason);
    },
  };
  private limit: number | null = null;
  private stackLimit: number | null = null;

  constructor(readonly system: System, ns: Namespace = system.user, readonly realm: Realm = system.root) {
    this.process = system.spawnEvaluator(new Binding(system.nsVar, ns, null), realm);
    this.process.ensureExtra().host = this.host;
  }

  /** The session's evaluator, a fresh one if the last exited (to prepare a request for it). */
  evaluator(): Process {
    this.settle(null);
    return this.process;
  }

  /** Stop an evaluation (and each macro expansion) after this many reductions (null: no limit). */
  get reductionLimit(): number | null {
    return this.limit;
  }

  set reductionLimit(limit: number | null) {
    this.limit = limit;
    this.process.reductionLimit = limit;
  }

  /** Recursion limit (stack slots plus frame words) of the evaluator. */
  setStackLimit(limit: number): void {
    this.stackLimit = limit;
    this.process.stackLimit = limit;
  }

  /** The session's current namespace (*ns* of its evaluator). */
  get ns(): Namespace {
    return threadNs(this.process, this.process, this.system.user);
  }

  /**
   * The host has nothing left to wait for (no input, no timer, nothing
   * runnable) while an evaluation waits: it can never end, so it exits
   * `:deadlock`, as a batch evaluation does.
   */
  endDeadlock(): void {
    if (this.pending !== null) this.system.signals.exit(this.process, DEADLOCK);
  }

  /** Kills the running evaluation (if any): it exits with :killed and a fresh evaluator takes over. */
  interrupt(): void {
    if (this.pending !== null) this.system.signals.signal(this.process, this.process, KILL, true);
  }

  /**
   * Reads and evaluates the forms of `text` one by one, each read after the
   * one before it ran (so `(ns ...)` and `in-ns` change how the following
   * forms read), running the machine synchronously meanwhile (batch use:
   * files, -e, transcripts, spec files, conformance). Stops at the first
   * failure unless `keepGoing`; a read error always stops.
   */
  evalTextSync(text: string, opts: EvalTextOptions = {}): TextOutcome {
    return this.driveSync(this.textSteps(text, opts));
  }

  /** As evalTextSync, with the machine running in the background (the REPL, the workstation): other work and interrupts go on. */
  evalText(text: string, opts: EvalTextOptions = {}): Promise<TextOutcome> {
    return this.driveAsync(this.textSteps(text, opts));
  }

  /** Reader options resolving syntax-quoted symbols in the session's namespace. */
  readOptions(file: string | null): { file?: string; resolveSymbol: (s: Sym) => Sym; nextGensymId: () => number } {
    return {
      file: file ?? undefined,
      resolveSymbol: (s) => resolveForQuote(this.ns, s),
      nextGensymId: () => this.system.gensymId(),
    };
  }

  /** Evaluates a form value (already read, or built) to completion, as evalTextSync does each form. */
  evalValueSync(form: Value, text: string | null, file: string | null, line = 0, column = 0, realize = true): FormOutcome {
    return this.driveSync(this.formSteps(form, text, file, line, column, realize));
  }

  /** As evalValueSync, with the machine running in the background. */
  evalValue(form: Value, text: string | null, file: string | null, line = 0, column = 0, realize = true): Promise<FormOutcome> {
    return this.driveAsync(this.formSteps(form, text, file, line, column, realize));
  }

  /**
   * Evaluating `text`, as steps: the one evaluation driver. It yields each
   * compiled form for a runner (driveSync, driveAsync) to run in the
   * evaluator and gets the outcome back.
   */
  private *textSteps(text: string, opts: EvalTextOptions): Generator<Step, TextOutcome, FormOutcome> {
    const file = opts.file ?? null;
    // Every form's position is in the file, nested ones too (backtraces): the reader numbers lines from opts.line.
    const reader = readForms(text, { ...this.readOptions(file), lineOffset: (opts.line ?? 1) - 1 });
    const outcomes: FormOutcome[] = [];
    for (let f = reader.next(); f !== null; f = reader.next()) {
      let o: FormOutcome;
      if (f instanceof SourceError) o = { kind: 'read-error', error: f };
      else {
        opts.beforeForm?.();
        o = yield* this.formSteps(f.form, text.slice(f.start, f.end), file, f.line, f.column, opts.realize !== false);
      }
      outcomes.push(o);
      const goOn = opts.onForm?.(o, f instanceof SourceError ? null : f) !== false;
      if (o.kind === 'read-error' || (o.kind !== 'value' && opts.keepGoing !== true) || !goOn) {
        return { outcomes, failure: o.kind === 'value' ? null : describeOutcome(o) };
      }
    }
    return { outcomes, failure: null };
  }

  /**
   * Evaluating one form: a top-level `do` form by form (so a macro one
   * defines serves the next, as in Clojure); with `realize`, then what will
   * be printed of its value realized (REALIZED_FOR_PRINT), as the
   * evaluator's work: a lazy seq's error shows as the form's outcome.
   */
  private *formSteps(form: Value, text: string | null, file: string | null, line: number, column: number, realize: boolean): Generator<Step, FormOutcome, FormOutcome> {
    let last: FormOutcome = { kind: 'value', value: null };
    for (const sub of topLevelForms(form)) {
      const compiled = this.compile(sub, text, file, line, column);
      if (compiled.error !== undefined) return { kind: 'compile-error', error: compiled.error };
      last = this.settle(yield { fn: new Fn(compiled.code, []), args: [] });
      if (last.kind !== 'value') return last;
    }
    const v = this.system.core.lookup('realize-for-print*');
    const realizer = v !== undefined && v.bound ? v.root as Value : undefined;
    if (realize && last.kind === 'value' && realizer !== undefined && unrealizedWithin(last.value, REALIZED_FOR_PRINT.maxLength, REALIZED_FOR_PRINT.maxDepth)) {
      const value = last.value;
      const realized = this.settle(yield { fn: realizer, args: [value, REALIZED_FOR_PRINT.maxLength, REALIZED_FOR_PRINT.maxDepth] });
      return realized.kind === 'value' ? { kind: 'value', value } : realized;
    }
    return last;
  }

  /** Runs the steps, each form to completion with the machine running synchronously. */
  private driveSync<T>(steps: Generator<Step, T, FormOutcome>): T {
    for (let step = steps.next(); ; step = steps.next(this.runSync(step.value))) {
      if (step.done === true) return step.value;
    }
  }

  /** Runs the steps, each form in the background: the caller awaits while the scheduler runs slices between host events. */
  private async driveAsync<T>(steps: Generator<Step, T, FormOutcome>): Promise<T> {
    this.system.scheduler.startAsync();
    for (let step = steps.next(); ; step = steps.next(await this.runAsync(step.value))) {
      if (step.done === true) return step.value;
    }
  }

  private runSync(step: Step): FormOutcome {
    let outcome: FormOutcome | undefined;
    const evaluator = this.request(step, (o) => {
      outcome = o;
      this.system.scheduler.stopRequested = true;
    });
    if (!this.system.scheduler.runUntil(() => outcome !== undefined)) this.system.signals.exit(evaluator, DEADLOCK);
    return outcome as FormOutcome;
  }

  private runAsync(step: Step): Promise<FormOutcome> {
    const scheduler = this.system.scheduler;
    scheduler.hostWaiting(1);
    return new Promise<FormOutcome>((resolve) => {
      this.request(step, (o) => {
        scheduler.hostWaiting(-1);
        resolve(o);
      });
      // The first slice runs now: a quick form is done before anything else (an interrupt) can happen.
      scheduler.runNow();
    });
  }

  /** Starts the evaluator on the step's call; `done` gets the outcome. */
  private request(step: Step, done: (o: FormOutcome) => void): Process {
    if (this.pending !== null) throw new Error('the evaluator is busy');
    this.settle(null);
    const p = this.process;
    // An evaluation that suspended its own evaluator (suspend-process (self)) must not leave the session deaf: it runs again.
    if (p.extra !== null && p.extra.suspended) p.extra.suspended = p.extra.parked = false;
    this.pending = done;
    p.ensureExtra().requestStart = p.reductions;
    startCall(p, step.fn, step.args);
    this.system.scheduler.enqueue(p, true);
    return p;
  }

  /** After an exit, a fresh evaluator takes over, in the same namespace. */
  private settle<T extends FormOutcome | null>(outcome: T): T {
    const old = this.process;
    if (old.alive) return outcome;
    this.process = this.system.spawnEvaluator(old.bindings, this.realm);
    this.process.ensureExtra().host = this.host;
    this.process.reductionLimit = this.limit;
    if (this.stackLimit !== null) this.process.stackLimit = this.stackLimit;
    return outcome;
  }

  compileEnv(source: string | null, file: string | null, line: number, column: number): CompileEnv {
    return compileEnv(this.process, this.ns, { source, file, line, column, defer: true });
  }

  /**
   * Compiles a top-level form for the evaluator. A form with a macro too
   * slow to run inside the compiler becomes a call of eval-at*, which runs
   * the macro as the evaluator's own work (macro-expansion.ts).
   */
  private compile(form: Value, text: string | null, file: string | null, line: number, column: number): CodeObjectResult {
    this.settle(null);
    startCompile();
    try {
      const compiled = compileTopLevel(form, this.compileEnv(text, file, line, column));
      forgetExpansions(this.process);
      return compiled;
    } catch (e) {
      if (!(e instanceof SlowMacro)) throw e;
      // The expansions made so far stay remembered for eval-at*'s compile.
      const call = List.of(EVAL_AT, List.of(QUOTE, form), text, file, line, column);
      return compileTopLevel(call, compileEnv(this.process, this.ns, { source: text, file, line, column }));
    }
  }
}

/** A top-level `(do ...)` runs its forms one by one, so a macro one defines can be used by the next (as in Clojure). */
function topLevelForms(form: Value): Value[] {
  if (!(form instanceof List && form.head === Sym.of('do') && form.size > 1)) return [form];
  return form.tail.toArray().flatMap(topLevelForms);
}

/** Bounds on printed values in reports, so a huge value cannot flood a terminal. */
const REPORT_LIMITS = { maxLength: 100, maxDepth: 20, maxString: 1000 };

/** One line describing an outcome, for reports; `onScalar` is told where each value of a value or exit reason is printed in it. */
export function describeOutcome(o: FormOutcome, onScalar?: PrintOptions['onScalar']): string {
  switch (o.kind) {
    case 'value': return printValue(o.value, { ...REPORT_LIMITS, onScalar });
    case 'exit': {
      const prefix = '** exit ';
      const shifted = onScalar === undefined ? undefined : (x: Value, at: number, text: string) => onScalar(x, at + prefix.length, text);
      return [prefix + printValue(o.reason, { ...REPORT_LIMITS, onScalar: shifted }), ...traceLines(o.reason)].join('\n');
    }
    case 'read-error':
    case 'compile-error': {
      const e = o.error;
      const where = `${e.file ?? '<input>'}:${e.line}:${e.column}`;
      return `** ${o.kind} :${e.kind} at ${where}: ${e.message}`;
    }
  }
}
