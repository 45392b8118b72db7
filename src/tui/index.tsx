/**
 * `lona` on a terminal: the workstation. The machine boots in a worker
 * thread; the screen (Ink) talks to it only through the inspector's client
 * (src/inspector). Returns the exit status when the user quits.
 */
import { render } from 'ink';
import { App } from './app.js';
import { MachineClient, loadHistory, saveHistory, type MachineLink } from '../inspector/index.js';
import { History } from './line-editor.js';
import { holdTerminal, releaseTerminal } from './terminal.js';

/** The workstation on a machine host: a worker live-editing a directory (src/inspector startMachine), or a running machine (lona attach). */
export async function startWorkstation(booting: MachineLink): Promise<number> {
  // Raw at once: keys typed while the machine boots wait for the screen instead of being cooked by the tty.
  if (process.stdin.isTTY === true) process.stdin.setRawMode(true);
  let listener: { output(text: string): void; wantLine(): void } | null = null;
  const early: string[] = [];
  let fatal: string | null = null;
  let instance: ReturnType<typeof render> | undefined;
  const machine = new MachineClient(booting, {
    output: (text) => (listener === null ? early.push(text) : listener.output(text)),
    wantLine: () => listener?.wantLine(),
    fatal: (message) => { fatal = message; instance?.unmount(); },
  });
  const { ns, prompt } = await machine.ready;
  holdTerminal();
  const history = new History(loadHistory());
  const subscribe = (l: NonNullable<typeof listener>) => {
    listener = l;
    for (const text of early.splice(0)) l.output(text);
  };
  instance = render(<App machine={machine} history={history} initialNs={ns} initialPrompt={prompt} subscribe={subscribe} />, { exitOnCtrlC: false, maxFps: 120, incrementalRendering: true });
  await instance.waitUntilExit();
  releaseTerminal();
  saveHistory(history.all);
  await machine.stop();
  if (fatal !== null) {
    process.stderr.write(`lona: the machine stopped: ${fatal}\n`);
    return 70;
  }
  return 0;
}
