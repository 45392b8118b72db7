/**
 * Printer tests (LONALA.md section 2): every format, the limits, hostile
 * values, and the round-trip property (print then read gives an equal value).
 */
import { describe, expect, test } from 'vitest';
import { printValue } from '../../src/lonala/printer.js';
import { readOne } from '../../src/lonala/reader/index.js';
import { equals } from '../../src/machine/equality.js';
import {
  Address, Binary, Bytebuf, Char, Fixed, FIXED_WIDTHS, Float, Keyword, Kind, Opaque, Pid, Ratio, RealmId, Ref, Regex, Sym, type Value,
} from '../../src/machine/value.js';
import { List } from '../../src/machine/list.js';
import { Tuple } from '../../src/machine/tuple.js';
import { Vector } from '../../src/machine/vector.js';
import { PMap } from '../../src/machine/hash-map.js';
import { PSet } from '../../src/machine/hash-set.js';
import { Namespace, Var } from '../../src/machine/namespace.js';
import { Fn, Native, type CodeObject } from '../../src/machine/function.js';

const kw = (name: string): Keyword => Keyword.parse(name);
const list = (...xs: Value[]): List => List.from(xs);

describe('formats', () => {
  test.each<[Value, string]>([
    [null, 'nil'], [true, 'true'], [false, 'false'],
    [42, '42'], [-17, '-17'], [0, '0'], [99999999999999999999n, '99999999999999999999'], [-(2n ** 64n), '-18446744073709551616'],
    [Fixed.of('u8', 255n), '255u8'], [Fixed.of('i8', -128n), '-128i8'], [Fixed.of('u64', 2n ** 64n - 1n), '18446744073709551615u64'],
    [new Float(3.14), '3.14'], [new Float(1), '1.0'], [new Float(-2), '-2.0'], [new Float(0), '0.0'], [new Float(-0), '-0.0'],
    [new Float(6.022e23), '6.022e23'], [new Float(1.5e-10), '1.5e-10'], [new Float(1e21), '1e21'], [new Float(1e20), '100000000000000000000.0'],
    [new Float(1e-7), '1e-7'], [new Float(5e-324), '5e-324'], [new Float(0.1 + 0.2), '0.30000000000000004'],
    [new Float(NaN), '##NaN'], [new Float(Infinity), '##Inf'], [new Float(-Infinity), '##-Inf'],
    [new Float(Math.fround(3.14), true), '3.14f32'], [new Float(Math.fround(0.1), true), '0.1f32'], [new Float(1, true), '1.0f32'],
    [new Float(Math.fround(1e-45), true), '1e-45f32'], [new Float(Math.fround(3.4e38), true), '3.4e38f32'], [new Float(-0, true), '-0.0f32'],
    [new Float(0.1, true), '0.1'],
    [new Ratio(22n, 7n), '22/7'], [new Ratio(-1n, 2n), '-1/2'],
    [Char.of(97), '\\a'], [Char.of(65), '\\A'], [Char.of(10), '\\newline'], [Char.of(32), '\\space'], [Char.of(9), '\\tab'],
    [Char.of(13), '\\return'], [Char.of(12), '\\formfeed'], [Char.of(8), '\\backspace'], [Char.of(0), '\\u0000'],
    [Char.of(0x7f), '\\u007F'], [Char.of(0x85), '\\u0085'], [Char.of(0xd800), '\\uD800'], [Char.of(0x1f600), '\\😀'],
    [Char.of(40), '\\('], [Char.of(92), '\\\\'], [Char.of(0xe9), '\\é'],
    ['hi', '"hi"'], ['', '""'], ['a"b\\c\nd\te\rf', '"a\\"b\\\\c\\nd\\te\\rf"'], ['\u0000\u001b\u007f', '"\\u0000\\u001B\\u007F"'],
    ['😀', '"😀"'], ['\ud800x\udc00', '"\\uD800x\\uDC00"'], ['café', '"café"'],
    [Sym.of('foo'), 'foo'], [Sym.of('bar', 'my.ns'), 'my.ns/bar'], [Sym.of('/'), '/'], [kw('ok'), ':ok'], [kw('my.ns/bar'), ':my.ns/bar'],
    [List.EMPTY, '()'], [list(1, 2), '(1 2)'], [Tuple.of(1, 2), '[1 2]'], [Tuple.EMPTY, '[]'], [Vector.from([1, 2]), '{1 2}'], [Vector.EMPTY, '{}'],
    [PMap.fromFlat([kw('a'), 1, kw('b'), 2]), '%{:a 1 :b 2}'], [PMap.EMPTY, '%{}'], [PSet.from([1, 2]), '#{1 2}'], [PSet.EMPTY, '#{}'],
    [list(Sym.of('quote'), Sym.of('x')), '(quote x)'],
    [list(1, Tuple.of('s', Vector.from([Char.of(99), PMap.fromFlat([kw('k'), PSet.from([null])])]))), '(1 ["s" {\\c %{:k #{nil}}}])'],
    [new Binary(Uint8Array.of(0x48, 0x69, 0, 255)), '#bytes[0x48 0x69 0x00 0xFF]'], [new Binary(new Uint8Array(0)), '#bytes[]'],
    [new Bytebuf(new Uint8Array(16)), '#bytebuf<16>'], [new Pid(0, 42), '#pid<0.42>'], [new RealmId(3), '#realm-id<3>'],
    [new Address('paddr', 0x10000000n), '#paddr<0x10000000>'], [new Address('vaddr', 0xabcn), '#vaddr<0xABC>'],
    [new Opaque('cap', 'console :rw'), '#cap<console :rw>'], [new Opaque('region', 'name 4096'), '#region<name 4096>'],
    [new Var(new Namespace('lona.core'), 'map'), "#'lona.core/map"], [new Namespace('lona.core'), '#ns<lona.core>'],
    [new Native({ name: 'lona.core/+' } as never), '#fn<lona.core/+>'],
    [new Fn({ name: 'user/f' } as CodeObject, []), '#fn<user/f>'], [new Fn({ name: null } as CodeObject, []), '#fn<anonymous>'],
    [new Regex('\\d+', null, 0), '#"\\d+"'], [new Regex('a\\"b', null, 0), '#"a\\"b"'],
  ])('%s', (v, printed) => {
    expect(printValue(v)).toBe(printed);
  });

  test('refs print their id', () => {
    const r = new Ref();
    expect(printValue(r)).toBe(`#ref<${r.id}>`);
  });

  test('unknown and malformed objects never throw', () => {
    expect(printValue({ kind: 999 } as unknown as Value)).toBe('#object<999>');
    expect(printValue({} as unknown as Value)).toBe('#object<undefined>');
    expect(printValue(undefined as unknown as Value)).toBe('#object<undefined>');
    expect(printValue({ kind: Kind.Var, name: 'x', ns: null } as unknown as Value)).toBe("#'undefined/x");
    expect(printValue({ kind: Kind.Fn } as unknown as Value)).toBe('#fn<anonymous>');
  });
});

