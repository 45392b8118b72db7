/**
 * A machine's host in a worker thread (the workstation's; ARCHITECTURE.md
 * "The TUI"): the system, the user's session in the apps realm, live
 * editing, and the inspector bridge, spoken to only through the protocol
 * (protocol.ts, PROTOCOL.md "Evaluation"). Each evaluated form's outcome
 * goes back as data, with the presentations the printer found in it;
 * console output is coalesced into one message per frame so a chatty
 * program cannot flood the screen thread.
 */
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { Kind, List, Sym, type Value } from '../../machine/index.js';
import { printValue } from '../../lonala/index.js';
import { System, Session, OutcomePrinter, promptName, type FormOutcome } from '../../os/index.js';
import { LiveLoader } from '../../os/index.js';
import { InspectorBridge } from './bridge.js';
import { REPLY_LIMITS, toHost } from './host-values.js';
import type { EvalResult, FromMachine, Presentation, PresentationType, ToMachine } from '../protocol.js';

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
const printer = new OutcomePrinter(system, write);
session.onIdleExit = (reason) => printer.idleExit(reason);
const bridge = new InspectorBridge(system);

/** The presentation type of a value printed whole, if it is one. */
function presentationType(x: Value): PresentationType | null {
  if (typeof x !== 'object' || x === null) return null;
  switch (x.kind) {
    case Kind.Pid: return 'pid';
    case Kind.Var: return 'var';
    case Kind.Fn: case Kind.Native: return 'fn';
    case Kind.RealmId: return 'realm';
    case Kind.Opaque: return (x as { type?: unknown }).type === 'cap' ? 'cap' : null;
    default: return null;
  }
}

/** One form's outcome as the protocol carries it (it is also kept in *1 or *e). */
function result(o: FormOutcome, width: number | undefined): EvalResult {
  printer.remember(o);
  const presentations: Presentation[] = [];
  const text = OutcomePrinter.text(o, (x, offset, printed) => {
    const type = presentationType(x);
    if (type !== null) presentations.push({ type, text: printed, offset });
  }, width);
  const value = o.kind === 'value' ? toHost(o.value, { limits: REPLY_LIMITS }) : o.kind === 'exit' ? toHost(o.reason, { limits: REPLY_LIMITS }) : null;
  const kept = o.kind === 'exit' && session.process.extra?.faultFrames != null;
  return kept ? { kind: o.kind, text, value, presentations, evaluator: printValue(session.process.pid) } : { kind: o.kind, text, value, presentations };
}

/** `(frame-value pid frame 'name)`, with the process itself in the form (ToMachine 'frame-value'). */
async function frameValue(id: number, pidText: string, frame: number, name: string | number, width: number | undefined): Promise<void> {
  const named = typeof name === 'number' ? name : Sym.parse(name);
  const form = List.from([FRAME_VALUE, bridge.pidOf(pidText) ?? null, frame, List.from([QUOTE, named])]);
  const o = await session.evalValue(form, `(frame-value ${pidText} ${frame} '${String(name)})`, null);
  const r = result(o, width);
  flush();
  post({ t: 'result', id, result: r });
}
const FRAME_VALUE = Sym.of('frame-value', 'lona.core');
const QUOTE = Sym.of('quote');

/** Evaluates the forms of `text` one by one, as the line REPL does; each outcome follows the output it printed. */
async function evaluate(id: number, text: string, width: number | undefined): Promise<void> {
  await session.evalText(text, {
    keepGoing: true,
    onForm: (o) => {
      const r = result(o, width);
      flush();
      post({ t: 'result', id, result: r });
    },
  });
}

/** The tree's first load (live editing): evaluations wait for it, so what the user types sees every file loaded. */
let loaded: Promise<void> = Promise.resolve();

/** Runs an evaluation after the tree's first load; `eval-done` follows it, whatever happened. */
function evaluation(id: number, run: () => Promise<void>): void {
  void loaded.then(run).catch((e: Error) => write(`** internal error: ${e.message}\n`)).finally(() => {
    flush();
    post({ t: 'eval-done', id, ns: session.ns.name, prompt: promptName(session.ns.name) });
  });
}

port.on('message', (m: ToMachine) => {
  switch (m.t) {
    case 'eval':
      return evaluation(m.id, () => evaluate(m.id, m.text, m.width));
    case 'frame-value':
      return evaluation(m.id, () => frameValue(m.id, m.pid, m.frame, m.name, m.width));
    case 'interrupt':
      session.interrupt();
      return;
    case 'inspect':
      void bridge.request(m.request).then((reply) => post({ t: 'inspect-reply', id: m.id, reply }));
      return;
    case 'line':
      lineWanted.shift()?.(m.text);
      return;
  }
});

post({ t: 'ready', ns: session.ns.name, prompt: promptName(session.ns.name) });

// Live editing: the tree's files are loaded, then every saved change reloads; notices go to the Listener.
const watchDir = (workerData as { watchDir?: string } | null)?.watchDir;
if (watchDir !== undefined) {
  const live = new LiveLoader(system, session.realm, watchDir, (n) => write(`${n.text}\n`));
  loaded = live.loadAll();
  void loaded.then(() => live.watch());
}
