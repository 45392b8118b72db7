/**
 * The one input history every front end keeps (the line REPL, the
 * workstation): `~/.lona_history`, one entry per line as a JSON string, so
 * a multi-line entry is recalled whole; oldest first, the newest 1000 kept.
 * A line that is not a JSON string is an entry as it is: the line REPL's
 * older file was plain lines. The workstation's older file
 * (`~/.lona_workstation_history`) is merged in once, then removed.
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const HISTORY_SIZE = 1000;
const historyFile = () => join(homedir(), '.lona_history');
const olderWorkstationFile = () => join(homedir(), '.lona_workstation_history');

function entriesOf(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map(entryOf);
  } catch {
    return [];
  }
}

function entryOf(line: string): string {
  if (!line.startsWith('"')) return line;
  try {
    const entry: unknown = JSON.parse(line);
    return typeof entry === 'string' ? entry : line;
  } catch {
    return line;
  }
}

/** The saved entries, oldest first (the older files' merged in). */
export function loadHistory(): string[] {
  const entries = entriesOf(historyFile());
  const older = olderWorkstationFile();
  if (!existsSync(older)) return entries.slice(-HISTORY_SIZE);
  const merged = [...entries, ...entriesOf(older)].slice(-HISTORY_SIZE);
  if (saveHistory(merged)) {
    try {
      unlinkSync(older);
    } catch {
      // it stays, and is merged again next time: nothing is lost
    }
  }
  return merged;
}

/** Saves `entries` (oldest first; the newest 1000 kept). False if the home cannot be written: history is a convenience. */
export function saveHistory(entries: readonly string[]): boolean {
  try {
    writeFileSync(historyFile(), entries.slice(-HISTORY_SIZE).map((e) => JSON.stringify(e)).join('\n') + '\n');
    return true;
  } catch {
    return false;
  }
}
