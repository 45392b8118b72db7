/**
 * What an atom holds is its realm's memory while the atom lives (src/os/atom.ts):
 * fifty atoms of a 10,000-element vector each show in the realm's
 * `:usage :memory`, and once nothing holds them any more and the host has
 * collected them, the charge is back (tests/helpers/atom-release.mjs, run
 * with --expose-gc in the built machine).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe("an atom's charge", () => {
  it('counts while the atom lives and goes back when it is collected', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', join(ROOT, 'tests', 'helpers', 'atom-release.mjs')], { encoding: 'utf8', timeout: 120_000, cwd: ROOT });
    expect(r.status, r.stderr).toBe(0);
    const { before, held, after } = JSON.parse(r.stdout) as { before: number; held: number; after: number };
    // 50 vectors of 10,000 small integers: 90 KB each as measured
    expect(held - before).toBeGreaterThan(4_000_000);
    expect(after - before).toBeLessThan(1_000_000);
  });
});
