/**
 * The line REPL on a real terminal (a pseudo-terminal through node-pty), as
 * a user types at it: Ctrl-C stops a runaway evaluation and the prompt comes
 * back with every definition intact; a linked crash while idle is reported;
 * output of a background process reaches the terminal while the REPL waits
 * for input. How soon the prompt comes back is a benchmark
 * (src/bench/interrupt.ts, `npm run bench`), not asserted here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type IPty } from 'node-pty';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'lona');
let term: IPty | null = null;
let screen = '';
let exited: Promise<number> = Promise.resolve(0);

function start(home = '/tmp', cols = 100): void {
  screen = '';
  term = spawn(process.execPath, [BIN, 'repl'], { cols, rows: 30, env: { ...process.env, HOME: home } });
  term.onData((d) => { screen += d; });
  const t = term;
  exited = new Promise((resolve) => t.onExit(({ exitCode }) => resolve(exitCode)));
}

/** Waits until the terminal output (from `from` on) matches `pattern`. */
async function waitFor(pattern: RegExp, from = 0, ms = 10_000): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const m = screen.slice(from).match(pattern);
    if (m !== null) return m[0];
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
}

afterEach(() => {
  term?.kill();
  term = null;
});

describe('lona on a terminal', () => {
  it('Ctrl-C kills a runaway evaluation; the prompt returns and definitions survive', async () => {
    start();
    await waitFor(/lona> /);
    term!.write('(def kept 42)\r(defn spin [] (spin))\r');
    await waitFor(/#'user\/spin/);
    const mark = screen.length;
    term!.write('(spin)\r');
    await new Promise((r) => setTimeout(r, 300));
    term!.write('\x03');
    await waitFor(/\*\* exit :killed[\s\S]*lona> /, mark);
    const mark2 = screen.length;
    term!.write('(inc kept)\r');
    await waitFor(/43/, mark2);
  });

  it('a linked process that crashes while the REPL is idle is reported, and a fresh evaluator answers', async () => {
    start();
    await waitFor(/lona> /);
    term!.write('(def first-evaluator (self))\r(spawn-link (fn [] (sleep 100) (exit :boom)))\r');
    await waitFor(/\*\* exit :boom[\s\S]*lona> /);
    const mark = screen.length;
    term!.write('[(+ 1 2) (= first-evaluator (self)) *e]\r');
    await waitFor(/\[3 false :boom\]/, mark);
  });

  it('a background process prints while the REPL waits at its prompt', async () => {
    start();
    await waitFor(/lona> /);
    term!.write('(spawn (fn [] (sleep 200) (println "tick from" (self))))\r');
    await waitFor(/tick from #pid<\d+\.\d+>/);
  });

  /** A REPL with a process spinning beside it, at its prompt. */
  async function startWithSpinner(): Promise<void> {
    start();
    await waitFor(/lona> /);
    term!.write('(defn spin [] (spin))\r(spawn spin)\r');
    await waitFor(/#pid<\d+\.\d+>[\s\S]*lona> /);
  }

  it(':repl/quit leaves while a process spins, saying it stopped with the session', async () => {
    await startWithSpinner();
    term!.write(':repl/quit\r');
    expect(await exited).toBe(0);
    await waitFor(/1 process still alive stopped with it/);
  });

  it('Ctrl-D leaves while a process spins', async () => {
    await startWithSpinner();
    term!.write('\x04');
    expect(await exited).toBe(0);
  });

  it(':ok is a value; a habitual :quit is a value too, with a hint naming the REPL\'s commands', async () => {
    start();
    await waitFor(/lona> /);
    term!.write(':ok\r');
    await waitFor(/\r\n:ok\r\n/);
    const mark = screen.length;
    term!.write(':quit\r');
    await waitFor(/:quit\r\n;; :quit is a keyword \(a value\); the REPL's commands are :repl\/quit/, mark);
  });

  it('keeps one history with the workstation: entries come back with Up, and the older workstation file is merged', async () => {
    const home = mkdtempSync(join(tmpdir(), 'lona-home-'));
    writeFileSync(join(home, '.lona_workstation_history'), `${JSON.stringify('(def from-workstation 1)')}\n`);
    start(home);
    await waitFor(/lona> /);
    term!.write('(+ 40 2)\r');
    await waitFor(/42/);
    term!.write('\x04');
    await exited;
    const saved = readFileSync(join(home, '.lona_history'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(saved).toEqual(['(def from-workstation 1)', '(+ 40 2)']);
    expect(existsSync(join(home, '.lona_workstation_history'))).toBe(false);
    start(home);
    await waitFor(/lona> /);
    const mark = screen.length;
    term!.write('\x1b[A\x1b[A');
    await waitFor(/\(def from-workstation 1\)/, mark);
  });

  it('pretty prints a result to the terminal\'s width: breaks between elements, never inside a token', async () => {
    start('/tmp', 40);
    await waitFor(/lona> /);
    const mark = screen.length;
    term!.write('%{:name "Ada Lovelace" :born 1815 :works [:notes :analytical-engine :bernoulli]}\r');
    // The result starts on a line of its own (the echoed input above it is one long line, wrapped by the terminal).
    const shown = await waitFor(/\r\n%\{:name "Ada Lovelace"\r\n[\s\S]*?\}\r\n/, mark);
    const lines = shown.trim().split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[1]).toMatch(/^  :born 1815/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
  });
});
