/**
 * "Open in $EDITOR at the line" from the Source pane: the editor gets the
 * terminal while it runs (the event loop, and so the screen's own reading
 * of the keyboard, waits for it), then the screen takes it back.
 */
import { spawnSync } from 'node:child_process';

/** Runs $VISUAL or $EDITOR (default vi) on `file` at `line`; an error message, or null. */
export function openInEditor(file: string, line: number): string | null {
  const command = (process.env.VISUAL || process.env.EDITOR || 'vi').trim().split(/\s+/);
  const wasRaw = process.stdin.isTTY === true && process.stdin.isRaw;
  if (wasRaw) process.stdin.setRawMode(false);
  try {
    const r = spawnSync(command[0], [...command.slice(1), `+${line}`, file], { stdio: 'inherit' });
    if (r.error !== undefined) return `could not start ${command[0]}: ${r.error.message}`;
    return r.status === 0 ? null : `${command[0]} exited with status ${r.status}`;
  } finally {
    if (wasRaw) process.stdin.setRawMode(true);
  }
}
