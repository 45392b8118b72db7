/**
 * Where running machines listen (README "lona serve and lona attach"): a
 * Unix socket each, mode 0600, in a per-user runtime directory of mode
 * 0700: `$XDG_RUNTIME_DIR/lona/`, else `lona-<uid>` in the temp folder
 * (refused if another user made it first). `lona attach --list` probes
 * each socket there; one that no server answers is a leftover and goes.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { LineSplitter, MAX_HOST_LINE } from './json-lines.js';
import type { FromMachine, MachineInfo } from './protocol.js';

/** The per-user runtime directory, made (mode 0700) if missing. */
export function runtimeDir(): string {
  const xdg = process.env.XDG_RUNTIME_DIR;
  const dir = xdg !== undefined && isAbsolute(xdg) && existsSync(xdg) ? join(xdg, 'lona') : join(tmpdir(), `lona-${process.getuid?.() ?? 'user'}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const st = lstatSync(dir);
  if (!st.isDirectory()) throw new Error(`${dir} is not a directory`);
  if (process.getuid !== undefined && st.uid !== process.getuid()) throw new Error(`${dir} belongs to another user: set XDG_RUNTIME_DIR, or --socket PATH`);
  if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return dir;
}

/** The socket a machine of this OS process listens on by default. */
export function defaultSocketPath(kind: MachineInfo['kind']): string {
  return join(runtimeDir(), `${kind}-${process.pid}.sock`);
}

export interface RunningMachine {
  readonly socket: string;
  readonly info: MachineInfo;
}

/** The machines whose sockets are in the runtime directory and whose servers answer, oldest first. */
export async function listMachines(dir = runtimeDir()): Promise<RunningMachine[]> {
  const sockets = readdirSync(dir).filter((f) => f.endsWith('.sock')).map((f) => join(dir, f));
  const found = await Promise.all(sockets.map(async (socket) => ({ socket, info: await probe(socket) })));
  return found.filter((m): m is RunningMachine => m.info !== null).sort((a, b) => a.info.pid - b.info.pid);
}

/** What the server at `socket` says it is (its `ready`), or null; a socket nothing listens on is removed. */
export function probe(socket: string, ms = 3000): Promise<MachineInfo | null> {
  return new Promise((resolve) => {
    const conn = createConnection(socket);
    const done = (info: MachineInfo | null) => {
      clearTimeout(timer);
      conn.destroy();
      resolve(info);
    };
    const timer = setTimeout(() => done(null), ms);
    const lines = new LineSplitter(MAX_HOST_LINE, (line) => {
      try {
        const m = JSON.parse(line) as FromMachine;
        if (m.t === 'ready' && m.machine !== undefined) done(m.machine);
      } catch {
        done(null);
      }
    }, () => done(null));
    conn.on('data', (chunk: Buffer) => lines.push(chunk));
    conn.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED') {
        try {
          if (lstatSync(socket).isSocket()) unlinkSync(socket);
        } catch {
          // gone already
        }
      }
      done(null);
    });
    conn.on('close', () => done(null));
  });
}
