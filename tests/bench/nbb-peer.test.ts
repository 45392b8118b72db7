/**
 * The nbb peer of the language suite (src/bench/nbb-peer.ts): one nbb
 * process times every workload and its results are checked like the
 * JavaScript peer's. Skipped where nbb is not installed.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { nbbRow, runNbb } from '../../src/bench/nbb-peer.js';

const installed = (() => {
  try {
    createRequire(import.meta.url).resolve('nbb/package.json');
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!installed)('nbb beside the language benchmarks', () => {
  it('times each workload in one process, and reports a failing or wrong one as a note', () => {
    const peer = runNbb([
      { name: 'fib 15', nbb: { setup: '(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))', run: '(fib 15)' } },
      { name: 'no such fn', nbb: { setup: '', run: '(no-such-fn 1)' } },
      { name: 'sum', nbb: { setup: '', run: '(reduce + (range 10))' } },
      { name: 'lonala only' },
    ], 3, 1);
    if (typeof peer === 'string') throw new Error(peer);
    expect(peer.label).toMatch(/^nbb \d/);
    const row = nbbRow(peer, 'fib 15', '610', 2);
    if (typeof row === 'string') throw new Error(row);
    expect(row).toMatchObject({ name: 'fib 15', ms: 2, peer: peer.label });
    expect(row.peerMs).toBeGreaterThan(0);
    expect(nbbRow(peer, 'no such fn', '1', 1)).toMatch(/no such fn failed: .*no-such-fn/);
    expect(nbbRow(peer, 'sum', '46', 1)).toMatch(/sum gave 45, JavaScript 46/);
    expect(nbbRow(peer, 'lonala only', '1', 1)).toMatch(/no figure/);
  });
});
