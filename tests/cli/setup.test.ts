/**
 * scripts/setup.mjs, which `npm start` and `npm test` run first: on a
 * project laid out as Lona's (a stand-in whose build and boot image are
 * tiny scripts that log what ran), it installs, builds and saves the boot
 * image when each is missing or stale, and does nothing, silently, when
 * all is in place. The fresh clone itself is checked by hand (README).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

let dir: string;

const BUILD = `
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
appendFileSync('log.txt', 'build\\n');
mkdirSync('dist', { recursive: true });
for (const b of ['lona.mjs', 'lona-worker.mjs', 'lona-tui.mjs']) writeFileSync('dist/' + b, '');
execFileSync(process.execPath, ['bin/lona', '-e', 'nil']);
`;
const LONA = `
const { appendFileSync, mkdirSync, writeFileSync } = require('node:fs');
appendFileSync('log.txt', 'image\\n');
mkdirSync('.lona-cache', { recursive: true });
writeFileSync('.lona-cache/core-1.json', '{}');
console.log('nil');
`;

function write(path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** Every file of the project a while ago, so what a step touches next is newer. */
function age(path = dir, then = new Date(Date.now() - 1000_000)): void {
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    if (e.isDirectory()) age(p, then);
    else if (!e.isSymbolicLink()) utimesSync(p, then, then);
  }
}

function touch(path: string): void {
  utimesSync(join(dir, path), new Date(), new Date());
}

/** Runs the setup; what it ran since the last call, and what it said. */
function setup(): { ran: string[]; stdout: string; stderr: string; status: number | null } {
  const before = log();
  const r = spawnSync(process.execPath, [join(dir, 'scripts', 'setup.mjs')], { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: dir }, timeout: 60_000 });
  return { ran: log().slice(before.length), stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function log(): string[] {
  try {
    return readFileSync(join(dir, 'log.txt'), 'utf8').split('\n').filter((l) => l !== '');
  } catch {
    return [];
  }
}

/** A project laid out as Lona's, in a new folder; `depScript` is its dependency's install script. */
function project(depScript?: string): void {
  dir = mkdtempSync(join(tmpdir(), 'lona-setup-'));
  made.push(dir);
  write('package.json', JSON.stringify({ name: 'stand-in', version: '1.0.0', private: true, dependencies: { dep: 'file:./dep' }, scripts: { prepare: 'npm run build', build: 'node build.mjs' } }));
  write('dep/package.json', JSON.stringify({ name: 'dep', version: '1.0.0', ...(depScript ? { scripts: { install: depScript } } : {}) }));
  write('build.mjs', BUILD);
  write('bin/lona', LONA);
  write('src/a.ts', 'export {};\n');
  write('std/lona/core.lona', '(ns lona.core)\n');
  write('tsconfig.json', '{}\n');
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(ROOT, 'scripts', 'setup.mjs'), join(dir, 'scripts', 'setup.mjs'));
}

const made: string[] = [];
beforeAll(() => project());
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

describe('scripts/setup.mjs', () => {
  it('installs on first use (the install builds and saves the image), then does nothing, silently', () => {
    const first = setup();
    expect(first.status).toBe(0);
    expect(first.ran).toEqual(['build', 'image']);
    expect(first.stderr).toContain('lona setup: installing the dependencies (first use)');
    expect(first.stdout).toBe('');
    expect(statSync(join(dir, 'node_modules', '.package-lock.json')).isFile()).toBe(true);
    const second = setup();
    expect(second).toEqual({ ran: [], stdout: '', stderr: '', status: 0 });
  });

  it('builds when a source is newer than the bundles, saves the image when std changed, installs when the lock file did', () => {
    age();
    touch('src/a.ts');
    const built = setup();
    expect(built.ran).toEqual(['build', 'image']);
    expect(built.stderr).toContain('building (the sources changed)');
    expect(setup().ran).toEqual([]);

    age();
    touch('std/lona/core.lona');
    expect(setup().ran).toEqual(['image']);
    expect(setup().ran).toEqual([]);

    age();
    touch('package-lock.json');
    const installed = setup();
    expect(installed.ran).toEqual(['build', 'image']);
    expect(installed.stderr).toContain('installing the dependencies (package-lock.json changed)');
    expect(setup().ran).toEqual([]);

    rmSync(join(dir, 'dist', 'lona-tui.mjs'));
    expect(setup().ran).toEqual(['build', 'image']);
  });

  it('stops with the failing step named and its status', () => {
    age();
    write('build.mjs', 'process.exit(3);\n');
    touch('src/a.ts');
    const failed = setup();
    expect(failed.status).toBe(3);
    expect(failed.stderr).toMatch(/lona setup: failed: .*run build \(status 3\)/);
  });

  it('installs without install scripts when one fails (node-pty without a compiler), then builds itself', () => {
    project('exit 1');
    const first = setup();
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('installing again without install scripts');
    expect(first.ran).toEqual(['build', 'image']);
    expect(setup().ran).toEqual([]);
  });
});
