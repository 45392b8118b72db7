/**
 * A client's handle on a machine host (protocol.ts, PROTOCOL.md):
 * evaluation with each form's outcome as data, interrupts, console input,
 * and inspector requests, over a link to the host: the workstation
 * worker's port, or a running machine's socket (link.ts).
 */
import type { MachineLink } from './link.js';
import type { EvalResult, FromMachine, HostRequest, Inspector, MachineInfo, Reply, ToMachine } from './protocol.js';

export interface MachineEvents {
  /** Console output of the machine's programs. */
  output(text: string): void;
  /** A program waits in read-line. */
  wantLine(): void;
  /** The machine stopped, or the link to it broke. */
  fatal(message: string): void;
}

/** The session's namespace and prompt once the machine is up, and which machine it is (absent from an old host). */
export interface Ready { ns: string; prompt: string; machine?: MachineInfo }

/** What an evaluation calls back with as its forms are done. */
export type OnResult = (result: EvalResult) => void;

export class MachineClient implements Inspector {
  private nextId = 1;
  private readonly inspections = new Map<number, (r: Reply) => void>();
  private readonly evaluations = new Map<number, { onResult: OnResult; done: (after: { ns: string; prompt: string }) => void }>();
  /** The session's namespace and prompt once the machine is up. */
  readonly ready: Promise<Ready>;

  /** Quitting only detaches from this machine (lona attach): it keeps running. */
  get detaches(): boolean {
    return this.link.detaches;
  }

  constructor(private readonly link: MachineLink, events: MachineEvents) {
    let started: (at: Ready) => void;
    let failed: (e: Error) => void;
    this.ready = new Promise((resolve, reject) => { started = resolve; failed = reject; });
    // Awaited by whoever starts the client; a link that breaks before the machine is up rejects it.
    this.ready.catch(() => undefined);
    link.listen((m: FromMachine) => {
      switch (m.t) {
        case 'ready': return started(m.machine === undefined ? { ns: m.ns, prompt: m.prompt } : { ns: m.ns, prompt: m.prompt, machine: m.machine });
        case 'output': return events.output(m.text);
        case 'result': return this.evaluations.get(m.id)?.onResult(m.result);
        case 'eval-done': {
          const evaluation = this.evaluations.get(m.id);
          this.evaluations.delete(m.id);
          return evaluation?.done({ ns: m.ns, prompt: m.prompt });
        }
        case 'inspect-reply': return this.settle(this.inspections, m.id, m.reply);
        case 'want-line': return events.wantLine();
        case 'error': return events.output(`;; ${m.message}\n`);
        case 'fatal': return events.fatal(m.message);
      }
    });
    link.onBreak((message) => {
      failed(new Error(message));
      events.fatal(message);
    });
  }

  /**
   * Evaluates REPL input, each form's outcome to `onResult` (values pretty
   * printed to `width` columns if given; `stop`: not past a form that
   * fails; `ns`: in that namespace); resolves with the session's namespace
   * and prompt afterwards.
   */
  evaluate(text: string, onResult: OnResult, width?: number, options: { stop?: boolean; ns?: string } = {}): Promise<{ ns: string; prompt: string }> {
    return this.evaluation((id) => ({ t: 'eval', id, text, width, ...options }), onResult);
  }

  /**
   * Evaluates the value of an argument or local (`name`: its name, or an
   * argument's position) in frame `frame` of process `pid` (a printed
   * pid), as an evaluation of `(frame-value pid frame 'name)`: the result
   * is shown and kept in `*1` as any other.
   */
  frameValue(pid: string, frame: number, name: string | number, onResult: OnResult, width?: number): Promise<{ ns: string; prompt: string }> {
    return this.evaluation((id) => ({ t: 'frame-value', id, pid, frame, name, width }), onResult);
  }

  /** Loads `text` as file `file`, one namespace transaction: one result (its last value, or where it failed). */
  load(text: string, file: string, onResult: OnResult): Promise<{ ns: string; prompt: string }> {
    return this.evaluation((id) => ({ t: 'load', id, text, file }), onResult);
  }

  private evaluation(message: (id: number) => ToMachine, onResult: OnResult): Promise<{ ns: string; prompt: string }> {
    const id = this.nextId++;
    return new Promise((done) => {
      this.evaluations.set(id, { onResult, done });
      this.send(message(id));
    });
  }

  request(request: HostRequest): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.inspections.set(id, resolve);
      this.send({ t: 'inspect', id, request });
    });
  }

  interrupt(): void {
    this.send({ t: 'interrupt' });
  }

  /** Gives a line to the program waiting in read-line. */
  line(text: string | null): void {
    this.send({ t: 'line', text });
  }

  /** Asks the machine to stop (a served machine lets its socket's clients; see MachineInfo.mayStop). */
  stopMachine(): void {
    this.send({ t: 'stop' });
  }

  /** Leaves the machine: the workstation's worker stops with its screen; a served machine keeps running. */
  async stop(): Promise<void> {
    await this.link.close();
  }

  private send(m: ToMachine): void {
    this.link.send(m);
  }

  private settle<T>(waiting: Map<number, (v: T) => void>, id: number, value: T): void {
    const resolve = waiting.get(id);
    waiting.delete(id);
    resolve?.(value);
  }
}
