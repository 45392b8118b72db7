/** Unit tests of src/lonala/intrinsics/binaries.ts. */
import { describe, expect, it } from 'vitest';
import { Binary, Fixed, type Value } from '../../../src/machine/value.js';
import { List } from '../../../src/machine/list.js';
import { Tuple } from '../../../src/machine/tuple.js';
import { Vector } from '../../../src/machine/vector.js';
import { binaryIntrinsics } from '../../../src/lonala/intrinsics/binaries.js';
import { bin, faultKind, implsOf, kw } from './helpers.js';

const fn = implsOf(binaryIntrinsics);
/** The bytes of a binary result, as a plain array. */
const bytes = (v: unknown): number[] => {
  expect(v).toBeInstanceOf(Binary);
  return Array.from((v as Binary).bytes);
};

describe('binary', () => {
  it('follows the conformance example', () => {
    expect(bytes(fn('binary')(List.of(72, 101, 108, 108, 111)))).toEqual([0x48, 0x65, 0x6c, 0x6c, 0x6f]);
  });
  it('takes tuples and vectors, and fixed-width bytes', () => {
    expect(bytes(fn('binary')(Tuple.of(1, 2)))).toEqual([1, 2]);
    expect(bytes(fn('binary')(Vector.from([255, Fixed.of('u8', 7n)])))).toEqual([255, 7]);
    expect(bytes(fn('binary')(List.EMPTY))).toEqual([]);
  });
  it('is a badarg for other values or bytes out of range', () => {
    for (const x of [List.of(256), List.of(-1), List.of(kw('a')), 'abc', null, 42]) {
      expect(faultKind(() => fn('binary')(x))).toBe('badarg');
    }
  });
});

describe('binary-size and binary-ref', () => {
  it('follow the conformance examples', () => {
    expect(fn('binary-size')(bin(72, 101, 108, 108, 111))).toBe(5);
    expect(fn('binary-size')(bin())).toBe(0);
    expect(fn('binary-ref')(bin(10, 20, 30), 0)).toBe(10);
    expect(fn('binary-ref')(bin(10, 20, 30), 2)).toBe(30);
    expect(faultKind(() => fn('binary-ref')(bin(10, 20, 30), 3))).toBe('out-of-bounds');
    expect(faultKind(() => fn('binary-ref')(bin(10, 20, 30), -1))).toBe('out-of-bounds');
  });
  it('reject non-binaries and non-integer offsets', () => {
    expect(faultKind(() => fn('binary-size')('abc'))).toBe('type-error');
    expect(faultKind(() => fn('binary-ref')(bin(1), kw('a')))).toBe('type-error');
  });
});

describe('binary-slice', () => {
  it('takes start and length (conformance examples)', () => {
    expect(bytes(fn('binary-slice')(bin(1, 2, 3, 4, 5), 1, 3))).toEqual([2, 3, 4]);
    expect(bytes(fn('binary-slice')(bin(1, 2, 3, 4, 5), 0, 2))).toEqual([1, 2]);
    expect(bytes(fn('binary-slice')(bin(1, 2, 3), 0, 0))).toEqual([]);
    expect(faultKind(() => fn('binary-slice')(bin(1, 2, 3), 0, 10))).toBe('out-of-bounds');
  });
  it('checks every edge', () => {
    expect(bytes(fn('binary-slice')(bin(1, 2, 3), 3, 0))).toEqual([]);
    expect(faultKind(() => fn('binary-slice')(bin(1, 2, 3), 4, 0))).toBe('out-of-bounds');
    expect(faultKind(() => fn('binary-slice')(bin(1, 2, 3), -1, 1))).toBe('out-of-bounds');
    expect(faultKind(() => fn('binary-slice')(bin(1, 2, 3), 1, -1))).toBe('out-of-bounds');
    const whole = bin(1, 2);
    expect(fn('binary-slice')(whole, 0, 2)).toBe(whole);
  });
});

describe('binary-concat', () => {
  it('joins binaries', () => {
    expect(bytes(fn('binary-concat')(bin(1, 2), bin(3, 4)))).toEqual([1, 2, 3, 4]);
    expect(bytes(fn('binary-concat')(bin(), bin(1)))).toEqual([1]);
    expect(bytes(fn('binary-concat')())).toEqual([]);
    expect(faultKind(() => fn('binary-concat')(bin(1), 'x'))).toBe('type-error');
  });
});

describe('binary->string', () => {
  const decode = fn('binary->string');
  it('follows the conformance examples', () => {
    expect(decode(bin(72, 101, 108, 108, 111))).toBe('Hello');
    expect(decode(bin(72, 105))).toBe('Hi');
    expect(decode(bin(72, 105), kw('utf-8'))).toBe('Hi');
    expect(faultKind(() => decode(bin(0xff, 0xfe), kw('utf-8')))).toBe('invalid-utf8');
  });
  it('decodes multi-byte UTF-8, latin1 and ascii', () => {
    expect(decode(bin(0xf0, 0x9f, 0x98, 0x80))).toBe('😀');
    expect(decode(bin(0xef, 0xbb, 0xbf, 0x41))).toBe('\uFEFFA'); // a BOM is kept
    expect(decode(bin(0x63, 0x61, 0x66, 0xe9), kw('latin1'))).toBe('café');
    expect(decode(bin(0x80, 0x9f), kw('latin1'))).toBe('\u0080\u009f'); // not windows-1252
    expect(decode(bin(65), kw('ascii'))).toBe('A');
  });
  it('faults on bad input', () => {
    expect(faultKind(() => decode(bin(0xc3)))).toBe('invalid-utf8');
    expect(faultKind(() => decode(bin(200), kw('ascii')))).toBe('badarg');
    expect(faultKind(() => decode(bin(65), kw('utf-16')))).toBe('badarg');
    expect(faultKind(() => decode('abc'))).toBe('type-error');
  });
  it('decodes large binaries', () => {
    const big = new Binary(new Uint8Array(100_000).fill(65));
    expect((decode(big, kw('latin1')) as string).length).toBe(100_000);
  });
});

describe('string->binary', () => {
  const encode = fn('string->binary');
  it('follows the conformance examples', () => {
    expect(bytes(encode('Hi'))).toEqual([72, 105]);
    expect(bytes(encode('Hi', kw('utf-8')))).toEqual([72, 105]);
  });
  it('encodes UTF-8, latin1 and ascii', () => {
    expect(bytes(encode('é'))).toEqual([0xc3, 0xa9]);
    expect(bytes(encode('café', kw('latin1')))).toEqual([0x63, 0x61, 0x66, 0xe9]);
    expect(bytes(encode('A', kw('ascii')))).toEqual([65]);
    expect(bytes(encode(''))).toEqual([]);
  });
  it('is a badarg for characters the encoding lacks', () => {
    expect(faultKind(() => encode('é', kw('ascii')))).toBe('badarg');
    expect(faultKind(() => encode('😀', kw('latin1')))).toBe('badarg');
    expect(faultKind(() => encode('x', kw('ebcdic')))).toBe('badarg');
    expect(faultKind(() => encode(42))).toBe('type-error');
  });
});

describe('binary->list', () => {
  it('answers a list of integers', () => {
    const l = fn('binary->list')(bin(1, 255)) as List;
    expect(l).toBeInstanceOf(List);
    expect(l.toArray()).toEqual([1, 255]);
    expect((fn('binary->list')(bin()) as Value)).toBe(List.EMPTY);
  });
});
