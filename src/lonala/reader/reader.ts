/**
 * The Lonala reader's public API (LONALA.md section 1): text to forms.
 * Reading never throws and never recurses per nesting level; problems come
 * back as `SourceError` data. See parser.ts for the engine.
 *
 * Reading is charged to the running thread by size (machine/function.ts
 * `chargeReductions`): a reduction per 8 characters of source (~20 ns each
 * here), and long number literals by their conversion (numbers.ts).
 */
import { type Sym, type Value } from '../../machine/index.js';
import { chargeReductions } from '../../machine/function.js';
import { Failure } from './reader-error.js';
import { SourceError } from '../source-error.js';
import { LineIndex } from './positions.js';
import { Parser, type Parsed } from './parser.js';
import { nextGensymId } from './syntax-quote.js';

/** How to read. */
export interface ReadOptions {
  /** File name reported in errors. */
  file?: string;
  /** Qualifies a plain symbol inside syntax-quote (default: left as is). */
  resolveSymbol?: (s: Sym) => Sym;
  /** Numbers `foo#` gensyms (default: a process-wide counter). */
  nextGensymId?: () => number;
  /** Added to every line number (when the source starts further down a file). */
  lineOffset?: number;
}

/** A top-level form with its place in the source: `source.slice(start, end)` is its text. */
export interface ReadForm {
  form: Value;
  start: number;
  end: number;
  line: number;
  column: number;
}

const identity = (s: Sym): Sym => s;

function parserFor(source: string, opts: ReadOptions): Parser {
  return new Parser(source, new LineIndex(source, opts.lineOffset ?? 0), {
    resolve: opts.resolveSymbol ?? identity,
    nextId: opts.nextGensymId ?? nextGensymId,
  });
}

/**
 * The parser's next form. The reader itself never recurses per nesting
 * level, but building a set or map compares and hashes its members with
 * machine code that does (equality of sets nested in sets): a stack overflow
 * there means the form is nested too deeply to build, reported as data.
 */
function nextForm(parser: Parser): Parsed | Failure | null {
  try {
    return parser.next();
  } catch (e) {
    if (e instanceof RangeError) return new Failure('too-deep', `form nested too deeply to build (${e.message})`, parser.offset);
    throw e;
  }
}

function toError(f: Failure, parser: Parser, opts: ReadOptions): SourceError {
  const { line, column } = parser.lines.position(f.offset);
  return new SourceError('read', f.kind, f.message, line, column, opts.file ?? null);
}

/** Reads the forms of one source one at a time (see `readForms`). */
export interface FormReader {
  /** The next form, the error that stops reading, or null at the end (and after an error). */
  next(): ReadForm | SourceError | null;
}

/**
 * Reads `source` form by form, so that each form can be evaluated before the
 * next is read: syntax-quote then resolves symbols in the namespace that the
 * previous forms (e.g. `(ns ...)`) made current.
 */
export function readForms(source: string, opts: ReadOptions = {}): FormReader {
  const parser = parserFor(source, opts);
  let done = false;
  let charged = 0;
  return {
    next(): ReadForm | SourceError | null {
      if (done) return null;
      const r = nextForm(parser);
      const read = parser.offset - charged;
      chargeReductions(read >>> 3);
      charged += read & ~7;
      if (r === null || r instanceof Failure) {
        done = true;
        return r === null ? null : toError(r, parser, opts);
      }
      const { line, column } = parser.lines.position(r.start);
      return { form: r.form, start: r.start, end: r.end, line, column };
    },
  };
}

/**
 * Reads every top-level form of `source`. On an error, returns the forms read
 * before it together with the error.
 */
export function readAll(source: string, opts: ReadOptions = {}): { forms: ReadForm[]; error: SourceError | null } {
  const reader = readForms(source, opts);
  const forms: ReadForm[] = [];
  for (;;) {
    const r = reader.next();
    if (r === null) return { forms, error: null };
    if (r instanceof SourceError) return { forms, error: r };
    forms.push(r);
  }
}

/**
 * Reads the first form of `source` (as `read-string` does): the form and the
 * offset after it, `{eof: true}` when there is none, or the error.
 */
export function readOne(
  source: string,
  opts: ReadOptions = {},
): { form: Value; end: number } | { eof: true } | { error: SourceError } {
  const r = readForms(source, opts).next();
  if (r === null) return { eof: true };
  if (r instanceof SourceError) return { error: r };
  return { form: r.form, end: r.end };
}
