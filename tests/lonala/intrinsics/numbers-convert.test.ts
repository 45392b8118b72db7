/**
 * Number conversions (src/lonala/intrinsics/numbers/conversion.ts): fixed
 * width constructors at every boundary, int, float, f32, floor/ceil/round
 * and sqrt.
 */
import { describe, expect, it } from 'vitest';
import { Char, type FixedWidth } from '../../../src/machine/value.js';
import {
  MAX, MIN, call, expectCall, expectFault, expectTypeError, f32, fl, fx, i16, i32, i64, i8, kw, rat, u16, u32, u64, u8,
} from './helpers.js';

describe('u8 .. i64', () => {
  it('follows the documented examples', () => {
    expectCall(u8(255), 'u8', 255);
    expectCall(u8(0), 'u8', 256);
    expectCall(u8(255), 'u8', -1);
    expectCall(i8(127), 'i8', 127);
    expectCall(i8(-128), 'i8', 128);
    expectCall(i8(127), 'i8', -129);
    expectCall(u16(0), 'u16', 65536);
    expectCall(u16(1), 'u16', 65537);
    expectCall(u16(65535), 'u16', -1);
    expectCall(u32(0), 'u32', 4294967296);
    expectCall(u32(4294967295), 'u32', -1);
    expectCall(i16(-32768), 'i16', 32768);
    expectCall(i16(32767), 'i16', -32769);
    expectCall(i32(-2147483648), 'i32', 2147483648);
    expectCall(i32(2147483647), 'i32', -2147483649);
    expectCall(u16(1000), 'u16', 1000);
    expectCall(u32(100000), 'u32', 100000);
    expectCall(u64(42), 'u64', 42);
    expectCall(i16(-1000), 'i16', -1000);
    expectCall(i32(-100000), 'i32', -100000);
    expectCall(i64(-42), 'i64', -42);
  });

  it('wraps at every width boundary', () => {
    const widths: [FixedWidth, bigint, bigint][] = [
      ['u8', 0n, 255n], ['u16', 0n, 65535n], ['u32', 0n, 4294967295n], ['u64', 0n, 2n ** 64n - 1n],
      ['i8', -128n, 127n], ['i16', -32768n, 32767n], ['i32', -(2n ** 31n), 2n ** 31n - 1n],
      ['i64', -(2n ** 63n), 2n ** 63n - 1n],
    ];
    for (const [w, lo, hi] of widths) {
      const toValue = (n: bigint): number | bigint => (n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n);
      expectCall(fx(w, lo), w, toValue(lo));
      expectCall(fx(w, hi), w, toValue(hi));
      expectCall(fx(w, lo), w, toValue(hi + 1n));
      expectCall(fx(w, hi), w, toValue(lo - 1n));
      expect((call(w, toValue(hi + 1n)) as ReturnType<typeof u8>).value).toBe(lo);
    }
  });

  it('converts between widths, floats, ratios and chars', () => {
    expectCall(u8(255), 'u8', i8(-1));
    expectCall(i8(-1), 'i8', u64(2n ** 64n - 1n));
    expectCall(i64(-1), 'i64', u64(2n ** 64n - 1n));
    expectCall(u64(2n ** 64n - 1n), 'u64', i8(-1));
    expectCall(u8(7), 'u8', u8(7));
    expectCall(u8(3), 'u8', fl(3.99));
    expectCall(u8(253), 'u8', fl(-3.99));
    expectCall(i8(-3), 'i8', fl(-3.5));
    expectCall(i32(0), 'i32', fl(-0.5));
    expectCall(u64(2n ** 63n), 'u64', fl(2 ** 63));
    expectCall(i64(-(2n ** 63n)), 'i64', fl(2 ** 63));
    expectCall(u8(3), 'u8', rat(7, 2));
    expectCall(i8(-3), 'i8', rat(-7, 2));
    expectCall(u8(97), 'u8', Char.of(97));
    expectCall(u32(0x1f600), 'u32', Char.of(0x1f600));
    expectCall(u8(0), 'u8', 10n ** 30n);
  });

  it('faults on non-numbers and unconvertible floats', () => {
    expectFault('badarg', 'u8', fl(NaN));
    expectFault('badarg', 'i64', fl(Infinity));
    expectFault('badarg', 'u32', fl(-Infinity));
    expectTypeError('number', 'u8', 'a');
    expectTypeError('number', 'i32', null);
    expectTypeError('number', 'u16', kw('x'));
  });
});