describe('options', () => {
  const nums = (n: number): Value[] => Array.from({ length: n }, (_, i) => i + 1);
  test('readably false prints strings and chars raw', () => {
    expect(printValue('a"b\n', { readably: false })).toBe('a"b\n');
    expect(printValue(Char.of(10), { readably: false })).toBe('\n');
    expect(printValue(Tuple.of(Sym.of('a'), 'b', Char.of(99), kw('d')), { readably: false })).toBe('[a b c :d]');
  });

  test('maxLength cuts every collection kind', () => {
    const o = { maxLength: 3 };
    expect(printValue(List.from(nums(10)), o)).toBe('(1 2 3 ...)');
    expect(printValue(new Tuple(nums(4)), o)).toBe('[1 2 3 ...]');
    expect(printValue(Vector.from(nums(100)), o)).toBe('{1 2 3 ...}');
    expect(printValue(PSet.from(nums(5)), o)).toBe('#{1 2 3 ...}');
    expect(printValue(PMap.fromFlat(nums(10)), o)).toBe('%{1 2 3 4 5 6 ...}');
    expect(printValue(new Binary(Uint8Array.of(1, 2, 3, 4)), o)).toBe('#bytes[0x01 0x02 0x03 ...]');
    expect(printValue(List.from(nums(3)), o)).toBe('(1 2 3)');
    expect(printValue(List.from(nums(3)), { maxLength: 0 })).toBe('(...)');
  });

  test('maxDepth cuts nesting', () => {
    const v = list(1, list(2, list(3)), 4);
    expect(printValue(v, { maxDepth: 2 })).toBe('(1 (2 ...) 4)');
    expect(printValue(v, { maxDepth: 1 })).toBe('(1 ... 4)');
    expect(printValue(v, { maxDepth: 0 })).toBe('...');
    expect(printValue(42, { maxDepth: 0 })).toBe('42');
  });

  test('maxString cuts strings without splitting a surrogate pair', () => {
    expect(printValue('abcdef', { maxString: 3 })).toBe('"abc..."');
    expect(printValue('abc', { maxString: 3 })).toBe('"abc"');
    expect(printValue('a😀b', { maxString: 2 })).toBe('"a..."');
    expect(printValue('a\nbcd', { maxString: 2, readably: false })).toBe('a\n...');
  });
});

