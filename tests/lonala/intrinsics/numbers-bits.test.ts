/**
 * Bit intrinsics (src/lonala/intrinsics/numbers/bits.ts, bit-fields.ts,
 * endian.ts): logic, shifts, rotations, single bits, fields, counting, masks
 * and byte order, on plain integers (small and big) and fixed widths.
 */
import { describe, expect, it } from 'vitest';
import type { Value } from '../../../src/machine/value.js';
import {
  MAX, call, expectCall, expectFault, expectTypeError, fl, i16, i32, i64, i8, kw, rat, u16, u32, u64, u8,
} from './helpers.js';

describe('bit-and bit-or bit-xor bit-not', () => {
  it('follows the documented examples', () => {
    expectCall(8, 'bit-and', 0b1100, 0b1010);
    expectCall(15, 'bit-and', 0xff, 0x0f);
    expectCall(14, 'bit-or', 0b1100, 0b1010);
    expectCall(7, 'bit-or', 0, 1, 2, 4);
    expectCall(6, 'bit-xor', 0b1100, 0b1010);
    expectCall(u8(255), 'bit-not', u8(0));
  });

  it('treats plain integers as infinite two\'s complement', () => {
    expectCall(5, 'bit-and', 5);
    expectCall(-8, 'bit-and', -1, -8);
    expectCall(2 ** 40, 'bit-and', 2 ** 40 + 7, -8 * 2 ** 40 + 2 ** 40);
    expectCall(MAX, 'bit-or', 2 ** 52, MAX - 2 ** 52);
    expectCall(2n ** 64n - 1n, 'bit-or', 2n ** 64n - 2n ** 32n, 2 ** 32 - 1);
    expectCall(1, 'bit-and', 2n ** 64n + 1n, 3);
    expectCall(0, 'bit-xor', 2n ** 64n, 2n ** 64n);
    expectCall(-2147483648, 'bit-or', -2147483648, 0);
    expectCall(2147483648, 'bit-and', 2147483648, 2147483648 + 1);
    expectCall(-1, 'bit-not', 0);
    expectCall(-6, 'bit-not', 5);
    expectCall(4, 'bit-not', -5);
    expectCall(-9007199254740992n, 'bit-not', MAX);
    expectCall(MAX, 'bit-not', -9007199254740992n);
    expectCall(-(2n ** 64n) - 1n, 'bit-not', 2n ** 64n);
  });

  it('works in fixed widths', () => {
    expectCall(u8(0x0f), 'bit-and', u8(0xff), 0x0f);
    expectCall(u8(0xf0), 'bit-or', 0xf0, u8(0));
    expectCall(u8(0), 'bit-and', u8(0xff), 0x100);
    expectCall(i8(-1), 'bit-or', i8(-128), i8(127));
    expectCall(u64(2n ** 64n - 1n), 'bit-xor', u64(0), -1);
    expectCall(i8(0), 'bit-not', i8(-1));
    expectCall(u64(0), 'bit-not', u64(2n ** 64n - 1n));
    expectCall(u16(0xedcb), 'bit-not', u16(0x1234));
    expectCall(i32(-1), 'bit-not', i32(0));
  });

  it('type-errors on non-integers and mixed widths', () => {
    expectTypeError('integer', 'bit-and', fl(1), 1);
    expectTypeError('integer', 'bit-or', 1, rat(1, 2));
    expectTypeError('integer', 'bit-xor', 'a');
    expectTypeError('integer', 'bit-not', null);
    expectTypeError('u8', 'bit-and', u8(1), u16(1));
    expectTypeError('integer', 'bit-or', 1, 2, kw('x'));
  });
});

