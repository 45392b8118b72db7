/**
 * Binary literals (LONALA.md section 1):
 *
 *   #bytes[0x48 0x65 72]    bytes given as integers 0..255
 *   #bytes"Hi"              the UTF-8 encoding of a string
 *   #bytes/ascii"Hi"        one byte per character, each at most 127
 *   #bytes/latin1"café"     one byte per character, each at most 255
 */
import { Binary } from '../../machine/value.js';
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
export function readBinary(src: string, start: number, tag: string, pos: number): Scanned<Binary> | Failure {
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

/** Reads `0x48 0x65 72 ... ]` from `pos`, just after the `[`. */
function readByteList(src: string, start: number, pos: number): Scanned<Binary> | Failure {
  const bytes: number[] = [];
  for (;;) {
    pos = skipSpace(src, pos);
    if (pos >= src.length) return new Failure('unexpected-eof', 'unterminated #bytes[...]: reached the end of input', start);
    if (src.charCodeAt(pos) === 93 /* ] */) return { value: new Binary(Uint8Array.from(bytes)), end: pos + 1 };
    const end = scanToken(src, pos);
    const token = src.slice(pos, end);
    const v = looksNumeric(token) ? parseNumber(token, pos) : undefined;
    if (v instanceof Failure) return v;
    if (typeof v !== 'number' || v < 0 || v > 255) {
      const what = token === '' ? src[pos] : token;
      return new Failure('invalid-number', `#bytes[...] takes integers 0..255, not ${what}`, pos);
    }
    bytes.push(v);
    pos = end;
  }
}
