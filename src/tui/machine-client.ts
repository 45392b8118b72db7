/**
 * The screen's handle on the machine worker: evaluation, interrupts,
 * console input, and an Inspector (PROTOCOL.md) over the worker's port.
 */
import type { Worker } from 'node:worker_threads';
import type { BootingMachine } from './machine-start.js';
import type { HostRequest } from '../inspector/host-values.js';
import type { Inspector, Reply } from '../inspector/bridge.js';
import type { FromMachine, ToMachine } from './machine-messages.js';

export interface MachineEvents {
  output(text: string): void;
  wantLine(): void;
  fatal(message: string): void;
}

export class MachineClient implements Inspector {
  private nextId = 1;
  private readonly inspections = new Map<number, (r: Reply) => void>();
  private readonly evaluations = new Map<number, (ns: string) => void>();
  readonly ready: Promise<string>;

  private readonly worker: Worker;

  constructor(machine: BootingMachine, events: MachineEvents) {
    this.worker = machine.worker;
    let started: (ns: string) => void;
    this.ready = new Promise((resolve) => { started = resolve; });
    machine.listen((m: FromMachine) => {
      switch (m.t) {
        case 'ready': return started(m.ns);
        case 'output': return events.output(m.text);
        case 'eval-done': return this.settle(this.evaluations, m.id, m.ns);
        case 'inspect-reply': return this.settle(this.inspections, m.id, m.reply);
        case 'want-line': return events.wantLine();
        case 'fatal': return events.fatal(m.message);
      }
    });
    this.worker.on('error', (e) => events.fatal(e.message));
  }

  /** Evaluates REPL input; resolves with the namespace the session is in afterwards. */
  evaluate(text: string): Promise<string> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.evaluations.set(id, resolve);
      this.send({ t: 'eval', id, text });
    });
  }

  request(request: HostRequest): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.inspections.set(id, resolve);
      this.send({ t: 'inspect', id, request });
    });
  }

  /** Starts (or stops) printing the messages `pid` receives in the Listener. */
  trace(pid: string, on: boolean): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.inspections.set(id, resolve);
      this.send({ t: 'trace', id, pid, on });
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
