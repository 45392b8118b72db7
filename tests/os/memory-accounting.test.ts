/**
 * One accounting of memory per realm (issue "Limits"): what `realm-info`
 * reports as a realm's `:usage :memory` for what it holds (20,000
 * processes, a 32 MB region, a process waiting 200,000 calls deep, 50,000
 * messages in another realm's mailbox, charged to the sender) is within 2x
 * of the bytes the host really holds for it, measured with the host heap
 * statistics around building it, after full collections, in the built
 * machine as `lona` runs it (tests/helpers/measure-memory.mjs).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

interface Measured { reported: number; real: number }

function measureAll(): Record<string, Measured> {
  const r = spawnSync(process.execPath, ['--expose-gc', join(ROOT, 'tests', 'helpers', 'measure-memory.mjs')], { encoding: 'utf8', timeout: 120_000, cwd: ROOT });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, Measured>;
}

describe("a realm's reported memory is within 2x of what the host holds for it", () => {
  it('for processes, a region, a deep stack and a full mailbox', () => {
    const measured = measureAll();
    expect(Object.keys(measured).sort()).toEqual(['mailbox', 'processes', 'region', 'stack']);
    for (const [what, { reported, real }] of Object.entries(measured)) {
      expect(real, `${what}: the host holds what was built`).toBeGreaterThan(1_000_000);
      const ratio = reported / real;
      expect(ratio >= 0.5 && ratio <= 2, `${what}: reported ${reported} B for ${real} B held`).toBe(true);
    }
  });
});
