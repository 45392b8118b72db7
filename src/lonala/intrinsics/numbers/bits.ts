/**
 * Bitwise logic, shifts and rotations: `bit-and bit-or bit-xor bit-not
 * bit-shl bit-shr bit-sar bit-rol bit-ror` (operand rules in bit-operands.ts).
 *
 * Plain integers are unbounded: `bit-shl` never loses bits, `bit-sar` floors.
 * `bit-shr` is a logical shift: on a fixed value it shifts in zeros at the top
 * of the width; a negative plain integer is read as a 64-bit word first.
 * `bit-sar` on a fixed value replicates the top bit of the width, also for
 * unsigned widths (x86 SAR): (bit-sar 0x80u8 1) is 0xC0u8.
 * Rotations work on the low `width` bits; upper bits are dropped.
 * Work on big integers is charged by size; a shift whose result would pass
 * MAX_BITS bits is :limit (cost.ts).
 */
import { Fixed, type Value } from '../../../machine/index.js';
import { badarg } from '../args.js';
import { intrinsic, type Intrinsic } from '../registry.js';
import {
  MAX_BITS, bitResult, bitsOf, checkedCount, commonWidth, countOf, plainPattern, shiftOut, unsignedOf, valueOf,
  widthOf,
} from './bit-operands.js';
import { MAX_SAFE, MIN_SAFE, norm } from './tower.js';
import { leftFold } from './variadic.js';
import { bigintBits } from '../../../machine/function.js';
import { chargeBits, chargeLinear, checkBits, isHuge } from './cost.js';

/** 2^k for k in 0..53, exact doubles. */
const POW2 = Array.from({ length: 54 }, (_, k) => 2 ** k);

/** A variadic bitwise logic operation; int32 pairs take the JS fast path. */
function logic(
  name: string,
  doc: string,
  small: (a: number, b: number) => number,
  big: (a: bigint, b: bigint) => bigint,
): Intrinsic {
  const pair = (a: Value, b: Value): Value => {
    if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && (b | 0) === b) return small(a, b);
    const w = commonWidth(name, a, b);
    const x = valueOf(a), y = valueOf(b);
    chargeLinear(x, y);
    return bitResult(w, big(x, y));
  };
  return leftFold(name, doc, pair, (a) => {
    widthOf(name, a);
    return a;
  });
}

/** Declares a two-argument shift `(name x n)`. */
function shift(name: string, doc: string, impl: (x: Value, k: Value) => Value): Intrinsic {
  return intrinsic({ name, arglists: '([x n])', min: 2, max: 2, doc, impl });
}

/** A shift count: badarg when negative. */
function shiftCount(name: string, x: Value, k: Value): number {
  const n = countOf(name, k);
  if (n < 0) badarg(name, [x, k]);
  return n;
}

function shl(x: Value, k: Value): Value {
  if (typeof x === 'number' && typeof k === 'number' && k >= 0 && k < 54) {
    const r = x * POW2[k];
    if (r <= MAX_SAFE && r >= MIN_SAFE) return r;
  }
  const w = widthOf('bit-shl', x);
  if (w === null) {
    const n = checkedCount('bit-shl', k, () => [x, k]);
    const v = valueOf(x);
    if (v !== 0n && (n > 960 || isHuge(v))) {
      const bits = bigintBits(v) + n;
      checkBits('bit-shl', bits, 'the shifted integer');
      chargeBits(bits);
    }
    return norm(v << BigInt(n));
  }
  const n = shiftCount('bit-shl', x, k);
  return n >= bitsOf(w) ? Fixed.of(w, 0n) : Fixed.of(w, (x as Fixed).value << BigInt(n));
}

function shr(x: Value, k: Value): Value {
  if (typeof x === 'number' && typeof k === 'number' && x >= 0 && k >= 0) return k < 54 ? Math.floor(x / POW2[k]) : 0;
  const w = widthOf('bit-shr', x);
  const n = shiftCount('bit-shr', x, k);
  if (w === null) {
    const v = plainPattern('bit-shr', valueOf(x), () => [x, k]);
    chargeLinear(v);
    return norm(v >> shiftOut(n));
  }
  return n >= bitsOf(w) ? Fixed.of(w, 0n) : Fixed.of(w, unsignedOf(x as Fixed) >> BigInt(n));
}

