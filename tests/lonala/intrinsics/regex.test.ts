/** Unit tests of src/lonala/regex/ (compiling, the metered engine) and src/lonala/intrinsics/regex.ts. */
import { describe, expect, it } from 'vitest';
import { Regex, type Value } from '../../../src/machine/value.js';
import { List } from '../../../src/machine/list.js';
import { Tuple } from '../../../src/machine/tuple.js';
import { equals, hash } from '../../../src/machine/equality.js';
import { MAX_CALL_REDUCTIONS, extraReductions } from '../../../src/machine/function.js';
import { Fault } from '../../../src/machine/fault.js';
import { MAX_PROGRAM, RegexError, Search, compiledOf, makeRegex, programBound } from '../../../src/lonala/regex/index.js';
import { regexIntrinsics } from '../../../src/lonala/intrinsics/regex.js';
import { stringIntrinsics } from '../../../src/lonala/intrinsics/strings.js';
import { printValue } from '../../../src/lonala/printer.js';
import { readOne } from '../../../src/lonala/reader/index.js';
import { M, T, ch, faultKind, implsOf, is, kw } from './helpers.js';

const fn = implsOf(regexIntrinsics);
const str = implsOf(stringIntrinsics);
const re = (source: string): Regex => {
  const r = makeRegex(source);
  if (r instanceof RegexError) throw new Error(r.message);
  return r;
};
const refusal = (source: string): RegexError => {
  const r = makeRegex(source);
  if (!(r instanceof RegexError)) throw new Error(`${source} compiled`);
  return r;
};
const faultOf = (f: () => unknown): Fault => {
  try {
    f();
  } catch (e) {
    if (e instanceof Fault) return e;
    throw e;
  }
  throw new Error('no fault');
};
/** The reductions `f` charges. */
const charged = (f: () => unknown): number => {
  const before = extraReductions.n;
  try {
    f();
  } finally {
    // keep the counter as it was for the next test
  }
  const n = extraReductions.n - before;
  extraReductions.n = before;
  return n;
};

describe('compiling', () => {
  it('compiles RE2 syntax and keeps the source', () => {
    const r = re('(\\d+)-(?P<b>\\w+)');
    expect(r.source).toBe('(\\d+)-(?P<b>\\w+)');
    expect(compiledOf(r).groups).toBe(2);
    expect(compiledOf(r).names).toEqual({ b: 2 });
  });
  it('refuses what needs backtracking, saying why', () => {
    expect(refusal('(a)\\1').message).toMatch(/^backreferences .* not supported: .*linear/);
    expect(refusal('(?P<x>a)\\k<x>').message).toMatch(/^named backreferences/);
    expect(refusal('a(?=b)').message).toMatch(/^lookahead/);
    expect(refusal('a(?!b)').message).toMatch(/^lookahead/);
    expect(refusal('(?<=a)b').message).toMatch(/^lookbehind/);
    expect(refusal('(?<!a)b').message).toMatch(/^lookbehind/);
    expect(refusal('(?>a+)b').message).toMatch(/^atomic groups/);
    expect(refusal('a++').message).toMatch(/^possessive/);
    for (const s of ['(a)\\1', 'a(?=b)', '(?<=a)b']) expect(refusal(s).kind).toBe('invalid');
  });
  it('passes on RE2 syntax errors', () => {
    expect(refusal('[a').message).toBe('missing closing ]: `[a`');
    expect(refusal('a{1001}').message).toMatch(/invalid repeat count/);
  });
  it('writes a quote that is not escaped as \\" so the source prints readably', () => {
    expect(re('a"b').source).toBe('a\\"b');
    expect(re('a\\"b').source).toBe('a\\"b');
    expect(re('\\\\"').source).toBe('\\\\\\"');
    expect(re('\\Qa"b\\E').source).toBe('\\Qa\\E\\"\\Qb\\E');
    expect(fn('re-find')(re('\\Qa"b\\E'), 'xa"b')).toBe('a"b');
  });
  it('refuses programs too big for one call before compiling them', () => {
    expect(refusal('(?:[a-z]{1000}){1}'.repeat(30)).kind).toBe('limit');
    expect(refusal('a'.repeat(30000)).kind).toBe('limit');
    expect(refusal('(a)'.repeat(3000)).kind).toBe('limit'); // 3000 groups in 9000 instructions
    expect(re('[a-z]{1000}')).toBeInstanceOf(Regex);
  });
  it('bounds the program from above', () => {
    const sources = [
      'a', '\\d+', '(a|b)*c', '[a-z]{1000}', '(?:(a?)){100}a{100}$', '(?:\\pL{10}|x{0,30}){20}', '(?i)hello', '\\Qa.b\\E{3}',
      '(?P<y>\\d{4})-(\\d{2})', 'a{2,}b{3,5}?', '(?s).{0,1000}$', '[]a]{7}', '[^]\\]]+', '\\x{41}{5}\\x41{5}', '^(a|b|c|d)+$',
      '((((a))))*', 'x*?y+?z??', '(?:a|(?:b|(?:c|d){3}){3}){3}', '\\b\\w+\\b', '(?m)^$',
    ];
    for (const s of sources) {
      const actual = compiledOf(re(s)).program.numberOfInstructions();
      expect(programBound(s), s).toBeGreaterThanOrEqual(actual);
      expect(programBound(s), s).toBeLessThan(Math.max(64, 8 * actual));
    }
    expect(MAX_PROGRAM).toBeGreaterThan(1000);
  });
  it('charges compiling by the program', () => {
    expect(charged(() => re('[a-z]{1000}'))).toBeGreaterThan(charged(() => re('[a-z]{10}')) * 50);
  });
});