describe('bit-shl bit-shr bit-sar', () => {
  it('follows the documented examples', () => {
    expectCall(16, 'bit-shl', 1, 4);
    expectCall(8, 'bit-shl', 0b0001, 3);
    expectCall(4, 'bit-shr', 16, 2);
    expectCall(1, 'bit-shr', 0b1000, 3);
    expectCall(i32(-2), 'bit-sar', i32(-8), 2);
  });

  it('is unbounded on plain integers', () => {
    expectCall(2 ** 52, 'bit-shl', 1, 52);
    expectCall(9007199254740992n, 'bit-shl', 1, 53);
    expectCall(2n ** 100n, 'bit-shl', 1, 100);
    expectCall(-(2n ** 100n), 'bit-shl', -1, 100);
    expectCall(-6, 'bit-shl', -3, 1);
    expectCall(3, 'bit-shl', 3, 0);
    expectCall(1, 'bit-shr', 2n ** 100n, 100);
    expectCall(2 ** 30, 'bit-shr', 2n ** 100n, 70);
    expectCall(0, 'bit-shr', MAX, 53);
    expectCall(0, 'bit-shr', 5, 10n ** 20n);
    expectCall(15, 'bit-shr', -1, 60);
    expectCall(2n ** 63n - 1n, 'bit-shr', -1, 1);
    expectCall(-2, 'bit-sar', -8, 2);
    expectCall(-1, 'bit-sar', -1, 100);
    expectCall(-1, 'bit-sar', -(2n ** 100n), 200);
    expectCall(0, 'bit-sar', 2n ** 100n, 10n ** 20n);
    expectCall(-(2n ** 60n), 'bit-sar', -(2n ** 100n), 40);
    expectCall(-3, 'bit-sar', -5, 1);
  });

  it('wraps within fixed widths', () => {
    expectCall(u8(0x80), 'bit-shl', u8(1), 7);
    expectCall(u8(0), 'bit-shl', u8(1), 8);
    expectCall(u8(0), 'bit-shl', u8(0xff), 10n ** 20n);
    expectCall(i8(-128), 'bit-shl', i8(1), 7);
    expectCall(u64(2n ** 63n), 'bit-shl', u64(1), 63);
    expectCall(u8(0x7f), 'bit-shr', u8(0xff), 1);
    expectCall(i8(0x7f), 'bit-shr', i8(-1), 1);
    expectCall(i32(0x3ffffffe), 'bit-shr', i32(-8), 2);
    expectCall(u16(0), 'bit-shr', u16(0xffff), 16);
    expectCall(i8(-1), 'bit-sar', i8(-128), 7);
    expectCall(i8(-1), 'bit-sar', i8(-128), 100);
    expectCall(i8(0), 'bit-sar', i8(127), 100);
    expectCall(u8(0xc0), 'bit-sar', u8(0x80), 1);
    expectCall(u8(0x20), 'bit-sar', u8(0x40), 1);
    expectCall(i64(-1), 'bit-sar', i64(-(2n ** 63n)), 63);
    expectCall(u8(4), 'bit-shl', u8(1), u8(2));
  });

  it('faults on negative counts and bad operands', () => {
    for (const name of ['bit-shl', 'bit-shr', 'bit-sar']) {
      expectFault('badarg', name, 1, -1);
      expectFault('badarg', name, u8(1), -1);
      expectFault('badarg', name, 1, -(10n ** 20n));
      expectFault('badarg', name, 1, i8(-1));
      expectTypeError('integer', name, fl(1), 1);
      expectTypeError('integer', name, 1, fl(1));
      expectTypeError('integer', name, 'a', 1);
    }
    expectFault('badarg', 'bit-shl', 1, 10n ** 20n);
    expectFault('badarg', 'bit-shl', 1, 2 ** 30);
    expectFault('badarg', 'bit-shr', -(2n ** 64n), 1);
  });
});

