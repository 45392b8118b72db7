/**
 * Binary literals (LONALA.md section 1):
 *
 *   #bytes[0x48 0x65 72]    bytes given as integers 0..255
 *   #bytes"Hi"              the UTF-8 encoding of a string
 *   #bytes/ascii"Hi"        one byte per character, each at most 127
 *   #bytes/latin1"café"     one byte per character, each at most 255
 *
 * As a pattern, `#bytes[0x89 a & rest]` may hold names and `& rest`; it then
 * reads as the bit pattern `(lona.core/bits [0x89 8] [a 8] & rest)`.
 */
import { Binary, Sym, type Value, List, Tuple } from '../../machine/index.js';
import { Failure } from './reader-error.js';
import { scanToken, skipSpace, type Scanned } from './scanner.js';
import { readString } from './strings.js';
import { looksNumeric } from './tokens.js';
import { parseNumber } from './numbers.js';

const utf8 = new TextEncoder();

/**
 * Reads a binary literal: `start` is the offset of `#`, `tag` the word after
 * it (`bytes`, `bytes/ascii` or `bytes/latin1`) and `pos` the offset after the tag.
 */
export function readBinary(src: string, start: number, tag: string, pos: number): Scanned<Binary | List> | Failure {
  const limit = tag === 'bytes' ? 0xffff : tag === 'bytes/ascii' ? 0x7f : tag === 'bytes/latin1' ? 0xff : -1;
  if (limit < 0) return new Failure('invalid-token', `unknown binary encoding #${tag} (use #bytes, #bytes/ascii or #bytes/latin1)`, start);
  const c = src.charCodeAt(pos);
  if (c === 91 /* [ */ && tag === 'bytes') return readByteList(src, start, pos + 1);
  if (c !== 34 /* " */) {
    const expected = tag === 'bytes' ? '[ or "' : '"';
    return new Failure('invalid-token', `expected ${expected} right after #${tag}`, start);
  }
  const s = readString(src, pos, limit);
  if (s instanceof Failure) return s;
  let bytes: Uint8Array;
  if (tag === 'bytes') bytes = utf8.encode(s.value);
  else {
    bytes = new Uint8Array(s.value.length);
    for (let i = 0; i < bytes.length; i++) bytes[i] = s.value.charCodeAt(i);
  }
  return { value: new Binary(bytes), end: s.end };
}

/** Reads `0x48 0x65 72 ... ]` from `pos`, just after the `[` (names make it a pattern). */
function readByteList(src: string, start: number, pos: number): Scanned<Binary | List> | Failure {
  const items: Value[] = [];
  let pattern = false;
  for (;;) {
    pos = skipSpace(src, pos);
    if (pos >= src.length) return new Failure('unexpected-eof', 'unterminated #bytes[...]: reached the end of input', start);
    if (src.charCodeAt(pos) === 93 /* ] */) {
      const value = pattern ? bytePattern(items) : new Binary(Uint8Array.from(items as number[]));
      return { value, end: pos + 1 };
    }
    const end = scanToken(src, pos);
    const token = src.slice(pos, end);
    const v = looksNumeric(token) ? parseNumber(token, pos) : undefined;
    if (v instanceof Failure) return v;
    if (v === undefined && /^[A-Za-z_&*?!<>=+-][^/]*$/.test(token)) {
      pattern = true;
      items.push(Sym.of(token));
    } else if (typeof v !== 'number' || v < 0 || v > 255) {
      const what = token === '' ? src[pos] : token;
      return new Failure('invalid-number', `#bytes[...] takes integers 0..255 (or names in a pattern), not ${what}`, pos);
    } else {
      items.push(v);
    }
    pos = end;
  }
}

const AMPERSAND = Sym.of('&');

/** `#bytes[0x89 a & rest]` as the bit pattern of 8-bit segments. */
function bytePattern(items: Value[]): List {
  const parts: Value[] = [Sym.of('bits', 'lona.core')];
  for (let i = 0; i < items.length; i++) {
    if (items[i] === AMPERSAND) {
      parts.push(AMPERSAND, ...items.slice(i + 1));
      break;
    }
    parts.push(new Tuple([items[i], 8]));
  }
  return List.from(parts);
}
