/**
 * The nREPL server (README "The nREPL server"): bencode over TCP, bound to
 * 127.0.0.1 only, for CIDER, Calva, Conjure, vim-fireplace and any nREPL
 * client. It writes `.nrepl-port` in the working directory (removed when
 * it stops, if it still names this server's port) and announces itself
 * with nREPL's standard start line, which CIDER parses.
 */
import { createServer, type Socket } from 'node:net';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NreplConnection } from './connection.js';
import { NreplTools } from './tools.js';
import type { MachineHost } from '../machine-host.js';

/** The only address the server listens on. */
export const NREPL_HOST = '127.0.0.1';
/** Most connections open at once; more are closed as they come. */
const MAX_CONNECTIONS = 4096;

export interface NreplServer {
  readonly port: number;
  /** `nREPL server started on port N on host 127.0.0.1 - nrepl://127.0.0.1:N`. */
  readonly startLine: string;
  /** Closes the port and every connection (their sessions end), and removes `.nrepl-port`. */
  close(): void;
}

/** Listens on `port` (0: any free one); `dir`: where `.nrepl-port` goes (null: nowhere). */
export async function startNrepl(host: MachineHost, port: number, dir: string | null): Promise<NreplServer> {
  const tools = new NreplTools(host.system);
  const open = new Set<Socket>();
  const server = createServer((socket) => {
    if (open.size >= MAX_CONNECTIONS) return void socket.destroy();
    open.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => open.delete(socket));
    new NreplConnection(host, tools, socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new Error(`the nREPL server cannot listen on ${NREPL_HOST}:${port}: ${e.code ?? e.message}`)));
    server.listen(port, NREPL_HOST, () => resolve());
  });
  const actual = (server.address() as { port: number }).port;
  const portFile = dir === null ? null : join(dir, '.nrepl-port');
  if (portFile !== null) {
    try {
      writeFileSync(portFile, String(actual));
    } catch {
      // a read-only directory: editors are told the port by the start line
    }
  }
  return {
    port: actual,
    startLine: `nREPL server started on port ${actual} on host ${NREPL_HOST} - nrepl://${NREPL_HOST}:${actual}`,
    close() {
      server.close();
      for (const socket of open) socket.destroy();
      if (portFile === null) return;
      try {
        if (readFileSync(portFile, 'utf8').trim() === String(actual)) unlinkSync(portFile);
      } catch {
        // gone already
      }
    },
  };
}
