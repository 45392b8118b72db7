/**
 * A client's transport to a machine host: a worker's port
 * (machine-start.ts) or a Unix socket (socket-link.ts). Either carries the
 * one message set of protocol.ts; the client (client.ts) does not know
 * which it has.
 */
import type { FromMachine, ToMachine } from './protocol.js';

export interface MachineLink {
  send(m: ToMachine): void;
  /** Hands the host's messages to `listener`, those already received first. */
  listen(listener: (m: FromMachine) => void): void;
  /** `handler` is told once if the link breaks (the host stopped or went away); not after `close`. */
  onBreak(handler: (message: string) => void): void;
  /** Ends the link: the workstation's worker stops with it; a socket's machine keeps running. */
  close(): Promise<void>;
  /** Whether ending the link only detaches (the machine keeps running: lona attach), so quitting need not ask. */
  readonly detaches: boolean;
}

/** Keeps messages until a listener takes them, and one break handler (shared by the links). */
export class Inbox {
  private readonly early: FromMachine[] = [];
  private listener: ((m: FromMachine) => void) | null = null;
  private breakHandler: ((message: string) => void) | null = null;
  private broken: string | null = null;
  closing = false;

  deliver(m: FromMachine): void {
    if (this.closing) return; // leaving: what the host says now (that it stops) is not news
    if (this.listener === null) this.early.push(m);
    else this.listener(m);
  }

  listen(listener: (m: FromMachine) => void): void {
    this.listener = listener;
    for (const m of this.early.splice(0)) listener(m);
  }

  onBreak(handler: (message: string) => void): void {
    this.breakHandler = handler;
    if (this.broken !== null) handler(this.broken);
  }

  /** The link broke (unless it is being closed): told once. */
  break(message: string): void {
    if (this.closing || this.broken !== null) return;
    this.broken = message;
    this.breakHandler?.(message);
  }
}
