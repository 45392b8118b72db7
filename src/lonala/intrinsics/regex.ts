/**
 * Regular-expression intrinsics (LONALA.md section 1, `#"..."`), Clojure's
 * `re-pattern`, `re-find`, `re-matches`, `re-seq` and `re-groups`, and the
 * pattern forms of `split` and `replace` (strings.ts calls splitByRegex and
 * replaceByRegex; `re-pieces*` is what std/lona/core/strings.lona makes
 * `replace` with a function of). The engine and its metering are in ../regex/.
 *
 * What a match gives, as in Clojure but in Lonala's collections:
 *
 *   expression without groups   the matched string                 "12"
 *   with groups                 a tuple of the match and each      ["12-3" "12" "3"]
 *                               group, nil where a group took no part
 *
 * so a match destructures as tuples do: `(match (re-find re s) [_ a b] ...)`.
 * `re-seq` gives a list of them (nil when there is none, as in Clojure),
 * and `re-groups` (Clojure's reads a mutable Matcher, which Lonala has not)
 * takes the expression and the text and gives the first match's groups as
 * a map: 0 the whole match, each group by number, a named group
 * `(?P<year>...)` also by its name as a keyword.
 */
import { Char, Fault, Keyword, Kind, List, PMap, Regex, Sym, Tuple, type Value } from '../../machine/index.js';
import { ANCHOR_BOTH, RegexError, Search, makeRegex, type Match } from '../regex/index.js';
import { typeError } from './args.js';
import { chargeElements, chargeText, checkText } from './charge.js';
import { intrinsic, unary, type Intrinsic } from './registry.js';
import { isKind } from './predicates.js';

/** Work over the text is charged by Search; this is the fixed cost of a call. */
const COST = 4;

function regexArg(fn: string, v: Value): Regex {
  return isKind(v, Kind.Regex) ? (v as Regex) : typeError(fn, 'regex', v);
}

function textArg(fn: string, v: Value): string {
  return typeof v === 'string' ? v : typeError(fn, 'string', v);
}

/** A search of `s` by `re` for `fn`, after checking both. */
function searchOf(fn: string, re: Value, s: Value): Search {
  return new Search(fn, regexArg(fn, re), textArg(fn, s));
}

/** What a match gives: the string, or a tuple of the match and its groups. */
function result(search: Search, m: Match): Value {
  const groups = search.compiled.groups;
  if (groups === 0) return search.group(m, 0);
  const items: Value[] = [];
  for (let g = 0; g <= groups; g++) items.push(search.group(m, g));
  return new Tuple(items);
}

/** `(re-pattern s)`: the regular expression of a string (a regex is returned as is). */
function rePattern(v: Value): Regex {
  if (isKind(v, Kind.Regex)) return v as Regex;
  const made = makeRegex(textArg('re-pattern', v));
  if (made instanceof RegexError) {
    throw new Fault(made.kind === 'limit' ? 'limit' : 'badarg', { fn: Sym.of('re-pattern', 'lona.core'), message: made.message, pattern: v });
  }
  return made;
}

/** `(re-groups re s)`: the first match's groups as a map, or nil. */
function reGroups(re: Value, s: Value): Value {
  const search = searchOf('re-groups', re, s);
  const m = search.find(0);
  if (m === null) return null;
  const flat: Value[] = [];
  const groups = search.compiled.groups;
  for (let g = 0; g <= groups; g++) flat.push(g, search.group(m, g));
  for (const [name, g] of Object.entries(search.compiled.names)) flat.push(Keyword.of(name), search.group(m, g));
  chargeElements(flat.length);
  return PMap.fromFlat(flat);
}

/** `(re-seq re s)`: every match, as a list; nil when there is none. */
function reSeq(re: Value, s: Value): Value {
  const search = searchOf('re-seq', re, s);
  const out: Value[] = [];
  for (const m of search.matches()) out.push(result(search, m));
  chargeElements(out.length);
  return out.length === 0 ? null : List.from(out);
}

/** `(re-pieces* re s)`: the text before, between and after the matches, each match between (as re-find gives it). */
function rePieces(re: Value, s: Value): List {
  const search = searchOf('re-pieces*', re, s);
  const text = search.text;
  const out: Value[] = [];
  let last = 0;
  for (const m of search.matches()) {
    out.push(text.slice(last, m[0]), result(search, m));
    last = m[1];
  }
  out.push(text.slice(last));
  chargeElements(out.length);
  return List.from(out);
}

/**
 * The parts of `text` between the matches of `re` (`split` with a
 * pattern), empty parts kept as with a string separator; an empty match at
 * the very start or end makes no empty part, so #"" splits into characters.
 */
export function splitByRegex(fn: string, re: Regex, text: string): string[] {
  const search = new Search(fn, re, text);
  const parts: string[] = [];
  let last = 0;
  for (const m of search.matches()) {
    if (m[1] === 0) continue;
    if (m[0] === text.length && m[1] === m[0]) break;
    parts.push(text.slice(last, m[0]));
    last = m[1];
  }
  parts.push(text.slice(last));
  return parts;
}

