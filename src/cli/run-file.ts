/**
 * `lona run file.lona [args]`: evaluates the file's forms in order, then
 * calls its `main` (if it defines one) with the arguments as strings.
 * Prints only what the program prints; a failure goes to stderr as
 * `** exit reason` (or the read/compile error) with exit status 1.
 */
import { readFileSync } from 'node:fs';
import { List, Sym } from '../machine/index.js';
import { describeOutcome, type System } from '../os/index.js';
import { sessionFor, type Options } from './options.js';

export function runFile(system: System, opts: Options): number {
  const [file, ...args] = opts.args;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    process.stderr.write(`lona: cannot read ${file}\n`);
    return 1;
  }
  const session = sessionFor(system, opts);
  const loaded = session.evalTextSync(source, { file: file, realize: false });
  if (loaded.failure !== null) {
    process.stderr.write(loaded.failure + '\n');
    return 1;
  }
  const main = session.ns.lookup('main');
  if (main === undefined || !main.bound || main.ns !== session.ns) return 0;
  const outcome = session.evalValueSync(List.from([Sym.of('main'), ...args]), null, file, 0, 0, false);
  if (outcome.kind !== 'value') {
    process.stderr.write(describeOutcome(outcome) + '\n');
    return 1;
  }
  return 0;
}
