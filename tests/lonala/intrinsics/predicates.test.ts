/** Unit tests of src/lonala/intrinsics/predicates.ts: type predicates, `type` and the integer helpers. */
import { describe, expect, it } from 'vitest';
import {
  Address, Binary, Bytebuf, Char, Fixed, Float, Kind, Opaque, Pid, Ratio, RealmId, Ref, Sym, type Value,
} from '../../../src/machine/value.js';
import { List } from '../../../src/machine/list.js';
import { Tuple } from '../../../src/machine/tuple.js';
import { Vector } from '../../../src/machine/vector.js';
import { PMap } from '../../../src/machine/hash-map.js';
import { PSet } from '../../../src/machine/hash-set.js';
import { Native } from '../../../src/machine/function.js';
import { Namespace } from '../../../src/machine/namespace.js';
import { bigintArg, intArg, predicateIntrinsics } from '../../../src/lonala/intrinsics/predicates.js';
import { faultKind, implsOf, kw } from './helpers.js';

const fn = implsOf(predicateIntrinsics);

const ns = new Namespace('user');
const native = new Native({ name: '+', min: 0, max: Infinity, cost: 1, impl: () => null });
const fnObj = { kind: Kind.Fn } as unknown as Value; // a real closure needs a compiled code object

/** One sample of every value type, with its `type` keyword. */
const samples: [string, Value][] = [
  ['nil', null], ['boolean', true], ['boolean', false], ['integer', 42], ['integer', 10n ** 30n],
  ['float', new Float(3.14)], ['ratio', new Ratio(22n, 7n)], ['string', 'hi'], ['char', Char.of(97)],
  ['symbol', Sym.of('foo')], ['keyword', kw('foo')], ['list', List.of(1, 2)], ['tuple', Tuple.of(1, 2)],
  ['vector', Vector.from([1, 2])], ['map', PMap.fromFlat([kw('a'), 1])], ['set', PSet.from([1, 2])],
  ['binary', new Binary(new Uint8Array([1]))], ['bytebuf', new Bytebuf(new Uint8Array(2))],
  ['fn', native], ['fn', fnObj], ['var', ns.intern('x')], ['namespace', ns], ['pid', new Pid(0, 42)],
  ['ref', new Ref()], ['realm-id', new RealmId(0)], ['paddr', new Address('paddr', 0x1000n)],
  ['vaddr', new Address('vaddr', 0x1000n)], ['u8', Fixed.of('u8', 255n)], ['i64', Fixed.of('i64', -1n)],
];

describe('type', () => {
  it('gives the type keyword of every value type', () => {
    for (const [t, v] of samples) expect(fn('type')(v)).toBe(kw(t));
  });
  it('gives the type name of other runtime objects', () => {
    expect(fn('type')(new Opaque('region', 'r 4096'))).toBe(kw('region'));
  });
});

describe('predicates', () => {
  /** Predicate name -> the `type` keywords it is true for. */
  const truth: Record<string, string[]> = {
    'nil?': ['nil'], 'string?': ['string'], 'char?': ['char'], 'symbol?': ['symbol'], 'keyword?': ['keyword'],
    'fn?': ['fn'], 'list?': ['list'], 'tuple?': ['tuple'], 'vector?': ['vector'], 'map?': ['map'],
    'set?': ['set'], 'coll?': ['list', 'tuple', 'vector', 'map', 'set'], 'seq?': ['list'],
    'binary?': ['binary'], 'bytebuf?': ['bytebuf'], 'pid?': ['pid'], 'ref?': ['ref'], 'realm-id?': ['realm-id'],
    'paddr?': ['paddr'], 'vaddr?': ['vaddr'], 'var?': ['var'], 'namespace?': ['namespace'],
    'boolean?': ['boolean'],
  };
  for (const [name, types] of Object.entries(truth)) {
    it(`${name} is true exactly for ${types.join(', ')}`, () => {
      for (const [t, v] of samples) expect(fn(name)(v), `${name} of a ${t}`).toBe(types.includes(t));
    });
  }
  it('some? is the opposite of nil?', () => {
    for (const [t, v] of samples) expect(fn('some?')(v)).toBe(t !== 'nil');
  });
  it('true? and false? test for the booleans only', () => {
    expect(fn('true?')(true)).toBe(true);
    expect(fn('true?')(1)).toBe(false);
    expect(fn('true?')(null)).toBe(false);
    expect(fn('false?')(false)).toBe(true);
    expect(fn('false?')(null)).toBe(false);
    expect(fn('false?')(true)).toBe(false);
  });
  it('follows the conformance examples', () => {
    expect(fn('nil?')(List.EMPTY)).toBe(false);
    expect(fn('nil?')('')).toBe(false);
    expect(fn('nil?')(0)).toBe(false);
    expect(fn('list?')(List.EMPTY)).toBe(true);
    expect(fn('tuple?')(Tuple.EMPTY)).toBe(true);
    expect(fn('vector?')(Vector.EMPTY)).toBe(true);
    expect(fn('set?')(PSet.EMPTY)).toBe(true);
    expect(fn('map?')(PSet.from([1]))).toBe(false);
    expect(fn('paddr?')(Fixed.of('u64', 0x1000n))).toBe(false);
    expect(fn('string?')(Char.of(97))).toBe(false);
    expect(fn('keyword?')(Sym.of('foo'))).toBe(false);
  });
});

describe('entries', () => {
  it('all take exactly one argument and have unique names and docs', () => {
    const names = new Set(predicateIntrinsics.map((i) => i.name));
    expect(names.size).toBe(predicateIntrinsics.length);
    for (const i of predicateIntrinsics) {
      expect([i.min, i.max, i.cost]).toEqual([1, 1, 1]);
      expect(i.doc.length).toBeGreaterThan(0);
    }
  });
});

describe('integer helpers', () => {
  it('accept every integer representation', () => {
    expect(intArg('f', 5)).toBe(5);
    expect(intArg('f', Fixed.of('u8', 7n))).toBe(7);
    expect(intArg('f', 10n ** 20n)).toBe(1e20);
    expect(bigintArg('f', 5)).toBe(5n);
    expect(bigintArg('f', Fixed.of('i8', -1n))).toBe(-1n);
  });
  it('reject anything else with a type-error', () => {
    expect(faultKind(() => intArg('f', new Float(1)))).toBe('type-error');
    expect(faultKind(() => bigintArg('f', 'x'))).toBe('type-error');
  });
});
