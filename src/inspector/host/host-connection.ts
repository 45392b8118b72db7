/**
 * One client of a machine host (machine-host.ts): the workstation's screen
 * over the worker's port, an attached terminal over a socket, an nREPL
 * session. It speaks the protocol (protocol.ts, PROTOCOL.md "Evaluation"):
 * messages in through `receive`, out through `post`. Its session is its
 * own evaluator process in the session realm, made when it first
 * evaluates and registered under its name (`attach-1`) so the Processes
 * pane shows it; what that evaluator and the processes it spawns print
 * comes to this client (os/session-console.ts), coalesced into one
 * message a frame, always ahead of the result it came before; their
 * read-line asks this client (`want-line`). Its evaluations run one after
 * another. Closing ends its evaluator and nothing else.
 */
import { Keyword, List, PMap, Sym, Tuple } from '../../machine/index.js';
import { Session, OutcomePrinter, promptName, routeConsole, loadText, type FormOutcome } from '../../os/index.js';
import { evalResult } from './eval-result.js';
import type { MachineHost } from './machine-host.js';
import type { FromMachine, ToMachine } from '../protocol.js';

const FRAME_MS = 16;
/** Most characters of one output message. */
const OUTPUT_PIECE = 1 << 20;
const NORMAL = Keyword.of('normal');
const QUOTE = Sym.of('quote');
const FRAME_VALUE = Sym.of('frame-value', 'lona.core');
const FIND_NS = Sym.of('find-ns', 'lona.core');
const IN_NS = Sym.of('in-ns', 'lona.core');

export class HostConnection {
  /** Its session evaluator's registered name, once it has a session (null: unnamed, the workstation's own). */
  name: string | null = null;
  private session: Session | null = null;
  private printer: OutcomePrinter | null = null;
  private queue: Promise<void> = Promise.resolve();
  private pending = '';
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly linesWanted: ((line: string | null) => void)[] = [];
  /** An evaluation is in progress; `stopping`: an interrupt ended it, its other forms do not run. */
  private running = false;
  private stopping = false;
  private closed = false;

  /**
   * `prefix`: its session evaluator is named prefix-n (null: unnamed);
   * `mayStop`: it may stop the machine.
   */
  constructor(private readonly host: MachineHost, private readonly prefix: string | null, readonly mayStop: boolean,
    private readonly post: (m: FromMachine) => void) {}

  /** The first message a client gets: the machine is up, and which machine it is. */
  hello(): void {
    const ns = this.session?.ns.name ?? this.host.system.user.name;
    this.post({ t: 'ready', ns, prompt: promptName(ns), machine: this.host.info(this) });
  }

  receive(m: ToMachine): void {
    if (this.closed) return;
    switch (m.t) {
      case 'eval': return this.evaluation(m.id, (s, p) => this.evaluate(m.id, s, p, m));
      case 'load': return this.evaluation(m.id, (s, p) => this.load(m.id, s, p, m.text, m.file, m.width));
      case 'frame-value': return this.evaluation(m.id, (s, p) => this.frameValue(m.id, s, p, m.pid, m.frame, m.name, m.width));
      case 'interrupt':
        if (this.running) {
          this.stopping = true;
          this.session?.interrupt();
        }
        return;
      case 'inspect':
        void this.host.bridge.request(m.request).then((reply) => { if (!this.closed) this.post({ t: 'inspect-reply', id: m.id, reply }); });
        return;
      case 'line':
        this.linesWanted.shift()?.(m.text);
        return;
      case 'stop':
        if (!this.host.stop(this)) this.post({ t: 'error', message: 'this client may not stop the machine (a workstation stops when its screen quits)' });
        return;
    }
  }

  /** Console output for this client, sent at most once a frame. */
  write(text: string): void {
    if (this.closed) return;
    this.pending += text;
    this.flushTimer ??= setTimeout(() => this.flush(), FRAME_MS);
  }

  /** A program waits in read-line: the client's next `line` is its input. */
  readLine(deliver: (line: string | null) => void): void {
    if (this.closed) return deliver(null);
    this.linesWanted.push(deliver);
    this.flush();
    this.post({ t: 'want-line' });
  }

