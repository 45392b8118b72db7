#!/usr/bin/env node
// The whole test suite (vitest, then the spec files and transcripts under tests/ through `lona test`) in
// each mode the processor must keep its promises in: as shipped, with the JS tier off (LONA_NO_NATIVE=1,
// everything interpreted), and preempting at every opportunity (LONA_SLICE=1: every resume point of the
// interpreter and of compiled code taken). Stops at the first mode that fails. `--mode=default|no-native|slice`
// runs one; extra arguments go to vitest (a file filter, say).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MODES = {
  default: {},
  'no-native': { LONA_NO_NATIVE: '1' },
  slice: { LONA_SLICE: '1' },
};

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--mode='))?.slice('--mode='.length);
const vitestArgs = args.filter((a) => !a.startsWith('--mode='));
if (only !== undefined && !(only in MODES)) {
  console.error(`unknown mode ${only}: one of ${Object.keys(MODES).join(', ')}`);
  process.exit(2);
}

const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const lona = join(root, 'bin', 'lona');

for (const [name, extra] of Object.entries(MODES)) {
  if (only !== undefined && name !== only) continue;
  const env = { ...process.env, ...extra };
  delete env.LONA_NO_NATIVE;
  delete env.LONA_SLICE;
  Object.assign(env, extra);
  const label = Object.keys(extra).length === 0 ? 'default' : Object.entries(extra).map(([k, v]) => `${k}=${v}`).join(' ');
  for (const [what, argv] of [
    ['vitest', [vitest, 'run', ...vitestArgs]],
    ['lona test', ['--max-semi-space-size=64', lona, 'test']],
  ]) {
    console.log(`\n== ${what} (${label}) ==`);
    const r = spawnSync(process.execPath, argv, { cwd: root, env, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`\n${what} failed with ${label}`);
      process.exit(r.status ?? 1);
    }
  }
}
console.log(`\nall modes passed: ${only ?? Object.keys(MODES).join(', ')}`);
