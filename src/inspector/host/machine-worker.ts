/**
 * The workstation's machine in a worker thread (ARCHITECTURE.md "The
 * TUI"): a machine host (machine-host.ts) whose first client is the
 * screen, over the worker's port, spoken to only through the protocol
 * (protocol.ts, PROTOCOL.md "Evaluation"). The screen's session is
 * unnamed, and it gets the machine's own output (live-editing notices,
 * crash reports). The worker also listens for `lona attach` on a socket
 * and, when asked, for editors on an nREPL port (host-services.ts); a
 * `stop` from the screen closes them and ends the worker.
 */
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { MachineHost } from './machine-host.js';
import { startServices, type ServiceOptions, type Services } from './host-services.js';
import type { ToMachine } from '../protocol.js';

const port = parentPort!;

// This thread runs a little nicer than the screen's: when a busy machine and a keystroke want the same
// core, the key is echoed first. (On Linux, setpriority of "process 0" sets the calling thread only.)
try {
  setPriority(0, Math.min(19, getPriority(0) + 5));
} catch {
  // not permitted here: both threads keep the same priority
}

const data = (workerData ?? {}) as { watchDir?: string } & Partial<ServiceOptions>;
const host = MachineHost.boot({ kind: 'workstation', dir: data.watchDir ?? null, onStop: null });
const screen = host.connect((m) => port.postMessage(m), { prefix: null, shared: true, mayStop: false });
let services: Services | null = null;
port.on('message', (m: ToMachine) => {
  if (m.t !== 'stop') return screen.receive(m);
  // The screen quits: the socket and the nREPL port close (their files go), then the worker ends.
  void host.close().finally(() => {
    services?.close();
    process.exit(0);
  });
});
screen.hello();

// Live editing: the tree's files are loaded, then every saved change reloads; notices go to the Listener.
if (data.watchDir !== undefined) host.liveEdit(data.watchDir);
const wanted = { socket: data.socket ?? null, nrepl: data.nrepl ?? null, nreplDir: data.nreplDir ?? null, nreplPort: data.nreplPort };
if (wanted.socket !== null || wanted.nrepl !== null) {
  void startServices(host, wanted).then((started) => {
    services = started;
    // Attaching is said in the README; the nREPL start line is what an editor's user looks for.
    if (started.nrepl !== null) screen.write(`;; ${started.nrepl.startLine}\n`);
  }, (e: Error) => screen.write(`;; ${e.message}\n`));
}
