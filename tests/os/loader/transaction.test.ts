/**
 * Loading a file as one namespace transaction (src/os/loader/transaction.ts)
 * through load-file and require, as a user does at the REPL: everything a
 * file defines takes effect together or not at all, running processes see
 * new definitions at their next call, and definitions the file dropped are
 * kept unless :reload-all.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { System, Session, describeOutcome } from '../../../src/os/index.js';
import { printValue } from '../../../src/lonala/index.js';
import { captureConsole } from '../../helpers/lona.js';

const dir = mkdtempSync(join(tmpdir(), 'lona-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let session: Session;

beforeEach(() => { session = new Session(System.boot(captureConsole())); });

/** Evaluates Lonala in a root session; the printed value or exit report. */
function lona(source: string): string {
  const { outcomes } = session.evalTextSync(source);
  const last = outcomes[outcomes.length - 1];
  return last.kind === 'value' ? printValue(last.value) : describeOutcome(last);
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('load-file as a transaction', () => {
  it('defines everything of a file that loads', () => {
    const f = file('good.lona', '(ns shop.cart)\n(def tax 0.2)\n(defn total [x] (* x (+ 1 tax)))\n(total 10)\n');
    expect(lona(`(load-file "${f}")`)).toBe('12.0');
    expect(lona('(shop.cart/total 100)')).toBe('120.0');
  });

  it('changes nothing when the file does not read (the error says where)', () => {
    const f = file('a.lona', '(def a 1)\n(def b 2)\n');
    lona(`(load-file "${f}")`);
    file('a.lona', '(def a 10)\n(def b 20)\n(def c (+ a\n');
    expect(lona(`(load-file "${f}")`)).toMatch(/^\*\* exit \[:error :unexpected-eof %\{.*:line 3/);
    expect(lona('[user/a user/b]')).toBe('[1 2]');
    expect(lona('user/c')).toMatch(/:undef/);
  });

  it('undoes every definition when a later form fails to compile or to run', () => {
    const f = file('b.lona', '(def x 1)\n(defn f [] :old)\n');
    lona(`(load-file "${f}")`);
    file('b.lona', '(def x 2)\n(defn f [] :new)\n(def)\n');
    expect(lona(`(load-file "${f}")`)).toMatch(/syntax-error/);
    expect(lona('[x (f)]')).toBe('[1 :old]');
    file('b.lona', '(def x 3)\n(defn f [] :newer)\n(/ 1 0)\n');
    expect(lona(`(load-file "${f}")`)).toMatch(/division-by-zero/);
    expect(lona('[x (f)]')).toBe('[1 :old]');
  });

  it('stops a runaway top-level form at the evaluation\'s reduction limit (as --max-reductions) and undoes the load', () => {
    const f = file('c.lona', '(def y 1)\n');
    lona(`(load-file "${f}")`);
    session.reductionLimit = 5_000_000;
    file('c.lona', '(def y 2)\n(defn spin [] (spin))\n(spin)\n');
    expect(lona(`(load-file "${f}")`)).toMatch(/reduction-limit/);
    expect(lona('y')).toBe('1');
  });

  it('running processes pick up new definitions at their next call', () => {
    const f = file('d.lona', '(defn greet [] "hello")\n');
    lona(`(load-file "${f}")`);
    lona('(defn greeter [] (receive [from] (do (send from (greet)) (greeter)))) (def g (spawn greeter))');
    expect(lona('(do (send g [(self)]) (receive s s :after 1000 :timeout))')).toBe('"hello"');
    file('d.lona', '(defn greet [] "good evening")\n');
    lona(`(load-file "${f}")`);
    expect(lona('(do (send g [(self)]) (receive s s :after 1000 :timeout))')).toBe('"good evening"');
  });
});

describe('require', () => {
  it('loads a namespace from its file once, :reload loads it again, :reload-all drops what the file no longer defines', () => {
    file('lib/util.lona', '(ns lib.util)\n(defn one [] 1)\n(defn two [] 2)\n');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      session = new Session(System.boot(captureConsole()));
      expect(lona("(require 'lib.util)")).toBe('nil');
      expect(lona('(lib.util/two)')).toBe('2');
      file('lib/util.lona', '(ns lib.util)\n(defn one [] :one)\n');
      expect(lona("(require 'lib.util)")).toBe('nil');
      expect(lona('(lib.util/one)')).toBe('1');
      expect(lona("(require 'lib.util :reload)")).toBe('nil');
      expect(lona('[(lib.util/one) (lib.util/two)]')).toBe('[:one 2]');
      expect(lona("(require 'lib.util :reload-all)")).toBe('nil');
      expect(lona('(lib.util/two)')).toMatch(/:undef/);
      expect(lona("(require 'no.such.ns)")).toMatch(/file-not-found/);
      expect(lona("(ns app.main (:require [lib.util :as u])) (u/one)")).toBe(':one');
    } finally {
      process.chdir(cwd);
    }
  });

  it('after a failed require: *ns* is given back, and requiring the fixed file loads it', () => {
    file('lib/shaky.lona', '(ns lib.shaky)\n(def ok 1)\n(/ 1 0)\n');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      session = new Session(System.boot(captureConsole()));
      expect(lona("(require 'lib.shaky)")).toMatch(/division-by-zero/);
      expect(lona('(ns-name *ns*)')).toBe('user');
      file('lib/shaky.lona', '(ns lib.shaky)\n(def ok 2)\n');
      expect(lona("(require 'lib.shaky)")).toBe('nil');
      expect(lona('lib.shaky/ok')).toBe('2');
    } finally {
      process.chdir(cwd);
    }
  });

  it('a require inside a loading file keeps its own definitions: reloading the outer file with :reload-all leaves them', () => {
    file('nest/inner.lona', '(ns nest.inner)\n(defn deep [] :deep)\n');
    file('nest/outer.lona', '(ns nest.outer (:require [nest.inner :as i]))\n(defn top [] (i/deep))\n');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      session = new Session(System.boot(captureConsole()));
      expect(lona("(require 'nest.outer)")).toBe('nil');
      expect(lona("(require 'nest.outer :reload-all)")).toBe('nil');
      expect(lona('[(nest.outer/top) (nest.inner/deep)]')).toBe('[:deep :deep]');
    } finally {
      process.chdir(cwd);
    }
  });
});
