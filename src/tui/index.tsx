/**
 * `lona` on a terminal: the workstation. The machine boots in a worker
 * thread; the screen (Ink) talks to it only through MachineClient. Returns
 * the exit status when the user quits.
 */
import type { BootingMachine } from './machine-start.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink';
import { App } from './app.js';
import { MachineClient } from './machine-client.js';
import { History } from './line-editor.js';
import { holdTerminal, releaseTerminal } from './terminal.js';

const HISTORY_FILE = join(homedir(), '.lona_workstation_history');
const HISTORY_SIZE = 1000;

function loadHistory(): string[] {
  try {
    return readFileSync(HISTORY_FILE, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as string);
  } catch {
    return [];
  }
}

function saveHistory(entries: readonly string[]): void {
  try {
    writeFileSync(HISTORY_FILE, entries.slice(-HISTORY_SIZE).map((e) => JSON.stringify(e)).join('\n') + '\n');
  } catch {
    // a read-only home loses the history, nothing else
  }
}

/** The workstation on a machine worker (machine-start.ts) live-editing a directory. */
export async function startWorkstation(booting: BootingMachine): Promise<number> {
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
  const ns = await machine.ready;
  holdTerminal();
  const history = new History(loadHistory());
  const subscribe = (l: NonNullable<typeof listener>) => {
    listener = l;
    for (const text of early.splice(0)) l.output(text);
  };
  instance = render(<App machine={machine} history={history} initialNs={ns} subscribe={subscribe} />, { exitOnCtrlC: false, maxFps: 120, incrementalRendering: true });
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
