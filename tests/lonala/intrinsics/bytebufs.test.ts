/** Unit tests of src/lonala/intrinsics/bytebufs.ts. */
import { describe, expect, it } from 'vitest';
import { Binary, Bytebuf, Keyword, type Value } from '../../../src/machine/value.js';
import { bytebufIntrinsics, MAX_BYTEBUF } from '../../../src/lonala/intrinsics/bytebufs.js';
import { faultKind, fx, implsOf, isFixed } from './helpers.js';

const fn = implsOf(bytebufIntrinsics);
const OK = Keyword.of('ok');
const alloc = (n: number) => fn('bytebuf-alloc')(n) as Bytebuf;
const raw = (buf: Bytebuf) => Array.from(buf.bytes);

describe('allocation', () => {
  it('allocates zeroed buffers of the given size', () => {
    const buf = alloc(16);
    expect(buf).toBeInstanceOf(Bytebuf);
    expect(fn('bytebuf-size')(buf)).toBe(16);
    expect(fn('bytebuf-read8')(buf, 0)).toBe(0);
    expect(fn('bytebuf-size')(alloc(0))).toBe(0);
    expect(fn('bytebuf-size')(fn('bytebuf-alloc-unsafe')(64))).toBe(64);
  });
  it('rejects bad sizes', () => {
    expect(faultKind(() => alloc(-1))).toBe('badarg');
    expect(faultKind(() => alloc(MAX_BYTEBUF + 1))).toBe('badarg');
    expect(faultKind(() => fn('bytebuf-alloc')(Keyword.of('x')))).toBe('type-error');
    expect(faultKind(() => fn('bytebuf-size')(new Binary(new Uint8Array(1))))).toBe('type-error');
  });
});

describe('byte reads and writes (conformance examples)', () => {
  it('write8 and read8', () => {
    const buf = alloc(8);
    expect(fn('bytebuf-write8!')(buf, 0, 42)).toBe(OK);
    expect(fn('bytebuf-read8')(buf, 0)).toBe(42);
    expect(fn('bytebuf-read8')(buf, 1)).toBe(0);
  });
  it('write16-le and read16-le', () => {
    const buf = alloc(8);
    expect(fn('bytebuf-write16-le!')(buf, 0, fx('u16', 0x1234))).toBe(OK);
    isFixed(fn('bytebuf-read16-le')(buf, 0), 'u16', 0x1234);
    expect(fn('bytebuf-read8')(buf, 0)).toBe(0x34);
    expect(fn('bytebuf-read8')(buf, 1)).toBe(0x12);
  });
  it('write16-be and read16-be', () => {
    const buf = alloc(8);
    fn('bytebuf-write16-be!')(buf, 0, fx('u16', 0x1234));
    isFixed(fn('bytebuf-read16-be')(buf, 0), 'u16', 0x1234);
    expect(fn('bytebuf-read8')(buf, 0)).toBe(0x12);
    expect(fn('bytebuf-read8')(buf, 1)).toBe(0x34);
  });
  it('read-i8 sign-extends', () => {
    const buf = alloc(8);
    fn('bytebuf-write8!')(buf, 0, 255);
    isFixed(fn('bytebuf-read-i8')(buf, 0), 'i8', -1);
  });
  it('writes answer :ok', () => {
    const buf = alloc(8);
    expect(fn('bytebuf-write16!')(buf, 2, 1000)).toBe(OK);
    expect(fn('bytebuf-write32!')(buf, 4, 99999)).toBe(OK);
    expect(fn('bytebuf-write32-le!')(buf, 2, fx('u32', 0x12345678))).toBe(OK);
    expect(fn('bytebuf-write32-be!')(buf, 2, fx('u32', 0x12345678))).toBe(OK);
  });
});

