/**
 * Numeric comparison, `compare` and the number predicates
 * (src/lonala/intrinsics/numbers/comparison.ts, predicates.ts).
 */
import { describe, expect, it } from 'vitest';
import { Char, Keyword, Sym, type Value } from '../../../src/machine/value.js';
import { List } from '../../../src/machine/list.js';
import {
  MAX, call, expectCall, expectTypeError, f32, fl, i32, i64, i8, kw, rat, u16, u64, u8,
} from './helpers.js';

describe('< > <= >= ==', () => {
  it('follows the documented examples', () => {
    expectCall(true, '<', 1, 2);
    expectCall(false, '<', 2, 1);
    expectCall(false, '<', 1, 1);
    expectCall(true, '<', 1, 2, 3);
    expectCall(false, '<', 1, 3, 2);
    expectCall(true, '<', 1);
    expectCall(true, '>', 2, 1);
    expectCall(false, '>', 1, 1);
    expectCall(true, '>', 3, 2, 1);
    expectCall(false, '>', 3, 1, 2);
    expectCall(true, '<=', 1, 2, 2, 3);
    expectCall(false, '<=', 2, 1);
    expectCall(true, '>=', 3, 2, 2, 1);
    expectCall(false, '>=', 1, 2);
    expectCall(true, '<', fl(-Infinity), 0);
    expectCall(true, '>', fl(Infinity), 0);
  });

  it('compares by exact value across every rank', () => {
    const ascending: Value[] = [
      fl(-Infinity), -(10n ** 30n), i64(-(2n ** 63n)), -9007199254740992n, -MAX, fl(-1.5), rat(-4, 3), i8(-1),
      fl(-1e-300), 0, rat(1, 3), fl(0.5), u8(1), rat(3, 2), 2, fl(2.5), u16(1000), MAX, 9007199254740992n,
      fl(2 ** 60), u64(2n ** 64n - 1n), 10n ** 30n, fl(Infinity),
    ];
    for (let i = 0; i < ascending.length; i++) {
      for (let j = 0; j < ascending.length; j++) {
        const [a, b] = [ascending[i], ascending[j]];
        expect(call('<', a, b), `${i} < ${j}`).toBe(i < j);
        expect(call('>', a, b), `${i} > ${j}`).toBe(i > j);
        expect(call('<=', a, b), `${i} <= ${j}`).toBe(i <= j);
        expect(call('>=', a, b), `${i} >= ${j}`).toBe(i >= j);
        expect(call('==', a, b), `${i} == ${j}`).toBe(i === j);
      }
    }
    expect(call('<', ...ascending)).toBe(true);
    expect(call('>', ...ascending)).toBe(false);
  });

  it('is exact where doubles are not', () => {
    expectCall(true, '<', 9007199254740992n, 9007199254740993n);
    expectCall(false, '==', fl(2 ** 53), 9007199254740993n);
    expectCall(true, '<', fl(2 ** 53), 9007199254740993n);
    expectCall(true, '>', fl(0.1), rat(1, 10)); // 0.1 is slightly above 1/10
    expectCall(false, '==', fl(1 / 3), rat(1, 3));
    expectCall(true, '==', fl(0.5), rat(1, 2));
    expectCall(true, '<', rat(1n, 10n ** 40n), fl(1e-40 * 1.0000001));
  });

  it('treats numerically equal values as ==, across widths', () => {
    expectCall(true, '==', 1, fl(1), u8(1), i64(1), 1);
    expectCall(true, '==', u8(255), 255, i32(255));
    expectCall(false, '==', u8(255), i8(-1));
    expectCall(true, '==', fl(0), fl(-0));
    expectCall(true, '==', f32(0.5), fl(0.5));
    expectCall(true, '==', 5);
  });

  it('is false for NaN', () => {
    for (const op of ['<', '>', '<=', '>=', '==']) {
      expectCall(false, op, fl(NaN), 1);
      expectCall(false, op, 1, fl(NaN));
      expectCall(false, op, fl(NaN), fl(NaN));
      expectCall(false, op, rat(1, 2), fl(NaN));
      expectCall(false, op, fl(NaN), 10n ** 30n);
    }
  });

  it('type-errors on non-numbers, even after the answer is known', () => {
    expectTypeError('number', '<', 1, 'a');
    expectTypeError('number', '<', 'a');
    expectTypeError('number', '>', null, 1);
    expectTypeError('number', '==', kw('a'), kw('a'));
    expectTypeError('number', '<', 3, 1, 'x');
    expectTypeError('number', '>=', Char.of(97), 1);
  });
});