function sar(x: Value, k: Value): Value {
  if (typeof x === 'number' && typeof k === 'number' && k >= 0) return k < 54 ? Math.floor(x / POW2[k]) : x < 0 ? -1 : 0;
  const w = widthOf('bit-sar', x);
  const n = shiftCount('bit-sar', x, k);
  if (w === null) {
    const v = valueOf(x);
    chargeLinear(v);
    return norm(v >> shiftOut(n));
  }
  const bits = bitsOf(w);
  return Fixed.of(w, BigInt.asIntN(bits, (x as Fixed).value) >> BigInt(n < bits ? n : bits - 1));
}

/** `(bit-rol x n width)` / `(bit-ror x n width)`; width defaults to a fixed value's own. */
function rotation(name: string, left: boolean): Intrinsic {
  return intrinsic({
    name,
    arglists: '([x n] [x n width])',
    min: 2,
    max: 3,
    doc: `Rotates the low \`width\` bits of x ${left ? 'left' : 'right'} by n; the result keeps x's type. width defaults to the bit width of a fixed x and is required for a plain integer: (bit-${left ? 'rol 0b10000001u8 1 8) is 3u8' : 'ror 0b10000001u8 1 8) is 192u8'}.`,
    impl: function (x: Value, k: Value, width?: Value): Value {
      const args = (): Value[] => (width === undefined ? [x, k] : [x, k, width]);
      const w = widthOf(name, x);
      if (countOf(name, k) < 0) return badarg(name, args());
      let size: number;
      if (width === undefined) {
        if (w === null) return badarg(name, args());
        size = bitsOf(w);
      } else {
        size = checkedCount(name, width, args);
        if (size < 1 || (w !== null && size > bitsOf(w))) badarg(name, args());
      }
      const W = BigInt(size);
      const s = valueOf(k) % W;
      const p = BigInt.asUintN(size, valueOf(x));
      chargeBits(3 * size);
      if (s === 0n) return bitResult(w, p);
      const r = left ? (p << s) | (p >> (W - s)) : (p >> s) | (p << (W - s));
      return bitResult(w, BigInt.asUintN(size, r));
    },
  });
}

export const bitIntrinsics: Intrinsic[] = [
  logic('bit-and', 'Bitwise and of the integers.', (a, b) => a & b, (a, b) => a & b),
  logic('bit-or', 'Bitwise or of the integers: (bit-or 0 1 2 4) is 7.', (a, b) => a | b, (a, b) => a | b),
  logic('bit-xor', 'Bitwise exclusive or of the integers.', (a, b) => a ^ b, (a, b) => a ^ b),
  intrinsic({
    name: 'bit-not',
    arglists: '([x])',
    min: 1,
    max: 1,
    doc: 'Bitwise complement: -(x+1) for a plain integer, all bits of the width flipped for a fixed one: (bit-not 0u8) is 255u8.',
    impl: (x) => {
      if (typeof x === 'number') return x < MAX_SAFE ? -x - 1 : -9007199254740992n;
      const w = widthOf('bit-not', x);
      const v = valueOf(x);
      chargeLinear(v);
      return bitResult(w, ~v);
    },
  }),
  shift('bit-shl', `Shifts x left by n bits: unbounded for plain integers (at most ${MAX_BITS} bits), wrapping within a fixed width.`, shl),
  shift('bit-shr', 'Logical right shift by n bits: zeros come in at the top of a fixed width; a negative plain integer is read as a 64-bit word.', shr),
  shift('bit-sar', 'Arithmetic right shift by n bits: the sign (top) bit is replicated; (bit-sar -8i32 2) is -2i32.', sar),
  rotation('bit-rol', true),
  rotation('bit-ror', false),
];
