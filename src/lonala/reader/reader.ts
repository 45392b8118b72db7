/**
 * The Lonala reader's public API (LONALA.md section 1): text to forms.
 * Reading never throws and never recurses per nesting level; problems come
 * back as `ReaderError` data. See parser.ts for the engine.
 */
import type { Sym, Value } from '../../machine/value.js';
import { Failure, ReaderError } from './reader-error.js';
import { LineIndex } from './positions.js';
import { Parser } from './parser.js';
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

function toError(f: Failure, parser: Parser, opts: ReadOptions): ReaderError {
  const { line, column } = parser.lines.position(f.offset);
  return new ReaderError(f.kind, f.message, line, column, opts.file ?? null);
}

/**
 * Reads every top-level form of `source`. On an error, returns the forms read
 * before it together with the error.
 */
export function readAll(source: string, opts: ReadOptions = {}): { forms: ReadForm[]; error: ReaderError | null } {
  const parser = parserFor(source, opts);
  const forms: ReadForm[] = [];
  for (;;) {
    const r = parser.next();
    if (r === null) return { forms, error: null };
    if (r instanceof Failure) return { forms, error: toError(r, parser, opts) };
    const { line, column } = parser.lines.position(r.start);
    forms.push({ form: r.form, start: r.start, end: r.end, line, column });
  }
}

/**
 * Reads the first form of `source` (as `read-string` does): the form and the
 * offset after it, `{eof: true}` when there is none, or the error.
 */
export function readOne(
  source: string,
  opts: ReadOptions = {},
): { form: Value; end: number } | { eof: true } | { error: ReaderError } {
  const parser = parserFor(source, opts);
  const r = parser.next();
  if (r === null) return { eof: true };
  if (r instanceof Failure) return { error: toError(r, parser, opts) };
  return { form: r.form, end: r.end };
}
