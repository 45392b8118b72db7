/** Unit tests of src/lonala/intrinsics/strings.ts. */
import { describe, expect, it } from 'vitest';
import { Char, Float, Keyword, Sym, type Value } from '../../../src/machine/value.js';
import { List } from '../../../src/machine/list.js';
import { Tuple } from '../../../src/machine/tuple.js';
import { Vector } from '../../../src/machine/vector.js';
import { PSet } from '../../../src/machine/hash-set.js';
import { stringIntrinsics } from '../../../src/lonala/intrinsics/strings.js';
import { ch, faultKind, implsOf, kw } from './helpers.js';

const fn = implsOf(stringIntrinsics);
const strs = (v: unknown): string[] => {
  expect(v).toBeInstanceOf(List);
  return (v as List).toArray() as string[];
};

describe('str', () => {
  const str = fn('str');
  it('follows the conformance examples', () => {
    expect(str()).toBe('');
    expect(str('a')).toBe('a');
    expect(str('a', 'b', 'c')).toBe('abc');
    expect(str(1, 2, 3)).toBe('123');
    expect(str(kw('a'))).toBe(':a');
    expect(str(null)).toBe('');
    expect(str('hi ', null, ' there')).toBe('hi  there');
  });
  it('takes strings and characters raw, prints other values readably (as Clojure)', () => {
    expect(str(ch('x'), 'y')).toBe('xy');
    expect(str(ch('😀'))).toBe('😀');
    expect(str(Tuple.of(1, 'a', ch('b')))).toBe('[1 "a" \\b]');
    expect(str(true, false)).toBe('truefalse');
    expect(str(new Float(1.5))).toBe('1.5');
    expect(str(10n ** 20n)).toBe('100000000000000000000');
  });
});

describe('pr-str and print-str', () => {
  it('join printed values with spaces', () => {
    expect(fn('pr-str')('a', ch('b'), null, 1)).toBe('"a" \\b nil 1');
    expect(fn('print-str')('a', ch('b'), null, 1)).toBe('a b nil 1');
    expect(fn('pr-str')()).toBe('');
    expect(fn('print-str')(Tuple.of(1, 'a'))).toBe('[1 a]');
    expect(fn('pr-str')(Tuple.of(1, 'a'))).toBe('[1 "a"]');
  });
});

describe('subs', () => {
  const subs = fn('subs');
  it('follows the conformance examples', () => {
    expect(subs('hello', 0)).toBe('hello');
    expect(subs('hello', 1)).toBe('ello');
    expect(subs('hello', 2)).toBe('llo');
    expect(subs('hello', 0, 2)).toBe('he');
    expect(subs('hello', 1, 4)).toBe('ell');
    expect(subs('hello', 5)).toBe('');
  });
  it('indexes code points', () => {
    expect(subs('a😀b', 1, 2)).toBe('😀');
    expect(subs('a😀b', 2)).toBe('b');
  });
  it('faults out of range', () => {
    expect(faultKind(() => subs('hello', 6))).toBe('out-of-bounds');
    expect(faultKind(() => subs('hello', -1))).toBe('out-of-bounds');
    expect(faultKind(() => subs('hello', 3, 2))).toBe('out-of-bounds');
    expect(faultKind(() => subs('hello', 0, 6))).toBe('out-of-bounds');
    expect(faultKind(() => subs('a😀', 0, 3))).toBe('out-of-bounds');
    expect(faultKind(() => subs(kw('a'), 0))).toBe('type-error');
  });
});

describe('symbol and keyword', () => {
  it('follow the conformance examples', () => {
    expect(fn('symbol')('foo')).toBe(Sym.of('foo'));
    expect(fn('symbol')('my.ns', 'bar')).toBe(Sym.of('bar', 'my.ns'));
    expect(fn('keyword')('foo')).toBe(kw('foo'));
    expect(fn('keyword')('my.ns', 'bar')).toBe(Keyword.of('bar', 'my.ns'));
  });
  it('convert between each other and parse qualified text', () => {
    expect(fn('symbol')('a.b/c')).toBe(Sym.of('c', 'a.b'));
    expect(fn('symbol')(Keyword.of('c', 'a'))).toBe(Sym.of('c', 'a'));
    expect(fn('keyword')(Sym.of('c', 'a'))).toBe(Keyword.of('c', 'a'));
    expect(fn('keyword')(kw('x'))).toBe(kw('x'));
    expect(fn('keyword')(null, 'x')).toBe(kw('x'));
  });
  it('reject other types', () => {
    expect(faultKind(() => fn('symbol')(1))).toBe('type-error');
    expect(faultKind(() => fn('keyword')('ns', 1))).toBe('type-error');
    expect(faultKind(() => fn('keyword')(kw('ns'), 'x'))).toBe('type-error');
  });
});

describe('name and namespace', () => {
  it('follow the conformance examples', () => {
    expect(fn('name')(kw('foo'))).toBe('foo');
    expect(fn('name')(Keyword.of('bar', 'my.ns'))).toBe('bar');
    expect(fn('name')(Sym.of('foo'))).toBe('foo');
    expect(fn('name')(Sym.of('bar', 'my.ns'))).toBe('bar');
    expect(fn('namespace')(kw('foo'))).toBe(null);
    expect(fn('namespace')(Keyword.of('bar', 'my.ns'))).toBe('my.ns');
    expect(fn('namespace')(Sym.of('foo'))).toBe(null);
    expect(fn('namespace')(Sym.of('bar', 'my.ns'))).toBe('my.ns');
  });
  it('name of a string is the string; others are type-errors', () => {
    expect(fn('name')('x')).toBe('x');
    expect(faultKind(() => fn('name')(1))).toBe('type-error');
    expect(faultKind(() => fn('namespace')('x'))).toBe('type-error');
  });
});

