/**
 * Bytebuf intrinsics (LONALA.md section 2, lona.core "Bytebuf"): mutable,
 * process-local byte buffers for drivers and protocol code. Writes mutate
 * `bytes` in place and answer `:ok`.
 *
 * The fixed-size reads and writes are generated from one table:
 *
 *   bytebuf-read8            -> integer 0..255     bytebuf-write8!
 *   bytebuf-read-i8          -> i8
 *   bytebuf-read{16,32,64}[-le|-be]     -> u16 u32 u64
 *   bytebuf-read-i{16,32,64}[-le|-be]   -> i16 i32 i64
 *   bytebuf-write{16,32,64}[-le|-be]!
 *
 * No suffix means native order, which is little-endian on this machine.
 * A write takes any integer (plain or fixed-width) from -2^(bits-1) to
 * 2^bits - 1, stored two's complement; other values are a badarg. An access
 * outside the buffer is out-of-bounds.
 *
 * Allocating, copying and filling are charged a reduction per 64 bytes
 * (charge.ts).
 */
import { Binary, Bytebuf, Fixed, Kind, kw, type FixedWidth, type Value } from '../../machine/index.js';
import { badarg, outOfBounds, typeError } from './args.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { bigintArg, intArg, isInteger, isKind } from './predicates.js';
import { chargeText } from './charge.js';

/** Work proportional to the number of bytes is charged more. */
const BULK = 4;

/** Largest buffer `bytebuf-alloc` hands out (256 MiB); more is a badarg. */
export const MAX_BYTEBUF = 256 * 1024 * 1024;

const OK = kw('ok');

function bufArg(fn: string, v: Value): Bytebuf {
  return isKind(v, Kind.Bytebuf) ? (v as Bytebuf) : typeError(fn, 'bytebuf', v);
}

/** Offset of an `n`-byte access within `size` bytes; out-of-bounds otherwise. */
function offsetArg(fn: string, v: Value, n: number, size: number): number {
  const off = typeof v === 'number' ? v : intArg(fn, v);
  return off >= 0 && off + n <= size ? off : outOfBounds(fn, v, size);
}

/** A value to store in `bits` bits, as an unsigned number (bits <= 32) or bigint (64). */
function storeArg(fn: string, v: Value, bits: number, args: Value[]): number | bigint {
  if (typeof v === 'number' && bits <= 32) {
    if (v < -(2 ** (bits - 1)) || v >= 2 ** bits) return badarg(fn, args);
    return v < 0 ? v + 2 ** bits : v;
  }
  if (!isInteger(v)) return badarg(fn, args);
  const n = bigintArg(fn, v);
  const b = BigInt(bits);
  if (n < -(1n << (b - 1n)) || n >= 1n << b) return badarg(fn, args);
  const u = BigInt.asUintN(bits, n);
  return bits <= 32 ? Number(u) : u;
}

/** Reads an unsigned `n`-byte number (n <= 4) at `o`. */
function readSmall(b: Uint8Array, o: number, n: number, le: boolean): number {
  let v = 0;
  if (le) for (let i = n - 1; i >= 0; i--) v = v * 256 + b[o + i];
  else for (let i = 0; i < n; i++) v = v * 256 + b[o + i];
  return v;
}

/** Writes the unsigned `n`-byte number `v` (n <= 4) at `o`. */
function writeSmall(b: Uint8Array, o: number, n: number, le: boolean, v: number): void {
  for (let i = 0; i < n; i++, v = Math.floor(v / 256)) b[le ? o + i : o + n - 1 - i] = v % 256;
}

function readBits(b: Uint8Array, o: number, bits: number, le: boolean): bigint {
  if (bits <= 32) return BigInt(readSmall(b, o, bits / 8, le));
  const first = readSmall(b, o, 4, le), second = readSmall(b, o + 4, 4, le);
  const [lo, hi] = le ? [first, second] : [second, first];
  return (BigInt(hi) << 32n) | BigInt(lo);
}

function writeBits(b: Uint8Array, o: number, bits: number, le: boolean, v: number | bigint): void {
  if (typeof v === 'number') return writeSmall(b, o, bits / 8, le, v);
  const lo = Number(v & 0xffffffffn), hi = Number(v >> 32n);
  writeSmall(b, o, 4, le, le ? lo : hi);
  writeSmall(b, o + 4, 4, le, le ? hi : lo);
}

type Order = '' | '-le' | '-be';
const ORDERS: Order[] = ['', '-le', '-be'];
const ORDER_DOC: Record<Order, string> = { '': 'native (little-endian)', '-le': 'little-endian', '-be': 'big-endian' };

function reader(bits: number, signed: boolean, order: Order): Intrinsic {
  const name = `bytebuf-read${signed ? '-i' : ''}${bits}${order}`;
  const width = `${signed ? 'i' : 'u'}${bits}` as FixedWidth;
  const le = order !== '-be';
  return intrinsic({
    name, arglists: '([buf offset])', min: 2, max: 2,
    doc: `Reads a ${width} at offset, ${bits > 8 ? ORDER_DOC[order] + ' byte order' : 'one byte'}.`,
    impl: (buf, off) => {
      const bytes = bufArg(name, buf).bytes;
      return Fixed.of(width, readBits(bytes, offsetArg(name, off, bits / 8, bytes.length), bits, le));
    },
  });
}

