#!/usr/bin/env node
// First-use set-up for `npm start` and `npm test` (and bin/lona when dist/ is
// missing): does whatever is missing or stale, and nothing else.
//   node_modules missing, or older than package-lock.json   -> npm install (its prepare script builds)
//   a bundle of dist/ missing, or older than src/ or the build -> npm run build (saves the boot image)
//   the boot image older than std/ or the bundles            -> lona -e nil (saves it)
// When everything is in place it only stats files: a few milliseconds.
// Plain Node, no dependencies (it runs before they are installed). What the
// steps print goes to stderr, so `npm start` on a pipe prints only Lona's output.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => join(ROOT, ...parts);
const BUNDLES = ['lona.mjs', 'lona-worker.mjs', 'lona-tui.mjs'].map((b) => at('dist', b));

/** Modification time of a file in ms, or -1 when it is missing. */
function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** The newest file under `dir` whose name `keep` accepts: its path and modification time (-1: none). */
function newestFile(dir, keep = () => true) {
  let latest = { path: '', time: -1 };
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return latest;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    const found = e.isDirectory() ? newestFile(path, keep) : keep(e.name) ? { path, time: mtime(path) } : latest;
    if (found.time > latest.time) latest = found;
  }
  return latest;
}

const newest = (dir, keep) => newestFile(dir, keep).time;

function say(text) {
  process.stderr.write(`lona setup: ${text}\n`);
}

/**
 * Runs a command for a step, its output on stderr (or dropped). When it fails: false if `mayFail`,
 * else it says so and exits with its status.
 */
function run(what, command, args, { output = 2, mayFail = false } = {}) {
  const started = Date.now();
  say(`${what}...`);
  const r = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', output, 2], shell: process.platform === 'win32' && command !== process.execPath });
  if (r.error !== undefined || r.status !== 0) {
    say(`failed: ${[command, ...args].join(' ')} (${r.error?.message ?? `status ${r.status}`})${mayFail ? '' : '; fix that and run it again'}`);
    if (mayFail) return false;
    process.exit(r.status || 1);
  }
  say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/** npm itself: the npm running this script when there is one, else the npm on the PATH. */
function npm(...args) {
  const cli = process.env.npm_execpath;
  return cli !== undefined && /npm-cli\.[cm]?js$/.test(cli) ? [process.execPath, [cli, ...args]] : ['npm', args];
}

function setup() {
  const installed = at('node_modules', '.package-lock.json');
  const lock = mtime(at('package-lock.json'));
  if (mtime(installed) < 0 || mtime(installed) < lock) {
    const what = mtime(installed) < 0 ? 'installing the dependencies (first use)' : 'installing the dependencies (package-lock.json changed)';
    if (!run(what, ...npm('install', '--no-audit', '--no-fund'), { mayFail: true })) {
      // Most likely a native module that found no compiler: node-pty, which only the screen tests use
      // (on Linux it builds from source). Lona itself needs no install script: it is built below.
      run('installing again without install scripts (the screen tests will lack node-pty)', ...npm('install', '--no-audit', '--no-fund', '--ignore-scripts'));
    }
    // npm may write package-lock.json after its own record: what it installed is current either way.
    if (mtime(installed) >= 0 && mtime(installed) < mtime(at('package-lock.json'))) {
      const now = new Date();
      utimesSync(installed, now, now);
    }
  }

  const built = Math.min(...BUNDLES.map(mtime));
  const sources = Math.max(newest(at('src')), mtime(at('scripts', 'build.mjs')), mtime(at('tsconfig.json')), mtime(installed));
  if (built < 0 || built < sources) run(built < 0 ? 'building (first use)' : 'building (the sources changed)', ...npm('run', 'build'));

  // The boot image is a cache the first boot saves anyway; saved here, no test boots the library from source.
  if (process.env.LONA_NO_IMAGE !== '1') {
    const image = () => [at('.lona-cache'), join(homedir(), '.cache', 'lona')].map((d) => newestFile(d, (n) => /^core-.*\.json$/.test(n)))
      .reduce((a, b) => (b.time > a.time ? b : a));
    const needs = Math.max(newest(at('std'), (n) => n.endsWith('.lona')), ...BUNDLES.map(mtime));
    if (image().time < needs) {
      run(image().time < 0 ? 'saving the boot image' : 'saving the boot image (the standard library changed)', process.execPath, [at('bin', 'lona'), '-e', 'nil'], { output: 'ignore' });
      // A std file touched but not changed keeps the image (its key hashes the sources): it is current.
      const saved = image();
      if (saved.time >= 0 && saved.time < needs) utimesSync(saved.path, new Date(), new Date());
    }
  }
}

setup();
