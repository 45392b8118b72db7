/**
 * Single bits, bit fields, counting and masks: `bit-test bit-set bit-clear
 * bit-flip bit-field bit-field-set bit-count leading-zeros trailing-zeros
 * mask-bits mask-range` (operand rules in bit-operands.ts).
 *
 * On a fixed value, bit indexes and fields must lie inside the width
 * (out-of-bounds otherwise) and the result keeps the type. Plain integers
 * are infinite two's complement for single bits and fields; counting needs a
 * finite word, so a plain integer counts as 64 bits: (leading-zeros 1) is 63.
 * Work on big integers is charged by size (cost.ts).
 */
import { Fixed, type FixedWidth, type Value } from '../../../machine/index.js';
import { badarg, outOfBounds } from '../args.js';
import { intrinsic, unary, type Intrinsic } from '../registry.js';
import {
  MAX_BITS, bitResult, bitsOf, checkedCount, countOf, plainPattern, shiftOut, unsignedOf, valueOf, widthOf,
} from './bit-operands.js';
import { bitLength, norm } from './tower.js';
import { chargeBits, chargeLinear, chargeWords } from './cost.js';

/** A bit index checked against the operand: badarg when negative, out-of-bounds past a fixed width. */
function bitIndex(fn: string, w: FixedWidth | null, x: Value, i: Value, limit: number): number {
  const n = countOf(fn, i);
  if (n < 0) badarg(fn, [x, i]);
  if (w !== null) {
    if (n >= bitsOf(w)) outOfBounds(fn, i, bitsOf(w));
  } else if (n > limit) {
    badarg(fn, [x, i]);
  }
  return n;
}

/** `(name x i)` changing one bit: int32 operands with i < 31 take the JS fast path. */
function bitChange(
  name: string,
  doc: string,
  small: (x: number, m: number) => number,
  big: (x: bigint, m: bigint) => bigint,
): Intrinsic {
  return intrinsic({
    name,
    arglists: '([x i])',
    min: 2,
    max: 2,
    doc,
    impl: (x, i) => {
      if (typeof x === 'number' && typeof i === 'number' && (x | 0) === x && i >= 0 && i < 31) return small(x, 1 << i);
      const w = widthOf(name, x);
      const n = bitIndex(name, w, x, i, MAX_BITS);
      const v = valueOf(x);
      chargeLinear(v);
      chargeBits(n);
      return bitResult(w, big(v, 1n << BigInt(n)));
    },
  });
}