describe('wide reads and writes', () => {
  it('native order is little-endian', () => {
    const buf = alloc(8);
    fn('bytebuf-write32!')(buf, 0, 0x01020304);
    expect(raw(buf).slice(0, 4)).toEqual([4, 3, 2, 1]);
    isFixed(fn('bytebuf-read32')(buf, 0), 'u32', 0x01020304);
    isFixed(fn('bytebuf-read16')(buf, 0), 'u16', 0x0304);
  });
  it('round-trips 64-bit values in both orders', () => {
    const buf = alloc(8);
    const v = 0x0102030405060708n;
    fn('bytebuf-write64-be!')(buf, 0, fx('u64', v));
    expect(raw(buf)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    isFixed(fn('bytebuf-read64-be')(buf, 0), 'u64', v);
    isFixed(fn('bytebuf-read64-le')(buf, 0), 'u64', 0x0807060504030201n);
    fn('bytebuf-write64!')(buf, 0, 0xffffffffffffffffn);
    isFixed(fn('bytebuf-read64')(buf, 0), 'u64', 0xffffffffffffffffn);
    isFixed(fn('bytebuf-read-i64')(buf, 0), 'i64', -1);
    fn('bytebuf-write64-le!')(buf, 0, 5);
    expect(raw(buf)).toEqual([5, 0, 0, 0, 0, 0, 0, 0]);
  });
  it('signed reads of every width and order', () => {
    const buf = alloc(8);
    fn('bytebuf-write16-be!')(buf, 0, -2);
    isFixed(fn('bytebuf-read-i16-be')(buf, 0), 'i16', -2);
    isFixed(fn('bytebuf-read16-be')(buf, 0), 'u16', 0xfffe);
    fn('bytebuf-write32-le!')(buf, 4, fx('i32', -100));
    isFixed(fn('bytebuf-read-i32-le')(buf, 4), 'i32', -100);
    isFixed(fn('bytebuf-read-i32')(buf, 4), 'i32', -100);
    expect(faultKind(() => fn('bytebuf-read-i32-be')(buf, 5))).toBe('out-of-bounds');
    isFixed(fn('bytebuf-read-i16-le')(buf, 6), 'i16', -1);
    isFixed(fn('bytebuf-read-i16')(buf, 6), 'i16', -1);
    // bytes are now ff fe 00 00 9c ff ff ff
    isFixed(fn('bytebuf-read-i64-be')(buf, 0), 'i64', BigInt.asIntN(64, 0xfffe00009cffffffn));
    isFixed(fn('bytebuf-read-i64-le')(buf, 0), 'i64', BigInt.asIntN(64, 0xffffff9c0000feffn));
  });
  it('has every documented name', () => {
    const names = new Set(bytebufIntrinsics.map((i) => i.name));
    expect(names.size).toBe(bytebufIntrinsics.length);
    for (const bits of [16, 32, 64]) {
      for (const o of ['', '-le', '-be']) {
        for (const n of [`bytebuf-read${bits}${o}`, `bytebuf-read-i${bits}${o}`, `bytebuf-write${bits}${o}!`]) {
          expect(names.has(n), n).toBe(true);
        }
      }
    }
  });
});

describe('write values and bounds', () => {
  it('accepts -2^(bits-1) .. 2^bits-1 and wraps negatives', () => {
    const buf = alloc(4);
    fn('bytebuf-write8!')(buf, 0, -1);
    fn('bytebuf-write8!')(buf, 1, fx('i8', -128));
    fn('bytebuf-write16-le!')(buf, 2, 0xffff);
    expect(raw(buf)).toEqual([255, 128, 255, 255]);
    for (const v of [256, -129, 'x', null, fx('u16', 300)] as Value[]) {
      expect(faultKind(() => fn('bytebuf-write8!')(buf, 0, v))).toBe('badarg');
    }
    expect(faultKind(() => fn('bytebuf-write64!')(alloc(8), 0, 1n << 64n))).toBe('badarg');
  });
  it('faults out-of-bounds outside the buffer', () => {
    const buf = alloc(4);
    expect(faultKind(() => fn('bytebuf-read8')(buf, 4))).toBe('out-of-bounds');
    expect(faultKind(() => fn('bytebuf-read8')(buf, -1))).toBe('out-of-bounds');
    expect(faultKind(() => fn('bytebuf-read32')(buf, 1))).toBe('out-of-bounds');
    expect(faultKind(() => fn('bytebuf-write16!')(buf, 3, 0))).toBe('out-of-bounds');
    expect(faultKind(() => fn('bytebuf-read64')(buf, 0))).toBe('out-of-bounds');
    expect(faultKind(() => fn('bytebuf-read8')(buf, 10n ** 30n))).toBe('out-of-bounds');
    expect(faultKind(() => fn('bytebuf-read8')(buf, 'x'))).toBe('type-error');
  });
});

describe('bytebuf->binary', () => {
  it('copies all or a (start, length) range', () => {
    const buf = alloc(4);
    fn('bytebuf-write8!')(buf, 0, 1);
    fn('bytebuf-write8!')(buf, 1, 2);
    const all = fn('bytebuf->binary')(buf) as Binary;
    expect(all).toBeInstanceOf(Binary);
    expect(Array.from(all.bytes)).toEqual([1, 2, 0, 0]);
    expect(Array.from((fn('bytebuf->binary')(buf, 0, 2) as Binary).bytes)).toEqual([1, 2]);
    expect(Array.from((fn('bytebuf->binary')(buf, 1) as Binary).bytes)).toEqual([2, 0, 0]);
    fn('bytebuf-write8!')(buf, 0, 9);
    expect(all.bytes[0]).toBe(1); // a copy, not a view
    expect(faultKind(() => fn('bytebuf->binary')(buf, 2, 3))).toBe('out-of-bounds');
    expect(faultKind(() => fn('bytebuf->binary')(buf, 5))).toBe('out-of-bounds');
  });
});

describe('bytebuf-copy! and bytebuf-fill!', () => {
  it('follow the conformance example', () => {
    const src = alloc(4), dst = alloc(4);
    fn('bytebuf-write8!')(src, 0, 1);
    fn('bytebuf-write8!')(src, 1, 2);
    expect(fn('bytebuf-copy!')(dst, 0, src, 0, 2)).toBe(OK);
    expect(fn('bytebuf-read8')(dst, 0)).toBe(1);
    expect(fn('bytebuf-read8')(dst, 1)).toBe(2);
    expect(fn('bytebuf-fill!')(dst, 0, 4, 0xff)).toBe(OK);
    expect(fn('bytebuf-read8')(dst, 0)).toBe(255);
  });
  it('copies from binaries and within one buffer', () => {
    const buf = alloc(5);
    fn('bytebuf-copy!')(buf, 1, new Binary(new Uint8Array([1, 2, 3])), 0, 3);
    expect(raw(buf)).toEqual([0, 1, 2, 3, 0]);
    fn('bytebuf-copy!')(buf, 2, buf, 1, 3);
    expect(raw(buf)).toEqual([0, 1, 1, 2, 3]);
    fn('bytebuf-fill!')(buf, 1, 2, -1);
    expect(raw(buf)).toEqual([0, 255, 255, 2, 3]);
  });
  it('check bounds and types', () => {
    const buf = alloc(4);
    expect(faultKind(() => fn('bytebuf-copy!')(buf, 2, alloc(4), 0, 3))).toBe('out-of-bounds');
    expect(faultKind(() => fn('bytebuf-copy!')(buf, 0, alloc(2), 0, 3))).toBe('out-of-bounds');
    expect(faultKind(() => fn('bytebuf-copy!')(buf, 0, alloc(2), 0, -1))).toBe('out-of-bounds');
    expect(faultKind(() => fn('bytebuf-copy!')(buf, 0, 'ab', 0, 1))).toBe('type-error');
    expect(faultKind(() => fn('bytebuf-fill!')(buf, 0, 5, 0))).toBe('out-of-bounds');
    expect(faultKind(() => fn('bytebuf-fill!')(buf, 0, 1, 256))).toBe('badarg');
  });
});
