/**
 * Anonymous function literals (LONALA.md section 1):
 *
 *   #(+ % %2 %&)   reads as   (fn* [%1 %2 & %&] (+ %1 %2 %&))
 *
 * `%` means `%1` (and is rewritten to it); there are as many parameters as
 * the highest index used; `%&` adds a rest parameter. Mixing `%` and `%1` is
 * 'mixed-placeholders'; nesting `#(` is refused by the reader engine.
 */
import { Sym, type Value, List, Tuple } from '../../machine/index.js';
import { Failure } from './reader-error.js';
import type { Mark } from './positions.js';

/** The highest placeholder index accepted (`%255`). */
const MAX_PARAMS = 255;

const FN = Sym.of('fn*');
const AMPERSAND = Sym.of('&');
const REST = Sym.of('%&');

/** Placeholder bookkeeping for the one `#(...)` being read. */
export class AnonFn {
  private highest = 0;
  private bare = false;
  private first = false;
  private rest = false;

  /**
   * The symbol to read for `s` inside the body: `s` itself unless it is a
   * placeholder (`%` becomes `%1`), or a Failure for a bad or mixed one.
   */
  placeholder(s: Sym, offset: number): Sym | Failure {
    const name = s.name;
    if (s.ns !== null || name.charCodeAt(0) !== 37 /* % */) return s;
    if (name === '%&') {
      this.rest = true;
      return s;
    }
    if (name === '%') {
      if (this.first) return mixed(offset);
      this.bare = true;
      this.highest = Math.max(this.highest, 1);
      return s.meta === null ? Sym.of('%1') : new Sym(null, '%1', s.meta);
    }
    const index = placeholderIndex(name);
    if (index < 0) return new Failure('invalid-token', `invalid placeholder ${name} in #(...): use %, %1..%${MAX_PARAMS} or %&`, offset);
    if (index === 1) {
      if (this.bare) return mixed(offset);
      this.first = true;
    }
    this.highest = Math.max(this.highest, index);
    return s;
  }

  /** The `(fn* [params] (body))` form for a `#(` at `offset`. */
  build(body: Value[], mark: Mark, offset: number): List {
    const params: Value[] = [];
    for (let i = 1; i <= this.highest; i++) params.push(Sym.of('%' + i));
    if (this.rest) params.push(AMPERSAND, REST);
    const tuple = new Tuple(params);
    const call = List.from(body);
    const form = List.of(FN, tuple, call);
    mark(tuple, offset);
    mark(call, offset);
    mark(form, offset);
    return form;
  }
}

const mixed = (offset: number): Failure =>
  new Failure('mixed-placeholders', 'cannot mix % and %1 in one #(...): % already means %1', offset);

/** N for `%N` (1..MAX_PARAMS, no leading zero), else -1. */
function placeholderIndex(name: string): number {
  if (name.length < 2 || name.length > 4 || name.charCodeAt(1) === 48) return -1;
  let n = 0;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n <= MAX_PARAMS ? n : -1;
}
