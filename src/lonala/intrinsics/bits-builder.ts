/**
 * Building binaries from bit segments: `bits*`, the function behind the
 * `bits` macro (what `#bits[v:4 ihl:4 len:16/be]` reads as in expression
 * position). The inverse of bit-pattern matching (machine/binary-match.ts).
 */
import { Binary, Fixed, Keyword, type Value, Tuple } from '../../machine/index.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { badarg } from './args.js';

const flag = (flags: Value[], name: string) => flags.includes(Keyword.of(name));

/** Appends `size` bits of `v` (big-endian bit order) to `bits`. */
function pushBits(bits: number[], v: bigint, size: number): void {
  for (let i = size - 1; i >= 0; i--) bits.push(Number((v >> BigInt(i)) & 1n));
}

function segmentBits(seg: Value, all: Value[]): number[] {
  if (!(seg instanceof Tuple) || seg.items.length < 2 || typeof seg.items[1] !== 'number' || seg.items[1] < 0) badarg('bits*', all);
  const [value, size, ...flags] = seg.items as [Value, number, ...Value[]];
  const out: number[] = [];
  if (flag(flags, 'bytes')) {
    if (!(value instanceof Binary) || value.bytes.length !== size) badarg('bits*', all);
    for (const b of value.bytes) pushBits(out, BigInt(b), 8);
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
      const bits = segs.flatMap((s) => segmentBits(s, segs));
      if (bits.length % 8 !== 0) badarg('bits*', segs);
      const bytes = new Uint8Array(bits.length / 8);
      bits.forEach((b, i) => { bytes[i >> 3] |= b << (7 - (i & 7)); });
      return new Binary(bytes);
    },
  }),
];
