/**
 * Binary intrinsics (LONALA.md section 2, lona.core "Binary"): immutable
 * byte strings. A `Binary` never changes after construction, so slices
 * share the bytes of their source (O(1)).
 *
 * Encodings for `binary->string` and `string->binary`: `:utf-8` (default),
 * `:latin1` (ISO-8859-1, bytes = code points 0..255) and `:ascii` (0..127).
 * Invalid UTF-8 is the fault `:invalid-utf8`; a character or byte outside
 * latin1/ascii is a `:badarg`.
 *
 * Work over the bytes is charged by size (charge.ts): a reduction per 64
 * bytes copied or converted, per 8 elements listed.
 */
import { Binary, Keyword, Kind, Sym, type Value, List, Fault } from '../../machine/index.js';
import { badarg, outOfBounds, typeError } from './args.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { intArg, isInteger, isKind, bigintArg } from './predicates.js';
import { elements } from './sequences.js';
import { chargeElements, chargeText } from './charge.js';

/** Work proportional to the number of bytes is charged more. */
const BULK = 4;

export function binaryArg(fn: string, v: Value): Binary {
  return isKind(v, Kind.Binary) ? (v as Binary) : typeError(fn, 'binary', v);
}

type Encoding = 'utf-8' | 'latin1' | 'ascii';

function encodingArg(fn: string, v: Value | undefined, args: Value[]): Encoding {
  if (v === undefined) return 'utf-8';
  if (v instanceof Keyword && v.ns === null && (v.name === 'utf-8' || v.name === 'latin1' || v.name === 'ascii')) {
    return v.name;
  }
  return badarg(fn, args);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** Decodes `bytes`; every byte must be below `limit` (latin1 256, ascii 128). */
function decodeSingleByte(fn: string, bytes: Uint8Array, limit: number, args: Value[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    const chunk = bytes.subarray(i, i + 4096);
    for (let j = 0; j < chunk.length; j++) if (chunk[j] >= limit) return badarg(fn, args);
    out += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return out;
}

function binaryToString(...args: Value[]): string {
  const bin = binaryArg('binary->string', args[0]);
  const enc = encodingArg('binary->string', args[1], args);
  chargeText(2 * bin.bytes.length);
  if (enc === 'latin1') return decodeSingleByte('binary->string', bin.bytes, 256, args);
  if (enc === 'ascii') return decodeSingleByte('binary->string', bin.bytes, 128, args);
  try {
    return utf8.decode(bin.bytes);
  } catch {
    throw new Fault('invalid-utf8', { fn: Sym.of('binary->string', 'lona.core'), value: bin });
  }
}

function stringToBinary(...args: Value[]): Binary {
  const s = typeof args[0] === 'string' ? args[0] : typeError('string->binary', 'string', args[0]);
  const enc = encodingArg('string->binary', args[1], args);
  chargeText(2 * s.length);
  if (enc === 'utf-8') return new Binary(utf8Encoder.encode(s));
  const limit = enc === 'latin1' ? 256 : 128;
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i); // a code point >= 0x10000 gives a surrogate, which is over the limit too
    if (c >= limit) return badarg('string->binary', args);
    out[i] = c;
  }
  return new Binary(out);
}

/** A byte value 0..255 of any integer type, or -1 when it is not one. */
export function byteOf(v: Value): number {
  if (typeof v === 'number') return v >= 0 && v <= 255 ? v : -1;
  if (!isInteger(v)) return -1;
  const n = bigintArg('binary', v);
  return n >= 0n && n <= 255n ? Number(n) : -1;
}

export const binaryIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'binary', arglists: '([bytes])', min: 1, max: 1, cost: BULK,
    doc: 'A binary of a list, tuple, vector or lazy seq of byte values (integers 0..255); anything else is a badarg.',
    impl: (coll) => {
      if (!isKind(coll, Kind.List) && !isKind(coll, Kind.Tuple) && !isKind(coll, Kind.Vector) && !isKind(coll, Kind.LazySeq)) {
        return badarg('binary', [coll]);
      }
      const items = elements('binary', coll);
      const out = new Uint8Array(items.length);
      for (let i = 0; i < items.length; i++) {
        const b = byteOf(items[i]);
        if (b < 0) return badarg('binary', [coll]);
        out[i] = b;
      }
      return new Binary(out);
    },
  }),
  intrinsic({
    name: 'binary-size', arglists: '([bin])', min: 1, max: 1,
    doc: 'The size of a binary in bytes.',
    impl: (bin) => binaryArg('binary-size', bin).bytes.length,
  }),
  intrinsic({
    name: 'binary-ref', arglists: '([bin offset])', min: 2, max: 2,
    doc: 'The byte at offset, as an integer 0..255; outside the binary is out-of-bounds.',
    impl: (bin, off) => {
      const bytes = binaryArg('binary-ref', bin).bytes;
      const i = intArg('binary-ref', off);
      return i >= 0 && i < bytes.length ? bytes[i] : outOfBounds('binary-ref', off, bytes.length);
    },
  }),
  intrinsic({
    name: 'binary-slice', arglists: '([bin start len])', min: 3, max: 3,
    doc: 'The len bytes from start, as a binary sharing the bytes of bin: (binary-slice #bytes[1 2 3 4 5] ' +
      '1 3) is #bytes[2 3 4]. Past the end is out-of-bounds.',
    impl: (bin, startV, lenV) => {
      const bytes = binaryArg('binary-slice', bin).bytes;
      const start = intArg('binary-slice', startV);
      const len = intArg('binary-slice', lenV);
      if (start < 0 || start > bytes.length) return outOfBounds('binary-slice', startV, bytes.length);
      if (len < 0 || start + len > bytes.length) return outOfBounds('binary-slice', lenV, bytes.length);
      return len === bytes.length ? bin : new Binary(bytes.subarray(start, start + len));
    },
  }),
  intrinsic({
    name: 'binary-concat', arglists: '([& bins])', min: 0, max: Infinity, cost: BULK,
    doc: 'One binary of the bytes of all arguments in order.',
    impl: (...bins) => {
      let size = 0;
      for (const b of bins) size += binaryArg('binary-concat', b).bytes.length;
      chargeText(size);
      const out = new Uint8Array(size);
      let at = 0;
      for (const b of bins) {
        out.set((b as Binary).bytes, at);
        at += (b as Binary).bytes.length;
      }
      return new Binary(out);
    },
  }),
  intrinsic({
    name: 'binary->string', arglists: '([bin] [bin encoding])', min: 1, max: 2, cost: BULK,
    doc: 'Decodes a binary as text in encoding :utf-8 (default), :latin1 or :ascii. Invalid UTF-8 is ' +
      'the fault :invalid-utf8; a byte over 127 in :ascii is a badarg.',
    impl: binaryToString,
  }),
  intrinsic({
    name: 'string->binary', arglists: '([s] [s encoding])', min: 1, max: 2, cost: BULK,
    doc: 'Encodes a string in :utf-8 (default), :latin1 or :ascii; a character the encoding cannot ' +
      'hold is a badarg.',
    impl: stringToBinary,
  }),
  intrinsic({
    name: 'binary->list', arglists: '([bin])', min: 1, max: 1, cost: BULK,
    doc: 'The bytes of a binary as a list of integers 0..255.',
    impl: (bin) => {
      const bytes = binaryArg('binary->list', bin).bytes;
      chargeElements(bytes.length);
      return List.from(Array.from(bytes));
    },
  }),
];
