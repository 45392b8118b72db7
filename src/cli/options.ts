/** Command-line parsing for bin/lona, and the session its limits configure. */
import { Session, type System } from '../os/index.js';

export type Command = 'workstation' | 'watch' | 'repl' | 'eval' | 'run' | 'test' | 'conformance' | 'bench' | 'serve' | 'attach' | 'help' | 'version';

export interface Options {
  command: Command;
  expression: string | null;
  /** Positional arguments after the command (file and its args, paths...). */
  args: string[];
  /** Stop an evaluation after this many reductions (null: no limit). */
  maxReductions: number | null;
  /** Stack slots (plus frame words) an evaluation may use (null: the default). */
  stackLimit: number | null;
  /** The socket `serve` listens at or `attach` connects to (null: the default). */
  socket: string | null;
  /** The nREPL port to serve (0: any free one; null: none). */
  nrepl: number | null;
  /** `attach --list`: the running machines. */
  list: boolean;
  /** `attach --stop`: stop the machine. */
  stop: boolean;
}

/** A session of `system` in its session realm (apps), with the limits the options ask for. */
export function sessionFor(system: System, opts: Options): Session {
  const session = new Session(system, system.user, system.sessionRealm());
  session.reductionLimit = opts.maxReductions;
  if (opts.stackLimit !== null) session.setStackLimit(opts.stackLimit);
  return session;
}

export const USAGE = `usage:
  lona                      the workstation (the line REPL when not on a terminal)
  lona repl                 line REPL on stdin/stdout
  lona -e '(expr)'          evaluate, print the result, exit (1 on an exit reason)
  lona run file.lona [args] evaluate a file, then call its main with args
  lona watch [dir]          the workstation (or line REPL) with dir's .lona files loaded and hot-reloaded
  lona test [paths]         run transcript and spec files (default tests/); --update rewrites transcripts
  lona conformance [file]   run the language conformance corpus
  lona bench [--json] [--only=SUITE]  the benchmarks beside their peers (language, processes, inspector, live, tui, collections, connect)
  lona serve [--socket PATH] [--nrepl [PORT]]
                            a machine with no screen, live-editing the current directory, for lona attach and editors
  lona attach [--socket PATH] [-e '(expr)'] [--list] [--stop]
                            the workstation (the line REPL when not on a terminal) on a running machine; -e evaluates
                            once; --list shows the running machines; --stop stops a served one
options:
  --nrepl [PORT]            also serve nREPL on 127.0.0.1 (lona, lona watch, lona serve; default: any free port)
  --max-reductions N        stop any one evaluation after N reductions (also --max-reductions=N)
  --stack-limit N           stack words an evaluation may use (default 16M: deep recursion)
  --help, --version
`;

export function parseOptions(argv: string[]): Options {
  const opts: Options = { command: 'workstation', expression: null, args: [], maxReductions: null, stackLimit: null, socket: null, nrepl: null, list: false, stop: false };
  let commandSeen = false;
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    // `--max-reductions=N` as GNU-style tools take it, beside `--max-reductions N`.
    const eq = /^(--max-reductions|--stack-limit)=(.*)$/.exec(a);
    if (eq !== null && !(opts.command === 'run' && commandSeen && opts.args.length > 0)) {
      a = eq[1];
      argv = [...argv.slice(0, i + 1), eq[2], ...argv.slice(i + 1)];
    }
    if (opts.command === 'run' && commandSeen && opts.args.length > 0) {
      opts.args.push(a); // everything after the file belongs to the program
      continue;
    }
    if (a === '-e' || a === '--eval') {
      if (i + 1 >= argv.length) throw new Error(`${a} needs an expression`);
      if (opts.command !== 'attach') opts.command = 'eval';
      opts.expression = argv[++i];
    } else if (a === '--socket' && (opts.command === 'serve' || opts.command === 'attach')) {
      if (i + 1 >= argv.length) throw new Error('--socket needs a path');
      opts.socket = argv[++i];
    } else if (a === '--nrepl' && ['workstation', 'watch', 'serve'].includes(opts.command)) {
      // The port is optional: the next argument is it if it is a number.
      const port = /^\d+$/.test(argv[i + 1] ?? '') ? Number(argv[++i]) : 0;
      if (port > 65535) throw new Error('--nrepl needs a port number up to 65535');
      opts.nrepl = port;
    } else if ((a === '--list' || a === '--stop') && opts.command === 'attach') {
      if (a === '--list') opts.list = true;
      else opts.stop = true;
    } else if (a === '--max-reductions' || a === '--stack-limit') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${a} needs a positive integer`);
      if (a === '--max-reductions') opts.maxReductions = n;
      else opts.stackLimit = n;
    } else if (a === '--help' || a === '-h') {
      opts.command = 'help';
    } else if (a === '--version' || a === '-v') {
      opts.command = 'version';
    } else if (!commandSeen && opts.command === 'workstation' && ['repl', 'run', 'test', 'watch', 'conformance', 'bench', 'serve', 'attach'].includes(a)) {
      opts.command = a as Command;
      commandSeen = true;
    } else if (a.startsWith('--') && opts.command !== 'bench' && opts.command !== 'conformance' && opts.command !== 'test') {
      throw new Error(`unknown option ${a}`);
    } else {
      opts.args.push(a);
    }
  }
  if (opts.command === 'run' && opts.args.length === 0) throw new Error('run needs a file');
  if (opts.command === 'watch' && opts.args.length > 1) throw new Error('watch takes one directory');
  if (['workstation', 'repl', 'eval', 'serve', 'attach'].includes(opts.command) && opts.args.length > 0) {
    throw new Error(`unexpected argument ${opts.args[0]}${opts.args[0].endsWith('.lona') ? ' (to run a file: lona run FILE)' : ''}`);
  }
  return opts;
}
