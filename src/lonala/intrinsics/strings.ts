/**
 * String, character, symbol and keyword intrinsics (LONALA.md section 2,
 * lona.core "Strings"). Strings are immutable; every index and length here
 * is in code points (see the helpers in sequences.ts), never UTF-16 units.
 *
 * Printing goes through printer.ts. As in Clojure, `str` takes strings and
 * characters as they are but prints everything else readably, so
 * `(str [1 "a"])` is `[1 "a"]`; `print-str` prints for people all the way
 * down (`[1 a]`), `pr-str` readably all the way down.
 *
 * Work over the text is charged by its size (charge.ts: a reduction per 64
 * characters); printing is charged by the printer, and refused with :limit
 * when it would cost more than one call may (printer.ts `refuseAs`), as is
 * text past MAX_TEXT characters.
 */
import { Char, Keyword, Kind, Sym, type Value, List, type Regex } from '../../machine/index.js';
import { MAX_CALL_REDUCTIONS, extraReductions } from '../../machine/function.js';
import { printValue } from '../printer.js';
import { badarg, outOfBounds, typeError } from './args.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { intArg, isInteger, isKind, bigintArg } from './predicates.js';
import { codePointCount, elements, hasSurrogates, unitOffset } from './sequences.js';
import { checkText, chargeElements, chargeText } from './charge.js';
import { replaceByRegex, splitByRegex } from './regex.js';

/** Work proportional to the length of the strings is charged more. */
const BULK = 4;

/**
 * A printer for the values of one call of `fn`, all of them together held to
 * what one call may cost (MAX_CALL_REDUCTIONS, with what the call charged
 * already): past it, :limit.
 */
export function printerFor(fn: string, readably: boolean): (v: Value) => string {
  const start = extraReductions.n;
  return (v) => printValue(v, { readably, refuseAs: fn, budget: MAX_CALL_REDUCTIONS - (extraReductions.n - start) });
}

/**
 * The `str` text of one value: strings and characters as they are, nil as
 * "", a regular expression as its source (as Clojure's, so expressions
 * combine: (re-pattern (str #"\d+" "-"))), the rest printed readably (by
 * `print`, or refused as `str` when too much work).
 */
export function strOf(v: Value, print?: (v: Value) => string): string {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  if (isKind(v, Kind.Char)) return String.fromCodePoint((v as Char).code);
  if (isKind(v, Kind.Regex)) return (v as Regex).source;
  return (print ?? printerFor('str', true))(v);
}

/** `parts` joined by `sep`, refused as `fn` past MAX_TEXT characters and charged by length. */
function joinText(fn: string, parts: string[], sep: string): string {
  let n = sep.length * Math.max(0, parts.length - 1);
  for (let i = 0; i < parts.length; i++) n += parts[i].length;
  checkText(fn, n);
  chargeText(n);
  return parts.join(sep);
}

/** `(name & xs)`: the printed text of each argument, separated by spaces. */
function printed(name: string, readably: boolean, xs: Value[]): string {
  const print = printerFor(name, readably);
  const parts: string[] = [];
  for (let i = 0; i < xs.length; i++) parts.push(print(xs[i]));
  return joinText(name, parts, ' ');
}

function strArg(fn: string, v: Value): string {
  return typeof v === 'string' ? v : typeError(fn, 'string', v);
}

/** A string, or a character taken as a one-character string. */
function textArg(fn: string, v: Value): string {
  if (typeof v === 'string') return v;
  return isKind(v, Kind.Char) ? String.fromCodePoint((v as Char).code) : typeError(fn, 'string', v);
}

/** `(subs s start end?)` in code points. */
function subs(sv: Value, startV: Value, endV?: Value): string {
  const s = strArg('subs', sv);
  chargeText(s.length);
  const start = intArg('subs', startV);
  const cps = hasSurrogates(s) ? Array.from(s) : null;
  const n = cps === null ? s.length : cps.length;
  const end = endV === undefined ? n : intArg('subs', endV);
  if (start < 0 || start > n) return outOfBounds('subs', startV, n);
  if (end < start || end > n) return outOfBounds('subs', endV as Value, n);
  return cps === null ? s.slice(start, end) : cps.slice(start, end).join('');
}

/** `(index-of s sub from?)`: code point index of the first match at or after `from`, or nil. */
function indexOf(sv: Value, subV: Value, fromV?: Value): Value {
  const s = strArg('index-of', sv);
  const sub = textArg('index-of', subV);
  const from = fromV === undefined ? 0 : Math.max(0, intArg('index-of', fromV));
  chargeText(s.length + sub.length);
  const wide = hasSurrogates(s);
  const start = wide ? unitOffset(s, from) : from;
  if (start < 0 || start > s.length) return null;
  const at = s.indexOf(sub, start);
  if (at < 0) return null;
  return wide ? codePointCount(s.slice(0, at)) : at;
}