function writer(bits: number, order: Order): Intrinsic {
  const name = `bytebuf-write${bits}${order}!`;
  const le = order !== '-be';
  return intrinsic({
    name, arglists: '([buf offset value])', min: 3, max: 3,
    doc: `Writes value (an integer from -2^${bits - 1} to 2^${bits}-1, stored two's complement) at offset` +
      `${bits > 8 ? ', ' + ORDER_DOC[order] + ' byte order' : ''}. Returns :ok.`,
    impl: (...args) => {
      const bytes = bufArg(name, args[0]).bytes;
      const off = offsetArg(name, args[1], bits / 8, bytes.length);
      writeBits(bytes, off, bits, le, storeArg(name, args[2], bits, args));
      return OK;
    },
  });
}

/** Size argument of the allocators. */
function sizeArg(fn: string, v: Value): number {
  const n = intArg(fn, v);
  if (!(n >= 0 && n <= MAX_BYTEBUF)) return badarg(fn, [v]);
  chargeText(n);
  return n;
}

/** `[start, end)` of the `len` bytes from `start` within `size`; out-of-bounds otherwise. */
function rangeArg(fn: string, startV: Value, lenV: Value, size: number): [number, number] {
  const start = intArg(fn, startV), len = intArg(fn, lenV);
  if (start < 0 || start > size) return outOfBounds(fn, startV, size);
  if (len < 0 || start + len > size) return outOfBounds(fn, lenV, size);
  return [start, start + len];
}

export const bytebufIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'bytebuf-alloc', arglists: '([size])', min: 1, max: 1, cost: BULK,
    doc: `A new zeroed bytebuf of size bytes (at most ${MAX_BYTEBUF}).`,
    impl: (size) => new Bytebuf(new Uint8Array(sizeArg('bytebuf-alloc', size))),
  }),
  intrinsic({
    name: 'bytebuf-alloc-unsafe', arglists: '([size])', min: 1, max: 1, cost: BULK,
    doc: 'A new bytebuf of size bytes whose contents are unspecified (zeroed on this machine).',
    impl: (size) => new Bytebuf(new Uint8Array(sizeArg('bytebuf-alloc-unsafe', size))),
  }),
  intrinsic({
    name: 'bytebuf-size', arglists: '([buf])', min: 1, max: 1,
    doc: 'The size of a bytebuf in bytes.',
    impl: (buf) => bufArg('bytebuf-size', buf).bytes.length,
  }),
  intrinsic({
    name: 'bytebuf->binary', arglists: '([buf] [buf offset] [buf offset len])', min: 1, max: 3, cost: BULK,
    doc: 'An immutable copy of the bytes of buf: all of them, from offset to the end, or len bytes from ' +
      'offset. Outside the buffer is out-of-bounds.',
    impl: (buf, off, len) => {
      const bytes = bufArg('bytebuf->binary', buf).bytes;
      if (off === undefined) {
        chargeText(bytes.length);
        return new Binary(bytes.slice());
      }
      const lenV = len === undefined ? bytes.length - intArg('bytebuf->binary', off) : len;
      const [s, e] = rangeArg('bytebuf->binary', off, lenV, bytes.length);
      chargeText(e - s);
      return new Binary(bytes.slice(s, e));
    },
  }),
  intrinsic({
    name: 'bytebuf-copy!', arglists: '([dst dst-offset src src-offset len])', min: 5, max: 5, cost: BULK,
    doc: 'Copies len bytes from src (a bytebuf or binary) at src-offset into dst at dst-offset; the ' +
      'ranges may overlap. Returns :ok.',
    impl: (dst, dOff, src, sOff, len) => {
      const to = bufArg('bytebuf-copy!', dst).bytes;
      if (!isKind(src, Kind.Bytebuf) && !isKind(src, Kind.Binary)) return typeError('bytebuf-copy!', 'bytebuf', src);
      const from = (src as Bytebuf | Binary).bytes;
      const [s, e] = rangeArg('bytebuf-copy!', sOff, len, from.length);
      const [d] = rangeArg('bytebuf-copy!', dOff, len, to.length);
      chargeText(e - s);
      to.set(from.subarray(s, e), d);
      return OK;
    },
  }),
  intrinsic({
    name: 'bytebuf-fill!', arglists: '([buf offset len byte])', min: 4, max: 4, cost: BULK,
    doc: 'Sets len bytes from offset to byte (-128..255, stored two\'s complement). Returns :ok.',
    impl: (...args) => {
      const bytes = bufArg('bytebuf-fill!', args[0]).bytes;
      const [s, e] = rangeArg('bytebuf-fill!', args[1], args[2], bytes.length);
      chargeText(e - s);
      bytes.fill(storeArg('bytebuf-fill!', args[3], 8, args) as number, s, e);
      return OK;
    },
  }),
  intrinsic({
    name: 'bytebuf-read8', arglists: '([buf offset])', min: 2, max: 2,
    doc: 'The byte at offset, as a plain integer 0..255.',
    impl: (buf, off) => {
      const bytes = bufArg('bytebuf-read8', buf).bytes;
      return bytes[offsetArg('bytebuf-read8', off, 1, bytes.length)];
    },
  }),
  reader(8, true, ''),
  ...[16, 32, 64].flatMap((bits) => ORDERS.flatMap((o) => [reader(bits, false, o), reader(bits, true, o)])),
  writer(8, ''),
  ...[16, 32, 64].flatMap((bits) => ORDERS.map((o) => writer(bits, o))),
];