describe('int float f32', () => {
  it('int', () => {
    expectCall(42, 'int', 42);
    expectCall(10n ** 20n, 'int', 10n ** 20n);
    expectCall(255, 'int', u8(255));
    expectCall(-1, 'int', i64(-1));
    expectCall(18446744073709551615n, 'int', u64(2n ** 64n - 1n));
    expectCall(3, 'int', fl(3.99));
    expectCall(-3, 'int', fl(-3.99));
    expectCall(0, 'int', fl(-0.5));
    expectCall(9007199254740992n, 'int', fl(2 ** 53));
    expectCall(MAX - 1, 'int', fl(MAX - 1));
    expectCall(3, 'int', rat(22, 7));
    expectCall(-3, 'int', rat(-22, 7));
    expectCall(10n ** 20n, 'int', rat(10n ** 21n + 1n, 10n));
    expectCall(97, 'int', Char.of(97));
    expectFault('badarg', 'int', fl(NaN));
    expectFault('badarg', 'int', fl(Infinity));
    expectTypeError('number', 'int', 'a');
  });

  it('float', () => {
    expectCall(fl(42), 'float', 42);
    expectCall(fl(1e20), 'float', 10n ** 20n);
    expectCall(fl(0.5), 'float', rat(1, 2));
    expectCall(fl(1 / 3), 'float', rat(1, 3));
    expectCall(fl(255), 'float', u8(255));
    expectCall(fl(1.5), 'float', fl(1.5));
    expectCall(fl(Math.fround(0.1)), 'float', f32(0.1));
    expectCall(fl(Infinity), 'float', rat(10n ** 600n, 3n));
    expectCall(fl(0), 'float', rat(1n, 10n ** 600n));
    expectCall(fl(1 / 3), 'float', rat(10n ** 400n + 1n, 3n * 10n ** 400n));
    expectCall(fl(2 ** -1000 / 3), 'float', rat(1n, 3n * 2n ** 1000n));
    expect((call('float', rat(-(10n ** 308n), 7n)) as ReturnType<typeof fl>).value / (-1e308 / 7)).toBeCloseTo(1, 14);
    expectCall(fl(Infinity), 'float', 10n ** 400n);
    expectTypeError('number', 'float', 'a');
    expectTypeError('number', 'float', Char.of(97));
  });

  it('f32', () => {
    expectCall(f32(0.1), 'f32', fl(0.1));
    expectCall(f32(3), 'f32', 3);
    expectCall(f32(0.5), 'f32', rat(1, 2));
    expectCall(f32(16777216), 'f32', 16777217);
    expectTypeError('number', 'f32', null);
  });
});

describe('floor ceil round', () => {
  it('rounds floats to integers', () => {
    expectCall(2, 'floor', fl(2.7));
    expectCall(-3, 'floor', fl(-2.1));
    expectCall(3, 'ceil', fl(2.1));
    expectCall(-2, 'ceil', fl(-2.7));
    expectCall(0, 'ceil', fl(-0.5));
    expectCall(3, 'round', fl(2.5));
    expectCall(-3, 'round', fl(-2.5));
    expectCall(2, 'round', fl(2.4999));
    expectCall(0, 'round', fl(0.49999999999999994));
    expectCall(0, 'round', fl(-0.4));
    expectCall(9007199254740992n, 'floor', fl(2 ** 53));
    expectCall(-(2n ** 70n), 'round', fl(-(2 ** 70)));
    expectCall(MIN + 1, 'ceil', fl(MIN + 1));
  });

  it('rounds ratios to integers', () => {
    expectCall(3, 'floor', rat(7, 2));
    expectCall(-4, 'floor', rat(-7, 2));
    expectCall(4, 'ceil', rat(7, 2));
    expectCall(-3, 'ceil', rat(-7, 2));
    expectCall(4, 'round', rat(7, 2));
    expectCall(-4, 'round', rat(-7, 2));
    expectCall(2, 'round', rat(7, 3));
    expectCall(-2, 'round', rat(-7, 3));
    expectCall(3, 'round', rat(8, 3));
    expectCall(10n ** 20n, 'ceil', rat(10n ** 21n - 1n, 10n));
  });

  it('keeps integers unchanged and faults on the rest', () => {
    expectCall(5, 'floor', 5);
    expectCall(10n ** 20n, 'ceil', 10n ** 20n);
    expectCall(u8(5), 'round', u8(5));
    for (const name of ['floor', 'ceil', 'round']) {
      expectFault('badarg', name, fl(NaN));
      expectFault('badarg', name, fl(Infinity));
      expectTypeError('number', name, 'a');
    }
  });
});

describe('sqrt', () => {
  it('returns floats', () => {
    expectCall(fl(2), 'sqrt', 4);
    expectCall(fl(Math.SQRT2), 'sqrt', 2);
    expectCall(fl(0.5), 'sqrt', rat(1, 4));
    expectCall(fl(1.5), 'sqrt', fl(2.25));
    expectCall(fl(1e10), 'sqrt', 10n ** 20n);
    expectCall(fl(4), 'sqrt', u8(16));
    expectCall(f32(Math.sqrt(Math.fround(2))), 'sqrt', f32(2));
    expectCall(fl(NaN), 'sqrt', -1);
    expectCall(fl(Infinity), 'sqrt', fl(Infinity));
    expectTypeError('number', 'sqrt', 'a');
  });
});
