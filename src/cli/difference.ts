/**
 * Where an expected text and an actual one part, for test reports: for
 * one-line values the first differing column with the text around it; for
 * several lines a line diff (`-` expected only, `+` actual only).
 */

const CONTEXT = 40;

export function describeDifference(expected: string, actual: string): string {
  if (!expected.includes('\n') && !actual.includes('\n')) return columnDifference(expected, actual);
  return lineDiff(expected.split('\n'), actual.split('\n')).map((l) => `    ${l}\n`).join('');
}

function columnDifference(expected: string, actual: string): string {
  let at = 0;
  while (at < expected.length && at < actual.length && expected[at] === actual[at]) at++;
  const from = Math.max(0, at - CONTEXT);
  const window = (s: string) => (from > 0 ? '...' : '') + s.slice(from, at + CONTEXT) + (s.length > at + CONTEXT ? '...' : '');
  const caret = ' '.repeat((from > 0 ? 3 : 0) + at - from);
  return `    first difference at column ${at + 1}:\n    expected ${window(expected)}\n    actual   ${window(actual)}\n             ${caret}^\n`;
}

/** A longest-common-subsequence line diff (reports are small: quadratic is fine). */
function lineDiff(a: string[], b: string[]): string[] {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { out.push(`  ${a[i]}`); i++; j++; }
    else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.push(`- ${a[i++]}`);
    else out.push(`+ ${b[j++]}`);
  }
  return out;
}