  /** Sends the output kept so far (before a result, so output comes first). */
  flush(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pending === '' || this.closed) return;
    const text = this.pending;
    this.pending = '';
    // In pieces a client's line limit never meets (a piece never splits a surrogate pair).
    for (let at = 0; at < text.length;) {
      let end = Math.min(text.length, at + OUTPUT_PIECE);
      if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1])) end--;
      this.post({ t: 'output', text: text.slice(at, end) });
      at = end;
    }
  }

  /** The client went away: its evaluator ends (processes it started go on); nothing more is sent. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.host.forget(this);
    for (const deliver of this.linesWanted.splice(0)) deliver(null);
    if (this.session !== null) this.session.onIdleExit = null;
    this.endEvaluator();
  }

  /** The machine stops: the client is told why, then closed. */
  closeWith(message: string): void {
    if (this.closed) return;
    this.flush();
    this.post({ t: 'fatal', message });
    this.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private endEvaluator(): void {
    const p = this.session?.process;
    if (p !== undefined && p.alive) this.host.system.signals.exit(p, NORMAL);
  }

  /** Makes its session now, rather than at its first evaluation (an nREPL clone is a session at once). */
  open(): void {
    if (!this.closed) this.sessionNow();
  }

  /** Its session, made on first use: an evaluator of its own in the session realm, printing to this client. */
  private sessionNow(): [Session, OutcomePrinter] {
    if (this.session !== null && this.printer !== null) return [this.session, this.printer];
    const system = this.host.system;
    const session = new Session(system, system.user, system.sessionRealm());
    const printer = new OutcomePrinter(system, (t) => this.write(t), () => undefined, session);
    session.onIdleExit = (reason) => {
      printer.idleExit(reason);
      this.named();
    };
    this.name = this.prefix === null ? null : this.host.sessionName(this.prefix);
    routeConsole(session, { write: (t) => this.write(t), readLine: (d) => this.readLine(d) }, this.name ?? 'session');
    this.session = session;
    this.printer = printer;
    this.named();
    return [session, printer];
  }

  /** Its evaluator (a fresh one after an exit) carries its name. */
  private named(): void {
    if (this.name === null || this.session === null || this.closed) return;
    const p = this.session.evaluator();
    if ((p.extra?.name ?? null) === null) this.host.system.register(Sym.of(this.name), p);
  }

  /** Runs an evaluation after those asked for before it (and the tree's first load); `eval-done` follows it, whatever happened. */
  private evaluation(id: number, run: (session: Session, printer: OutcomePrinter) => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      await this.host.loaded;
      if (this.closed) return;
      const [session, printer] = this.sessionNow();
      this.running = true;
      this.stopping = false;
      try {
        await run(session, printer);
      } catch (e) {
        this.write(`** internal error: ${(e as Error).message}\n`);
      } finally {
        this.running = false;
        if (this.closed) this.endEvaluator(); // a fresh evaluator may have taken over meanwhile
        this.named();
        this.flush();
        if (!this.closed) this.post({ t: 'eval-done', id, ns: session.ns.name, prompt: promptName(session.ns.name) });
      }
    });
  }

  private send(id: number, session: Session, printer: OutcomePrinter, o: FormOutcome, width: number | undefined, text?: string): void {
    const result = evalResult(o, session, printer, width, text);
    this.flush();
    if (!this.closed) this.post({ t: 'result', id, result, ns: session.ns.name });
  }

  /** The forms of the text one by one, as the line REPL does; each outcome follows the output it printed. */
  private async evaluate(id: number, session: Session, printer: OutcomePrinter, m: { text: string; width?: number; ns?: string; file?: string; line?: number; stop?: boolean }): Promise<void> {
    const before = session.ns.name;
    if (m.ns !== undefined && m.ns !== session.ns.name && !(await this.enter(session, m.ns))) {
      const reason = new Tuple([Keyword.of('error'), Keyword.of('namespace-not-found'), PMap.fromFlat([Keyword.of('ns'), m.ns])]);
      this.send(id, session, printer, { kind: 'exit', reason }, m.width);
      return;
    }
    await session.evalText(m.text, {
      keepGoing: true, file: m.file ?? null, line: m.line,
      onForm: (o) => {
        this.send(id, session, printer, o, m.width);
        return !this.stopping && !this.closed && !(m.stop === true && o.kind !== 'value');
      },
    });
    // As nREPL's eval: a namespace asked for is the evaluation's, not the session's from then on.
    if (m.ns !== undefined && session.ns.name !== before && !this.closed) await this.enter(session, before);
  }

  /** Switches the session to namespace `ns` if it exists (as nREPL's eval with :ns); false if it does not. */
  private async enter(session: Session, ns: string): Promise<boolean> {
    const name = List.of(QUOTE, Sym.of(ns));
    const form = List.of(Sym.of('if'), List.of(FIND_NS, name), List.of(Sym.of('do'), List.of(IN_NS, name), true), false);
    const o = await session.evalValue(form, null, null);
    return o.kind === 'value' && o.value === true;
  }

  /** Loads the text as one namespace transaction: its last value, or where it failed and that nothing changed. */
  private async load(id: number, session: Session, printer: OutcomePrinter, text: string, file: string, width: number | undefined): Promise<void> {
    const loaded = await loadText(session, text, file);
    if (loaded.ok) this.send(id, session, printer, { kind: 'value', value: loaded.value }, width);
    else this.send(id, session, printer, { kind: 'exit', reason: loaded.reason }, width, `** ${loaded.text}`);
  }

  /** `(frame-value pid frame 'name)`, with the process itself in the form (ToMachine 'frame-value'). */
  private async frameValue(id: number, session: Session, printer: OutcomePrinter, pidText: string, frame: number, name: string | number, width: number | undefined): Promise<void> {
    const named = typeof name === 'number' ? name : Sym.parse(name);
    const form = List.from([FRAME_VALUE, this.host.bridge.pidOf(pidText) ?? null, frame, List.from([QUOTE, named])]);
    const o = await session.evalValue(form, `(frame-value ${pidText} ${frame} '${String(name)})`, null);
    this.send(id, session, printer, o, width);
  }
}
