/**
 * A real `lona serve` for the tests: started in a folder of its own with a
 * private runtime directory (XDG_RUNTIME_DIR), so its socket never meets a
 * user's machines; the start lines it prints tell its socket and nREPL port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './cli.js';

export interface Served {
  readonly proc: ChildProcess;
  /** The folder it live-edits (its working directory). */
  readonly dir: string;
  readonly socket: string;
  readonly nreplPort: number | null;
  /** What it printed so far. */
  stdout(): string;
  /** The environment that makes `lona attach` find it (the same runtime directory). */
  readonly env: NodeJS.ProcessEnv;
  /** Its exit status, once it exits. */
  readonly exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

export async function startServe(args: string[] = [], dir = mkdtempSync(join(tmpdir(), 'lona-serve-'))): Promise<Served> {
  const runtime = mkdtempSync(join(tmpdir(), 'lona-run-'));
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, XDG_RUNTIME_DIR: runtime };
  const proc = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  proc.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const end = Date.now() + 30_000;
  const wantNrepl = args.includes('--nrepl');
  while (!(/lona attach --socket \S+/.test(out) && (!wantNrepl || /nREPL server started on port \d+/.test(out)))) {
    if (Date.now() > end || proc.exitCode !== null) throw new Error(`lona serve did not start:\n${out}\n${err}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const socket = /lona attach --socket (\S+)/.exec(out)![1];
  const port = /nREPL server started on port (\d+)/.exec(out);
  return {
    proc, dir, socket, env, exited,
    nreplPort: port === null ? null : Number(port[1]),
    stdout: () => out,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}
