/**
 * Connecting to a running machine (`lona bench --only=connect`): the round
 * trip of evaluating `(+ 1 2)` from an editor (nREPL, bencode over TCP)
 * and from `lona attach` (the protocol as JSON lines over the Unix
 * socket), against a real `lona serve` in another process, median and
 * 99th percentile; beside each, the same round trip of a bare Node echo
 * server over the same kind of socket (what the transport alone costs).
 * The target: under 5 ms median. And how soon an nREPL `interrupt` ends a
 * runaway evaluation's request (the target: within a second).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../os/index.js';
import { connectSocket, MachineClient } from '../inspector/index.js';
import { BencodeDecoder, bencode as encode } from '../inspector/host/index.js';
import { median, percentile, type BenchResult } from './measure.js';

const TRIPS = 500;
const WARMUP = 50;

/** A round trip `trip` timed TRIPS times after WARMUP: [median, p99] in ms. */
async function time(trip: () => Promise<void>): Promise<[number, number]> {
  for (let i = 0; i < WARMUP; i++) await trip();
  const ms: number[] = [];
  for (let i = 0; i < TRIPS; i++) {
    const t0 = performance.now();
    await trip();
    ms.push(performance.now() - t0);
  }
  return [median(ms), percentile(ms, 0.99)];
}

/** Starts a process and waits until its stdout matches `ready`; its output so far. */
async function started(child: ChildProcess, ready: RegExp): Promise<string> {
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  const until = Date.now() + 60_000;
  while (!ready.test(out)) {
    if (Date.now() > until || child.exitCode !== null) throw new Error(`connect bench: did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return out;
}

/** An nREPL client: `send` sends a request; its id, and a promise of the reply that says it is done. */
async function nreplClient(port: number): Promise<{ send: (msg: Record<string, unknown>) => { id: string; done: Promise<void> }; close: () => void }> {
  const socket = createConnection(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  socket.setNoDelay(true);
  const waiting = new Map<string, () => void>();
  const decoder = new BencodeDecoder({ maxMessage: 1 << 20, maxDepth: 16 }, (m) => {
    const { id, status } = m as { id?: string; status?: string[] };
    if (id !== undefined && status?.includes('done')) waiting.get(id)?.();
  }, (why) => { throw new Error(`connect bench: ${why}`); });
  socket.on('data', (chunk: Buffer) => decoder.push(chunk));
  let n = 0;
  const send = (msg: Record<string, unknown>) => {
    const id = String(++n);
    const done = new Promise<void>((resolve) => waiting.set(id, resolve));
    socket.write(encode({ ...msg, id }));
    return { id, done };
  };
  return { send, close: () => socket.destroy() };
}

/** `(+ 1 2)` over nREPL: a trip ends at the reply whose status has done. */
async function nreplTrip(port: number): Promise<[() => Promise<void>, () => void]> {
  const { send, close } = await nreplClient(port);
  return [() => send({ op: 'eval', code: '(+ 1 2)' }).done, close];
}

/** How long after an interrupt a runaway evaluation's request is done (median of a few). */
async function nreplInterrupt(port: number): Promise<number> {
  const { send, close } = await nreplClient(port);
  await send({ op: 'eval', code: '(defn spin [] (spin))' }).done;
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const spin = send({ op: 'eval', code: '(spin)' });
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    send({ op: 'interrupt', 'interrupt-id': spin.id });
    await spin.done;
    ms.push(performance.now() - t0);
  }
  close();
  return median(ms);
}

/** A bare echo server in another Node process, over TCP or a Unix socket: a trip ends at the echo. */
async function echoTrip(where: { port: number } | { path: string }): Promise<[() => Promise<void>, () => void]> {
  const socket = 'port' in where ? createConnection(where.port, '127.0.0.1') : createConnection(where.path);
  await new Promise((r) => socket.once('connect', r));
  socket.setNoDelay(true);
  let done: (() => void) | null = null;
  socket.on('data', () => done?.());
  const trip = () => new Promise<void>((resolve) => {
    done = resolve;
    socket.write('{"t":"eval","id":1,"text":"(+ 1 2)"}\n');
  });
  return [trip, () => socket.destroy()];
}

const ECHO = `const net = require('node:net'); const s = net.createServer((c) => { c.setNoDelay?.(true); c.on('data', (d) => c.write(d)); });
const at = process.argv[1]; s.listen(/^\\d+$/.test(at) ? { port: Number(at), host: '127.0.0.1' } : at, () => console.log('listening ' + JSON.stringify(s.address())));`;

export async function benchConnect(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lona-bench-connect-'));
  const socketPath = join(dir, 'serve.sock');
  const serve = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'lona'), 'serve', '--socket', socketPath, '--nrepl'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const tcpEcho = spawn(process.execPath, ['-e', ECHO, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const unixEcho = spawn(process.execPath, ['-e', ECHO, join(dir, 'echo.sock')], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const out = await started(serve, /nREPL server started on port \d+/);
    const port = Number(/on port (\d+)/.exec(out)![1]);
    const echoPort = Number(/"port":(\d+)/.exec(await started(tcpEcho, /listening/))![1]);
    await started(unixEcho, /listening/);

    const interruptMs = await nreplInterrupt(port);
    const [nrepl, closeNrepl] = await nreplTrip(port);
    const [nreplMs, nreplP99] = await time(nrepl);
    closeNrepl();
    const [tcp, closeTcp] = await echoTrip({ port: echoPort });
    const [tcpMs, tcpP99] = await time(tcp);
    closeTcp();

    const client = new MachineClient(await connectSocket(socketPath), { output: () => undefined, wantLine: () => undefined, fatal: () => undefined });
    await client.ready;
    const [attachMs, attachP99] = await time(async () => { await client.evaluate('(+ 1 2)', () => undefined); });
    await client.stop();
    const [unix, closeUnix] = await echoTrip({ path: join(dir, 'echo.sock') });
    const [unixMs, unixP99] = await time(unix);
    closeUnix();

    const row = (name: string, ms: number, peer: string, peerMs: number): BenchResult => ({ name, ms, peer, peerMs, ratio: ms / peerMs });
    return [
      row('nREPL eval (+ 1 2) median', nreplMs, 'TCP echo (Node)', tcpMs),
      row('nREPL eval (+ 1 2) p99', nreplP99, 'TCP echo (Node)', tcpP99),
      row('attach eval (+ 1 2) median', attachMs, 'Unix echo (Node)', unixMs),
      row('attach eval (+ 1 2) p99', attachP99, 'Unix echo (Node)', unixP99),
      row('nREPL interrupt to done, median', interruptMs, 'target 1000 ms', 1000),
    ];
  } finally {
    for (const p of [serve, tcpEcho, unixEcho]) p.kill('SIGTERM');
    await new Promise((r) => serve.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
