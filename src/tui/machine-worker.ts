/**
 * The workstation's machine, in a worker thread (ARCHITECTURE.md "The
 * TUI"): the system, the user's session in the apps realm and the
 * inspector bridge. Evaluations run as at the line REPL (listener.ts
 * prints them); console output is coalesced into one message per frame so
 * a chatty program cannot flood the screen thread.
 */
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { readForms, ReaderError } from '../lonala/index.js';
import { Fn, startCall, type Value } from '../machine/index.js';
import { System, Session, type Process } from '../os/index.js';
import { printValue } from '../lonala/index.js';
import { InspectorBridge } from '../inspector/bridge.js';
import { Listener } from '../cli/listener.js';
import { LiveLoader } from '../os/loader/live-loader.js';
import type { FromMachine, ToMachine } from './machine-messages.js';

const FRAME_MS = 16;
const port = parentPort!;

// This thread runs a little nicer than the screen's: when a busy machine and a keystroke want the same
// core, the key is echoed first. (On Linux, setpriority of "process 0" sets the calling thread only.)
try {
  setPriority(0, Math.min(19, getPriority(0) + 5));
} catch {
  // not permitted here: both threads keep the same priority
}
const post = (m: FromMachine) => port.postMessage(m);

let pending = '';
let flushTimer: NodeJS.Timeout | null = null;
function write(text: string): void {
  pending += text;
  flushTimer ??= setTimeout(flush, FRAME_MS);
}
function flush(): void {
  if (flushTimer !== null) clearTimeout(flushTimer);
  flushTimer = null;
  if (pending === '') return;
  post({ t: 'output', text: pending });
  pending = '';
}

const lineWanted: ((line: string | null) => void)[] = [];
const system = System.boot({
  write,
  report: write,
  readLine: (deliver) => {
    lineWanted.push(deliver);
    post({ t: 'want-line' });
  },
});
const session = new Session(system, system.user, system.sessionRealm());
const listener = new Listener(system, write);
session.onIdleExit = (reason) => listener.idleExit(reason);
const bridge = new InspectorBridge(system);

/** The session's trace printer (lona.core/trace-printer), started on first use. */
let printer: Process | null = null;
function tracePrinter(): string {
  if (printer === null || !printer.alive) {
    printer = system.spawnProcess(null, undefined, session.realm);
    startCall(printer, system.core.lookup('trace-printer')!.root as Fn, [] as Value[]);
    system.scheduler.enqueue(printer);
  }
  return printValue(printer.pid);
}

/** Evaluates the forms of `text` one by one, printing each outcome as the REPL does. */
async function evaluate(text: string): Promise<void> {
  const reader = readForms(text, session.readOptions(null));
  for (let f = reader.next(); f !== null; f = reader.next()) {
    if (f instanceof ReaderError) return listener.readError(f);
    listener.show(await session.evalValue(f.form, text.slice(f.start, f.end), null, f.line, f.column));
  }
}

/** The tree's first load (live editing): evaluations wait for it, so what the user types sees every file loaded. */
let loaded: Promise<void> = Promise.resolve();

port.on('message', (m: ToMachine) => {
  switch (m.t) {
    case 'eval':
      void loaded.then(() => evaluate(m.text)).catch((e: Error) => write(`** internal error: ${e.message}\n`)).finally(() => {
        flush();
        post({ t: 'eval-done', id: m.id, ns: session.ns.name });
      });
      return;
    case 'interrupt':
      session.interrupt();
      return;
    case 'inspect':
      void bridge.request(m.request).then((reply) => post({ t: 'inspect-reply', id: m.id, reply }));
      return;
    case 'trace': {
      const request = m.on ? { op: 'trace', pid: m.pid, to: tracePrinter() } : { op: 'untrace', pid: m.pid };
      void bridge.request(request).then((reply) => post({ t: 'inspect-reply', id: m.id, reply }));
      return;
    }
    case 'line':
      lineWanted.shift()?.(m.text);
      return;
  }
});

post({ t: 'ready', ns: session.ns.name });

// Live editing: the tree's files are loaded, then every saved change reloads; notices go to the Listener.
const watchDir = (workerData as { watchDir?: string } | null)?.watchDir;
if (watchDir !== undefined) {
  const live = new LiveLoader(system, session.realm, watchDir, (n) => write(`${n.text}\n`));
  loaded = live.loadAll();
  void loaded.then(() => live.watch());
}
