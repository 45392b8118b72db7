/**
 * Starts a machine host in a worker thread (host/machine-worker.ts). Kept
 * apart from the screen's code (Ink, React) so the command line can start
 * the machine booting first and load the screen meanwhile: the two overlap
 * at startup. What the worker says before the screen listens is kept for it.
 * The worker also serves `lona attach` on a socket and editors on an
 * nREPL port; the files those leave (the socket, `.nrepl-port`) are removed
 * when the worker stops, or by this thread when the process exits first.
 */
import { Worker } from 'node:worker_threads';
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Inbox, type MachineLink } from './link.js';
import type { FromMachine, ToMachine } from './protocol.js';

export interface BootingMachine extends MachineLink {
  readonly worker: Worker;
}

/** What the worker serves besides its screen. */
export interface WorkerServices {
  /** The socket `lona attach` reaches it at (null: none). */
  socket: string | null;
  /** The nREPL port to listen on (0: any free one; null: no nREPL server). */
  nrepl: number | null;
}

/** The worker's script: beside the bundle (dist/lona-worker.mjs) or the compiled module (dist/inspector/host/machine-worker.js). */
function workerUrl(): URL {
  return import.meta.url.endsWith('.mjs') ? new URL('./lona-worker.mjs', import.meta.url) : new URL('./host/machine-worker.js', import.meta.url);
}

/** How long a stopping worker may take to close its services before it is terminated. */
const STOP_MS = 2000;

/** A machine worker live-editing `dir`. */
export function startMachine(dir: string, services: WorkerServices = { socket: null, nrepl: null }): BootingMachine {
  // Node's default young generation (16 MB semi-spaces), not the larger one bin/lona's #! line sets for the
  // whole process, which a worker would inherit: its scavenges, while a million processes are spawned, take
  // both cores long enough to delay keystroke echo (p99 19-37 ms against 10-14). A worker's isolate reads the
  // flag when it is created.
  setFlagsFromString('--max-semi-space-size=16');
  // The worker writes the nREPL port it listens on here, so this thread can remove its .nrepl-port on a sudden exit.
  const nreplPort = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(workerUrl(), { workerData: { watchDir: dir, socket: services.socket, nrepl: services.nrepl, nreplDir: dir, nreplPort } });
  const inbox = new Inbox();
  const leftovers = () => removeLeftovers(services.socket, dir, Atomics.load(nreplPort, 0));
  process.once('exit', leftovers);
  worker.on('message', (m: FromMachine) => inbox.deliver(m));
  worker.on('error', (e) => inbox.break(e.message));
  worker.on('exit', () => {
    process.off('exit', leftovers);
    leftovers();
    inbox.break('the machine worker ended');
  });
  return {
    worker,
    detaches: false,
    send: (m: ToMachine) => worker.postMessage(m),
    listen: (listener) => inbox.listen(listener),
    onBreak: (handler) => inbox.onBreak(handler),
    async close() {
      inbox.closing = true;
      // The worker closes its socket and nREPL port and ends; one that does not in time is terminated.
      const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ t: 'stop' } satisfies ToMachine);
      const timer = setTimeout(() => void worker.terminate(), STOP_MS);
      await ended;
      clearTimeout(timer);
    },
  };
}

/** Removes the worker's socket and its `.nrepl-port` (if it still names the worker's port). */
function removeLeftovers(socket: string | null, dir: string, port: number): void {
  const remove = (path: string) => {
    try {
      unlinkSync(path);
    } catch {
      // gone already
    }
  };
  if (socket !== null) remove(socket);
  if (port === 0) return;
  const file = join(dir, '.nrepl-port');
  try {
    if (readFileSync(file, 'utf8').trim() === String(port)) remove(file);
  } catch {
    // none
  }
}
