/**
 * Keystroke echo in the workstation while its machine is busy (issue "The
 * workstation": a machine with 1,000,000 processes or a looping realm never
 * delays keystroke echo by more than one frame). Drives the real `lona` in
 * a pseudo-terminal (node-pty, a dev dependency), keeps its screen with
 * @xterm/headless, and times each typed key until the screen shows it: on
 * an idle machine (the peer), then beside a million processes and a realm
 * of 100 processes looping forever.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../os/index.js';
import { median, percentile, type BenchResult } from './measure.js';

const require = createRequire(import.meta.url);
const KEYS = 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn';

interface Term { write(s: string): void; kill(): void; onData(f: (d: string) => void): void }
interface View { write(d: string, done?: () => void): void; buffer: { active: { getLine(i: number): { translateToString(trim: boolean): string } | undefined } }; rows: number }

class Workstation {
  private readonly term: Term;
  private readonly view: View;
  private changed: (() => void) | null = null;

  constructor() {
    const { spawn } = require('node-pty') as { spawn(file: string, args: string[], o: object): Term };
    const { Terminal } = require('@xterm/headless') as { Terminal: new (o: object) => View };
    this.view = new Terminal({ cols: 120, rows: 34, allowProposedApi: true, logLevel: 'off' });
    // bin/lona itself, as a user starts it: through its #! line and the node options there.
    this.term = spawn(join(PACKAGE_ROOT, 'bin', 'lona'), [], { cols: 120, rows: 34, cwd: PACKAGE_ROOT, env: { ...process.env, HOME: '/tmp' } });
    this.term.onData((d) => this.view.write(d, () => this.changed?.()));
  }

  text(): string {
    return Array.from({ length: this.view.rows }, (_, i) => this.view.buffer.active.getLine(i)?.translateToString(true) ?? '').join('\n');
  }

  async until(test: (screen: string) => boolean, ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test(this.text())) {
      if (Date.now() > deadline) throw new Error(`echo bench: the screen never showed what it waited for:\n${this.text()}`);
      await new Promise<void>((resolve) => { this.changed = resolve; setTimeout(resolve, 5); });
    }
  }

  async evaluate(source: string, shows: RegExp): Promise<void> {
    this.term.write(source);
    await new Promise((r) => setTimeout(r, 50));
    this.term.write('\r');
    await this.until((s) => shows.test(s));
  }

  /** Milliseconds from each typed key until the prompt line shows it. */
  async echoTimes(): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < KEYS.length; i++) {
      const typed = KEYS.slice(0, i + 1);
      const t0 = performance.now();
      this.term.write(KEYS[i]);
      await this.until((s) => s.includes(`lona> ${typed} `) || s.includes(`lona> ${typed}│`));
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    for (let i = 0; i < KEYS.length; i++) this.term.write('\x7f');
    return times;
  }

  kill(): void {
    this.term.kill();
  }
}

/** Milliseconds from starting `lona` until its screen is full (the prompt and the realm tree), and the workstation. */
async function start(): Promise<[number, Workstation]> {
  const t0 = performance.now();
  const ws = new Workstation();
  await ws.until((s) => s.includes('lona>') && s.includes('├ apps'));
  return [performance.now() - t0, ws];
}

/** Startups measured; the figure is their median (one start alone moves with the host's load). */
const STARTS = 5;

export async function benchEcho(): Promise<BenchResult[]> {
  const starts: number[] = [];
  for (let i = 1; i < STARTS; i++) {
    const [ms, ws] = await start();
    starts.push(ms);
    ws.kill();
  }
  const [ms, ws] = await start();
  starts.push(ms);
  try {
    const startup = median(starts);
    const idle = await ws.echoTimes();
    await ws.evaluate("(defn spin [] (spin)) (def busy (realm-create %{:name 'busy})) (dotimes [i 10] (spawn-in busy spin)) :busy", /^│:busy/m);
    await new Promise((r) => setTimeout(r, 1000));
    const realm = await ws.echoTimes();
    await ws.evaluate('(defn idle [] (receive :stop :ok)) (dotimes [i 1000000] (spawn idle)) :spawned', /^│:spawned/m);
    await ws.evaluate("(def hog (realm-create %{:name 'hog})) (dotimes [i 100] (spawn-in hog spin)) :looping", /^│:looping/m);
    await new Promise((r) => setTimeout(r, 1500)); // the Processes pane samples the million at least once
    const busy = await ws.echoTimes();
    return [
      { name: `TUI start to a full screen, median of ${STARTS} (ms)`, ms: startup, peer: 'target 1 s', peerMs: 1000, ratio: startup / 1000 },
      { name: 'TUI key echo, busy realm, median (ms)', ms: percentile(realm, 0.5), peer: 'target 16 ms', peerMs: 16, ratio: percentile(realm, 0.5) / 16 },
      { name: 'TUI key echo, busy realm, p99 (ms)', ms: percentile(realm, 0.99), peer: 'target 50 ms', peerMs: 50, ratio: percentile(realm, 0.99) / 50 },
      { name: 'TUI key echo, idle machine, worst (ms)', ms: Math.max(...idle), peer: 'one frame (60/s)', peerMs: 16.7, ratio: Math.max(...idle) / 16.7 },
      { name: 'TUI key echo, 1M procs + looping realm, median (ms)', ms: percentile(busy, 0.5), peer: 'idle machine', peerMs: percentile(idle, 0.5), ratio: percentile(busy, 0.5) / percentile(idle, 0.5) },
      { name: 'TUI key echo, 1M procs + looping realm, worst (ms)', ms: Math.max(...busy), peer: 'one frame (60/s)', peerMs: 16.7, ratio: Math.max(...busy) / 16.7 },
    ];
  } finally {
    ws.kill();
  }
}
