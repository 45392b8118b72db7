/** Unit tests of src/lonala/intrinsics/addresses.ts (the same operations for paddr and vaddr). */
import { describe, expect, it } from 'vitest';
import { Address, Float } from '../../../src/machine/value.js';
import { addressIntrinsics } from '../../../src/lonala/intrinsics/addresses.js';
import { faultKind, implsOf, isFixed, u64 } from './helpers.js';

const fn = implsOf(addressIntrinsics);
const isU64 = (v: unknown, n: bigint) => isFixed(v, 'u64', n);

for (const space of ['paddr', 'vaddr'] as const) {
  const other = space === 'paddr' ? 'vaddr' : 'paddr';
  const make = (n: bigint) => fn(space)(u64(n)) as Address;
  const toU64 = (a: unknown) => fn(space + '->u64')(a as Address);

  describe(space, () => {
    it('constructs from u64 and plain integers', () => {
      const a = make(0x1000_0000n);
      expect(a).toBeInstanceOf(Address);
      expect([a.space, a.value]).toEqual([space, 0x1000_0000n]);
      expect(fn(space)(0x1000)).toEqual(new Address(space, 0x1000n));
      expect(fn(space)(0xffffffffffffffffn)).toEqual(new Address(space, 0xffffffffffffffffn));
    });
    it('rejects values outside 0..2^64-1 and non-integers', () => {
      expect(faultKind(() => fn(space)(-1))).toBe('badarg');
      expect(faultKind(() => fn(space)(1n << 64n))).toBe('badarg');
      expect(faultKind(() => fn(space)(new Float(1)))).toBe('type-error');
    });
    it('follows the conformance examples', () => {
      const p = make(0x1000n);
      isU64(toU64(p), 0x1000n);
      isU64(toU64(fn(space + '+')(p, u64(0x100n))), 0x1100n);
      isU64(fn(space + '-')(make(0x2000n), make(0x1000n)), 0x1000n);
      expect(fn(space + '=')(p, p)).toBe(true);
      expect(fn(space + '<')(p, make(0x2000n))).toBe(true);
      isU64(toU64(fn(space + '-align')(make(0x1001n), u64(0x1000n))), 0x2000n);
      isU64(toU64(fn(space + '-align-down')(make(0x1fffn), u64(0x1000n))), 0x1000n);
      expect(fn(space + '-aligned?')(make(0x1000n), u64(0x1000n))).toBe(true);
      expect(fn(space + '-aligned?')(make(0x1001n), u64(0x1000n))).toBe(false);
    });
    it('compares by value', () => {
      expect(fn(space + '=')(make(5n), make(5n))).toBe(true);
      expect(fn(space + '=')(make(5n), make(6n))).toBe(false);
      expect(fn(space + '<')(make(6n), make(5n))).toBe(false);
      expect(fn(space + '<')(make(5n), make(5n))).toBe(false);
    });
    it('wraps at 2^64', () => {
      isU64(toU64(fn(space + '+')(make(0xffffffffffffffffn), 1)), 0n);
      isU64(toU64(fn(space + '+')(make(0x10n), -0x10)), 0n);
      isU64(fn(space + '-')(make(0n), make(1n)), 0xffffffffffffffffn);
      isU64(toU64(fn(space + '-align')(make(0xffffffffffffff01n), 0x100)), 0n);
    });
    it('aligning an aligned address keeps it', () => {
      isU64(toU64(fn(space + '-align')(make(0x2000n), 0x1000)), 0x2000n);
      isU64(toU64(fn(space + '-align-down')(make(0x2000n), 0x1000)), 0x2000n);
      expect(fn(space + '-aligned?')(make(7n), 1)).toBe(true);
    });
    it('alignments must be powers of two', () => {
      for (const n of [0, 3, -4, 0x1800]) {
        expect(faultKind(() => fn(space + '-align')(make(1n), n))).toBe('badarg');
        expect(faultKind(() => fn(space + '-aligned?')(make(1n), n))).toBe('badarg');
      }
    });
    it(`does not take a ${other} or an integer where a ${space} is expected`, () => {
      const wrong = fn(other)(0x1000);
      expect(faultKind(() => toU64(wrong))).toBe('type-error');
      expect(faultKind(() => toU64(u64(0x1000n)))).toBe('type-error');
      expect(faultKind(() => fn(space + '-')(make(1n), wrong))).toBe('type-error');
      expect(faultKind(() => fn(space + '=')(make(1n), 1))).toBe('type-error');
      expect(faultKind(() => fn(space + '+')(make(1n), make(1n)))).toBe('type-error');
    });
  });
}

describe('entries', () => {
  it('cover both spaces with unique names', () => {
    const names = addressIntrinsics.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(18);
    expect(names).toContain('vaddr-align-down');
  });
});