describe('hostile values', () => {
  test('a 1,000,000-deep list prints without a RangeError', () => {
    let v: Value = List.EMPTY;
    for (let i = 0; i < 1_000_000; i++) v = list(v);
    const s = printValue(v);
    expect(s.length).toBe(2_000_002);
    expect(s.startsWith('((((')).toBe(true);
    expect(printValue(v, { maxDepth: 3 })).toBe('(((...)))');
  }, 30_000);

  test('deeply mixed collections print and read back', () => {
    let v: Value = 0;
    for (let i = 0; i < 30_000; i++) {
      const k = i % 4;
      v = k === 0 ? list(v, i) : k === 1 ? Tuple.of(v) : k === 2 ? Vector.from([v]) : PMap.fromFlat([i, v]);
    }
    const r = readOne(printValue(v));
    expect('form' in r && equals(r.form, v)).toBe(true);
  });
});

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random values of every readable type, nested up to a few levels. */
function generator(seed: number): (depth?: number) => Value {
  const r = rng(seed);
  const int = (n: number): number => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const big = (digits: number): bigint => BigInt(Array.from({ length: digits }, (_, i) => (i === 0 ? 1 + int(9) : int(10))).join(''));
  const bits64 = (): bigint => (BigInt(int(2 ** 32)) << 32n) | BigInt(int(2 ** 32));
  const view = new DataView(new ArrayBuffer(8));
  const double = (): number => {
    view.setBigUint64(0, bits64());
    const d = view.getFloat64(0);
    return Number.isNaN(d) ? 0.5 : d;
  };
  const single = (): number => {
    view.setUint32(0, int(2 ** 32));
    const f = view.getFloat32(0);
    return Number.isNaN(f) ? 0.25 : f;
  };
  const codeUnits = ['a', 'Z', '0', ' ', '"', '\\', '\n', '\t', '\r', '\u0000', '\u001f', '\u007f', '\u0085', 'é', '中', '😀', '\ud800', '\udfff', ';', '(', '#', '%'];
  const first = 'abcxyzABCXYZ*!_?<>=';
  const rest = first + '0123456789+-.#\'%:';
  const name = (): string => {
    let s = pick([...first]);
    for (let n = int(8); n > 0; n--) s += pick([...rest]);
    return s === 'nil' || s === 'true' || s === 'false' ? s + '?' : s;
  };
  const specialDoubles = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789.125, 5e-324, Number.MAX_VALUE, Infinity, -Infinity];
  const gen = (depth = 0): Value => {
    switch (int(depth > 3 ? 15 : 20)) {
      case 0: return null;
      case 1: return r() < 0.5;
      case 2: return (r() < 0.5 ? -1 : 1) * Math.floor(r() * 10 ** int(16));
      case 3: return (r() < 0.5 ? -1n : 1n) * big(17 + int(30));
      case 4: {
        const w = pick(FIXED_WIDTHS);
        return Fixed.of(w, bits64());
      }
      case 5: return new Float(r() < 0.3 ? pick(specialDoubles) : double());
      case 6: return new Float(single(), true);
      case 7: {
        const den = BigInt(2 + int(1000));
        let num = BigInt(int(100000) + 1) * (r() < 0.5 ? -1n : 1n);
        let a = num < 0n ? -num : num, b = den;
        while (b !== 0n) [a, b] = [b, a % b];
        num /= a;
        return den / a === 1n ? Number(num) : new Ratio(num, den / a);
      }
      case 8: return Char.of(pick([int(128), int(0x10000), 0x10000 + int(0x100000), 0xd800 + int(0x800), int(32)]));
      case 9: return Array.from({ length: int(12) }, () => pick(codeUnits)).join('');
      case 10: return Sym.of(name());
      case 11: return r() < 0.5 ? Keyword.of(name()) : Keyword.of(name(), name());
      case 12: return new Binary(Uint8Array.from({ length: int(6) }, () => int(256)));
      case 13: return Sym.of(name(), name());
      case 14: return pick([Sym.of('/'), Sym.of('/', 'lona.core'), Sym.of('->'), Sym.of('%'), Sym.of('&')]);
    }
    const items = Array.from({ length: int(6) }, () => gen(depth + 1));
    switch (int(5)) {
      case 0: return List.from(items);
      case 1: return new Tuple(items);
      case 2: return Vector.from(items);
      case 3: return PMap.fromFlat(items.length % 2 === 0 ? items : items.slice(1));
      default: return PSet.from(items);
    }
  };
  return gen;
}

describe('round trip', () => {
  test('print then read gives an equal value (5,000 generated values)', () => {
    const gen = generator(17887);
    for (let i = 0; i < 5_000; i++) {
      const v = gen();
      const text = printValue(v);
      const r = readOne(text);
      if (!('form' in r) || !equals(r.form, v) || r.end !== text.length) {
        expect.fail(`${text} read back as ${JSON.stringify(r)}`);
      }
      expect(printValue(r.form)).toBe(text);
    }
  }, 30_000);

  test('##NaN reads back as a NaN float', () => {
    const r = readOne(printValue(new Float(NaN)));
    expect('form' in r && Number.isNaN((r.form as Float).value)).toBe(true);
  });
});
