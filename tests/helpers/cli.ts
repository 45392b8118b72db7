/** Running the real `lona` executable (bin/lona, needs the build) as a user does. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'lona');

export interface Result { status: number | null; stdout: string; stderr: string }

/** Runs `lona args...` in `cwd` with `input` on stdin, to completion. */
export function runLona(args: string[], cwd: string, input = '', env: NodeJS.ProcessEnv = process.env): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000, cwd, env, maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