function popcount32(n: number): number {
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Set bits of each hex digit. */
const HEX_BITS = new Uint8Array(128);
for (let d = 0; d < 16; d++) HEX_BITS[d.toString(16).charCodeAt(0)] = popcount32(d);

/** Set bits of a non-negative bigint, from its hex digits (4x fewer characters than binary), charged by size. */
function popcountBig(n: bigint): number {
  chargeWords(n, 1);
  const hex = n.toString(16);
  let c = 0;
  for (let i = 0; i < hex.length; i++) c += HEX_BITS[hex.charCodeAt(i)];
  return c;
}

/** Trailing zeros of a non-zero uint32 (or a number read as one). */
const ctz32 = (n: number): number => 31 - Math.clz32(n & -n);

function trailingZeros(x: Value): number {
  if (typeof x === 'number') {
    if (x === 0) return 64;
    if ((x | 0) === x) return ctz32(x);
    const a = Math.abs(x);
    const lo = a % 4294967296;
    return lo !== 0 ? ctz32(lo) : 32 + ctz32(Math.floor(a / 4294967296));
  }
  const w = widthOf('trailing-zeros', x);
  const v = valueOf(x);
  if (v === 0n) return w === null ? 64 : bitsOf(w);
  chargeLinear(v);
  return bitLength(v & -v) - 1;
}

function leadingZeros(x: Value): number {
  if (typeof x === 'number') {
    if (x < 0) return 0;
    return x < 4294967296 ? 32 + Math.clz32(x) : Math.clz32(Math.floor(x / 4294967296));
  }
  const w = widthOf('leading-zeros', x);
  if (w !== null) return bitsOf(w) - bitLength(unsignedOf(x as Fixed));
  const p = plainPattern('leading-zeros', x as bigint, () => [x]);
  if (p >= 1n << 64n) badarg('leading-zeros', [x]);
  return 64 - bitLength(p);
}

function bitCount(x: Value): number {
  if (typeof x === 'number' && x >= 0) return popcount32(x % 4294967296) + popcount32(Math.floor(x / 4294967296));
  const w = widthOf('bit-count', x);
  if (w !== null) return popcountBig(unsignedOf(x as Fixed));
  return popcountBig(plainPattern('bit-count', valueOf(x), () => [x]));
}

/** 2^n - 1 as a normalised integer. */
const mask = (n: number): number | bigint => (n <= 53 ? 2 ** n - 1 : norm((1n << BigInt(n)) - 1n));

export const bitFieldIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'bit-test',
    arglists: '([x i])',
    min: 2,
    max: 2,
    doc: 'True when bit i of x is set: (bit-test 0b1010 1) is true.',
    impl: (x, i) => {
      if (typeof x === 'number' && typeof i === 'number' && (x | 0) === x && i >= 0 && i < 32) return ((x >> i) & 1) === 1;
      const w = widthOf('bit-test', x);
      const n = bitIndex('bit-test', w, x, i, Infinity);
      const v = valueOf(x);
      chargeLinear(v);
      return ((v >> shiftOut(n)) & 1n) === 1n;
    },
  }),
  bitChange('bit-set', 'Returns x with bit i set: (bit-set 0b1000 0) is 9.', (x, m) => x | m, (x, m) => x | m),
  bitChange('bit-clear', 'Returns x with bit i cleared: (bit-clear 0b1111 1) is 13.', (x, m) => x & ~m, (x, m) => x & ~m),
  bitChange('bit-flip', 'Returns x with bit i flipped: (bit-flip 0b1010 1) is 8.', (x, m) => x ^ m, (x, m) => x ^ m),
  intrinsic({
    name: 'bit-field',
    arglists: '([x offset length])',
    min: 3,
    max: 3,
    doc: 'The length bits of x starting at bit offset, as an unsigned value of x\'s type: (bit-field 0xABCD 4 8) is 0xBC.',
    impl: (x, off, len) => {
      if (typeof x === 'number' && typeof off === 'number' && typeof len === 'number' && (x | 0) === x &&
          off >= 0 && len >= 0 && off + len < 31) return (x >> off) & ((1 << len) - 1);
      const w = widthOf('bit-field', x);
      const args = (): Value[] => [x, off, len];
      const l = checkedCount('bit-field', len, args);
      const o = countOf('bit-field', off);
      if (o < 0) badarg('bit-field', args());
      if (w !== null) {
        if (o + l > bitsOf(w)) outOfBounds('bit-field', o + l, bitsOf(w));
        return Fixed.of(w, (unsignedOf(x as Fixed) >> BigInt(o)) & ((1n << BigInt(l)) - 1n));
      }
      const v = valueOf(x);
      chargeLinear(v);
      chargeBits(l);
      return norm((v >> shiftOut(o)) & ((1n << BigInt(l)) - 1n));
    },
  }),
  intrinsic({
    name: 'bit-field-set',
    arglists: '([x offset length v])',
    min: 4,
    max: 4,
    doc: 'Returns x with its length bits at offset replaced by the low length bits of v: (bit-field-set 0 4 8 0xFF) is 0xFF0.',
    impl: (x, off, len, v) => {
      const w = widthOf('bit-field-set', x);
      widthOf('bit-field-set', v);
      const args = (): Value[] => [x, off, len, v];
      const l = checkedCount('bit-field-set', len, args);
      const o = checkedCount('bit-field-set', off, args);
      if (w !== null && o + l > bitsOf(w)) outOfBounds('bit-field-set', o + l, bitsOf(w));
      if (w === null && o + l > MAX_BITS) badarg('bit-field-set', args());
      const m = ((1n << BigInt(l)) - 1n) << BigInt(o);
      const a = valueOf(x), b = valueOf(v);
      chargeLinear(a, b);
      chargeBits(3 * (o + l));
      return bitResult(w, (a & ~m) | ((b << BigInt(o)) & m));
    },
  }),
  unary('bit-count', 'Number of set bits (population count); a negative plain integer counts as a 64-bit word.', bitCount),
  unary('leading-zeros', 'Number of zero bits above the highest set bit, within a fixed width or 64 bits for a plain integer: (leading-zeros 1u8) is 7.', leadingZeros),
  unary('trailing-zeros', 'Number of zero bits below the lowest set bit; for 0 the width (64 for a plain integer): (trailing-zeros 8u8) is 3.', trailingZeros),
  intrinsic({
    name: 'mask-bits',
    arglists: '([n])',
    min: 1,
    max: 1,
    doc: 'An integer with the low n bits set: (mask-bits 4) is 15.',
    impl: (n) => {
      const bits = checkedCount('mask-bits', n, () => [n]);
      chargeBits(bits);
      return mask(bits);
    },
  }),
  intrinsic({
    name: 'mask-range',
    arglists: '([start end])',
    min: 2,
    max: 2,
    doc: 'An integer with bits start (inclusive) to end (exclusive) set: (mask-range 4 8) is 240.',
    impl: (start, end) => {
      const args = (): Value[] => [start, end];
      const s = checkedCount('mask-range', start, args);
      const e = checkedCount('mask-range', end, args);
      if (s > e) badarg('mask-range', args());
      if (e <= 53) return 2 ** e - 2 ** s;
      chargeBits(3 * e);
      return norm(((1n << BigInt(e)) - 1n) ^ ((1n << BigInt(s)) - 1n));
    },
  }),
];