describe('bit-rol bit-ror', () => {
  it('follows the documented examples', () => {
    expectCall(u8(3), 'bit-rol', u8(0b10000001), 1, 8);
    expectCall(u8(192), 'bit-ror', u8(0b10000001), 1, 8);
  });

  it('rotates within the width and keeps the type', () => {
    expectCall(u8(3), 'bit-rol', u8(0b10000001), 1);
    expectCall(u8(0b10000001), 'bit-rol', u8(0b10000001), 8, 8);
    expectCall(u8(3), 'bit-rol', u8(0b10000001), 9, 8);
    expectCall(u8(0x21), 'bit-rol', u8(0x12), 4);
    expectCall(i8(3), 'bit-rol', i8(-127), 1);
    expectCall(i8(-64), 'bit-ror', i8(-127), 1);
    expectCall(u32(0x23456781), 'bit-rol', u32(0x12345678), 4);
    expectCall(u32(0x81234567), 'bit-ror', u32(0x12345678), 4);
    expectCall(u64(2n ** 63n + 1n), 'bit-ror', u64(3), 1);
    expectCall(u16(0x43), 'bit-rol', u16(0x1234), 4, 8);
    expectCall(3, 'bit-rol', 0b10000001, 1, 8);
    expectCall(0xc0, 'bit-ror', 0b10000001, 1, 8);
    expectCall(0xff, 'bit-rol', -1, 3, 8);
    expectCall(2n ** 63n + 1n, 'bit-ror', 3, 1, 64);
    expectCall(6, 'bit-rol', 3, 10n ** 20n + 1n, 64);
  });

  it('faults on bad counts and widths', () => {
    expectFault('badarg', 'bit-rol', u8(1), -1, 8);
    expectFault('badarg', 'bit-ror', 1, 1);
    expectFault('badarg', 'bit-rol', 1, 1, 0);
    expectFault('badarg', 'bit-rol', u8(1), 1, 16);
    expectFault('badarg', 'bit-rol', 1, 1, -8);
    expectTypeError('integer', 'bit-rol', fl(1), 1, 8);
    expectTypeError('integer', 'bit-ror', 1, 1, fl(8));
  });
});

describe('bit-test bit-set bit-clear bit-flip', () => {
  it('follows the documented examples', () => {
    expectCall(true, 'bit-test', 0b1010, 1);
    expectCall(false, 'bit-test', 0b1010, 2);
    expectCall(9, 'bit-set', 0b1000, 0);
    expectCall(13, 'bit-clear', 0b1111, 1);
    expectCall(8, 'bit-flip', 0b1010, 1);
    expectCall(11, 'bit-flip', 0b1010, 0);
  });

  it('works on big and negative plain integers', () => {
    expectCall(true, 'bit-test', -1, 1000);
    expectCall(true, 'bit-test', -2147483648, 31);
    expectCall(true, 'bit-test', 2 ** 40, 40);
    expectCall(false, 'bit-test', 2n ** 100n, 99);
    expectCall(true, 'bit-test', 2n ** 100n, 100);
    expectCall(false, 'bit-test', 5, 10n ** 20n);
    expectCall(2 ** 31, 'bit-set', 0, 31);
    expectCall(2n ** 64n, 'bit-set', 0, 64);
    expectCall(-1, 'bit-set', -2, 0);
    expectCall(-1073741824, 'bit-set', -2147483648, 30);
    expectCall(0, 'bit-clear', 2n ** 64n, 64);
    expectCall(-2, 'bit-clear', -1, 0);
    expectCall(-(2n ** 64n) - 1n, 'bit-clear', -1, 64);
    expectCall(MAX, 'bit-flip', 9007199254740992n + BigInt(MAX), 53);
  });

  it('stays inside fixed widths', () => {
    expectCall(true, 'bit-test', u8(0x80), 7);
    expectCall(true, 'bit-test', i8(-1), 7);
    expectCall(u8(0x81), 'bit-set', u8(1), 7);
    expectCall(i8(-128), 'bit-set', i8(0), 7);
    expectCall(i8(127), 'bit-clear', i8(-1), 7);
    expectCall(u64(2n ** 63n), 'bit-flip', u64(0), 63);
    expectFault('out-of-bounds', 'bit-test', u8(1), 8);
    expectFault('out-of-bounds', 'bit-set', u16(1), 16);
    expectFault('out-of-bounds', 'bit-flip', i64(1), 64);
  });

  it('faults on negative indexes and bad operands', () => {
    for (const name of ['bit-test', 'bit-set', 'bit-clear', 'bit-flip']) {
      expectFault('badarg', name, 1, -1);
      expectFault('badarg', name, u8(1), -1);
      expectTypeError('integer', name, fl(1), 1);
      expectTypeError('integer', name, 1, 'a');
    }
    expectFault('badarg', 'bit-set', 1, 10n ** 20n);
  });
});

