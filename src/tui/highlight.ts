/**
 * Syntax highlighting of Lonala source for the screen: the text cut into
 * runs with a colour each (comments, strings, keywords, numbers, special
 * forms and macros, brackets). A lexer of its own, not the reader: it must
 * colour half-typed and malformed text too.
 */
export interface Run { text: string; color?: string; dim?: boolean; bold?: boolean }

const SPECIAL = new Set(['def', 'defn', 'defn-', 'defmacro', 'fn', 'fn*', 'let', 'if', 'do', 'match', 'receive', 'when', 'cond', 'quote', 'var', 'ns', 'and', 'or', 'loop']);
const TOKEN = /(;[^\n]*)|("(?:[^"\\]|\\.)*"?)|(:[^\s()[\]{}"',;]+)|(-?\d[\w./]*)|([()[\]{}]|%\{|#\{)|([^\s()[\]{}"',;]+)|(\s+|.)/gy;

export function highlight(text: string): Run[] {
  const runs: Run[] = [];
  TOKEN.lastIndex = 0;
  let prevOpen = false;
  for (let m = TOKEN.exec(text); m !== null && m[0] !== ''; m = TOKEN.exec(text)) {
    const [t, comment, str, kw, num, bracket, sym] = m;
    if (comment !== undefined) runs.push({ text: t, color: 'gray' });
    else if (str !== undefined) runs.push({ text: t, color: 'green' });
    else if (kw !== undefined) runs.push({ text: t, color: 'cyan' });
    else if (num !== undefined) runs.push({ text: t, color: 'yellow' });
    else if (bracket !== undefined) runs.push({ text: t, dim: true });
    else if (sym !== undefined) runs.push(prevOpen && SPECIAL.has(t) ? { text: t, color: 'magenta', bold: true } : { text: t });
    else runs.push({ text: t });
    prevOpen = bracket !== undefined && (t === '(' );
  }
  return runs;
}
