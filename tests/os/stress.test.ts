/**
 * The stress switch (LONA_SLICE=1): every call ends a slice, so every
 * evaluation is preempted and resumed at each call and native. Language
 * spec files must give the same results as with normal slices; this proves
 * the processor's resume points (frames, guards, JS tier exits).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const FILES = ['patterns.lona', 'core-macros.lona', 'tail-calls.lona', 'sequences.lona', 'messages.lona', 'exit-signals.lona', 'supervisors.lona'];

const script = `
import { runSpec } from ${JSON.stringify(join(ROOT, 'dist', 'cli', 'spec-file.js'))};
import { readFileSync } from 'node:fs';
const out = [];
for (const f of ${JSON.stringify(FILES)}) {
  const r = runSpec(readFileSync(${JSON.stringify(join(ROOT, 'tests', 'lonala', 'spec'))} + '/' + f, 'utf8'), f);
  out.push({ file: f, error: r.error, total: r.assertions.length,
    failed: r.assertions.filter((a) => !a.passed).map((a) => a.line + ': ' + a.form + ' => ' + a.actual) });
}
console.log(JSON.stringify(out));
`;

describe('stress: preempted at every call', () => {
  it('spec files pass with LONA_SLICE=1', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8', timeout: 120_000, env: { ...process.env, LONA_SLICE: '1' },
    });
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout) as { file: string; error: string | null; total: number; failed: string[] }[];
    for (const res of results) {
      expect(res.error, res.file).toBeNull();
      expect(res.failed, res.file).toEqual([]);
      expect(res.total, res.file).toBeGreaterThan(10);
    }
  }, 120_000);
});
