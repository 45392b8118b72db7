/**
 * One nREPL session (README "The nREPL server"): a client of the machine
 * host (host-connection.ts) like an attached terminal, so an evaluator
 * process of its own in the session realm, named `nrepl-N`, with that
 * realm's capabilities; what it and the processes it spawns print comes
 * back as `out` of the request that is running (or ran last). It turns
 * the protocol's messages into nREPL's replies: a `value` with `ns` per
 * form; a fault's text in `err`, then `ex`/`root-ex` with status
 * `eval-error`; `need-input` when a program reads a line and no `stdin`
 * is waiting; `done` when the request's forms are all done. An interrupt
 * kills the running evaluation through the scheduler (Session.interrupt).
 */
import { randomUUID } from 'node:crypto';
import type { MachineHost } from '../machine-host.js';
import type { HostConnection } from '../host-connection.js';
import type { EvalResult, FromMachine, HostValue } from '../../protocol.js';

/** A reply to one request (its id and session are added). */
export type Reply = (fields: Record<string, unknown>) => void;

interface Pending {
  readonly requestId: unknown;
  readonly reply: Reply;
  interrupted: boolean;
  /** The namespace it asked for does not exist (its done says so). */
  missingNs: string | null;
}

export class NreplSession {
  readonly id = randomUUID();
  /** The session's namespace after its last form. */
  ns = 'user';
  private readonly connection: HostConnection;
  private nextId = 1;
  /** Requests sent to the host, oldest first: the first is running, the others wait their turn. */
  private readonly pending = new Map<number, Pending>();
  /** Where output goes while nothing runs: the last request. */
  private last: Reply | null = null;
  private stdin = '';
  private stdinEnded = false;
  /** Lines programs wait for that no stdin has answered yet. */
  private wanted = 0;

  constructor(host: MachineHost) {
    this.connection = host.connect((m) => this.fromHost(m), { prefix: 'nrepl', shared: false, mayStop: false });
    this.connection.open();
  }

  /** Its evaluator's name (nrepl-3). */
  get name(): string | null {
    return this.connection.name;
  }

  eval(requestId: unknown, reply: Reply, code: string, at: { ns?: string; file?: string; line?: number }): void {
    const id = this.track(requestId, reply);
    this.connection.receive({ t: 'eval', id, text: code, ...at });
  }

  load(requestId: unknown, reply: Reply, text: string, file: string): void {
    const id = this.track(requestId, reply);
    this.connection.receive({ t: 'load', id, text, file });
  }

  /** Interrupts the running request (if `interruptId` is given, only when it is that one). */
  interrupt(interruptId: unknown, reply: Reply): void {
    const running = this.pending.values().next();
    if (running.done === true) return reply({ status: ['session-idle', 'done'] });
    if (interruptId !== undefined && String(interruptId) !== String(running.value.requestId)) return reply({ status: ['error', 'interrupt-id-mismatch', 'done'] });
    running.value.interrupted = true;
    this.connection.receive({ t: 'interrupt' });
    reply({ status: ['done'] });
  }

  /** Text typed for programs reading lines (`stdin`); empty text ends the input. */
  input(text: string): void {
    if (text === '') this.stdinEnded = true;
    else this.stdin += text;
    this.answerLines();
  }

  /** The session ends: its evaluator exits (what it spawned goes on). */
  close(): void {
    this.connection.close();
  }

  private track(requestId: unknown, reply: Reply): number {
    const id = this.nextId++;
    this.pending.set(id, { requestId, reply, interrupted: false, missingNs: null });
    return id;
  }

  private fromHost(m: FromMachine): void {
    switch (m.t) {
      case 'output': return this.current()?.({ out: m.text });
      case 'result': return this.result(m.id, m.result, m.ns ?? this.ns);
      case 'eval-done': {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        this.ns = m.ns;
        if (p === undefined) return;
        this.last = p.reply;
        if (p.missingNs !== null) return p.reply({ status: ['error', 'namespace-not-found', 'done'], ns: p.missingNs });
        return p.reply({ status: p.interrupted ? ['interrupted', 'done'] : ['done'] });
      }
      case 'want-line':
        this.wanted++;
        if (!this.answerLines()) this.current()?.({ status: ['need-input'] });
        return;
      default:
        return;
    }
  }

  private result(id: number, r: EvalResult, ns: string): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    this.ns = ns;
    if (r.kind === 'value') return p.reply({ value: r.text, ns });
    if (p.interrupted && r.kind === 'exit') return;
    const kind = faultKind(r);
    if (kind === ':namespace-not-found') {
      p.missingNs = nsOf(r.value);
      return;
    }
    p.reply({ err: `${r.text}\n` });
    p.reply({ ex: kind, 'root-ex': kind, status: ['eval-error'] });
  }

  /** The running request's reply (or the last one's, while nothing runs). */
  private current(): Reply | null {
    const running = this.pending.values().next();
    return running.done === true ? this.last : running.value.reply;
  }

  /** Gives waiting programs the complete lines typed so far (all nil once input ended); whether any waited and got one. */
  private answerLines(): boolean {
    let answered = false;
    while (this.wanted > 0) {
      const nl = this.stdin.indexOf('\n');
      if (nl < 0 && !this.stdinEnded) break;
      // After the end of input, a last line without its newline, then nil.
      const line = nl >= 0 ? this.stdin.slice(0, nl).replace(/\r$/, '') : this.stdin === '' ? null : this.stdin;
      this.stdin = nl >= 0 ? this.stdin.slice(nl + 1) : '';
      this.wanted--;
      answered = true;
      this.connection.receive({ t: 'line', text: line });
    }
    return answered;
  }
}

/** What kind of fault a result is, for `ex`: the kind of an `[:error kind ...]` reason, else the reason or the result's kind. */
function faultKind(r: EvalResult): string {
  if (r.kind === 'read-error' || r.kind === 'compile-error') return r.kind;
  const v = r.value;
  if (Array.isArray(v) && v[0] === ':error' && typeof v[1] === 'string') return v[1];
  return typeof v === 'string' ? v : 'exit';
}

function nsOf(v: HostValue): string {
  const fields = Array.isArray(v) ? v[2] : null;
  return fields !== null && typeof fields === 'object' && !Array.isArray(fields) && typeof fields.ns === 'string' ? fields.ns : '';
}
