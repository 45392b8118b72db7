/**
 * `lona attach [--socket PATH]` (README "lona serve and lona attach"): the
 * workstation on a running machine (a `lona serve` or another workstation)
 * over its Unix socket, or, without a terminal, the line REPL; `-e`
 * evaluates once and exits with `lona -e`'s status rules; `--list` shows
 * the running machines; `--stop` stops a served one. Leaving (Ctrl-D, `q`,
 * the end of input) detaches: the machine keeps running.
 */
import { createInterface, type Interface } from 'node:readline';
import { connectSocket, listMachines, MachineClient, type EvalResult, type MachineLink, type RunningMachine } from '../inspector/index.js';
import { remoteRepl } from './remote-repl.js';
import type { Options } from './options.js';

export async function attach(opts: Options, openWorkstation: (link: MachineLink) => Promise<number>): Promise<number> {
  if (opts.list) return list();
  let link: MachineLink;
  try {
    link = await connectSocket(opts.socket ?? await chooseMachine());
  } catch (e) {
    process.stderr.write(`lona attach: ${(e as Error).message}\n`);
    return 2;
  }
  if (opts.stop) return stopMachine(link);
  if (opts.expression !== null) return evalOnce(link, opts.expression);
  if (process.stdin.isTTY === true && process.stdout.isTTY === true) return openWorkstation(link);
  return remoteRepl(link);
}

/** `--list`: one line per running machine (socket, kind, pid, directory). */
async function list(): Promise<number> {
  const machines = await listMachines();
  if (machines.length === 0) process.stdout.write('no running machines\n');
  for (const m of machines) process.stdout.write(`${m.socket}  ${m.info.kind} ${m.info.pid}  ${m.info.dir}\n`);
  return 0;
}

/** The machine to attach to without --socket: the only one running, or the only one live-editing this directory. */
async function chooseMachine(): Promise<string> {
  const machines = await listMachines();
  if (machines.length === 1) return machines[0].socket;
  const here = machines.filter((m) => m.info.dir === process.cwd());
  if (here.length === 1) return here[0].socket;
  if (machines.length === 0) throw new Error('no running machine (start one with lona serve, or name one with --socket PATH)');
  throw new Error(`several machines run; name one with --socket PATH:\n${machines.map((m: RunningMachine) => `  ${m.socket}  ${m.info.kind} ${m.info.pid}  ${m.info.dir}`).join('\n')}`);
}

async function stopMachine(link: MachineLink): Promise<number> {
  let stopped: () => void = () => undefined;
  const gone = new Promise<void>((done) => { stopped = done; });
  const client = new MachineClient(link, { output: () => undefined, wantLine: () => undefined, fatal: () => stopped() });
  const ready = await client.ready;
  if (ready.machine?.mayStop !== true) {
    process.stderr.write(`lona attach: this machine (${ready.machine?.kind ?? 'unknown'}) does not stop on request${ready.machine?.kind === 'workstation' ? ': quit its screen' : ''}\n`);
    await client.stop();
    return 1;
  }
  client.stopMachine();
  await gone;
  return 0;
}

/**
 * `-e`: evaluates the text (not past a form that fails), output as it
 * comes; the last value on stdout, or the failure on stderr with status 1.
 */
async function evalOnce(link: MachineLink, text: string): Promise<number> {
  let input: Interface | null = null;
  let lines: AsyncIterator<string> | null = null;
  let broken: string | null = null;
  let lost: () => void = () => undefined;
  const linkLost = new Promise<void>((done) => { lost = done; });
  const client = new MachineClient(link, {
    output: (t) => void process.stdout.write(t),
    wantLine: () => {
      input ??= createInterface({ input: process.stdin, terminal: false });
      lines ??= input[Symbol.asyncIterator]();
      void lines.next().then((r) => client.line(r.done === true ? null : r.value));
    },
    fatal: (message) => {
      broken = message;
      lost();
    },
  });
  let last: EvalResult | null = null;
  await Promise.race([client.ready.then(() => client.evaluate(text, (r) => { last = r; }, undefined, { stop: true })), linkLost]);
  await client.stop();
  (input as Interface | null)?.close();
  if (broken !== null) {
    process.stderr.write(`lona attach: ${broken}\n`);
    return 70;
  }
  const final = last as EvalResult | null;
  if (final === null) return 0;
  if (final.kind !== 'value') {
    process.stderr.write(`${final.text}\n`);
    return 1;
  }
  process.stdout.write(`${final.text}\n`);
  return 0;
}