/**
 * `text` with every match of `re` replaced (`replace` with a pattern): a
 * character is put in as it is; in a string, as in Clojure (Java's
 * Matcher.replaceAll), `$1` is group 1 (more digits are read while they
 * name a group), `${name}` a named group, and `\` takes the next character
 * literally (`\$`); a group that took no part puts in nothing.
 */
export function replaceByRegex(fn: string, re: Regex, text: string, replacement: Value): string {
  const search = new Search(fn, re, text);
  const template = isKind(replacement, Kind.Char)
    ? [String.fromCodePoint((replacement as Char).code)]
    : parseTemplate(fn, textArg(fn, replacement), search.compiled.groups, search.compiled.names);
  const out: string[] = [];
  let last = 0, length = 0;
  for (const m of search.matches()) {
    out.push(text.slice(last, m[0]));
    length += m[0] - last;
    for (const part of template) {
      const piece = typeof part === 'string' ? part : (search.group(m, part) ?? '');
      out.push(piece);
      length += piece.length;
    }
    last = m[1];
    checkText(fn, length);
  }
  out.push(text.slice(last));
  length += text.length - last;
  chargeText(length);
  return out.join('');
}

/** A replacement string as literal text and group numbers. */
function parseTemplate(fn: string, t: string, groups: number, names: Readonly<Record<string, number>>): (string | number)[] {
  chargeText(t.length);
  const parts: (string | number)[] = [];
  let text = '';
  const bad = (message: string): never => {
    throw new Fault('badarg', { fn: Sym.of(fn, 'lona.core'), replacement: t, message });
  };
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '\\') {
      if (i + 1 >= t.length) bad('the replacement ends with \\ (write \\\\ for a backslash)');
      text += t[++i];
    } else if (c !== '$') text += c;
    else {
      let g: number;
      if (t[i + 1] === '{') {
        const close = t.indexOf('}', i + 2);
        const name = close < 0 ? '' : t.slice(i + 2, close);
        if (close < 0 || !Object.hasOwn(names, name)) bad(`the replacement refers to \${${name}}, but the expression has no group of that name`);
        g = names[name];
        i = close;
      } else {
        const d = t.charCodeAt(i + 1) - 48;
        if (!(d >= 0 && d <= 9)) bad('a $ in the replacement must be followed by a group number or {name} (write \\$ for a dollar sign)');
        if (d > groups) bad(`the replacement refers to group ${d}, but the expression has ${groups}`);
        g = d;
        i++;
        for (let e = t.charCodeAt(i + 1) - 48; e >= 0 && e <= 9 && g * 10 + e <= groups; e = t.charCodeAt(i + 1) - 48) {
          g = g * 10 + e;
          i++;
        }
      }
      if (text !== '') parts.push(text);
      text = '';
      parts.push(g);
    }
  }
  if (text !== '') parts.push(text);
  return parts;
}

export const regexIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 're-pattern', arglists: '([s])', min: 1, max: 1, cost: COST,
    doc: 'The regular expression of a string, as #"..." reads it (a regular expression is returned as is). ' +
      'RE2 syntax, matched in time linear in the text: no backreferences or lookaround (refused with ' +
      ':badarg, as is a syntax error); an expression too big for one call is refused with :limit.',
    impl: rePattern,
  }),
  intrinsic({
    name: 're-find', arglists: '([re s])', min: 2, max: 2, cost: COST,
    doc: 'The first match of re in s, or nil: the matched string, or when re has groups a tuple of the ' +
      'match and each group (nil for a group that took no part): (re-find #"(\\d)(\\d)" "a12") is ["12" "1" "2"].',
    impl: (re, s) => {
      const search = searchOf('re-find', re, s);
      const m = search.find(0);
      return m === null ? null : result(search, m);
    },
  }),
  intrinsic({
    name: 're-matches', arglists: '([re s])', min: 2, max: 2, cost: COST,
    doc: 'The match of re with the whole of s, or nil; a string or a tuple of the match and its groups, as re-find.',
    impl: (re, s) => {
      const search = searchOf('re-matches', re, s);
      const m = search.find(0, ANCHOR_BOTH);
      return m === null ? null : result(search, m);
    },
  }),
  intrinsic({
    name: 're-seq', arglists: '([re s])', min: 2, max: 2, cost: COST,
    doc: 'Every match of re in s from left to right, each as re-find gives it, as a list; nil when there ' +
      'is none. After an empty match the next search starts one character further.',
    impl: reSeq,
  }),
  intrinsic({
    name: 're-groups', arglists: '([re s])', min: 2, max: 2, cost: COST,
    doc: 'The groups of the first match of re in s as a map, or nil: 0 is the whole match, 1, 2... each ' +
      'group (nil when it took no part), and a named group (?P<year>...) is also under its name, :year.',
    impl: reGroups,
  }),
  unary('regex?', 'True if x is a regular expression (#"..." or re-pattern).', (x) => isKind(x, Kind.Regex)),
  intrinsic({
    name: 're-pieces*', arglists: '([re s])', min: 2, max: 2, cost: COST,
    doc: 'The text of s before, between and after the matches of re, with each match (as re-find gives it) ' +
      'in its place: (re-pieces* #"\\d" "a1b") is ("a" "1" "b"). What replace with a function is made of.',
    impl: rePieces,
  }),
];
