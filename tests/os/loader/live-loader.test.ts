/**
 * Live editing (src/os/loader/live-loader.ts): the tree loads in dependency
 * order, each settled save reloads as one transaction with a notice, editor
 * save styles (rename, truncate-then-write, bursts) give one reload of the
 * whole file, a broken save changes nothing and says where, and processes
 * still running replaced code can be listed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { System, Session, describeOutcome } from '../../../src/os/index.js';
import { LiveLoader, type Notice } from '../../../src/os/loader/live-loader.js';
import { printValue } from '../../../src/lonala/index.js';
import { captureConsole } from '../../helpers/lona.js';

let live: LiveLoader | null = null;
let lastNotices: Notice[] = [];
let dir = '';
afterEach(async () => {
  await live?.close();
  live = null;
  rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'lona-live-'));
  for (const [name, text] of Object.entries(files)) write(name, text);
  return dir;
}

function write(name: string, text: string): void {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
}

async function start(files: Record<string, string>): Promise<{ session: Session; notices: Notice[]; lona(src: string): string }> {
  const root = tree(files);
  const system = System.boot(captureConsole());
  const session = new Session(system, system.user, system.sessionRealm());
  const notices: Notice[] = [];
  lastNotices = notices;
  live = new LiveLoader(system, session.realm, root, (n) => notices.push(n));
  await live.loadAll();
  await live.watch();
  system.scheduler.startAsync();
  const lona = (src: string) => {
    const { outcomes } = session.evalTextSync(src);
    const last = outcomes[outcomes.length - 1];
    return last.kind === 'value' ? printValue(last.value) : describeOutcome(last);
  };
  return { session, notices, lona };
}

async function until(test: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out; notices: ${JSON.stringify(lastNotices.map((n) => n.text))}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 250));

describe('live editing', () => {
  it('neither loads nor watches a tree too large for it (lona started in a home folder), and says so', async () => {
    const root = tree({ 'a.lona': '(def too-big-loaded true)\n', 'b/c.txt': 'x', 'b/d.txt': 'x', 'e.txt': 'x' });
    const system = System.boot(captureConsole());
    const notices: Notice[] = [];
    live = new LiveLoader(system, system.sessionRealm(), root, (n) => notices.push(n), 3);
    await live.loadAll();
    await live.watch();
    expect(notices.map((n) => n.text)).toEqual([`;; ${root} holds more than 3 files: not loading or watching it (lona watch DIR on a project folder)`]);
    expect(system.user.mappings.has('too-big-loaded')).toBe(false);
  });

  it('loads the tree in dependency order, skipping spec files, ignored and dot folders', async () => {
    const { notices, lona } = await start({
      'a_app.lona': '(ns app.main (:require [util.text :as t]))\n(def banner (t/shout "hi"))\n',
      'util/text.lona': '(ns util.text)\n(defn shout [s] (str s "!"))\n',
      'spec.lona': '(+ 1 2) ; => 3\n',
      '.hidden/x.lona': '(def hidden 1)\n',
      'node_modules/y.lona': '(def vendored 1)\n',
      'scratch/z.lona': '(def scratch 1)\n',
      '.lonaignore': 'scratch/\n',
    });
    expect(notices[0].text).toMatch(/^;; loaded 2 files of .* \(\d+ ms\); watching for changes$/);
    expect(lona('app.main/banner')).toBe('"hi!"');
    expect(lona('[(resolve (quote hidden)) (resolve (quote vendored)) (resolve (quote scratch))]')).toBe('[nil nil nil]');
  });

  it('reloads a file saved by rename, once, and a running process calls the new code at once', async () => {
    const { notices, lona } = await start({ 'greet.lona': '(defn greet [] "hello")\n' });
    lona('(defn asker [] (receive [from] (do (send from (greet)) (asker)))) (def p (spawn asker))');
    writeFileSync(join(dir, '.greet.lona.swp'), '(defn greet [] "good evening")\n');
    renameSync(join(dir, '.greet.lona.swp'), join(dir, 'greet.lona'));
    await until(() => notices.length > 1);
    await settle();
    expect(notices.slice(1).map((n) => n.text)).toEqual([expect.stringMatching(/^;; reloaded greet\.lona \(ns user\): changed greet \(\d+\.\d ms\)$/)]);
    expect(lona('(do (send p [(self)]) (receive s s :after 1000 :timeout))')).toBe('"good evening"');
  });

  it('a broken save changes nothing and says file:line:col; the fix applies', async () => {
    const { notices, lona } = await start({ 'm.lona': '(def a 1)\n(def b 2)\n' });
    write('m.lona', '(def a 10)\n(def b (/ 1 0))\n');
    await until(() => notices.length > 1);
    expect(notices[1]).toMatchObject({ ok: false, text: expect.stringMatching(/^;; m\.lona:2:1: \[:error :division-by-zero .*\(nothing changed\)$/) });
    expect(lona('[a b]')).toBe('[1 2]');
    write('m.lona', '(def a 10)\n(def b 20\n');
    await until(() => notices.length > 2);
    expect(notices[2].text).toMatch(/^;; m\.lona:2:1: unexpected-eof: .*\(nothing changed\)$/);
    expect(lona('[a b]')).toBe('[1 2]');
    write('m.lona', '(def a 10)\n(def b 20)\n');
    await until(() => notices.length > 3);
    expect(notices[3].text).toMatch(/changed a b/);
    expect(lona('[a b]')).toBe('[10 20]');
  });

  it('a burst of saves, a truncate-then-write and an unchanged save give one reload of the final text', async () => {
    const { notices, lona } = await start({ 'n.lona': '(def v 0)\n' });
    for (let i = 1; i <= 5; i++) write('n.lona', `(def v ${i})\n`);
    write('n.lona', '');
    write('n.lona', '(def v 6)\n');
    await until(() => notices.length > 1);
    await settle();
    expect(notices.length).toBe(2);
    expect(lona('v')).toBe('6');
    write('n.lona', '(def v 6)\n');
    await settle();
    expect(notices.length).toBe(2);
  });

  it('tells when a file is deleted (its definitions stay)', async () => {
    const { notices, lona } = await start({ 'gone.lona': '(def gone-value 7)\n' });
    rmSync(join(dir, 'gone.lona'));
    await until(() => notices.length > 1);
    expect(notices[1].text).toBe(';; gone.lona was deleted: its definitions stay');
    expect(lona('gone-value')).toBe('7');
  });

  it('keeps a definition the file no longer has, and says so', async () => {
    const { notices, lona } = await start({ 'k.lona': '(defn keep-me [] 1)\n(defn other [] 2)\n' });
    write('k.lona', '(defn other [] 3)\n');
    await until(() => notices.length > 1);
    expect(notices[1].text).toMatch(/changed other; kept keep-me \(no longer in the file/);
    expect(lona('[(keep-me) (other)]')).toBe('[1 3]');
  });

  it('lists processes still running a replaced function (blocked in receive inside the old version)', async () => {
    const { notices, lona } = await start({ 'w.lona': '(defn waiter [] (receive :go :old-done))\n' });
    lona('(def w (spawn waiter))');
    write('w.lona', '(defn waiter [] (receive :go :new-done))\n');
    await until(() => notices.length > 1);
    expect(lona('(map (fn [r] [(= (:pid r) w) (:var r)]) (old-code-processes))')).toBe('([true user/waiter])');
    expect(lona('(do (send w :go) (sleep 20) (old-code-processes))')).toBe('{}');
  });
});
