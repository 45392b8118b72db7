/**
 * `lona test` (src/cli/test-command.ts, transcript.ts) through the real
 * executable: transcripts and spec files found under directories, each run
 * in a fresh machine, failures reported with file:line, expected and
 * actual, the closing `N passed, N failed` line, the exit status, and
 * `--update` rewriting a transcript's expected output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runLona } from '../helpers/cli.js';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'lona-test-cmd-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a fresh project holding `files` (path -> text) and returns its directory. */
function project(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const GOOD = `A transcript of a short session.

lona> (def x 40)
#'user/x
lona> (+ x
...>    2)
42
lona> (/ 1 0)
** exit [:error :division-by-zero ...]
lona> %{:a 1 :b 2}
%{:b 2 :a 1}
lona> (println "hi") (spawn (fn [] (println "from" :child)))
hi
nil
#pid<...>
from :child

;; prompts follow the namespace, as at the REPL
lona> (in-ns 'shop.cart)
#ns<shop.cart>
shop.cart> (def items [])
#'shop.cart/items
`;

describe('lona test', () => {
  it('replays a transcript: multi-line input, ellipsis, map order, printed output, namespace prompts', () => {
    const root = project('good', { 'tests/session.transcript': GOOD });
    const r = runLona(['test'], root);
    expect(r.stdout).toContain('7 passed, 0 failed');
    expect(r.status).toBe(0);
  });

  it('reports each failure with file:line, expected and actual, and exits 1', () => {
    const root = project('bad', {
      'tests/wrong.transcript': 'lona> (+ 1 1)\n3\nlona> (* 2 2)\n4\nlona> (do (println "a") (println "b") :done)\na\nx\n:done\n',
    });
    const r = runLona(['test', 'tests/wrong.transcript'], root);
    expect(r.stdout).toContain('FAIL tests/wrong.transcript:1: (+ 1 1): expected 3, actual 2');
    expect(r.stdout).toMatch(/FAIL tests\/wrong.transcript:5: .*expected a x :done, actual a b :done/);
    expect(r.stdout).toContain('- x\n');
    expect(r.stdout).toContain('+ b\n');
    expect(r.stdout).toMatch(/1 passed, 2 failed\n$/);
    expect(r.status).toBe(1);
  });

  it('runs spec files (; => assertions) and skips .lona files without them, node_modules and dot folders', () => {
    const root = project('specs', {
      'tests/math.lona': '(def two 2)\n(+ two 1) ; => 3\n(* two 2) ; => 5\n(/ 1 0) ; => ERROR :division-by-zero\n',
      'tests/lib/helper.lona': '(defn helper [] 1)\n',
      'tests/node_modules/dep/x.transcript': 'lona> 1\n2\n',
      'tests/.hidden/y.transcript': 'lona> 1\n2\n',
    });
    const r = runLona(['test', 'tests'], root);
    expect(r.stdout).toContain('FAIL tests/math.lona:3: (* two 2): expected 5, actual 4');
    expect(r.stdout).toContain('1 file in');
    expect(r.stdout).toMatch(/2 passed, 1 failed\n$/);
    expect(r.status).toBe(1);
  });

  it('runs each file in a fresh machine', () => {
    const root = project('fresh', {
      'tests/a.transcript': 'lona> (def shared 1)\n#\'user/shared\n',
      'tests/b.transcript': 'lona> shared\n** exit [:error :undef %{:var user/shared}]\n',
    });
    const r = runLona(['test'], root);
    expect(r.stdout).toContain('2 passed, 0 failed');
  });

  it('survives hostile input: a runaway form and unreadable input fail their entry only', () => {
    const root = project('hostile', {
      'tests/h.transcript': 'lona> (defn spin [] (spin))\n#\'user/spin\nlona> (spin)\n** exit [:error :reduction-limit ...]\nlona> (+ 1\n** read-error :unexpected-eof ...\nlona> :still-here\n:still-here\n',
    });
    const r = runLona(['test'], root);
    expect(r.stdout).toContain('4 passed, 0 failed');
    expect(r.stderr).toBe('');
  });

  it('--update rewrites the expected output of failing transcript entries, leaving the rest', () => {
    const root = project('update', {
      'tests/snap.transcript': ';; snapshot\nlona> (+ 1 1)\n3\nlona> (range 3)\n(0 1 2)\n;; trailing note\nlona> (println "x")\n',
    });
    const first = runLona(['test', '--update'], root);
    expect(first.stdout).toContain('updated tests/snap.transcript');
    expect(readFileSync(join(root, 'tests/snap.transcript'), 'utf8'))
      .toBe(';; snapshot\nlona> (+ 1 1)\n2\nlona> (range 3)\n(0 1 2)\n;; trailing note\nlona> (println "x")\nx\nnil\n');
    const again = runLona(['test'], root);
    expect(again.stdout).toContain('3 passed, 0 failed');
    expect(again.status).toBe(0);
  });

  it('a transcript with no prompt line (garbage, a binary file) is a failure, not 0 passed', () => {
    const root = project('garbage', { 'tests/junk.transcript': 'just some words\nno prompt anywhere\n' });
    writeFileSync(join(root, 'tests/binary.transcript'), Buffer.from([0, 159, 146, 150, 255, 0, 10, 1, 2, 3]));
    const r = runLona(['test'], root);
    expect(r.stdout).toContain('FAIL tests/binary.transcript');
    expect(r.stdout).toContain('FAIL tests/junk.transcript');
    expect(r.stdout).toContain('no prompt line in the file');
    expect(r.stdout).toContain('0 passed, 2 failed');
    expect(r.status).toBe(1);
  });

  it('says clearly when a path does not exist or an option is unknown', () => {
    const root = project('empty', { 'README': 'nothing here\n' });
    const missing = runLona(['test', 'nope'], root);
    expect(missing.stdout).toContain('no such file or directory: nope');
    expect(missing.status).toBe(2);
    expect(runLona(['test', '--frobnicate'], root).status).toBe(2);
  });
});
