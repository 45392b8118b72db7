/**
 * Starts a machine host in a worker thread (host/machine-worker.ts). Kept
 * apart from the screen's code (Ink, React) so the command line can start
 * the machine booting first and load the screen meanwhile: the two overlap
 * at startup. What the worker says before the screen listens is kept for it.
 */
import { Worker } from 'node:worker_threads';
import type { FromMachine } from './protocol.js';
import { setFlagsFromString } from 'node:v8';

export interface BootingMachine {
  readonly worker: Worker;
  /** Hands the worker's messages to `listener`, those already received first. */
  listen(listener: (m: FromMachine) => void): void;
}

/** The worker's script: beside the bundle (dist/lona-worker.mjs) or the compiled module (dist/inspector/host/machine-worker.js). */
function workerUrl(): URL {
  return import.meta.url.endsWith('.mjs') ? new URL('./lona-worker.mjs', import.meta.url) : new URL('./host/machine-worker.js', import.meta.url);
}

/** A machine worker live-editing `dir`. */
export function startMachine(dir: string): BootingMachine {
  // Node's default young generation (16 MB semi-spaces), not the larger one bin/lona's #! line sets for the
  // whole process, which a worker would inherit: its scavenges, while a million processes are spawned, take
  // both cores long enough to delay keystroke echo (p99 19-37 ms against 10-14). A worker's isolate reads the
  // flag when it is created.
  setFlagsFromString('--max-semi-space-size=16');
  const worker = new Worker(workerUrl(), { workerData: { watchDir: dir } });
  const early: FromMachine[] = [];
  let deliver: (m: FromMachine) => void = (m) => void early.push(m);
  worker.on('message', (m: FromMachine) => deliver(m));
  return {
    worker,
    listen(listener) {
      deliver = listener;
      for (const m of early.splice(0)) listener(m);
    },
  };
}
