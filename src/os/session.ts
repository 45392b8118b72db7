/**
 * A session: reads and compiles top-level forms and runs each in the
 * session's evaluator process (LONALA.md 7), one after another. The
 * evaluator keeps its mailbox, links and namespace (`*ns*`) between forms;
 * when a form makes it exit, the exit reason is the form's outcome and a
 * fresh evaluator takes over (definitions live in vars, so nothing is lost).
 * Used by the REPL, `lona -e`, `lona run`, the standard library loader and
 * the conformance runner.
 */
import {
  Binding, Fn, List, Sym, Keyword, startCall, faultReason, Fault, type Namespace, type Value,
} from '../machine/index.js';
import {
  readForms, ReaderError, type ReadForm, compileTopLevel, type CompileError, type CompileEnv, type CodeObjectResult, printValue,
} from '../lonala/index.js';
import { compileEnv, resolveForQuote, threadNs } from './compile-env.js';
import { SlowMacro, forgetExpansions } from './macro-expansion.js';
import type { System } from './system.js';
import type { Process } from './process.js';
import type { Realm } from './realm.js';

export type FormOutcome =
  | { kind: 'value'; value: Value }
  | { kind: 'exit'; reason: Value }
  | { kind: 'read-error'; error: ReaderError }
  | { kind: 'compile-error'; error: CompileError };

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
    this.process.ext.host = this.host;
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

  /** Kills the running evaluation (if any): it exits with :killed and a fresh evaluator takes over. */
  interrupt(): void {
    if (this.pending !== null) this.system.signals.signal(this.process, this.process, KILL, true);
  }

  /**
   * Reads and evaluates every form of `source`, stopping at the first
   * failure. Each form is read after the previous one ran, so `(ns ...)`
   * and `in-ns` affect how the following forms read (syntax-quote).
   */
  evalSourceSync(source: string, file: string | null = null): { outcomes: FormOutcome[]; failure: string | null } {
    const reader = readForms(source, this.readOptions(file));
    const outcomes: FormOutcome[] = [];
    for (let f = reader.next(); f !== null; f = reader.next()) {
      const o: FormOutcome = f instanceof ReaderError ? { kind: 'read-error', error: f } : this.evalFormSync(f, source, file);
      outcomes.push(o);
      if (o.kind !== 'value') return { outcomes, failure: describeOutcome(o) };
    }
    return { outcomes, failure: null };
  }

  /** Reader options resolving syntax-quoted symbols in the session's namespace. */
  readOptions(file: string | null): { file?: string; resolveSymbol: (s: Sym) => Sym; nextGensymId: () => number } {
    return {
      file: file ?? undefined,
      resolveSymbol: (s) => resolveForQuote(this.ns, s),
      nextGensymId: () => this.system.gensymId(),
    };
  }

  /** Evaluates one form read from `source` to completion. */
  evalFormSync(rf: ReadForm, source: string | null, file: string | null): FormOutcome {
    const text = source === null ? null : source.slice(rf.start, rf.end);
    return this.evalValueSync(rf.form, text, file, rf.line, rf.column);
  }

  /**
   * Evaluates a form value (already read) to completion, running the
   * machine's processes synchronously meanwhile (batch use: files, -e, tests).
   */
  evalValueSync(form: Value, text: string | null, file: string | null, line = 0, column = 0): FormOutcome {
    let last: FormOutcome = { kind: 'value', value: null };
    for (const sub of topLevelForms(form)) {
      const compiled = this.compile(sub, text, file, line, column);
      if (compiled.error !== undefined) return { kind: 'compile-error', error: compiled.error };
      let outcome: FormOutcome | undefined;
      const evaluator = this.request(new Fn(compiled.code, []), (o) => {
        outcome = o;
        this.system.scheduler.stopRequested = true;
      });
      if (!this.system.scheduler.runUntil(() => outcome !== undefined)) this.system.signals.exit(evaluator, DEADLOCK);
      last = this.settle(outcome as FormOutcome);
      if (last.kind !== 'value') return last;
    }
    return last;
  }

  /** As evalValueSync, but the machine runs in the background (the REPL): other work and interrupts go on meanwhile. */
  async evalValue(form: Value, text: string | null, file: string | null, line = 0, column = 0): Promise<FormOutcome> {
    this.system.scheduler.startAsync();
    let last: FormOutcome = { kind: 'value', value: null };
    for (const sub of topLevelForms(form)) {
      const compiled = this.compile(sub, text, file, line, column);
      if (compiled.error !== undefined) return { kind: 'compile-error', error: compiled.error };
      const scheduler = this.system.scheduler;
      scheduler.hostWaiting(1);
      const outcome = await new Promise<FormOutcome>((resolve) => {
        this.request(new Fn(compiled.code, []), (o) => {
          scheduler.hostWaiting(-1);
          resolve(o);
        });
        // The first slice runs now: a quick form is done before anything else (an interrupt) can happen.
        this.system.scheduler.runNow();
      });
      last = this.settle(outcome);
      if (last.kind !== 'value') return last;
    }
    return last;
  }

  /** Starts the evaluator on `fn`; `done` gets the outcome. */
  private request(fn: Fn, done: (o: FormOutcome) => void): Process {
    if (this.pending !== null) throw new Error('the evaluator is busy');
    this.settle(null);
    const p = this.process;
    this.pending = done;
    p.ext.requestStart = p.reductions;
    startCall(p, fn, []);
    this.system.scheduler.enqueue(p, true);
    return p;
  }

  /** After an exit, a fresh evaluator takes over, in the same namespace. */
  private settle<T extends FormOutcome | null>(outcome: T): T {
    const old = this.process;
    if (old.alive) return outcome;
    this.process = this.system.spawnEvaluator(old.bindings, this.realm);
    this.process.ext.host = this.host;
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

/** One line describing an outcome, for reports. */
export function describeOutcome(o: FormOutcome): string {
  switch (o.kind) {
    case 'value': return printValue(o.value, REPORT_LIMITS);
    case 'exit': return `** exit ${printValue(o.reason, REPORT_LIMITS)}`;
    case 'read-error':
    case 'compile-error': {
      const e = o.error;
      const where = `${e.file ?? '<input>'}:${e.line}:${e.column}`;
      return `** ${o.kind} :${e.kind} at ${where}: ${e.message}`;
    }
  }
}

