/**
 * `lona attach`'s way in (README "lona serve and lona attach"): a Unix
 * socket speaking the protocol as JSON lines, each connection a client of
 * the host with a session of its own (`attach-N`). The socket is bound in
 * a private folder beside its path, made mode 0600 there and only then
 * moved into place, so it is never reachable with looser permissions.
 * A line too long, or one that is not a message, gets an `error` back; a
 * client that stops reading its replies is dropped.
 */
import { createServer, type Socket } from 'node:net';
import { chmodSync, lstatSync, mkdtempSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jsonLine, LineSplitter, MAX_CLIENT_LINE } from '../json-lines.js';
import { probe } from '../runtime-dir.js';
import { parseMessage } from './message-check.js';
import type { MachineHost } from './machine-host.js';
import type { FromMachine } from '../protocol.js';

/** Replies a client leaves unread before it is dropped. */
const MAX_UNREAD = 64 * 1024 * 1024;
/** Most clients at once. */
const MAX_CLIENTS = 1024;

export interface SocketServer {
  readonly path: string;
  /** Closes the socket and every connection, and removes the socket file. */
  close(): void;
}

/** Listens at `path` (refused if a machine answers there; a leftover socket file is replaced). */
export async function listenSocket(host: MachineHost, path: string): Promise<SocketServer> {
  await clearPath(path);
  const open = new Set<Socket>();
  const server = createServer((socket) => {
    if (open.size >= MAX_CLIENTS) return void socket.destroy();
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    serve(host, socket);
  });
  const folder = mkdtempSync(join(dirname(path), '.lona-'));
  try {
    const bound = join(folder, 'socket');
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(bound, () => resolve());
    });
    chmodSync(bound, 0o600);
    renameSync(bound, path);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return {
    path,
    close() {
      server.close();
      // What the clients were last told (that the machine stopped) goes out before their sockets close.
      for (const socket of open) {
        socket.end();
        setTimeout(() => socket.destroy(), 1000).unref();
      }
      try {
        unlinkSync(path);
      } catch {
        // gone already
      }
    },
  };
}

async function clearPath(path: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(path).isSocket();
  } catch {
    return;
  }
  if (!isSocket) throw new Error(`${path} exists and is not a socket`);
  if ((await probe(path)) !== null) throw new Error(`a machine already listens at ${path}`);
  try {
    unlinkSync(path);
  } catch {
    // probe removed it
  }
}

function serve(host: MachineHost, socket: Socket): void {
  const post = (m: FromMachine) => {
    if (socket.destroyed) return;
    if (socket.writableLength > MAX_UNREAD) return void socket.destroy();
    socket.write(jsonLine(m));
  };
  const client = host.connect(post, { prefix: 'attach', shared: true, mayStop: true });
  const lines = new LineSplitter(MAX_CLIENT_LINE, (line) => {
    const m = parseMessage(line);
    if (typeof m === 'string') post({ t: 'error', message: m });
    else client.receive(m);
  }, () => post({ t: 'error', message: `a line over ${MAX_CLIENT_LINE} bytes was dropped` }));
  socket.on('data', (chunk: Buffer) => lines.push(chunk));
  socket.on('error', () => undefined);
  socket.on('close', () => client.close());
  client.hello();
}
