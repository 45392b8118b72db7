/**
 * `lona serve [--socket PATH] [--nrepl [PORT]]` (README "lona serve and
 * lona attach"): a machine with no screen that keeps running, with the
 * processes, realms and live editing of the current directory a
 * workstation has, for `lona attach` (a Unix socket, mode 0600, in the
 * per-user runtime directory unless --socket names one) and editors (nREPL
 * on 127.0.0.1). Its own console (notices, crash reports, what processes
 * of no client print) goes to stdout and to attached clients. It stops on
 * SIGTERM, SIGINT or SIGHUP, or when a client of its socket asks (`lona
 * attach --stop`), removing its socket and `.nrepl-port`.
 */
import { resolve } from 'node:path';
import { defaultSocketPath } from '../inspector/index.js';
import { MachineHost, startServices, type Services } from '../inspector/host/index.js';
import type { Options } from './options.js';

export async function serve(opts: Options): Promise<number> {
  const dir = process.cwd();
  let stop: (why: string) => void = () => undefined;
  const stopped = new Promise<string>((done) => { stop = done; });
  // A reader of our stdout that went away must not stop the machine.
  process.stdout.removeAllListeners('error');
  process.stdout.on('error', () => undefined);
  const say = (text: string) => void process.stdout.write(text);
  const host = MachineHost.boot({ kind: 'serve', dir, onStop: () => stop('a client asked') }, say);
  let services: Services;
  try {
    const socket = resolve(opts.socket ?? defaultSocketPath('serve'));
    services = await startServices(host, { socket, nrepl: opts.nrepl, nreplDir: dir });
  } catch (e) {
    process.stderr.write(`lona serve: ${(e as Error).message}\n`);
    await host.close();
    return 1;
  }
  const signals = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
  const onSignal = (signal: string) => stop(signal);
  for (const s of signals) process.on(s, onSignal);
  host.liveEdit(dir);
  say(`lona serve: machine ${process.pid} live-editing ${dir}; lona attach --socket ${services.socket}\n`);
  if (services.nrepl !== null) say(`${services.nrepl.startLine}\n`);
  const why = await stopped;
  for (const s of signals) process.off(s, onSignal);
  await host.close(`the machine stopped (${why})`);
  services.close();
  say(`lona serve: stopped (${why})\n`);
  return 0;
}
