/**
 * A client's link to a machine over its Unix socket (`lona attach`;
 * PROTOCOL.md "Transports"): the protocol's messages as JSON lines.
 * Closing it detaches: the machine keeps running.
 */
import { createConnection, type Socket } from 'node:net';
import { jsonLine, LineSplitter, MAX_HOST_LINE } from './json-lines.js';
import { Inbox, type MachineLink } from './link.js';
import type { FromMachine, ToMachine } from './protocol.js';

/** Connects to the machine listening at `path`. */
export function connectSocket(path: string): Promise<MachineLink> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    socket.once('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code === 'ENOENT' || e.code === 'ECONNREFUSED' ? `no machine listens at ${path}` : `${path}: ${e.message}`)));
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(new SocketLink(socket));
    });
  });
}

class SocketLink implements MachineLink {
  private readonly inbox = new Inbox();
  readonly detaches = true;

  constructor(private readonly socket: Socket) {
    const lines = new LineSplitter(MAX_HOST_LINE, (line) => {
      let m: FromMachine;
      try {
        m = JSON.parse(line) as FromMachine;
      } catch {
        return this.inbox.break('the machine sent a line that is not JSON');
      }
      this.inbox.deliver(m);
    }, () => this.inbox.break('the machine sent a line too long to take'));
    socket.on('data', (chunk: Buffer) => lines.push(chunk));
    socket.on('error', (e) => this.inbox.break(e.message));
    socket.on('close', () => this.inbox.break('the connection to the machine closed'));
  }

  send(m: ToMachine): void {
    if (!this.socket.destroyed) this.socket.write(jsonLine(m));
  }

  listen(listener: (m: FromMachine) => void): void {
    this.inbox.listen(listener);
  }

  onBreak(handler: (message: string) => void): void {
    this.inbox.onBreak(handler);
  }

  close(): Promise<void> {
    this.inbox.closing = true;
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 1000).unref();
    });
  }
}
