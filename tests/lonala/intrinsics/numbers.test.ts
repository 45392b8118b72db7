/**
 * Arithmetic intrinsics (src/lonala/intrinsics/numbers/arithmetic.ts,
 * binary-ops.ts, overflow.ts): every operation at every rank of the tower,
 * bigint promotion and demotion, ratio normalisation, fixed-width wrapping
 * and the faults.
 */
import { describe, expect, it } from 'vitest';
import { Tuple } from '../../../src/machine/tuple.js';
import { numberIntrinsics } from '../../../src/lonala/intrinsics/numbers/index.js';
import {
  MAX, MIN, call, expectCall, expectFault, expectTypeError, f32, fl, i16, i32, i64, i8, kw, rat, u16, u32, u64, u8,
} from './helpers.js';

const OVERFLOW = Tuple.of(kw('error'), kw('overflow'));
const ok = (v: ReturnType<typeof u8>): Tuple => Tuple.of(kw('ok'), v);

describe('registry entries', () => {
  it('have unique names, docs, arglists and sane arities', () => {
    const names = numberIntrinsics.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    for (const i of numberIntrinsics) {
      expect(i.doc.length, i.name).toBeGreaterThan(10);
      expect(i.arglists.startsWith('(['), i.name).toBe(true);
      expect(i.min).toBeLessThanOrEqual(i.max);
      expect(i.cost).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('+ - * /', () => {
  it('follows the variadic Clojure examples', () => {
    expectCall(0, '+');
    expectCall(1, '+', 1);
    expectCall(3, '+', 1, 2);
    expectCall(10, '+', 1, 2, 3, 4);
    expectCall(-5, '-', 5);
    expectCall(7, '-', 10, 3);
    expectCall(5, '-', 10, 3, 2);
    expectCall(1, '*');
    expectCall(3, '*', 3);
    expectCall(6, '*', 2, 3);
    expectCall(24, '*', 2, 3, 4);
    expectCall(5, '/', 10, 2);
    expectCall(2, '/', 20, 2, 5);
    expectCall(rat(1, 2), '/', 2);
    expectCall(rat(1, 3), '/', 1, 3);
    expectCall(rat(-1, 3), '/', 1, -3);
    expectCall(rat(2, 3), '/', 4, 6);
  });

  it('promotes to bigint past the safe range and demotes back', () => {
    expectCall(9007199254740992n, '+', MAX, 1);
    expectCall(-9007199254740992n, '-', MIN, 1);
    expectCall(MAX, '-', 9007199254740992n, 1);
    expectCall(MIN, '+', -9007199254740992n, 1);
    expectCall(0, '-', 9007199254740992n, 9007199254740992n);
    expectCall(0, '+', 10n ** 30n, -(10n ** 30n));
    expectCall(10n ** 30n, '*', 10 ** 15, 10 ** 15);
    expectCall(-(10n ** 30n), '*', -(10 ** 15), 10 ** 15);
    expectCall(10 ** 15, '/', 10n ** 30n, 10 ** 15);
    expectCall(rat(1n, 10n ** 30n), '/', 1, 10n ** 30n);
    expectCall(2n ** 64n, '*', 2 ** 32, 2 ** 32);
    expectCall(MAX, '-', 0, MIN);
    expectCall(9007199254740991n * 2n, '+', MAX, MAX);
    expectCall(-(9007199254740991n * 2n), '+', MIN, MIN, 0);
    expectCall(-9007199254740993n, '-', MIN, 1, 1);
  });

  it('never returns -0 for small integers', () => {
    expectCall(0, '*', -1, 0);
    expectCall(0, '*', 0, -5);
    expectCall(0, '/', 0, -5);
    expectCall(0, '-', 0);
    expectCall(0, 'quot', 0, -5);
    expectCall(0, 'quot', -1, 5);
    expectCall(0, 'rem', -3, 3);
    expectCall(0, 'mod', -3, 3);
  });

  it('computes with ratios and normalises back to integers', () => {
    expectCall(1, '+', rat(1, 2), rat(1, 2));
    expectCall(rat(5, 6), '+', rat(1, 2), rat(1, 3));
    expectCall(rat(3, 2), '+', 1, rat(1, 2));
    expectCall(rat(-1, 6), '-', rat(1, 3), rat(1, 2));
    expectCall(rat(1, 2), '-', rat(-1, 2));
    expectCall(2, '*', rat(2, 3), 3);
    expectCall(rat(1, 3), '*', rat(2, 3), rat(1, 2));
    expectCall(rat(3, 4), '/', rat(1, 2), rat(2, 3));
    expectCall(rat(-3, 2), '/', rat(1, 2), rat(-1, 3));
    expectCall(rat(1, 4), '/', rat(1, 2), 2);
    expectCall(4, '/', 2, rat(1, 2));
    expectCall(rat(10n ** 20n + 1n, 2n), '+', rat(1, 2), 10n ** 20n / 2n);
  });

  it('computes with floats and follows IEEE', () => {
    expectCall(fl(3.5), '+', 1, fl(2.5));
    expectCall(fl(3.5), '+', fl(3), rat(1, 2));
    expectCall(fl(-1.5), '-', fl(1.5));
    expectCall(fl(1e300 * 1e10), '*', fl(1e300), 1e10);
    expectCall(fl(0.5), '/', 1, fl(2));
    expectCall(fl(Infinity), '/', fl(1), 0);
    expectCall(fl(-Infinity), '/', -1, fl(0));
    expectCall(fl(NaN), '/', fl(0), 0);
    expectCall(fl(NaN), '+', fl(NaN), 1);
    expectCall(fl(2 ** 64), '+', fl(0), 2n ** 64n);
    expectCall(fl(0.25), '/', fl(1), 4);
  });

  it('keeps f32 only when every float operand is f32', () => {
    expectCall(f32(1.1 + 2), '+', f32(1.1), 2);
    expectCall(fl(Math.fround(1.1) + 2.5), '+', f32(1.1), fl(2.5));
    expectCall(f32(-1.1), '-', f32(1.1));
  });

  it('wraps fixed widths at every boundary', () => {
    expectCall(u8(0), '+', u8(255), u8(1));
    expectCall(u8(255), '-', u8(0), u8(1));
    expectCall(i8(-128), '+', i8(127), i8(1));
    expectCall(i8(127), '-', i8(-128), i8(1));
    expectCall(u16(0), '+', u16(65535), u16(1));
    expectCall(i16(-32768), '+', i16(32767), 1);
    expectCall(u32(0), '+', u32(4294967295), 1);
    expectCall(i32(-2147483648), '+', i32(2147483647), 1);
    expectCall(u64(0), '+', u64(2n ** 64n - 1n), 1);
    expectCall(i64(-(2n ** 63n)), '+', i64(2n ** 63n - 1n), 1);
    expectCall(u8(44), '*', u8(100), u8(3));
    expectCall(i8(-128), '-', i8(-128));
    expectCall(i8(-128), '/', i8(-128), i8(-1));
    expectCall(u8(3), '/', u8(10), 3);
    expectCall(i8(-3), '/', i8(-10), 3);
    expectCall(u8(2), '+', 1, u8(1));
    expectCall(u8(44), '+', u8(0), 300);
    expectCall(u8(0), '/', u8(1), u8(2));
    expectCall(u8(10), '+', u8(1), u8(2), u8(3), 4);
  });

  it('faults on zero divisors of integers and ratios', () => {
    expectFault('division-by-zero', '/', 1, 0);
    expectFault('division-by-zero', '/', 0);
    expectFault('division-by-zero', '/', rat(1, 2), 0);
    expectFault('division-by-zero', '/', 10n ** 20n, 0);
    expectFault('division-by-zero', '/', u8(1), u8(0));
    expectFault('division-by-zero', '/', u8(1), 256);
    expectFault('division-by-zero', '/', 1, 2, 0);
  });

  it('type-errors on non-numbers and on illegal mixes', () => {
    expectTypeError('number', '+', 1, 'a');
    expectTypeError('number', '+', null, 1);
    expectTypeError('number', '+', kw('a'));
    expectTypeError('number', '*', true);
    expectTypeError('number', '-', 'x');
    expectTypeError('number', '/', kw('a'), 1);
    expectTypeError('number', '+', 1, 2, 'c');
    expectTypeError('u8', '+', u8(1), u16(1));
    expectTypeError('integer', '+', u8(1), fl(1));
    expectTypeError('integer', '*', rat(1, 2), i32(1));
    expectTypeError('integer', '-', u8(1), rat(1, 2));
  });
});

describe('inc dec', () => {
  it('works at every rank and at the safe boundary', () => {
    expectCall(2, 'inc', 1);
    expectCall(0, 'dec', 1);
    expectCall(9007199254740992n, 'inc', MAX);
    expectCall(-9007199254740992n, 'dec', MIN);
    expectCall(MAX, 'dec', 9007199254740992n);
    expectCall(MIN, 'inc', -9007199254740992n);
    expectCall(rat(3, 2), 'inc', rat(1, 2));
    expectCall(rat(-1, 2), 'dec', rat(1, 2));
    expectCall(fl(2.5), 'inc', fl(1.5));
    expectCall(u8(0), 'inc', u8(255));
    expectCall(i8(127), 'dec', i8(-128));
    expectCall(u64(2n ** 64n - 1n), 'dec', u64(0));
    expectTypeError('number', 'inc', 'a');
    expectTypeError('number', 'dec', null);
  });
});

describe('quot rem mod', () => {
  it('follows the documented examples', () => {
    expectCall(3, 'quot', 10, 3);
    expectCall(-3, 'quot', -10, 3);
    expectCall(-3, 'quot', 10, -3);
    expectCall(3, 'quot', -10, -3);
    expectCall(1, 'rem', 10, 3);
    expectCall(-1, 'rem', -10, 3);
    expectCall(1, 'rem', 10, -3);
    expectCall(1, 'mod', 10, 3);
    expectCall(2, 'mod', -10, 3);
    expectCall(-2, 'mod', 10, -3);
    expectCall(-1, 'mod', -10, -3);
    expectCall(0, 'mod', 9, 3);
  });

  it('is exact near and past 2^53', () => {
    expectCall(4503599627370495, 'quot', MAX, 2);
    expectCall(3002399751580330, 'quot', MAX, 3);
    expectCall(1, 'rem', MAX, 3);
    expectCall(1, 'quot', MAX, MAX);
    expectCall(10n ** 20n, 'quot', 10n ** 21n, 10);
    expectCall(1, 'rem', 10n ** 21n + 1n, 10);
    expectCall(9, 'mod', -(10n ** 21n) - 1n, 10);
    expectCall(-1, 'rem', -(10n ** 21n) - 1n, 10);
    expectCall(2 ** 40, 'quot', 2n ** 80n, 2n ** 40n);
  });

  it('handles ratios and floats', () => {
    expectCall(3, 'quot', rat(7, 2), 1);
    expectCall(-3, 'quot', rat(-7, 2), 1);
    expectCall(rat(1, 2), 'rem', rat(7, 2), 1);
    expectCall(rat(-1, 2), 'rem', rat(-7, 2), 1);
    expectCall(rat(1, 2), 'mod', rat(-7, 2), 1);
    expectCall(rat(-1, 6), 'mod', rat(1, 2), rat(-2, 3));
    expectCall(fl(3), 'quot', fl(10.5), 3);
    expectCall(fl(1.5), 'rem', fl(10.5), 3);
    expectCall(fl(-1.5), 'rem', fl(-10.5), 3);
    expectCall(fl(1.5), 'mod', fl(-10.5), 3);
    expectCall(fl(-1.5), 'mod', fl(10.5), -3);
    expectCall(fl(2), 'mod', -10, fl(3));
  });

  it('works in fixed widths', () => {
    expectCall(u8(85), 'quot', u8(255), 3);
    expectCall(i8(-42), 'quot', i8(-128), i8(3));
    expectCall(i8(-128), 'quot', i8(-128), i8(-1));
    expectCall(i8(-2), 'rem', i8(-128), i8(3));
    expectCall(i8(1), 'mod', i8(-128), i8(3));
    expectCall(u32(1), 'mod', u32(4294967295), 2);
  });

  it('faults on zero divisors and bad operands', () => {
    for (const name of ['quot', 'rem', 'mod']) {
      expectFault('division-by-zero', name, 10, 0);
      expectFault('division-by-zero', name, 10n ** 20n, 0);
      expectFault('division-by-zero', name, rat(1, 2), 0);
      expectFault('division-by-zero', name, fl(1), fl(0));
      expectFault('division-by-zero', name, u8(1), u8(0));
      expectTypeError('number', name, 'a', 1);
      expectTypeError('number', name, 1, null);
      expectTypeError('i8', name, i8(1), u8(1));
    }
  });
});

describe('abs min max numerator denominator', () => {
  it('abs', () => {
    expectCall(5, 'abs', -5);
    expectCall(5, 'abs', 5);
    expectCall(MAX, 'abs', MIN);
    expectCall(9007199254740992n, 'abs', -9007199254740992n);
    expectCall(rat(1, 2), 'abs', rat(-1, 2));
    expectCall(fl(2.5), 'abs', fl(-2.5));
    expectCall(i8(5), 'abs', i8(-5));
    expectCall(i8(-128), 'abs', i8(-128));
    expectCall(u8(200), 'abs', u8(200));
    expectTypeError('number', 'abs', 'x');
  });

  it('min and max compare across ranks and keep the original value', () => {
    expectCall(1, 'min', 1);
    expectCall(1, 'min', 3, 1, 2);
    expectCall(3, 'max', 3, 1, 2);
    expectCall(rat(1, 2), 'min', 1, rat(1, 2), fl(0.75));
    expectCall(fl(0.75), 'max', rat(1, 2), fl(0.75));
    expectCall(10n ** 20n, 'max', 1, 10n ** 20n);
    expectCall(u8(3), 'max', u8(3), i8(-1));
    expectCall(1, 'min', 1, fl(1));
    expectCall(fl(NaN), 'max', 1, fl(NaN), 3);
    expectCall(fl(NaN), 'min', fl(NaN), 1);
    expectTypeError('number', 'max', 1, 'a');
    expectTypeError('number', 'min', 'a');
  });

  it('numerator and denominator', () => {
    expectCall(22, 'numerator', rat(22, 7));
    expectCall(7, 'denominator', rat(22, 7));
    expectCall(-3, 'numerator', call('/', -6, 4));
    expectCall(2, 'denominator', call('/', -6, 4));
    expectCall(5, 'numerator', 5);
    expectCall(1, 'denominator', 5);
    expectCall(10n ** 20n, 'numerator', rat(10n ** 20n, 3n));
    expectTypeError('ratio', 'numerator', fl(0.5));
    expectTypeError('ratio', 'denominator', 'x');
  });
});

describe('checked saturating wrapping', () => {
  it('checked ops return [:ok v] or [:error :overflow]', () => {
    expectCall(ok(u8(3)), 'checked-add', u8(1), u8(2));
    expectCall(OVERFLOW, 'checked-add', u8(255), u8(1));
    expectCall(OVERFLOW, 'checked-add', i8(100), i8(100));
    expectCall(ok(i8(-128)), 'checked-add', i8(-100), i8(-28));
    expectCall(OVERFLOW, 'checked-sub', u8(0), u8(1));
    expectCall(ok(u8(0)), 'checked-sub', u8(1), 1);
    expectCall(OVERFLOW, 'checked-sub', i8(-128), 1);
    expectCall(OVERFLOW, 'checked-mul', u16(256), u16(256));
    expectCall(ok(u16(65280)), 'checked-mul', u16(255), 256);
    expectCall(ok(u64(2n ** 64n - 1n)), 'checked-add', u64(2n ** 64n - 2n), 1);
    expectCall(OVERFLOW, 'checked-add', u64(2n ** 64n - 1n), 1);
    expectCall(OVERFLOW, 'checked-mul', i64(2n ** 62n), 2);
    expectCall(ok(i64(-(2n ** 63n))), 'checked-mul', i64(-(2n ** 62n)), 2);
    expectCall(OVERFLOW, 'checked-add', u8(1), 300);
    expectCall(ok(u8(100)), 'checked-add', u8(200), -100);
  });

  it('saturating ops clamp to the width', () => {
    expectCall(u8(255), 'saturating-add', u8(250), u8(10));
    expectCall(i8(127), 'saturating-add', i8(120), i8(20));
    expectCall(i8(-128), 'saturating-add', i8(-120), i8(-20));
    expectCall(u8(0), 'saturating-sub', u8(10), 20);
    expectCall(i32(2147483647), 'saturating-mul', i32(65536), i32(65536));
    expectCall(i32(-2147483648), 'saturating-mul', i32(-65536), 65536);
    expectCall(u32(12), 'saturating-mul', u32(3), u32(4));
  });

  it('wrapping ops wrap', () => {
    expectCall(u8(4), 'wrapping-add', u8(250), u8(10));
    expectCall(i8(-126), 'wrapping-add', i8(127), 3);
    expectCall(u16(65535), 'wrapping-sub', u16(0), 1);
    expectCall(i16(0), 'wrapping-mul', i16(256), i16(256));
  });

  it('need a fixed operand and matching widths', () => {
    expectTypeError('fixed', 'checked-add', 1, 2);
    expectTypeError('fixed', 'saturating-sub', fl(1), 2);
    expectTypeError('u8', 'wrapping-mul', u8(1), u16(1));
    expectTypeError('integer', 'checked-add', u8(1), fl(1));
    expectTypeError('integer', 'saturating-add', 'a', i8(1));
  });
});
