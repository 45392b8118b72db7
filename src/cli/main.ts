/**
 * The lona command line (WORKSTATION.md "Commands"): picks the line REPL,
 * `-e`, `run`, `test`, `conformance`, `bench`, `serve` or `attach` from the
 * arguments and returns the process exit status. No JS stack trace ever
 * reaches the user.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { System, VERSION, type Console } from '../os/index.js';
import { stdinLines } from './stdin-lines.js';
import { defaultSocketPath, startMachine } from '../inspector/index.js';
import { printValue } from '../lonala/index.js';
import { startRepl } from './repl.js';
import { runFile } from './run-file.js';
import { parseOptions, sessionFor, USAGE, type Options } from './options.js';

/**
 * Program output on stdout; the system's own reports (crashes of unwatched
 * processes) on stderr; input (read-line) from stdin, read synchronously in
 * batch runs (the REPL replaces it with the listener's).
 */
function stdioConsole(): Console {
  return { write: (text) => void process.stdout.write(text), report: (text) => void process.stderr.write(text), readLine: stdinLines() };
}

/** Runs the command; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`lona ... | head`) closes our stdout: stop quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 74));
  }
  let opts: Options;
  try {
    opts = parseOptions(argv);
  } catch (e) {
    process.stderr.write(`lona: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    switch (opts.command) {
      case 'help': process.stdout.write(USAGE); return 0;
      case 'version': process.stdout.write(`lona ${VERSION}\n`); return 0;
      case 'eval': return evalExpression(opts);
      case 'run': return runFile(System.boot(stdioConsole()), opts);
      case 'repl': return await startRepl(System.boot(stdioConsole()), opts);
      case 'workstation':
      case 'watch': {
        // The full screen on a terminal (live editing the current directory, or watch's); the line REPL on a pipe.
        const dir = resolve(opts.args[0] ?? '.');
        if (opts.command === 'watch' && !existsSync(dir)) {
          process.stderr.write(`lona: no such directory: ${dir}\n`);
          return 2;
        }
        if (process.stdin.isTTY === true && process.stdout.isTTY === true) {
          // Boots while the screen's code loads; `lona attach` reaches it at its socket.
          const machine = startMachine(dir, { socket: workstationSocket(), nrepl: opts.nrepl });
          return await (await loadWorkstation()).startWorkstation(machine);
        }
        return await startRepl(System.boot(stdioConsole()), opts, opts.command === 'watch' ? dir : null);
      }
      case 'serve': return await (await import('./serve.js')).serve(opts);
      case 'attach': return await (await import('./attach.js')).attach(opts, async (link) => (await loadWorkstation()).startWorkstation(link));
      case 'test': return (await import('./test-command.js')).runTests(opts.args);
      case 'conformance': return (await import('./conformance.js')).runConformance(opts.args);
      case 'bench': return await (await import('../bench/index.js')).runBench(opts.args);
    }
  } catch (e) {
    process.stderr.write(`lona: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 70;
  }
}

/** Where the workstation listens for `lona attach` (none if the runtime directory cannot be had). */
function workstationSocket(): string | null {
  try {
    return defaultSocketPath('workstation');
  } catch {
    return null;
  }
}

/**
 * The workstation's code (Ink, React) is its own bundle (dist/lona-tui.mjs),
 * loaded only when the screen opens: the other commands start without it.
 */
async function loadWorkstation(): Promise<typeof import('../tui/index.js')> {
  // Ink renders only its last frame when it thinks it runs in CI (it reads
  // CI / CONTINUOUS_INTEGRATION once, on import); the screen only opens on
  // a TTY, where a user in a CI-flavoured shell still wants to see it.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const bundled = import.meta.url.endsWith('.mjs');
  const url = new URL(bundled ? './lona-tui.mjs' : '../tui/index.js', import.meta.url);
  return (await import(url.href)) as typeof import('../tui/index.js');
}

/** `lona -e '(expr)'`: prints the result, or `** exit reason` on stderr with status 1. */
function evalExpression(opts: Options): number {
  const session = sessionFor(System.boot(stdioConsole()), opts);
  const source = opts.expression ?? '';
  const { outcomes, failure } = session.evalTextSync(source);
  if (failure !== null) {
    process.stderr.write(failure + '\n');
    return 1;
  }
  const last = outcomes[outcomes.length - 1];
  if (last !== undefined && last.kind === 'value') process.stdout.write(printValue(last.value) + '\n');
  return 0;
}

