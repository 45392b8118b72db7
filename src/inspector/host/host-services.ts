/**
 * What a machine host serves besides its first client: the socket `lona
 * attach` connects to, and the nREPL port editors connect to. Started by
 * the workstation's worker and by `lona serve`; closing them removes the
 * files they left (the socket, `.nrepl-port`).
 */
import { listenSocket } from './socket-server.js';
import { startNrepl } from './nrepl/server.js';
import type { MachineHost } from './machine-host.js';

export interface ServiceOptions {
  /** The socket to listen at (null: none). */
  socket: string | null;
  /** The nREPL port (0: any free one; null: no nREPL server). */
  nrepl: number | null;
  /** Where `.nrepl-port` goes. */
  nreplDir: string | null;
  /** Told the nREPL port once it listens (the workstation's screen thread removes its .nrepl-port if the process exits first). */
  nreplPort?: Int32Array;
}

export interface Services {
  /** The socket's path (null: none). */
  readonly socket: string | null;
  /** The nREPL port and its start line (null: none). */
  readonly nrepl: { readonly port: number; readonly startLine: string } | null;
  close(): void;
}

export async function startServices(host: MachineHost, opts: ServiceOptions): Promise<Services> {
  const closers: (() => void)[] = [];
  try {
    const socket = opts.socket === null ? null : await listenSocket(host, opts.socket);
    if (socket !== null) closers.push(() => socket.close());
    const nrepl = opts.nrepl === null ? null : await startNrepl(host, opts.nrepl, opts.nreplDir);
    if (nrepl !== null) {
      closers.push(() => nrepl.close());
      if (opts.nreplPort !== undefined) Atomics.store(opts.nreplPort, 0, nrepl.port);
    }
    const nreplInfo = nrepl === null ? null : { port: nrepl.port, startLine: nrepl.startLine };
    return { socket: socket?.path ?? null, nrepl: nreplInfo, close: () => { for (const c of closers.splice(0)) c(); } };
  } catch (e) {
    for (const c of closers) c();
    throw e;
  }
}