describe('bit-field bit-field-set', () => {
  it('follows the documented examples', () => {
    expectCall(0xbc, 'bit-field', 0xabcd, 4, 8);
    expectCall(0xff0, 'bit-field-set', 0, 4, 8, 0xff);
  });

  it('extracts and replaces fields of any integer', () => {
    expectCall(0, 'bit-field', 0xabcd, 4, 0);
    expectCall(0xf, 'bit-field', -1, 100, 4);
    expectCall(2n ** 64n - 1n, 'bit-field', -1, 0, 64);
    expectCall(0xab, 'bit-field', 0xabn * 2n ** 100n, 100, 8);
    expectCall(1, 'bit-field', 2 ** 52, 52, 1);
    expectCall(u8(0xb), 'bit-field', u8(0xab), 0, 4);
    expectCall(i8(0xf), 'bit-field', i8(-1), 4, 4);
    expectCall(u32(0xffff), 'bit-field', u32(0xffff0000), 16, 16);
    expectCall(0xabcd, 'bit-field-set', 0xa0cd, 8, 4, 0xb);
    expectCall(0xf0, 'bit-field-set', 0, 4, 4, 0xff);
    expectCall(2n ** 64n, 'bit-field-set', 0, 64, 1, 1);
    expectCall(-16, 'bit-field-set', -1, 0, 4, 0);
    expectCall(u8(0x5f), 'bit-field-set', u8(0xff), 4, 4, 5);
    expectCall(i8(-128), 'bit-field-set', i8(0), 7, 1, u64(1));
    expectCall(u16(0xffff), 'bit-field-set', u16(0), 0, 16, -1);
  });

  it('faults on bad offsets and lengths', () => {
    expectFault('badarg', 'bit-field', 1, -1, 4);
    expectFault('badarg', 'bit-field', 1, 0, -4);
    expectFault('out-of-bounds', 'bit-field', u8(1), 4, 8);
    expectFault('badarg', 'bit-field-set', 1, -1, 4, 0);
    expectFault('out-of-bounds', 'bit-field-set', u8(1), 4, 5, 0);
    expectTypeError('integer', 'bit-field', fl(1), 0, 4);
    expectTypeError('integer', 'bit-field-set', 0, 0, 4, fl(1));
  });
});

describe('bit-count leading-zeros trailing-zeros', () => {
  it('follows the documented examples', () => {
    expectCall(2, 'bit-count', 0b1010);
    expectCall(8, 'bit-count', 0b11111111);
    expectCall(0, 'bit-count', 0);
    expectCall(7, 'leading-zeros', u8(1));
    expectCall(3, 'trailing-zeros', u8(8));
  });

  it('counts plain integers as 64-bit words when needed', () => {
    expectCall(53, 'bit-count', MAX);
    expectCall(32, 'bit-count', 2 ** 32 - 1);
    expectCall(1, 'bit-count', 2n ** 100n);
    expectCall(64, 'bit-count', -1);
    expectCall(1, 'bit-count', -(2n ** 63n));
    expectCall(63, 'leading-zeros', 1);
    expectCall(64, 'leading-zeros', 0);
    expectCall(31, 'leading-zeros', 2 ** 32);
    expectCall(11, 'leading-zeros', MAX);
    expectCall(0, 'leading-zeros', 2n ** 64n - 1n);
    expectCall(0, 'leading-zeros', -1);
    expectCall(64, 'trailing-zeros', 0);
    expectCall(0, 'trailing-zeros', -1);
    expectCall(31, 'trailing-zeros', -2147483648);
    expectCall(40, 'trailing-zeros', 2 ** 40);
    expectCall(33, 'trailing-zeros', 3 * 2 ** 33);
    expectCall(100, 'trailing-zeros', -(2n ** 100n));
    expectFault('badarg', 'leading-zeros', 2n ** 64n);
    expectFault('badarg', 'bit-count', -(2n ** 63n) - 1n);
  });

  it('counts within fixed widths', () => {
    expectCall(8, 'bit-count', i8(-1));
    expectCall(64, 'bit-count', u64(2n ** 64n - 1n));
    expectCall(8, 'leading-zeros', u8(0));
    expectCall(0, 'leading-zeros', i8(-1));
    expectCall(15, 'leading-zeros', u16(1));
    expectCall(0, 'leading-zeros', u64(2n ** 63n));
    expectCall(32, 'trailing-zeros', u32(0));
    expectCall(7, 'trailing-zeros', i8(-128));
    expectCall(63, 'trailing-zeros', i64(-(2n ** 63n)));
    for (const name of ['bit-count', 'leading-zeros', 'trailing-zeros']) expectTypeError('integer', name, fl(1));
  });
});

