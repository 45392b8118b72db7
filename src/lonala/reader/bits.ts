/**
 * Bit syntax (LONALA.md sections 1 and 4): `#bits[version:4 ihl:4 len:16/be & rest]`
 * reads as the form
 *
 *   (lona.core/bits [version 4] [ihl 4] [len 16 :be] & rest)
 *
 * One tuple per segment, `[value size flag...]`: the value is a symbol or an
 * integer literal, the size a positive integer (8 when `:size` is left out),
 * the flags keywords from /be /le /signed /unsigned /bytes (several may stack,
 * `/be/signed`). An optional `& rest` binds what is left. The pattern
 * compiler and the `bits` constructor give the form its meaning.
 */
import { Keyword, Sym, type Value, List, Tuple } from '../../machine/index.js';
import { Failure } from './reader-error.js';
import type { Mark } from './positions.js';
import { isDigit, scanToken, skipSpace, type Scanned } from './scanner.js';
import { looksNumeric, parseSymbol } from './tokens.js';
import { parseNumber } from './numbers.js';

const BITS = Sym.of('bits', 'lona.core');
const AMPERSAND = Sym.of('&');
const FLAGS = ['be', 'le', 'signed', 'unsigned', 'bytes'];
const OPPOSITE: Record<string, string> = { be: 'le', le: 'be', signed: 'unsigned', unsigned: 'signed' };

const bad = (message: string, offset: number): Failure => new Failure('invalid-token', message, offset);

/** Reads `#bits[...]`: `start` is the offset of `#`, `pos` the offset after `#bits`. */
export function readBits(src: string, start: number, pos: number, mark: Mark): Scanned<List> | Failure {
  if (src.charCodeAt(pos) !== 91) return bad('expected [ right after #bits', start);
  const items: Value[] = [BITS];
  let restAt = -1;
  for (pos++; ; ) {
    pos = skipSpace(src, pos);
    if (pos >= src.length) return new Failure('unexpected-eof', 'unterminated #bits[...]: reached the end of input', start);
    if (src.charCodeAt(pos) === 93 /* ] */) {
      if (restAt >= 0 && items.length !== restAt + 2) return bad('& must be followed by one rest symbol in #bits[...]', pos);
      const form = List.from(items);
      mark(form, start);
      return { value: form, end: pos + 1 };
    }
    const end = scanToken(src, pos);
    if (end === pos) return bad(`unexpected ${src[pos]} in #bits[...]: expected a segment such as len:16/be`, pos);
    const token = src.slice(pos, end);
    if (restAt >= 0) {
      if (items.length !== restAt + 1) return bad('only one rest symbol may follow & in #bits[...]', pos);
      const rest = plainSymbol(token, pos);
      if (rest instanceof Failure) return rest;
      items.push(rest);
    } else if (token === '&') {
      restAt = items.length;
      items.push(AMPERSAND);
    } else {
      const segment = readSegment(token, pos);
      if (segment instanceof Failure) return segment;
      mark(segment, pos);
      items.push(segment);
    }
    pos = end;
  }
}

/** A symbol without namespace, usable as a binding. */
function plainSymbol(token: string, offset: number): Sym | Failure {
  const s = looksNumeric(token) || token.startsWith(':') ? null : parseSymbol(token, offset);
  if (s instanceof Sym && s.ns === null && token !== 'nil' && token !== 'true' && token !== 'false') return s;
  return bad(`expected a plain symbol in #bits[...], not ${token}`, offset);
}

/** One segment `value[:size][/flag...]` as the tuple `[value size :flag...]`. */
function readSegment(token: string, offset: number): Tuple | Failure {
  const colon = token.indexOf(':');
  const slash = token.indexOf('/', colon < 0 ? 0 : colon);
  const valueEnd = colon >= 0 ? colon : slash >= 0 ? slash : token.length;
  const valueText = token.slice(0, valueEnd);
  if (valueText === '') return bad(`segment ${token} in #bits[...] has no value before :`, offset);
  let value: Value | Failure;
  if (looksNumeric(valueText)) {
    value = parseNumber(valueText, offset);
    if (value instanceof Failure) return value;
    if (typeof value !== 'number' && typeof value !== 'bigint') return bad(`segment value ${valueText} must be a symbol or an integer`, offset);
  } else {
    value = plainSymbol(valueText, offset);
    if (value instanceof Failure) return value;
  }
  let size = 8;
  if (colon >= 0) {
    const sizeText = token.slice(colon + 1, slash >= 0 ? slash : token.length);
    size = positiveInteger(sizeText);
    if (size <= 0) return bad(`segment ${token}: the size after : must be a positive integer`, offset);
  }
  const items: Value[] = [value, size];
  if (slash >= 0) {
    const seen: string[] = [];
    for (const flag of token.slice(slash + 1).split('/')) {
      if (!FLAGS.includes(flag)) return bad(`segment ${token}: unknown flag /${flag} (use /be /le /signed /unsigned /bytes)`, offset);
      const opposite = OPPOSITE[flag] as string | undefined;
      if (seen.includes(flag) || (opposite !== undefined && seen.includes(opposite))) return bad(`segment ${token}: conflicting or repeated flag /${flag}`, offset);
      seen.push(flag);
      items.push(Keyword.of(flag));
    }
  }
  return new Tuple(items);
}

/** The value of up to nine decimal digits, or 0 for anything else. */
function positiveInteger(text: string): number {
  if (text.length === 0 || text.length > 9) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return 0;
    n = n * 10 + (c - 48);
  }
  return n;
}
