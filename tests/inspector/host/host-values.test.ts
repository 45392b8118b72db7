/** Lonala values as bounded host data and host requests as Lonala maps (src/inspector/host/host-values.ts). */
import { describe, expect, it } from 'vitest';
import { Keyword, PMap, Pid, RealmId, Sym, Tuple, Vector, Float } from '../../../src/machine/index.js';
import { fromHost, toHost } from '../../../src/inspector/host/host-values.js';
import { System } from '../../../src/os/system.js';
import { Session } from '../../../src/os/session.js';

const K = (s: string) => Keyword.of(s);

describe('toHost', () => {
  it('maps keyword-keyed maps to objects, sequences to arrays, keywords and symbols to text', () => {
    const v = PMap.fromFlat([K('status'), K('waiting'), K('fn'), Sym.parse('user/w'), K('xs'), new Tuple([1, new Float(2.5), 3n])]);
    expect(toHost(v)).toEqual({ status: ':waiting', fn: 'user/w', xs: [1, 2.5, 3] });
  });

  it('keeps maps with other keys as pairs, big integers as text, identities as printed', () => {
    expect(toHost(PMap.fromFlat([1, 'one']))).toEqual([[1, 'one']]);
    expect(toHost(2n ** 80n)).toBe('1208925819614629174706176');
    expect(toHost(new RealmId(3))).toBe('#realm-id<3>');
  });

  it('gives a lazy seq\'s realized elements as an array, and what is not realized yet as ...', () => {
    const session = new Session(System.boot({ write: () => {} }));
    const value = (src: string) => {
      const { outcomes } = session.evalTextSync(src, { realize: false });
      const o = outcomes[outcomes.length - 1];
      if (o.kind !== 'value') throw new Error(`${src}: ${o.kind}`);
      return o.value;
    };
    expect(toHost(value('(doall (map inc [1 2 3]))'))).toEqual([2, 3, 4]);
    expect(toHost(value('(sort [3 1 2])'))).toEqual([1, 2, 3]);
    // Nothing realized: the host realizes nothing, it says there is more.
    expect(toHost(value('(map (fn [x] (* x x)) (range))'))).toEqual(['...']);
    // An infinite seq realized far: bounded like any collection.
    const long = toHost(value('(let [s (map inc (range))] (nth s 1500) s)')) as unknown[];
    expect(long.length).toBe(1001);
    expect(long.slice(0, 3)).toEqual([1, 2, 3]);
    expect(long[1000]).toBe('...');
  });

  it('gives a :__proto__ key an own property, never the object\'s prototype', () => {
    const hostile = PMap.fromFlat([K('__proto__'), PMap.fromFlat([K('admin'), true]), K('x'), 1]);
    const out = toHost(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { admin?: unknown }).admin).toBeUndefined();
    expect(Object.keys(out).sort()).toEqual(['__proto__', 'x']);
    expect(JSON.parse(JSON.stringify(out))).toEqual(JSON.parse('{"__proto__":{"admin":true},"x":1}'));
    // and a plain map beside it is as before
    expect(toHost(PMap.fromFlat([K('x'), 1]))).toEqual({ x: 1 });
  });

  it('bounds strings, collections and depth', () => {
    expect(toHost('x'.repeat(5000))).toBe('x'.repeat(4000) + '...');
    const long = toHost(Vector.from(Array.from({ length: 1500 }, (_, i) => i))) as unknown[];
    expect(long).toHaveLength(1001);
    expect(long[1000]).toBe('...');
    let deep: Tuple = new Tuple([1]);
    for (let i = 0; i < 50; i++) deep = new Tuple([deep]);
    expect(JSON.stringify(toHost(deep))).toContain('"..."');
  });
});

describe('fromHost', () => {
  it('reads ops, sorts and reasons as keywords, ns and var as symbols, pids and realms by their printed form', () => {
    const live = new Pid(2, 41);
    const m = fromHost({ op: 'kill', pid: '#pid<2.41>', realm: '#realm-id<5>', var: 'user/f', sort: ':name', limit: 5 }, (r, n) => (r === 2 && n === 41 ? live : undefined));
    expect(m.get(K('op'))).toBe(K('kill'));
    expect(m.get(K('pid'))).toBe(live);
    expect((m.get(K('realm')) as RealmId).id).toBe(5);
    expect(m.get(K('var'))).toEqual(Sym.parse('user/f'));
    expect(m.get(K('sort'))).toBe(K('name'));
    expect(m.get(K('limit'))).toBe(5);
  });

  it('refuses what it cannot read', () => {
    expect(() => fromHost({ op: 'process', pid: 'nope' }, () => undefined)).toThrow(/not a pid/);
    expect(() => fromHost({ op: 'x', limit: { a: 1 } }, () => undefined)).toThrow(/not plain data/);
  });
});
