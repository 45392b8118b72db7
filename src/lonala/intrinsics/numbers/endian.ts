/**
 * Byte order: `byte-reverse16/32/64`, `native-endian` and the conversions
 * `native->be16 .. le->native64` (LONALA.md section 2).
 *
 * The emulated machine is little-endian, so the `be` conversions reverse the
 * bytes and the `le` ones return their argument (after the same checks).
 * A fixed argument must have exactly the operation's width (i16 or u16 for
 * the 16-bit ones) and keeps its type; a plain integer must fit the width
 * (signed or unsigned) and gives a plain unsigned result.
 */
import { Fixed, Keyword, type Value } from '../../../machine/index.js';
import { badarg, typeError } from '../args.js';
import { intrinsic, unary, type Intrinsic } from '../registry.js';
import { bitsOf, valueOf, widthOf } from './bit-operands.js';
import { norm } from './tower.js';

type Size = 16 | 32 | 64;

/** Reverses the `size / 8` low bytes of the unsigned `p`. */
function reverseBytes(p: bigint, size: Size): bigint {
  let r = 0n;
  for (let i = 0; i < size; i += 8) {
    r = (r << 8n) | (p & 0xffn);
    p >>= 8n;
  }
  return r;
}

/** Checks that `x` is an integer of `size` bits and returns its unsigned bit pattern. */
function pattern(fn: string, x: Value, size: Size): bigint {
  const w = widthOf(fn, x);
  if (w !== null) {
    if (bitsOf(w) !== size) typeError(fn, `u${size}`, x);
    return BigInt.asUintN(size, (x as Fixed).value);
  }
  const v = valueOf(x);
  const lo = -(1n << BigInt(size - 1)), hi = (1n << BigInt(size)) - 1n;
  if (v < lo || v > hi) badarg(fn, [x]);
  return BigInt.asUintN(size, v);
}

/** Byte reversal of `x` in `size` bits, in x's type. */
function byteReverse(fn: string, x: Value, size: Size): Value {
  if (size === 16 && typeof x === 'number' && x >= 0 && x <= 0xffff) return ((x & 0xff) << 8) | (x >> 8);
  const r = reverseBytes(pattern(fn, x, size), size);
  return x instanceof Fixed ? Fixed.of(x.width, r) : norm(r);
}

function reverser(name: string, size: Size, doc: string): Intrinsic {
  return unary(name, doc, (x) => byteReverse(name, x, size));
}

/** A conversion that is the identity on this machine, after the checks of `pattern`. */
function identity(name: string, size: Size, doc: string): Intrinsic {
  return unary(name, doc, (x) => {
    pattern(name, x, size);
    return x;
  });
}

const SIZES: Size[] = [16, 32, 64];

export const endianIntrinsics: Intrinsic[] = [
  ...SIZES.map((n) =>
    reverser(`byte-reverse${n}`, n, `Reverses the byte order of a ${n}-bit integer${n === 16 ? ': (byte-reverse16 0x1234u16) is 0x3412u16' : ''}.`)),
  intrinsic({
    name: 'native-endian',
    arglists: '([])',
    min: 0,
    max: 0,
    doc: 'The byte order of the machine: :little (the emulated machine is little-endian).',
    impl: () => Keyword.of('little'),
  }),
  ...SIZES.flatMap((n) => [
    reverser(`native->be${n}`, n, `Converts a ${n}-bit integer from native (little-endian) to big-endian byte order.`),
    reverser(`be->native${n}`, n, `Converts a ${n}-bit integer from big-endian to native (little-endian) byte order.`),
    identity(`native->le${n}`, n, `Converts a ${n}-bit integer from native to little-endian byte order: the identity on this machine.`),
    identity(`le->native${n}`, n, `Converts a ${n}-bit integer from little-endian to native byte order: the identity on this machine.`),
  ]),
];
