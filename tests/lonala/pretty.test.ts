/**
 * The pretty printer (src/lonala/pretty.ts): flat when it fits, broken
 * between elements when not (never inside a token), the same text as
 * printValue once the line breaks are taken out, bounded like printValue,
 * and presentations at their true offsets.
 */
import { describe, expect, it } from 'vitest';
import { prettyValue, printValue, readOne } from '../../src/lonala/index.js';
import { Pid, Tuple, type Value } from '../../src/machine/index.js';

const read = (s: string): Value => {
  const r = readOne(s);
  if (!('form' in r)) throw new Error(`unreadable: ${s}`);
  return r.form;
};
const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));

describe('prettyValue', () => {
  it('prints a value that fits on one line exactly as printValue does', () => {
    for (const s of ['42', '"a b"', '[1 2 3]', '%{:a 1 :b [2 3]}', '(f x)', '#{1}', '{}']) {
      const v = read(s);
      expect(prettyValue(v, { width: 80 })).toBe(printValue(v));
    }
  });

  it('breaks a collection that does not fit between elements, within the width, under its first element', () => {
    const v = read('%{:name "Ada Lovelace" :born 1815 :works [:notes :analytical-engine] :friends {"Babbage" "De Morgan" "Somerville"}}');
    const text = prettyValue(v, { width: 40 });
    expect(text.split('\n').length).toBeGreaterThan(2);
    expect(widest(text)).toBeLessThanOrEqual(40);
    expect(text.split('\n')[1]).toMatch(/^  :/); // keys line up under the first one, inside `%{`
    // The same tokens as the flat text: only the whitespace between them differs.
    expect(text.replace(/\s+/g, ' ')).toBe(printValue(v).replace(/\s+/g, ' '));
  });

  it('keeps a map entry\'s key and value together, and fills lines with runs of scalars', () => {
    const text = prettyValue(read('%{:a (0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19) :b 2}'), { width: 24 });
    expect(text).toBe('%{:a (0 1 2 3 4 5 6 7 8\n      9 10 11 12 13 14\n      15 16 17 18 19)\n  :b 2}');
  });

  it('never breaks inside a token: a string longer than the width stays whole', () => {
    const long = 'x'.repeat(100);
    const text = prettyValue(read(`["${long}" 1]`), { width: 20 });
    expect(text).toBe(`["${long}"\n 1]`);
  });

  it('is bounded as printValue is: long collections and deep nesting are cut', () => {
    const v = read(`[${Array.from({ length: 50 }, (_, i) => i).join(' ')}]`);
    expect(prettyValue(v, { width: 8, maxLength: 5 })).toBe('[0 1 2 3\n 4 ...]');
    let deep = '1';
    for (let i = 0; i < 5000; i++) deep = `[${deep} 2]`;
    const text = prettyValue(read(deep), { width: 30 });
    expect(text.replace(/\s+/g, ' ')).toBe(printValue(read(deep)));
  });

  it('shares one budget among its tries: a value sharing its parts 2^40 times is cut short, not walked', () => {
    let shared: Value = 1;
    for (let i = 0; i < 40; i++) shared = new Tuple([shared, shared]);
    const text = prettyValue(shared, { width: 1 });
    expect(text).toContain('...');
    expect(text.length).toBeLessThan(5_000_000);
  });

  it('tells onScalar where each value is printed in the broken text', () => {
    const pid = new Pid(2, 7);
    const v = read('[:a-long-keyword-here :another-long-keyword "and a long string too" x]');
    const marks: [Value, number, string][] = [];
    const text = prettyValue(v, { width: 30, onScalar: (x, at, t) => void marks.push([x, at, t]) });
    expect(marks.length).toBe(4);
    for (const [, at, t] of marks) expect(text.slice(at, at + t.length)).toBe(t);
    const withPid = prettyValue(pid, { onScalar: (x, at, t) => void marks.push([x, at, t]) });
    expect(withPid).toBe('#pid<2.7>');
  });
});
