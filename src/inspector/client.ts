/**
 * A client's handle on a machine host (protocol.ts, PROTOCOL.md):
 * evaluation with each form's outcome as data, interrupts, console input,
 * and inspector requests, over the host worker's port.
 */
import type { Worker } from 'node:worker_threads';
import type { BootingMachine } from './machine-start.js';
import type { EvalResult, FromMachine, HostRequest, Inspector, Reply, ToMachine } from './protocol.js';

export interface MachineEvents {
  /** Console output of the machine's programs. */
  output(text: string): void;
  /** A program waits in read-line. */
  wantLine(): void;
  fatal(message: string): void;
}

/** What an evaluation calls back with as its forms are done. */
export type OnResult = (result: EvalResult) => void;

export class MachineClient implements Inspector {
  private nextId = 1;
  private readonly inspections = new Map<number, (r: Reply) => void>();
  private readonly evaluations = new Map<number, { onResult: OnResult; done: (after: { ns: string; prompt: string }) => void }>();
  /** The session's namespace and prompt once the machine is up. */
  readonly ready: Promise<{ ns: string; prompt: string }>;

  private readonly worker: Worker;

  constructor(machine: BootingMachine, events: MachineEvents) {
    this.worker = machine.worker;
    let started: (at: { ns: string; prompt: string }) => void;
    this.ready = new Promise((resolve) => { started = resolve; });
    machine.listen((m: FromMachine) => {
      switch (m.t) {
        case 'ready': return started({ ns: m.ns, prompt: m.prompt });
        case 'output': return events.output(m.text);
        case 'result': return this.evaluations.get(m.id)?.onResult(m.result);
        case 'eval-done': {
          const evaluation = this.evaluations.get(m.id);
          this.evaluations.delete(m.id);
          return evaluation?.done({ ns: m.ns, prompt: m.prompt });
        }
        case 'inspect-reply': return this.settle(this.inspections, m.id, m.reply);
        case 'want-line': return events.wantLine();
        case 'fatal': return events.fatal(m.message);
      }
    });
    this.worker.on('error', (e) => events.fatal(e.message));
  }

  /**
   * Evaluates REPL input, each form's outcome to `onResult` (values pretty
   * printed to `width` columns if given); resolves with the session's
   * namespace and prompt afterwards.
   */
  evaluate(text: string, onResult: OnResult, width?: number): Promise<{ ns: string; prompt: string }> {
    return this.evaluation((id) => ({ t: 'eval', id, text, width }), onResult);
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

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private send(m: ToMachine): void {
    this.worker.postMessage(m);
  }

  private settle<T>(waiting: Map<number, (v: T) => void>, id: number, value: T): void {
    const resolve = waiting.get(id);
    waiting.delete(id);
    resolve?.(value);
  }
}
