/**
 * The line REPL on a running machine (`lona attach` without a terminal):
 * lines from stdin, each complete form evaluated in this client's session
 * on the machine, each result printed on its own line and the machine's
 * output as it comes, as `lona repl` does on a pipe. A program reading a
 * line gets the next input line. The end of input (or `:repl/quit`)
 * detaches; the machine keeps running.
 */
import { createInterface } from 'node:readline';
import { readAll } from '../lonala/index.js';
import { MachineClient, type MachineLink } from '../inspector/index.js';
import { LineInbox } from './line-inbox.js';

const QUIT = new Set([':repl/quit', ':repl/q']);

export async function remoteRepl(link: MachineLink): Promise<number> {
  const out = (s: string) => void process.stdout.write(s);
  const inbox = new LineInbox();
  let broken: string | null = null;
  let lost: () => void = () => undefined;
  const linkLost = new Promise<void>((done) => { lost = done; });
  const client = new MachineClient(link, {
    output: out,
    wantLine: () => inbox.readLine((line) => client.line(line)),
    fatal: (message) => {
      broken = message;
      lost();
      inbox.end();
    },
  });
  const rl = createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (line) => inbox.push(line));
  rl.on('close', () => inbox.end());
  const evaluate = (text: string) => Promise.race([client.evaluate(text, (r) => out(`${r.text}\n`)), linkLost]);
  await Promise.race([client.ready, linkLost]);
  let buffer = '';
  for await (const line of inbox) {
    if (broken !== null) break;
    if (buffer === '' && QUIT.has(line.trim())) break;
    buffer += line + '\n';
    // Reading the whole buffer tells whether it ends inside a form: what is complete is evaluated, the rest kept.
    const { forms, error } = readAll(buffer);
    const keepFrom = error !== null && error.kind === 'unexpected-eof' ? (forms.length > 0 ? forms[forms.length - 1].end : 0) : buffer.length;
    const text = buffer.slice(0, keepFrom);
    buffer = buffer.slice(keepFrom).trim() === '' ? '' : buffer.slice(keepFrom);
    if (text.trim() !== '') await evaluate(text);
  }
  if (buffer.trim() !== '' && broken === null) await evaluate(buffer);
  rl.close();
  await client.stop();
  if (broken !== null) {
    process.stderr.write(`lona attach: ${broken as string}\n`);
    return 70;
  }
  return 0;
}
