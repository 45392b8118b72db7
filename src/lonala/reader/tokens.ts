/**
 * Plain tokens (LONALA.md section 1): `nil true false`, symbols
 * (`foo`, `my.ns/bar`, `/`, `lona.core//`) and keywords (`:ok`, `:my.ns/bar`).
 * Numbers are in numbers.ts.
 */
import { Keyword, Sym, type Value } from '../../machine/index.js';
import { Failure } from './reader-error.js';
import { isDigit } from './scanner.js';
import { parseNumber } from './numbers.js';

/** Whether `name` is a valid symbol or keyword name: `/`, `name` or `ns/name`. */
function validName(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0 || text === '/') return text.length > 0;
  if (slash === 0) return false;
  const name = text.slice(slash + 1);
  return name === '/' || (name.length > 0 && !name.includes('/'));
}

/** Whether the token `t` is a number literal (a digit, or a sign then a digit). */
export function looksNumeric(t: string): boolean {
  const c = t.charCodeAt(0);
  return isDigit(c) || ((c === 43 || c === 45) && isDigit(t.charCodeAt(1)));
}

/** Reads the symbol token `t` found at `offset`. */
export function parseSymbol(t: string, offset: number): Sym | Failure {
  return validName(t) ? Sym.parse(t) : new Failure('invalid-token', `invalid symbol ${t}`, offset);
}

/** Reads any plain token: a number, a keyword, a constant or a symbol. */
export function parseToken(t: string, offset: number): Value | Failure {
  if (looksNumeric(t)) return parseNumber(t, offset);
  switch (t) {
    case 'nil': return null;
    case 'true': return true;
    case 'false': return false;
  }
  if (t.charCodeAt(0) !== 58) return parseSymbol(t, offset);
  const name = t.slice(1);
  if (name.charCodeAt(0) === 58) return new Failure('invalid-token', `auto-resolved keywords are not supported: ${t}`, offset);
  return validName(name) ? Keyword.parse(name) : new Failure('invalid-token', `invalid keyword ${t}`, offset);
}