describe('compare', () => {
  it('orders numbers by value', () => {
    expectCall(-1, 'compare', 1, 2);
    expectCall(0, 'compare', 2, 2);
    expectCall(1, 'compare', 3, 2);
    expectCall(0, 'compare', 1, fl(1));
    expectCall(-1, 'compare', rat(1, 3), fl(0.5));
    expectCall(1, 'compare', 10n ** 20n, u64(5));
    expectCall(0, 'compare', fl(NaN), fl(NaN));
    expectCall(1, 'compare', fl(NaN), fl(Infinity));
    expectCall(-1, 'compare', 1, fl(NaN));
  });

  it('orders strings by code point', () => {
    expectCall(-1, 'compare', 'a', 'b');
    expectCall(0, 'compare', 'abc', 'abc');
    expectCall(-1, 'compare', 'ab', 'abc');
    expectCall(1, 'compare', 'b', 'abc');
    expectCall(-1, 'compare', '', 'a');
    expectCall(-1, 'compare', '\uffff', '\u{1F600}'); // UTF-16 order would say 1
    expectCall(1, 'compare', '\u{1F600}', '\ue000');
  });

  it('orders keywords, symbols, chars, booleans and nil', () => {
    expectCall(-1, 'compare', kw('a'), kw('b'));
    expectCall(0, 'compare', kw('a'), kw('a'));
    expectCall(-1, 'compare', kw('z'), kw('zz'));
    expectCall(-1, 'compare', kw('b'), Keyword.of('a', 'ns'));
    expectCall(1, 'compare', Keyword.of('a', 'ns'), kw('b'));
    expectCall(-1, 'compare', Sym.of('b'), Sym.of('a', 'ns'));
    expectCall(1, 'compare', Sym.of('a', 'ns2'), Sym.of('z', 'ns1'));
    expectCall(-1, 'compare', Sym.of('a', 'ns'), Sym.of('b', 'ns'));
    expectCall(-1, 'compare', Char.of(97), Char.of(98));
    expectCall(0, 'compare', Char.of(0x1f600), Char.of(0x1f600));
    expectCall(-1, 'compare', false, true);
    expectCall(0, 'compare', true, true);
    expectCall(-1, 'compare', null, 1);
    expectCall(1, 'compare', 'a', null);
    expectCall(0, 'compare', null, null);
  });

  it('type-errors on mixed or unordered types', () => {
    expectTypeError('number', 'compare', 1, 'a');
    expectTypeError('string', 'compare', 'a', 1);
    expectTypeError('keyword', 'compare', kw('a'), Sym.of('a'));
    expectTypeError('symbol', 'compare', Sym.of('a'), 'a');
    expectTypeError('char', 'compare', Char.of(97), 97);
    expectTypeError('boolean', 'compare', true, 1);
    expectTypeError('number', 'compare', List.EMPTY, List.EMPTY);
  });
});

describe('predicates', () => {
  const numbers: Value[] = [0, 42, -17, 10n ** 20n, rat(22, 7), fl(3.14), f32(3.14), u8(1), i64(-1), fl(NaN)];
  const nonNumbers: Value[] = [null, true, 'a', kw('a'), Sym.of('a'), Char.of(97), List.EMPTY];

  it('type tests accept any value', () => {
    for (const v of numbers) expectCall(true, 'number?', v);
    for (const v of nonNumbers) {
      for (const p of ['number?', 'integer?', 'float?', 'ratio?', 'fixed?']) expectCall(false, p, v);
    }
    expectCall(true, 'integer?', 42);
    expectCall(true, 'integer?', -17);
    expectCall(true, 'integer?', 10n ** 20n);
    expectCall(true, 'integer?', u8(3));
    expectCall(false, 'integer?', fl(3.14));
    expectCall(false, 'integer?', fl(3));
    expectCall(false, 'integer?', rat(22, 7));
    expectCall(false, 'integer?', '42');
    expectCall(true, 'float?', fl(3.14));
    expectCall(true, 'float?', f32(3.14));
    expectCall(false, 'float?', 42);
    expectCall(false, 'float?', rat(22, 7));
    expectCall(true, 'ratio?', rat(1, 3));
    expectCall(false, 'ratio?', 1);
    expectCall(false, 'ratio?', fl(0.5));
    expectCall(true, 'fixed?', i8(-1));
    expectCall(false, 'fixed?', 1);
  });

  it('zero? pos? neg?', () => {
    const cases: [Value, number][] = [
      [0, 0], [5, 1], [-5, -1], [10n ** 20n, 1], [-(10n ** 20n), -1], [rat(1, 2), 1], [rat(-1, 2), -1],
      [fl(0), 0], [fl(-0), 0], [fl(0.1), 1], [fl(-Infinity), -1], [u8(0), 0], [u8(255), 1], [i8(-128), -1],
    ];
    for (const [v, s] of cases) {
      expectCall(s === 0, 'zero?', v);
      expectCall(s > 0, 'pos?', v);
      expectCall(s < 0, 'neg?', v);
    }
    for (const p of ['zero?', 'pos?', 'neg?']) {
      expectCall(false, p, fl(NaN));
      expectTypeError('number', p, 'a');
      expectTypeError('number', p, null);
    }
  });

  it('even? odd?', () => {
    const cases: [Value, boolean][] = [
      [0, true], [1, false], [-3, false], [-4, true], [MAX, false], [10n ** 20n, true], [10n ** 20n + 1n, false],
      [-(10n ** 20n) - 1n, false], [u8(254), true], [i8(-127), false],
    ];
    for (const [v, even] of cases) {
      expectCall(even, 'even?', v);
      expectCall(!even, 'odd?', v);
    }
    expectTypeError('integer', 'even?', fl(2));
    expectTypeError('integer', 'odd?', rat(1, 2));
    expectTypeError('integer', 'even?', 'a');
  });

  it('nan? infinite?', () => {
    expectCall(true, 'nan?', fl(NaN));
    expectCall(false, 'nan?', fl(1));
    expectCall(false, 'nan?', 1);
    expectCall(false, 'nan?', rat(1, 2));
    expectCall(true, 'infinite?', fl(Infinity));
    expectCall(true, 'infinite?', fl(-Infinity));
    expectCall(false, 'infinite?', fl(NaN));
    expectCall(false, 'infinite?', 10n ** 400n);
    expectCall(false, 'infinite?', u64(1));
    expectTypeError('number', 'nan?', 'a');
    expectTypeError('number', 'infinite?', null);
  });
});
