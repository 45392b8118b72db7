/**
 * Scripting the real `lona` in a pseudo-terminal and asserting on the
 * rendered screen (issue "Live editing and transcripts", item 4): node-pty
 * runs the program, @xterm/headless keeps the screen it draws, as a
 * terminal would. Keys are named (`Enter`, `Tab`, `Ctrl-C`, ...) or typed
 * as text; waits poll the rendered rows, never the raw byte stream.
 */
import { spawn, type IPty } from 'node-pty';
import xterm from '@xterm/headless';
import { BIN } from './cli.js';

const KEYS: Record<string, string> = {
  Enter: '\r', Tab: '\t', 'Shift-Tab': '\x1b[Z', Escape: '\x1b', Backspace: '\x7f',
  Up: '\x1b[A', Down: '\x1b[B', Right: '\x1b[C', Left: '\x1b[D', PageUp: '\x1b[5~', PageDown: '\x1b[6~',
  'Ctrl-C': '\x03', 'Ctrl-D': '\x04', 'Ctrl-N': '\x0e', 'Ctrl-P': '\x10', 'M-.': '\x1b.', 'M-x': '\x1bx',
};

export class Screen {
  private readonly term: IPty;
  private readonly view: InstanceType<typeof xterm.Terminal>;
  private exitCode: number | null = null;
  /** Everything the program wrote, escapes included (the last megabyte). */
  private written = '';

  constructor(args: string[], opts: { cols?: number; rows?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    const cols = opts.cols ?? 120, rows = opts.rows ?? 34;
    this.view = new xterm.Terminal({ cols, rows, allowProposedApi: true, logLevel: 'off' });
    this.term = spawn(process.execPath, [BIN, ...args], { cols, rows, cwd: opts.cwd, env: { ...process.env, ...opts.env } });
    this.term.onData((d) => {
      this.view.write(d);
      this.written = (this.written + d).slice(-1_000_000);
    });
    this.term.onExit(({ exitCode }) => { this.exitCode = exitCode; });
  }

  /** The rendered rows, as text. */
  rows(): string[] {
    const b = this.view.buffer.active;
    return Array.from({ length: this.view.rows }, (_, i) => b.getLine(b.viewportY + i)?.translateToString(true) ?? '');
  }

  /** The raw stream the program wrote (escape sequences and all). */
  raw(): string {
    return this.written;
  }

  text(): string {
    return this.rows().join('\n');
  }

  /**
   * Presses named keys or types text, a little apart as a person would
   * (Escape then g too close together is Alt-g to any terminal program).
   */
  async press(...keys: string[]): Promise<void> {
    for (const k of keys) {
      this.term.write(KEYS[k] ?? k);
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /** Types `line` and presses Enter, as two writes (a person types, then presses Enter). */
  async enter(line: string): Promise<void> {
    this.term.write(line);
    await new Promise((r) => setTimeout(r, 30));
    this.term.write('\r');
  }

  /**
   * Waits until the screen shows `pattern` (a row for a string, the whole screen for a RegExp). The default
   * wait is long: beside the suite's heaviest tests (a million processes) on two cores a step can take seconds.
   */
  async waitFor(pattern: string | RegExp, ms = 20_000): Promise<string> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const text = this.text();
      const m = typeof pattern === 'string' ? (text.includes(pattern) ? pattern : null) : text.match(pattern)?.[0] ?? null;
      if (m !== null) return m;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${String(pattern)}; the screen:\n${this.text()}`);
  }

  /** Whether the program has not exited yet. */
  get running(): boolean {
    return this.exitCode === null;
  }

  /** Waits for the program to exit; its status. */
  async exited(ms = 10_000): Promise<number> {
    const until = Date.now() + ms;
    while (this.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    if (this.exitCode === null) throw new Error(`still running; the screen:\n${this.text()}`);
    return this.exitCode;
  }

  kill(): void {
    if (this.exitCode === null) this.term.kill();
  }

  /** The terminal changes size, as when its window is resized. */
  resize(cols: number, rows: number): void {
    this.view.resize(cols, rows);
    this.term.resize(cols, rows);
  }

  /** Sends the program a signal (as a closing terminal or `kill` would). */
  signal(name: 'SIGTERM' | 'SIGHUP'): void {
    this.term.kill(name);
  }
}
