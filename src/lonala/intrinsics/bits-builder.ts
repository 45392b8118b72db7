/**
 * Building binaries from bit segments: `bits*`, the function behind the
 * `bits` macro (what `#bits[v:4 ihl:4 len:16/be]` reads as in expression
 * position). The inverse of bit-pattern matching (machine/binary-match.ts).
 * Charged a reduction per 8 bits built; a binary of more than MAX_BUILT_BITS
 * bits is refused with :limit before it is built.
 */
import { Binary, Fixed, Keyword, type Value, Tuple } from '../../machine/index.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { badarg, limit } from './args.js';
import { chargeReductions } from '../../machine/function.js';

const flag = (flags: Value[], name: string) => flags.includes(Keyword.of(name));

/** The most bits `bits*` builds (16 MiB). */
const MAX_BUILT_BITS = 1 << 27;

/** Appends `size` bits of `v` (big-endian bit order) to `bits`, in time linear in `size`. */
function pushBits(bits: number[], v: bigint, size: number): void {
  if (size <= 32) {
    const n = Number(v);
    for (let i = size - 1; i >= 0; i--) bits.push(Math.floor(n / 2 ** i) & 1);
    return;
  }
  const digits = v.toString(2);
  for (let i = digits.length; i < size; i++) bits.push(0);
  for (let i = 0; i < digits.length; i++) bits.push(digits.charCodeAt(i) - 48);
}

function segmentBits(seg: Value, all: Value[]): number[] {
  if (!(seg instanceof Tuple) || seg.items.length < 2 || typeof seg.items[1] !== 'number' || seg.items[1] < 0) badarg('bits*', all);
  const [value, size, ...flags] = seg.items as [Value, number, ...Value[]];
  if (size > MAX_BUILT_BITS) limit('bits*', `a segment of ${size} bits is more than a binary built at once may have (${MAX_BUILT_BITS})`);
  const out: number[] = [];
  if (flag(flags, 'bytes')) {
    if (!(value instanceof Binary) || value.bytes.length !== size) badarg('bits*', all);
    for (const b of value.bytes) for (let i = 7; i >= 0; i--) out.push((b >> i) & 1);
    return out;
  }
  const n = typeof value === 'number' ? BigInt(value) : typeof value === 'bigint' ? value : value instanceof Fixed ? value.value : badarg('bits*', all);
  const wrapped = BigInt.asUintN(size, n);
  if (flag(flags, 'le') && size % 8 === 0) {
    for (let i = 0; i < size / 8; i++) pushBits(out, (wrapped >> BigInt(8 * i)) & 0xffn, 8);
  } else {
    pushBits(out, wrapped, size);
  }
  return out;
}

export const bitsBuilderIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'bits*', arglists: '([& segments])', min: 0, max: Infinity, cost: 4,
    doc: 'A binary from segments [value size & flags] (flags :be :le :signed :unsigned :bytes); the sizes must add up to whole bytes.',
    impl: (...segs) => {
      let total = 0;
      for (const s of segs) {
        const size = s instanceof Tuple && typeof s.items[1] === 'number' ? s.items[1] : 0;
        total += s instanceof Tuple && flag(s.items.slice(2), 'bytes') ? 8 * size : size;
      }
      if (total > MAX_BUILT_BITS) limit('bits*', `the binary would have ${total} bits, more than ${MAX_BUILT_BITS}`);
      chargeReductions(total >>> 3);
      const bits = segs.flatMap((s) => segmentBits(s, segs));
      if (bits.length % 8 !== 0) badarg('bits*', segs);
      const bytes = new Uint8Array(bits.length / 8);
      bits.forEach((b, i) => { bytes[i >> 3] |= b << (7 - (i & 7)); });
      return new Binary(bytes);
    },
  }),
];