describe('the metered engine', () => {
  it('counts what it reads and charges it', () => {
    const text = 'x'.repeat(100000);
    // the Pike VM over 100,000 characters (no literal lets re2js skip it)
    const vm = re('(x+x+)+\\d$');
    expect(charged(() => new Search('re-find', vm, text).find(0))).toBeGreaterThan(300000);
    expect(charged(() => new Search('re-find', vm, 'xxx1').find(0))).toBeLessThan(100);
    // a literal the text lacks: re2js rules it out with a scan (charged by the length only)
    const literal = re('(x+x+)+y$');
    expect(charged(() => new Search('re-find', literal, text).find(0))).toBeLessThan(3000);
    // literals found by re2js's automaton (a JavaScript loop): a reduction per 8 characters, once per call
    const either = re('(foo|bar)\\d');
    expect(charged(() => new Search('re-find', either, text).find(0))).toBeGreaterThan(100000 / 8);
    const many = 'foo1 '.repeat(2000);
    const all = charged(() => [...new Search('re-seq', either, many).matches()]);
    expect(all).toBeGreaterThan(2000 * 8);
    expect(all).toBeLessThan(2000 * 100);
  });
  it('runs a catastrophic pattern in linear time', () => {
    const a = 'a'.repeat(100000);
    expect(fn('re-find')(re('(a*)*b'), a)).toBe(null);
    expect(fn('re-find')(re('(a|aa)+$'), a + '!')).toBe(null);
    const m = fn('re-matches')(re('(a*)*'), a) as Tuple;
    expect((m.items[0] as string).length).toBe(100000);
  });
  it('stops a search past what one call may cost, with :limit', () => {
    const f = faultOf(() => fn('re-find')(re('(?s).{0,1000}$'), 'a'.repeat(100000)));
    expect(f.kind).toBe('limit');
    const before = extraReductions.n;
    try {
      fn('re-seq')(re('a.*b|a'), 'a'.repeat(20000));
    } catch (e) {
      expect((e as Fault).kind).toBe('limit');
    }
    expect(extraReductions.n - before).toBeGreaterThanOrEqual(MAX_CALL_REDUCTIONS * 0.9);
    extraReductions.n = before;
    // the expression still works afterwards
    expect(fn('re-find')(re('a.*b|a'), 'xab')).toBe('ab');
  });
});