/** `(replace s match replacement)`: every occurrence of a string or character, or every match of a regex (regex.ts). */
function replace(sv: Value, matchV: Value, replV: Value): string {
  const s = strArg('replace', sv);
  if (isKind(matchV, Kind.Regex)) return replaceByRegex('replace', matchV as Regex, s, replV);
  const match = textArg('replace', matchV);
  const repl = textArg('replace', replV);
  chargeText(s.length);
  if (match === '') {
    const chars = Array.from(s);
    checkText('replace', s.length + (chars.length + 1) * repl.length);
    chargeText(s.length + (chars.length + 1) * repl.length);
    return repl + chars.join(repl) + (s === '' ? '' : repl);
  }
  return joinText('replace', s.split(match), repl);
}

/** Symbols and keywords from text or from each other: `(symbol "a/b")`, `(symbol "a" "b")`, `(symbol :a/b)`. */
/**
 * Names that print as something that reads back as the same symbol or
 * keyword: not empty, no whitespace, no delimiters or reader characters.
 */
const READABLE_NAME = /^[^\s()[\]{}"';`,~^@\\]+$/;

function checkName(fn: string, text: string, args: Value[]): string {
  chargeText(text.length);
  const digitStart = fn === 'symbol' && /^[0-9]/.test(text); // would read as a number
  return text !== '' && READABLE_NAME.test(text) && !digitStart ? text : badarg(fn, args);
}

function named(fn: string, make: (name: string, ns: string | null) => Value, parse: (text: string) => Value,
  same: Kind, a: Value, b?: Value): Value {
  if (b === undefined) {
    if (typeof a === 'string') return parse(checkName(fn, a, [a]));
    if (isKind(a, same)) return a;
    if (isKind(a, Kind.Symbol) || isKind(a, Kind.Keyword)) return make((a as Sym).name, (a as Sym).ns);
    return typeError(fn, 'string', a);
  }
  if (a !== null && typeof a !== 'string') return typeError(fn, 'string', a);
  if (a !== null) checkName(fn, a, [a, b]);
  return make(checkName(fn, strArg(fn, b), [a, b]), a);
}

function nameParts(fn: string, v: Value): Sym | Keyword {
  return isKind(v, Kind.Symbol) || isKind(v, Kind.Keyword) ? (v as Sym | Keyword) : typeError(fn, 'named', v);
}

/** `(char n)`: a character from a code point (a character is returned as is). */
function char(v: Value): Value {
  if (isKind(v, Kind.Char)) return v;
  if (!isInteger(v)) return badarg('char', [v]);
  const n = bigintArg('char', v);
  if (n < 0n || n > 0x10ffffn || (n >= 0xd800n && n <= 0xdfffn)) return badarg('char', [v]);
  return Char.of(Number(n));
}

/** The parts of `text` between occurrences of `by` (characters when it is empty). */
function splitText(text: string, by: string): string[] {
  return by === '' ? Array.from(text) : text.split(by);
}

/** A one-string-argument intrinsic, charged by the string's length. */
function str1(name: string, doc: string, f: (s: string) => Value, cost = BULK): Intrinsic {
  return intrinsic({
    name, arglists: '([s])', min: 1, max: 1, cost, doc,
    impl: (s) => {
      const text = strArg(name, s);
      chargeText(text.length);
      return f(text);
    },
  });
}

/** A `(name s sub)` test, charged by the length of what it may scan. */
function test2(name: string, doc: string, f: (s: string, sub: string) => boolean, scansAll: boolean): Intrinsic {
  return intrinsic({
    name, arglists: '([s sub])', min: 2, max: 2, cost: BULK, doc,
    impl: (s, sub) => {
      const text = strArg(name, s), part = textArg(name, sub);
      chargeText(scansAll ? text.length + part.length : part.length);
      return f(text, part);
    },
  });
}

export const stringIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'str', arglists: '([& xs])', min: 0, max: Infinity, cost: BULK,
    doc: 'Concatenates the text of the arguments: strings and characters as they are, nil as "", other ' +
      'values printed readably (so (str [1 "a"]) is "[1 \\"a\\"]"). (str) is "".',
    impl: (...xs) => {
      if (xs.length === 1) return strOf(xs[0]);
      chargeElements(xs.length);
      const print = printerFor('str', true);
      const parts: string[] = [];
      for (let i = 0; i < xs.length; i++) parts.push(strOf(xs[i], print));
      return joinText('str', parts, '');
    },
  }),
  intrinsic({
    name: 'pr-str', arglists: '([& xs])', min: 0, max: Infinity, cost: BULK,
    doc: 'The arguments printed readably (as the reader reads them), separated by spaces.',
    impl: (...xs) => printed('pr-str', true, xs),
  }),
  intrinsic({
    name: 'print-str', arglists: '([& xs])', min: 0, max: Infinity, cost: BULK,
    doc: 'The arguments printed for people (strings without quotes, nil as nil), separated by spaces.',
    impl: (...xs) => printed('print-str', false, xs),
  }),
  intrinsic({
    name: 'subs', arglists: '([s start] [s start end])', min: 2, max: 3, cost: BULK,
    doc: 'The substring from start (inclusive) to end (exclusive, default the end), in code points; ' +
      'indexes outside 0..(count s), or end < start, are out-of-bounds.',
    impl: subs,
  }),
  intrinsic({
    name: 'symbol', arglists: '([name] [ns name])', min: 1, max: 2,
    doc: 'A symbol: from a string ("a/b" gives a qualified symbol), a keyword or a symbol; or from a ' +
      'namespace string (or nil) and a name: (symbol "my.ns" "bar") is my.ns/bar.',
    impl: (a, b) => named('symbol', Sym.of, Sym.parse, Kind.Symbol, a, b),
  }),
  intrinsic({
    name: 'keyword', arglists: '([name] [ns name])', min: 1, max: 2,
    doc: 'A keyword: from a string, a symbol or a keyword; or from a namespace string (or nil) and a ' +
      'name: (keyword "my.ns" "bar") is :my.ns/bar.',
    impl: (a, b) => named('keyword', Keyword.of, Keyword.parse, Kind.Keyword, a, b),
  }),
  intrinsic({
    name: 'name', arglists: '([x])', min: 1, max: 1,
    doc: 'The name part of a symbol or keyword, as a string; a string is returned as is.',
    impl: (x) => (typeof x === 'string' ? x : nameParts('name', x).name),
  }),
  intrinsic({
    name: 'namespace', arglists: '([x])', min: 1, max: 1,
    doc: 'The namespace part of a symbol or keyword as a string, or nil when it is unqualified.',
    impl: (x) => nameParts('namespace', x).ns,
  }),
  intrinsic({
    name: 'char', arglists: '([code])', min: 1, max: 1,
    doc: 'The character of an integer code point: (char 65) is \\A. Not a Unicode scalar value: badarg.',
    impl: char,
  }),
  intrinsic({
    name: 'char-code', arglists: '([c])', min: 1, max: 1,
    doc: 'The code point of a character, as an integer.',
    impl: (c) => (isKind(c, Kind.Char) ? (c as Char).code : typeError('char-code', 'char', c)),
  }),
  str1('upper-case', 'The string in upper case.', (s) => s.toUpperCase()),
  str1('lower-case', 'The string in lower case.', (s) => s.toLowerCase()),
  str1('trim', 'The string without leading and trailing whitespace.', (s) => s.trim()),
  str1('triml', 'The string without leading whitespace.', (s) => s.trimStart()),
  str1('trimr', 'The string without trailing whitespace.', (s) => s.trimEnd()),
  intrinsic({
    name: 'blank?', arglists: '([s])', min: 1, max: 1, cost: BULK,
    doc: 'True if s is nil, empty or only whitespace.',
    impl: (s) => {
      if (s === null) return true;
      const text = strArg('blank?', s);
      chargeText(text.length);
      return text.trim().length === 0;
    },
  }),
  intrinsic({
    name: 'split', arglists: '([s sep])', min: 2, max: 2, cost: BULK,
    doc: 'A list of the parts of s between occurrences of the separator: a string or character, or a ' +
      'regular expression ((split "a1b22c" #"\\d+") is ("a" "b" "c")); empty parts kept; an empty ' +
      'separator (or a match of nothing at the start or end) splits into characters, as strings.',
    impl: (s, sep) => {
      const text = strArg('split', s);
      const parts = isKind(sep, Kind.Regex) ? splitByRegex('split', sep as Regex, text) : splitText(text, textArg('split', sep));
      chargeText(text.length);
      chargeElements(parts.length);
      return List.from(parts);
    },
  }),
  intrinsic({
    name: 'join', arglists: '([coll] [sep coll])', min: 1, max: 2, cost: BULK,
    doc: 'The str text of the elements of coll, separated by sep (default none).',
    impl: (a, b) => {
      const sep = b === undefined ? '' : textArg('join', a);
      const print = printerFor('join', true);
      return joinText('join', elements('join', b === undefined ? a : b).map((x) => strOf(x, print)), sep);
    },
  }),
  intrinsic({
    name: 'index-of', arglists: '([s sub] [s sub from])', min: 2, max: 3, cost: BULK,
    doc: 'The code point index of the first occurrence of sub (a string or character) in s, at or after ' +
      'from (default 0), or nil.',
    impl: indexOf,
  }),
  test2('starts-with?', 'True if s starts with sub (a string or character).', (s, sub) => s.startsWith(sub), false),
  test2('ends-with?', 'True if s ends with sub (a string or character).', (s, sub) => s.endsWith(sub), false),
  test2('includes?', 'True if sub (a string or character) occurs in s.', (s, sub) => s.includes(sub), true),
  intrinsic({
    name: 'replace*', arglists: '([s match replacement])', min: 3, max: 3, cost: BULK,
    doc: 'replace (std/lona/core/strings.lona) but for a function replacement: s with every occurrence of ' +
      'match (a string or character) replaced by replacement (a string or character, taken as it is), or ' +
      'every match of a regular expression, a replacement string naming groups ($1, ${name}; \\ escapes).',
    impl: replace,
  }),
];
