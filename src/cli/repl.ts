/**
 * The line REPL (`lona repl`, and `lona` without a TTY): reads multi-line
 * forms, evaluates each in the session's evaluator, prints each result and
 * survives every error with a one-line report.
 *
 * On a terminal: a banner, `lona>` and `...>` prompts, history, Ctrl-C to
 * interrupt a running evaluation, `:help`. Without one (a pipe, CI): no
 * prompt and no banner, exactly one line per top-level form read.
 */
import { createInterface } from 'node:readline';
import { readAll } from '../lonala/index.js';
import { OutcomePrinter, type System, VERSION, promptName } from '../os/index.js';
import { sessionFor, type Options } from './options.js';
import { loadHistory, saveHistory } from '../inspector/index.js';
import { LineInbox } from './line-inbox.js';
import { LiveLoader } from '../os/index.js';
import { MachineHost, SharedConsole, startNrepl } from '../inspector/host/index.js';

const HELP = `Type Lonala forms; each result is printed. A form may span lines.
  :repl/help        this text
  :repl/quit        leave (also Ctrl-D, or the end of piped input); processes still running stop
  :repl/interrupt   (or Ctrl-C while a form runs) stop the running evaluation
  *1 *2 *3          the last three results; *e the last exit reason
  (doc f) (source f) (dir ns) (apropos "x") (disassemble f)
Other keywords are values, as anywhere in Lonala: :ok evaluates to :ok.
`;

/** The REPL's own commands: namespaced, so no Lonala keyword is taken from the user (as rebel-readline's :repl/...). */
const QUIT = new Set([':repl/quit', ':repl/q']);
const HELP_COMMAND = ':repl/help';
const INTERRUPT = ':repl/interrupt';
/** Keywords a user may type meaning a command (other REPLs' names): evaluated as values, with a hint on a terminal. */
const HABITS = new Set([':quit', ':q', ':help', ':interrupt', ':exit']);

export async function startRepl(system: System, opts: Options, watchDir: string | null = null): Promise<number> {
  const tty = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const session = sessionFor(system, opts);
  // The one history file (src/inspector/history.ts); readline recalls line by line, so a multi-line entry comes back on one line.
  const saved = tty ? loadHistory() : [];
  const typed: string[] = [];
  const history = saved.map((e) => e.replace(/\n/g, ' ')).reverse();
  const rl = createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty, historySize: 1000, history });
  const out = (s: string) => void process.stdout.write(s);
  let buffer = '';
  let busy = false;
  const prompt = () => { if (tty) { rl.setPrompt(buffer === '' ? `${promptName(session.ns.name)}> ` : '...> '); rl.prompt(); } };

  if (tty) out(`Lona ${VERSION}, the Lonala REPL. :repl/help for help, Ctrl-D to leave.\n`);
  // Lines are also watched as they arrive, so `:repl/interrupt` reaches a
  // running evaluation, also one that starts while it waits its turn (input
  // piped in all at once).
  let pendingInterrupts = 0;
  const inbox = new LineInbox();
  system.console.readLine = (deliver) => inbox.readLine(deliver);
  rl.on('close', () => inbox.end());
  rl.on('line', (line) => {
    if (line.trim() !== '' && typed[typed.length - 1] !== line) typed.push(line);
    inbox.push(line);
    if (line.trim() !== INTERRUPT) return;
    pendingInterrupts++;
    if (busy) session.interrupt();
  });
  rl.on('SIGINT', () => {
    if (busy) session.interrupt();
    else { buffer = ''; out('\n'); prompt(); }
  });
  // A linked process can take the evaluator down while the REPL waits for
  // input: say so (as Erlang's shell does); a fresh evaluator takes over.
  // On a terminal, values are pretty printed to its width; on a pipe, one line each.
  const printer = new OutcomePrinter(system, out, () => (tty ? process.stdout.columns : undefined), session);
  session.onIdleExit = (reason) => {
    if (tty) out('\n');
    printer.idleExit(reason);
    prompt();
  };
  // lona watch: the tree is loaded, then each saved change reloads (notices between prompts).
  const live = watchDir === null ? null : new LiveLoader(system, session.realm, watchDir, (n) => {
    out(`${tty ? '\n' : ''}${n.text}\n`);
    prompt();
  });
  // Input ended and nothing else can wake a waiting evaluation (Node is about to leave): report it as a deadlock
  // and go on with the lines after it, as `lona -e` does.
  const deadlock = () => session.endDeadlock();
  process.on('beforeExit', deadlock);
  await live?.loadAll();
  await live?.watch();
  // --nrepl: editors evaluate beside the REPL, each nREPL session an evaluator of its own; the start line goes to stderr (stdout is the REPL's).
  const dir = watchDir ?? process.cwd();
  const nrepl = opts.nrepl === null ? null : await startNrepl(new MachineHost(system, new SharedConsole(), { kind: 'workstation', dir, onStop: null }), opts.nrepl, dir);
  if (nrepl !== null) process.stderr.write(`${nrepl.startLine}\n`);
  prompt();

  for await (const line of inbox) {
    const trimmed = line.trim();
    if (buffer === '' && (QUIT.has(trimmed) || trimmed === HELP_COMMAND || trimmed === INTERRUPT)) {
      if (QUIT.has(trimmed)) break;
      if (trimmed === INTERRUPT) pendingInterrupts = Math.max(0, pendingInterrupts - 1);
      else out(HELP);
      prompt();
      continue;
    }
    buffer += line + '\n';
    // Reading the whole buffer tells whether it ends inside a form.
    const { forms, error } = readAll(buffer);
    if (error !== null && error.kind === 'unexpected-eof') {
      // An incomplete form: evaluate what is complete, keep the rest.
      const keepFrom = forms.length > 0 ? forms[forms.length - 1].end : 0;
      await evalText(buffer.slice(0, keepFrom));
      buffer = buffer.slice(keepFrom);
      if (buffer.trim() === '') buffer = '';
      prompt();
      continue;
    }
    const text = buffer;
    buffer = '';
    await evalText(text);
    if (tty && HABITS.has(trimmed)) out(`;; ${trimmed} is a keyword (a value); the REPL's commands are :repl/quit, :repl/help, :repl/interrupt\n`);
    prompt();
  }
  if (buffer.trim() !== '') await evalText(buffer);
  process.off('beforeExit', deadlock);
  nrepl?.close();
  await live?.close();
  rl.close();
  // The session's end is the machine's, as Erlang's q() halts the node: say so if programs still ran.
  const running = system.programProcesses();
  system.scheduler.halt();
  if (running > 0) process.stderr.write(`;; the session ends: ${running} process${running === 1 ? '' : 'es'} still alive stopped with it\n`);
  if (tty) {
    saveHistory([...saved, ...typed]);
    out('\n');
  }
  return 0;

  /** Evaluates the forms of `text` one by one, each outcome printed; a failure does not stop the later forms. */
  async function evalText(text: string): Promise<void> {
    const beforeForm = () => {
      busy = true;
      if (pendingInterrupts > 0) setImmediate(() => { if (busy) session.interrupt(); });
    };
    try {
      await session.evalText(text, { keepGoing: true, beforeForm, onForm: (o) => { busy = false; printer.show(o); } });
    } finally {
      busy = false;
    }
  }
}
