/**
 * A session's evaluator: reads, compiles and runs top-level forms in its
 * process, one after another, keeping the session's current namespace
 * (`*ns*`) between them. Used by the REPL, `lona -e`, `lona run`, the
 * standard library loader and the conformance runner.
 *
 * A top-level `(do ...)` runs its forms one by one, so a macro defined by
 * one of them can be used by the next (as in Clojure).
 */
import {
  Fn, List, RunStatus, Sym, Keyword, run, startCall, faultReason, Fault, type Thread, type Namespace, type Value, type Var,
} from '../machine/index.js';
import {
  readForms, ReaderError, type ReadForm, compileTopLevel, type CompileError, type CompileEnv, printValue,
} from '../lonala/index.js';
import { compileEnv, resolveForQuote, threadNs } from './compile-env.js';
import type { System } from './system.js';
import type { Process } from './process.js';

export type FormOutcome =
  | { kind: 'value'; value: Value }
  | { kind: 'exit'; reason: Value }
  | { kind: 'read-error'; error: ReaderError }
  | { kind: 'compile-error'; error: CompileError };

/**
 * Reductions per slice between checks for limits and interrupts. The stress
 * switch LONA_SLICE=1 preempts at every call, to prove every resume point.
 */
const SLICE = Number(process.env.LONA_SLICE) > 0 ? Number(process.env.LONA_SLICE) : 20_000;

export class Session {
  readonly process: Process;
  /** Stop an evaluation (and each macro expansion) after this many reductions (null: no limit). */
  get reductionLimit(): number | null {
    return this.process.reductionLimit;
  }

  set reductionLimit(limit: number | null) {
    this.process.reductionLimit = limit;
  }
  private interrupted = false;

  constructor(readonly system: System, public ns: Namespace = system.user) {
    this.process = system.spawnProcess();
  }

  /** Asks the running evaluation (if any) to stop; it exits with :killed. */
  interrupt(): void {
    this.interrupted = true;
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
      resolveSymbol: (s) => resolveForQuote(this.currentNs(), s),
      nextGensymId: () => this.system.gensymId(),
    };
  }

  /** Evaluates one form read from `source` to completion. */
  evalFormSync(rf: ReadForm, source: string | null, file: string | null): FormOutcome {
    const text = source === null ? null : source.slice(rf.start, rf.end);
    return this.evalValueSync(rf.form, text, file, rf.line, rf.column);
  }

  /** Evaluates a form value (already read) to completion. */
  evalValueSync(form: Value, text: string | null, file: string | null, line = 0, column = 0): FormOutcome {
    const steps = this.steps(form, text, file, line, column);
    for (;;) {
      const r = steps.next();
      if (r.done === true) return r.value;
    }
  }

  /** As evalValueSync, but yields to the event loop now and then, so an interrupt can land. */
  async evalValue(form: Value, text: string | null, file: string | null, line = 0, column = 0): Promise<FormOutcome> {
    this.interrupted = false;
    const steps = this.steps(form, text, file, line, column);
    let sliceStart = Date.now();
    for (;;) {
      const r = steps.next(this.interrupted);
      if (r.done === true) return r.value;
      if (Date.now() - sliceStart > 10) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = Date.now();
      }
    }
  }

  /**
   * Evaluation as a generator: yields after each slice of reductions and
   * is told (through `next(true)`) when to give up with `:killed`.
   */
  private *steps(form: Value, text: string | null, file: string | null, line: number, column: number): Generator<void, FormOutcome, boolean | undefined> {
    if (form instanceof List && form.head === Sym.of('do') && form.size > 1) {
      let last: FormOutcome = { kind: 'value', value: null };
      for (const sub of form.tail) {
        last = yield* this.steps(sub, text, file, line, column);
        if (last.kind !== 'value') return last;
      }
      return last;
    }
    const compiled = compileTopLevel(form, this.compileEnv(text, file, line, column));
    if (compiled.error !== undefined) return { kind: 'compile-error', error: compiled.error };
    const thread = this.process.thread;
    this.prepare(thread);
    startCall(thread, new Fn(compiled.code, []), []);
    const start = thread.reductions;
    for (;;) {
      const used = thread.reductions - start;
      const slice = this.reductionLimit === null ? SLICE : Math.min(SLICE, this.reductionLimit - used);
      if (slice <= 0) return this.settle(thread, { kind: 'exit', reason: limitReason(this.reductionLimit as number) });
      const status = run(thread, slice);
      if (status === RunStatus.Completed) return this.settle(thread, { kind: 'value', value: thread.result });
      if (status === RunStatus.Exited) return this.settle(thread, { kind: 'exit', reason: thread.reason });
      const interrupt = yield;
      if (interrupt === true) return this.settle(thread, { kind: 'exit', reason: Keyword.of('killed') });
    }
  }

  private prepare(thread: Thread): void {
    thread.bindings = new Map<Var, Value>([[this.system.nsVar, this.ns]]);
  }

  /** Keeps the namespace the form switched to (in-ns) for the next form. */
  private settle(thread: Thread, outcome: FormOutcome): FormOutcome {
    const ns = thread.bindings?.get(this.system.nsVar);
    if (ns !== undefined && ns !== null && (ns as Namespace).mappings !== undefined) this.ns = ns as Namespace;
    thread.stack = [];
    return outcome;
  }

  compileEnv(source: string | null, file: string | null, line: number, column: number): CompileEnv {
    return compileEnv(this.process, this.currentNs(), { source, file, line, column });
  }

  /** The namespace of the running evaluation (in-ns may have changed it). */
  private currentNs(): Namespace {
    return threadNs(this.process, this.process.thread, this.ns);
  }
}

function limitReason(limit: number): Value {
  return faultReason(new Fault('reduction-limit', { limit }));
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