describe('mask-bits mask-range', () => {
  it('builds masks', () => {
    expectCall(15, 'mask-bits', 4);
    expectCall(255, 'mask-bits', 8);
    expectCall(0, 'mask-bits', 0);
    expectCall(MAX, 'mask-bits', 53);
    expectCall(2n ** 64n - 1n, 'mask-bits', 64);
    expectCall(240, 'mask-range', 4, 8);
    expectCall(0, 'mask-range', 4, 4);
    expectCall(2n ** 64n - 2n ** 32n, 'mask-range', 32, 64);
    expectCall(2 ** 53 - 2, 'mask-range', 1, 53);
    expectFault('badarg', 'mask-bits', -1);
    expectFault('badarg', 'mask-bits', 10n ** 20n);
    expectFault('badarg', 'mask-range', 8, 4);
    expectFault('badarg', 'mask-range', -1, 4);
    expectTypeError('integer', 'mask-bits', fl(4));
  });
});

describe('byte order', () => {
  it('follows the documented examples', () => {
    expectCall(u16(0x3412), 'byte-reverse16', u16(0x1234));
    expectCall(u32(0x78563412), 'byte-reverse32', u32(0x12345678));
    expect(call('native-endian')).toBe(kw('little'));
    expectCall(u16(0x3412), 'native->be16', u16(0x1234));
    expectCall(u16(0x1234), 'be->native16', u16(0x3412));
    expectCall(u16(0x1234), 'native->le16', u16(0x1234));
    expectCall(u16(0x1234), 'le->native16', u16(0x1234));
  });

  it('reverses every size, fixed or plain', () => {
    expectCall(u64(0x0807060504030201n), 'byte-reverse64', u64(0x0102030405060708n));
    expectCall(i16(0x3412), 'byte-reverse16', i16(0x1234));
    expectCall(i16(-1), 'byte-reverse16', i16(-1));
    expectCall(i32(0x01000000), 'byte-reverse32', i32(1));
    expectCall(i64(-(2n ** 63n)), 'byte-reverse64', i64(0x80));
    expectCall(0x3412, 'byte-reverse16', 0x1234);
    expectCall(0xff00, 'byte-reverse16', 0xff);
    expectCall(0xfeff, 'byte-reverse16', -2);
    expectCall(0x78563412, 'byte-reverse32', 0x12345678);
    expectCall(0x0807060504030201n, 'byte-reverse64', 0x0102030405060708n);
    expectCall(u32(0x78563412), 'native->be32', u32(0x12345678));
    expectCall(u32(0x12345678), 'be->native32', u32(0x78563412));
    expectCall(u64(1n << 56n), 'native->be64', u64(1));
    expectCall(u64(1), 'be->native64', u64(1n << 56n));
    const identities: [string, Value][] = [
      ['native->le32', u32(5)], ['le->native32', i32(-5)], ['native->le64', u64(5)], ['le->native64', 5],
    ];
    for (const [name, v] of identities) expectCall(v, name, v);
  });

  it('checks widths and ranges', () => {
    expectTypeError('u16', 'byte-reverse16', u8(1));
    expectTypeError('u32', 'native->be32', u64(1));
    expectTypeError('u64', 'le->native64', i32(1));
    expectFault('badarg', 'byte-reverse16', 0x10000);
    expectFault('badarg', 'byte-reverse16', -32769);
    expectFault('badarg', 'native->le32', 2 ** 32);
    expectTypeError('integer', 'byte-reverse32', fl(1));
    expectTypeError('integer', 'native->be16', 'a');
  });
});