describe('intrinsics', () => {
  it('re-find gives the match, or the match and its groups as a tuple', () => {
    expect(fn('re-find')(re('\\d+'), 'ab12cd')).toBe('12');
    expect(fn('re-find')(re('\\d+'), 'abcd')).toBe(null);
    is(fn('re-find')(re('(\\d)(x)?'), 'ab12') as Value, T('1', '1', null));
    expect(fn('re-find')(re('.'), '😀a')).toBe('😀');
  });
  it('re-matches needs the whole text', () => {
    expect(fn('re-matches')(re('\\d+'), 'ab12')).toBe(null);
    expect(fn('re-matches')(re('\\d+'), '12')).toBe('12');
    is(fn('re-matches')(re('(\\w+)@(\\w+)'), 'me@here') as Value, T('me@here', 'me', 'here'));
  });
  it('re-seq finds every match as Java does; nil when none', () => {
    is(fn('re-seq')(re('\\d+'), 'a1b22c333') as Value, List.from(['1', '22', '333']));
    is(fn('re-seq')(re('a*'), 'baaac') as Value, List.from(['', 'aaa', '', '']));
    is(fn('re-seq')(re('(\\w)(\\d)'), 'a1 b2') as Value, List.from([T('a1', 'a', '1'), T('b2', 'b', '2')]));
    is(fn('re-seq')(re(''), '😀a') as Value, List.from(['', '', '']));
    expect(fn('re-seq')(re('x'), 'abc')).toBe(null);
  });
  it('re-groups maps group numbers and names to their text', () => {
    is(fn('re-groups')(re('(?P<year>\\d{4})-(\\d{2})(x)?'), 'on 2024-05') as Value,
      M(0, '2024-05', 1, '2024', 2, '05', 3, null, kw('year'), '2024'));
    expect(fn('re-groups')(re('x'), 'abc')).toBe(null);
  });
  it('re-pattern compiles a string and refuses what does not compile', () => {
    expect((fn('re-pattern')('a+') as Regex).source).toBe('a+');
    const r = re('b');
    expect(fn('re-pattern')(r)).toBe(r);
    expect(faultKind(() => fn('re-pattern')('(a)\\1'))).toBe('badarg');
    expect(faultKind(() => fn('re-pattern')('a'.repeat(30000)))).toBe('limit');
    expect(faultKind(() => fn('re-pattern')(1))).toBe('type-error');
    expect(faultKind(() => fn('re-find')('a', 'abc'))).toBe('type-error');
    expect(faultKind(() => fn('re-find')(r, 1))).toBe('type-error');
  });
  it('split and replace take an expression', () => {
    const parts = (v: unknown) => (v as List).toArray();
    expect(parts(str('split')('a1b22c', re('\\d+')))).toEqual(['a', 'b', 'c']);
    expect(parts(str('split')('a1b2c3', re('\\d')))).toEqual(['a', 'b', 'c', '']);
    expect(parts(str('split')('abc', re('')))).toEqual(['a', 'b', 'c']);
    expect(parts(str('split')('abc', re('x*')))).toEqual(['a', 'b', 'c']);
    expect(parts(str('split')(',a,', re(',')))).toEqual(['', 'a', '']);
    expect(str('replace*')('a1b22', re('\\d+'), '_')).toBe('a_b_');
    expect(str('replace*')('a1b2', re('(\\d)'), '<$1$1>')).toBe('a<11>b<22>');
    expect(str('replace*')('2024-05', re('(?P<y>\\d+)-(?P<m>\\d+)'), '${m}/${y}')).toBe('05/2024');
    expect(str('replace*')('a1', re('\\d'), '\\$1\\\\')).toBe('a$1\\');
    expect(str('replace*')('a1', re('(\\d)'), '$10')).toBe('a10');
    expect(str('replace*')('abc', re('x*'), '-')).toBe('-a-b-c-');
    expect(str('replace*')('a.b', re('\\.'), ch('/'))).toBe('a/b');
    expect(str('replace*')('ab', re('(a)|b'), '[$1]')).toBe('[a][]');
    for (const bad of ['$2', '$x', '${z}', 'a\\']) expect(faultKind(() => str('replace*')('a1', re('(\\d)'), bad)), bad).toBe('badarg');
  });
});

describe('the value', () => {
  it('prints as a literal that reads back equal', () => {
    for (const s of ['\\d+', 'a"b', '(?i)x\\\\', '\\Q"\\E']) {
      const r = re(s);
      const text = printValue(r);
      expect(text).toBe(`#"${r.source}"`);
      expect(equals((readOne(text) as { form: Value }).form, r)).toBe(true);
    }
  });
  it('equals another of the same source, with the same hash', () => {
    expect(equals(re('a+'), re('a+'))).toBe(true);
    expect(hash(re('a+'))).toBe(hash(re('a+')));
    expect(equals(re('a+'), re('a*'))).toBe(false);
    expect(equals(re('a'), 'a')).toBe(false);
  });
  it('str gives its source', () => {
    expect(str('str')(re('\\d+'), '-')).toBe('\\d+-');
  });
});
