/**
 * Ctrl-C in the line REPL on a terminal (tests/cli/repl-pty.test.ts checks
 * that it stops a runaway evaluation and that the prompt comes back with
 * every definition intact; how soon is measured here, never in `npm test`):
 * the time from the keystroke until `** exit :killed` and a fresh prompt
 * show, for an evaluation looping forever. Drives the real `lona repl` in a
 * pseudo-terminal (node-pty, a dev dependency).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../os/index.js';
import { median, type BenchResult } from './measure.js';

const require = createRequire(import.meta.url);
const INTERRUPTS = 5;

interface Term { write(s: string): void; kill(): void; onData(f: (d: string) => void): void }

export async function benchInterrupt(): Promise<BenchResult[]> {
  const { spawn } = require('node-pty') as { spawn(file: string, args: string[], o: object): Term };
  const term = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'lona'), 'repl'], { cols: 100, rows: 30, cwd: PACKAGE_ROOT, env: { ...process.env, HOME: '/tmp' } });
  let screen = '';
  term.onData((d) => { screen += d; });
  const waitFor = async (pattern: RegExp, from: number): Promise<void> => {
    const until = Date.now() + 60_000;
    while (!pattern.test(screen.slice(from))) {
      if (Date.now() > until) throw new Error(`interrupt bench: timed out waiting for ${pattern}; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  try {
    await waitFor(/lona> /, 0);
    term.write('(defn spin [] (spin))\r');
    await waitFor(/#'user\/spin/, 0);
    const times: number[] = [];
    for (let i = 0; i < INTERRUPTS; i++) {
      const mark = screen.length;
      term.write('(spin)\r');
      await new Promise((r) => setTimeout(r, 300));
      const t0 = performance.now();
      term.write('\x03');
      await waitFor(/\*\* exit :killed[\s\S]*lona> /, mark);
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    return [{ name: `REPL Ctrl-C to prompt, median of ${INTERRUPTS} (ms)`, ms, peer: 'target 2000 ms', peerMs: 2000, ratio: ms / 2000 }];
  } finally {
    term.kill();
  }
}
