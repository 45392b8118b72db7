/**
 * Matching binaries against bit-segment patterns (LONALA.md section 4):
 * `#bytes[0x89 & rest]` and `#bits[v:4 ihl:4 len:16/be & rest]`.
 *
 * The compiler turns a pattern into a `BinaryPattern` constant; at run time
 * `matchBinary` walks the segments over the subject's bits and writes each
 * non-literal segment's value (and the rest, a binary) into consecutive
 * frame slots.
 */
import { Binary, type Value } from './value.js';
import { equals } from './equality.js';

export interface BitSegment {
  /** Size in bits (or in bytes when `bytes`). */
  readonly size: number;
  readonly signed: boolean;
  readonly little: boolean;
  /** The segment is a sub-binary of `size` bytes. */
  readonly bytes: boolean;
  /** A literal to compare with; undefined means the segment binds a slot. */
  readonly literal: Value | undefined;
}

export class BinaryPattern {
  constructor(readonly segments: readonly BitSegment[], readonly rest: boolean) {}
}

const MAX_SAFE = 9007199254740991n;

/** Reads `bits` bits starting at bit `pos` (big-endian bit order). */
function readBits(bytes: Uint8Array, pos: number, bits: number): bigint {
  let v = 0n;
  for (let i = 0; i < bits; i++) {
    const p = pos + i;
    v = (v << 1n) | BigInt((bytes[p >> 3] >> (7 - (p & 7))) & 1);
  }
  return v;
}

function segmentValue(bytes: Uint8Array, pos: number, seg: BitSegment): Value {
  if (seg.bytes) return new Binary(bytes.slice(pos >> 3, (pos >> 3) + seg.size));
  let v: bigint;
  if (seg.little && seg.size % 8 === 0 && (pos & 7) === 0) {
    v = 0n;
    for (let i = seg.size / 8 - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[(pos >> 3) + i]);
  } else {
    v = readBits(bytes, pos, seg.size);
  }
  if (seg.signed) v = BigInt.asIntN(seg.size, v);
  return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v;
}

/** Matches `subject`; on success writes bound values into `out` from `base`. */
export function matchBinary(subject: Value, pattern: Value, out: Value[], base: number): boolean {
  if (!(subject instanceof Binary)) return false;
  const p = pattern as unknown as BinaryPattern;
  const bytes = subject.bytes;
  const total = bytes.length * 8;
  let pos = 0;
  let slot = base;
  for (const seg of p.segments) {
    const bits = seg.bytes ? seg.size * 8 : seg.size;
    if (seg.bytes && (pos & 7) !== 0) return false;
    if (pos + bits > total) return false;
    const v = segmentValue(bytes, pos, seg);
    pos += bits;
    if (seg.literal !== undefined) {
      if (!equals(v, seg.literal)) return false;
    } else {
      out[slot++] = v;
    }
  }
  if (p.rest) {
    if ((pos & 7) !== 0) return false;
    out[slot] = new Binary(bytes.slice(pos >> 3));
    return true;
  }
  return pos === total;
}
