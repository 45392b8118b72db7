/**
 * An upper bound on the size of the program a regular expression compiles
 * to, found by one linear scan of its source before compiling it.
 *
 * Compiling costs time in proportion to the program (about a microsecond an
 * instruction), and a short source can ask for a big one: `[a-z]{1000}` is
 * eleven characters and a thousand instructions, and RE2's own limit (1.4
 * million) is far beyond what one call may spend. So compile.ts refuses a
 * source whose bound is too big before the engine sees it. The bound counts
 * every atom (a character, an escape, a class, `.`, `^`) as one instruction,
 * a group as its contents and two captures, an alternative as one more, and
 * a repetition as the repeated atom and a branch per copy; a repetition
 * nested in another multiplies, as it does in the program.
 */

/** Instructions every program has besides its body (the unanchored loop, match, fail). */
const PROLOGUE = 8;

/** Most copies RE2 makes of a repeated atom (its limit on `{n,m}` is 1000; beyond, it refuses the source). */
const MAX_COPIES = 1001;

interface Frame {
  /** Whether the group captures (two instructions more). */
  captures: boolean;
  /** Instructions of the alternatives closed so far in this group. */
  alternatives: number;
  /** Instructions of the alternative being read. */
  sequence: number;
  /** Instructions of the last atom read (what a quantifier repeats); 0 if none. */
  last: number;
}

/** An upper bound on the instructions `source` compiles to (for a source RE2 refuses, some number). */
export function programBound(source: string): number {
  const n = source.length;
  const stack: Frame[] = [{ captures: false, alternatives: 0, sequence: 0, last: 0 }];
  let top = stack[0];
  const atom = (size: number): void => {
    top.sequence += size;
    top.last = size;
  };
  let i = 0;
  while (i < n) {
    const c = source.charCodeAt(i);
    switch (c) {
      case 92: { // \
        const end = escapeEnd(source, i);
        if (source.charCodeAt(i + 1) === 81) { // \Q...\E: a character each, the last one repeatable
          top.sequence += end - i;
          top.last = 1;
        } else atom(1);
        i = end;
        continue;
      }
      case 91: // [
        i = classEnd(source, i);
        atom(1);
        continue;
      case 40: { // (
        const flagsEnd = flagGroupEnd(source, i);
        if (flagsEnd > 0) { // (?i) sets flags: no instruction
          i = flagsEnd;
          continue;
        }
        const captures = source.charCodeAt(i + 1) !== 63 || source.charCodeAt(i + 2) === 80 || source.charCodeAt(i + 2) === 60; // ( (?P< (?<
        stack.push((top = { captures, alternatives: 0, sequence: 0, last: 0 }));
        i++;
        continue;
      }
      case 41: { // )
        if (stack.length === 1) break; // unbalanced (RE2 refuses it): bounded as a character
        const group = stack.pop() as Frame;
        top = stack[stack.length - 1];
        atom(group.alternatives + group.sequence + (group.captures ? 3 : 1));
        i++;
        continue;
      }
      case 124: // |
        top.alternatives += top.sequence + 1;
        top.sequence = 0;
        top.last = 0;
        i++;
        continue;
      case 42: case 43: case 63: // * + ?
        top.sequence += 2;
        top.last += 2;
        i += source.charCodeAt(i + 1) === 63 ? 2 : 1; // a lazy ? after it
        continue;
      case 123: { // {n}, {n,}, {n,m}; otherwise a literal {
        const rep = repeatAt(source, i);
        if (rep === null) break;
        // x{n}: n copies; x{n,m}: m copies, m - n of them optional (a branch each); x{n,}: n copies and a loop
        const min = Math.min(rep.min, MAX_COPIES), max = Math.min(rep.max, MAX_COPIES);
        const size = top.last * Math.max(min, max, 1) + 2 * (max - min) + 2;
        top.sequence += size - top.last;
        top.last = size;
        i = rep.end + (source.charCodeAt(rep.end) === 63 ? 1 : 0);
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdbff) i++; // a surrogate pair is one character
    atom(1);
    i++;
  }
  while (stack.length > 1) { // unclosed groups (RE2 refuses them): bounded as if closed
    const group = stack.pop() as Frame;
    top = stack[stack.length - 1];
    atom(group.alternatives + group.sequence + 3);
  }
  return top.alternatives + top.sequence + PROLOGUE;
}

/** The end of the escape whose backslash is at `i`: `\x`, `\x{...}`, `\p{...}`, `\Q...\E`. */
function escapeEnd(s: string, i: number): number {
  const c = s.charCodeAt(i + 1);
  if (c === 81) { // \Q: literal text up to \E
    const e = s.indexOf('\\E', i + 2);
    return e < 0 ? s.length : e + 2;
  }
  if ((c === 120 || c === 112 || c === 80) && s.charCodeAt(i + 2) === 123) { // \x{ \p{ \P{
    const e = s.indexOf('}', i + 3);
    return e < 0 ? s.length : e + 1;
  }
  if (c === 112 || c === 80) return i + 3; // \pL
  if (c === 120) return i + 4; // \x41
  return i + 2;
}

/** The end of the character class opening at `i` (a `]` right after `[` or `[^` is a member). */
function classEnd(s: string, i: number): number {
  let j = i + 1;
  if (s.charCodeAt(j) === 94) j++;
  if (s.charCodeAt(j) === 93) j++;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 93) return j + 1;
    if (c === 92) j = escapeEnd(s, j);
    else if (c === 91 && s.charCodeAt(j + 1) === 58) { // [:alpha:]
      const e = s.indexOf(':]', j + 2);
      j = e < 0 ? j + 1 : e + 2;
    } else j++;
  }
  return j;
}

/** After a `(` at `i`: the end of a flags-only group such as `(?i)` or `(?-s)`, else 0. */
function flagGroupEnd(s: string, i: number): number {
  if (s.charCodeAt(i + 1) !== 63) return 0;
  let j = i + 2;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 41) return j + 1;
    if (!(c === 45 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return 0;
    j++;
  }
  return 0;
}

/** The repetition `{n}`, `{n,}` or `{n,m}` at `i`: its counts (`{n,}` as n + 1) and where it ends. */
function repeatAt(s: string, i: number): { min: number; max: number; end: number } | null {
  let j = i + 1;
  const digits = (): number => {
    const start = j;
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    return j === start ? -1 : Number(s.slice(start, Math.min(j, start + 7)));
  };
  const min = digits();
  if (min < 0) return null;
  let max = min;
  if (s.charCodeAt(j) === 44) { // ,
    j++;
    const m = digits();
    max = m < 0 ? min + 1 : m;
  }
  if (s.charCodeAt(j) !== 125) return null;
  return { min, max: Math.max(min, max), end: j + 1 };
}