describe('char and char-code', () => {
  it('follow the conformance examples', () => {
    expect(fn('char')(65)).toBe(ch('A'));
    expect(fn('char')(97)).toBe(ch('a'));
    expect(fn('char')(10)).toBe(ch('\n'));
  });
  it('handle the whole code point range', () => {
    expect((fn('char')(0x1f600) as Char).code).toBe(0x1f600);
    expect(fn('char')(ch('z'))).toBe(ch('z'));
    expect(fn('char-code')(ch('A'))).toBe(65);
    for (const bad of [-1, 0x110000, 0xd800, 'a', null] as Value[]) {
      expect(faultKind(() => fn('char')(bad))).toBe('badarg');
    }
    expect(faultKind(() => fn('char-code')('A'))).toBe('type-error');
  });
});

describe('case and whitespace', () => {
  it('convert case and trim', () => {
    expect(fn('upper-case')('abc')).toBe('ABC');
    expect(fn('lower-case')('ÀBC')).toBe('àbc');
    expect(fn('trim')('  a b \n')).toBe('a b');
    expect(fn('triml')('  a ')).toBe('a ');
    expect(fn('trimr')('  a ')).toBe('  a');
    expect(faultKind(() => fn('trim')(null))).toBe('type-error');
  });
  it('blank?', () => {
    expect(fn('blank?')(null)).toBe(true);
    expect(fn('blank?')('')).toBe(true);
    expect(fn('blank?')(' \t\n')).toBe(true);
    expect(fn('blank?')(' a ')).toBe(false);
    expect(faultKind(() => fn('blank?')(1))).toBe('type-error');
  });
});

describe('split and join', () => {
  it('split answers a list of strings', () => {
    expect(strs(fn('split')('a,b,,c', ','))).toEqual(['a', 'b', '', 'c']);
    expect(strs(fn('split')('a--b', '--'))).toEqual(['a', 'b']);
    expect(strs(fn('split')('a😀', ''))).toEqual(['a', '😀']);
    expect(strs(fn('split')('a b', ch(' ')))).toEqual(['a', 'b']);
    expect(strs(fn('split')('', ','))).toEqual(['']);
    expect(faultKind(() => fn('split')('a', 1))).toBe('type-error');
  });
  it('join takes an optional separator and any collection', () => {
    expect(fn('join')(', ', Tuple.of(1, 'a', kw('b'), null))).toBe('1, a, :b, ');
    expect(fn('join')(List.of('a', 'b'))).toBe('ab');
    expect(fn('join')('-', Vector.from([]))).toBe('');
    expect(fn('join')('-', null)).toBe('');
    expect(fn('join')(ch('/'), List.of('a', 'b'))).toBe('a/b');
    expect(fn('join')('', PSet.from(['x']))).toBe('x');
    expect(faultKind(() => fn('join')(', ', 1))).toBe('type-error');
  });
});

describe('searching', () => {
  it('index-of answers a code point index or nil', () => {
    expect(fn('index-of')('hello', 'l')).toBe(2);
    expect(fn('index-of')('hello', 'l', 3)).toBe(3);
    expect(fn('index-of')('hello', 'z')).toBe(null);
    expect(fn('index-of')('hello', ch('o'))).toBe(4);
    expect(fn('index-of')('😀ab', 'b')).toBe(2);
    expect(fn('index-of')('😀ab😀b', 'b', 3)).toBe(4);
    expect(fn('index-of')('ab', 'a', 5)).toBe(null);
    expect(fn('index-of')('ab', '', 2)).toBe(2);
    expect(fn('index-of')('ab', 'a', -3)).toBe(0);
  });
  it('starts-with?, ends-with?, includes?', () => {
    expect(fn('starts-with?')('hello', 'he')).toBe(true);
    expect(fn('starts-with?')('hello', 'lo')).toBe(false);
    expect(fn('ends-with?')('hello', 'lo')).toBe(true);
    expect(fn('ends-with?')('hello', ch('o'))).toBe(true);
    expect(fn('includes?')('hello', 'ell')).toBe(true);
    expect(fn('includes?')('hello', 'xyz')).toBe(false);
    expect(faultKind(() => fn('includes?')(null, 'a'))).toBe('type-error');
  });
  it('replace replaces every occurrence as plain text', () => {
    expect(fn('replace*')('a.b.c', '.', '$&')).toBe('a$&b$&c');
    expect(fn('replace*')('aaa', 'a', 'bb')).toBe('bbbbbb');
    expect(fn('replace*')('abc', '', '-')).toBe('-a-b-c-');
    expect(fn('replace*')('', '', '-')).toBe('-');
    expect(fn('replace*')('a b', ch(' '), ch('_'))).toBe('a_b');
    expect(faultKind(() => fn('replace*')('a', 'a', 1))).toBe('type-error');
  });
});

describe('entries', () => {
  it('have unique names, docs and sane arities', () => {
    expect(new Set(stringIntrinsics.map((i) => i.name)).size).toBe(stringIntrinsics.length);
    for (const i of stringIntrinsics) {
      expect(i.doc.length, i.name).toBeGreaterThan(0);
      expect(i.min <= i.max && i.cost >= 1, i.name).toBe(true);
    }
  });
});
