/**
 * `lona watch dir` on a pipe (the line REPL with hot loading), as issue 6's
 * "Done when" tries it: a process calls (greet) every 50 ms; greet is
 * edited with a save by rename; the output changes without a restart; a
 * syntax error changes nothing and is shown with its line; the fix applies.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'lona-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lona watch', () => {
  it('hot-reloads a saved file into the running system', async () => {
    writeFileSync(join(dir, 'greet.lona'), '(ns user)\n(defn greet [] "hello")\n');
    const child = spawn(process.execPath, [BIN, 'watch', dir], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const seen = async (pattern: RegExp) => {
      const end = Date.now() + 10_000;
      while (!pattern.test(out)) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; output:\n${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      child.stdin.write('(defn ticker [] (println (greet)) (sleep 50) (ticker))\n(spawn ticker)\n');
      await seen(/;; loaded 1 file of .*watching for changes/);
      await seen(/hello\nhello\n/);
      writeFileSync(join(dir, '.greet.lona.tmp'), '(ns user)\n(defn greet [] "good evening")\n');
      renameSync(join(dir, '.greet.lona.tmp'), join(dir, 'greet.lona'));
      await seen(/;; reloaded greet\.lona \(ns user\): changed greet/);
      await seen(/good evening\ngood evening\n/);
      writeFileSync(join(dir, 'greet.lona'), '(ns user)\n(defn greet [] "broken"\n');
      await seen(/;; greet\.lona:2:1: unexpected-eof: .*\(nothing changed\)/);
      const after = out.length;
      await new Promise((r) => setTimeout(r, 200));
      expect(out.slice(after)).toMatch(/good evening/);
      expect(out).not.toMatch(/broken/);
      writeFileSync(join(dir, 'greet.lona'), '(ns user)\n(defn greet [] "fixed")\n');
      await seen(/fixed\nfixed\n/);
    } finally {
      child.kill();
    }
  });

  it('says when the directory does not exist', async () => {
    const child = spawn(process.execPath, [BIN, 'watch', join(dir, 'nope')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    const status = await new Promise((r) => child.on('exit', r));
    expect(status).toBe(2);
    expect(err).toMatch(/^lona: no such directory: .*nope\n$/);
  });
});
