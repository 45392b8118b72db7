/**
 * The boot image (src/os/image.ts, src/os/boot-image.ts): a system booted
 * from the image gives the same results as one booted from source
 * (LONA_NO_IMAGE=1), its inline ops still guard on the very Native objects
 * the vars hold (every kind of guarded op, the fused CMP_LI ones included),
 * its code passes the verifier (src/machine/verifier.ts), and an unreadable,
 * corrupted or stale image file makes the boot fall back to compiling std/
 * from source.
 *
 * Image files are never damaged on disk: reads of `core-*.json` go through
 * a mocked readFileSync that can alter what the loader sees.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CodeObject, Fn, INSTRUCTIONS, Native, Op, Regex, Tuple, Var, equals, instructionSize, verify } from '../../src/machine/index.js';
import { Search, makeRegex } from '../../src/lonala/regex/index.js';
import { ImageReader, ImageWriter } from '../../src/os/image.js';
import { loadImage, saveImage } from '../../src/os/boot-image.js';
import { NATIVES } from '../../src/os/natives.js';
import { Session } from '../../src/os/session.js';
import { System } from '../../src/os/system.js';
import { bootFromSource, show, withEnv } from '../helpers/lona.js';

const imageReads = vi.hoisted(() => ({ alter: null as null | ((text: string) => string) }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((path: unknown, ...rest: unknown[]) => {
    const data = (fs.readFileSync as (...a: unknown[]) => string | Buffer)(path, ...rest);
    const alter = imageReads.alter;
    if (alter === null || typeof path !== 'string' || !/core-[0-9a-f]+\.json$/.test(path)) return data;
    return alter(String(data));
  }) as typeof fs.readFileSync;
  return { ...fs, readFileSync, default: { ...fs, readFileSync } };
});

vi.mock('../../src/os/boot-image.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/os/boot-image.js')>();
  return { ...m, loadImage: vi.fn(m.loadImage) };
});

/** Boots with the image enabled; says whether the image was used. */
function bootWithImage(): { system: System; fromImage: boolean } {
  const calls = vi.mocked(loadImage).mock.results.length;
  const system = withEnv('LONA_NO_IMAGE', undefined, () => System.boot({ write: () => {} }));
  const results = vi.mocked(loadImage).mock.results;
  expect(results.length).toBe(calls + 1);
  return { system, fromImage: results[results.length - 1].value === true };
}

/** Expressions whose results must not depend on how lona.core was loaded. */
const SAMPLE: [string, string][] = [
  ['(+ 1 2)', '3'],
  ['(defn sq [x] (* x x)) (map sq (range 5))', '(0 1 4 9 16)'],
  ['(let [[a b] [1 2]] (cond (> a b) :gt (< a b) :lt :else :eq))', ':lt'],
  ['(-> 5 (- 2) (* 10))', '30'],
  ['(reduce + (filter even? (range 10)))', '20'],
  ['(str "a" 1 :b)', '"a1:b"'],
  ['(count (into #{} [1 2 2 3]))', '3'],
  ['(update %{:a 1} :a inc)', '%{:a 2}'],
  ['(defn fact ([0] 1) ([n] when (> n 0) (* n (fact (- n 1))))) (fact 25)', '15511210043330985984000000'],
  ["(macroexpand-1 '(when x y))", '(lona.core/if x (do y))'],
  ['(:source (meta #\'lona.core/second)) nil', 'nil'],
  ['(/ 1 0)', '** exit [:error :division-by-zero %{:fn lona.core//}]'],
  ['(if (= [1 2] [1 2]) :same :different)', ':same'],
];

function runSample(system: System): string[] {
  const s = new Session(system);
  return SAMPLE.map(([src]) => show(s, src));
}

/** Every (guarded inline op, var, constant) in the compiled functions of lona.core. */
function inlineOps(system: System): { op: string; v: Var; constant: unknown }[] {
  const found: { op: string; v: Var; constant: unknown }[] = [];
  const visit = (c: CodeObject) => {
    for (let pc = 0; pc < c.code.length; pc += instructionSize(c.code[pc] as Op)) {
      const info = INSTRUCTIONS[c.code[pc] as Op];
      if (info.guarded) found.push({ op: info.name, v: c.consts[c.code[pc + 1]] as Var, constant: c.consts[c.code[pc + 2]] });
    }
    for (const k of c.consts) if (k instanceof CodeObject) visit(k);
  };
  for (const v of system.core.mappings.values()) if (v.root instanceof Fn) visit(v.root.code);
  return found;
}

let fromSource: System;
let fromImage: System;

beforeAll(() => {
  fromSource = bootFromSource();
  saveImage(fromSource.stdNamespaces()); // make sure the image on disk is the current one
  const boot = bootWithImage();
  expect(boot.fromImage).toBe(true);
  fromImage = boot.system;
});

afterEach(() => {
  imageReads.alter = null;
});

describe('booting from the image', () => {
  it('gives the same results as booting from source', () => {
    const viaSource = runSample(fromSource);
    expect(viaSource).toEqual(SAMPLE.map(([, want]) => want));
    expect(runSample(fromImage)).toEqual(viaSource);
  });

  it('defines the same vars, with the same macro flags and metadata keys', () => {
    const names = (s: System) => [...s.core.mappings.keys()].sort();
    expect(names(fromImage)).toEqual(names(fromSource));
    for (const [name, v] of fromSource.core.mappings) {
      const w = fromImage.core.mappings.get(name)!;
      expect([name, w.macro, w.bound]).toEqual([name, v.macro, v.bound]);
    }
  });

  it('binds natives to the shared Native objects the inline ops guard on', () => {
    const plus = fromImage.core.lookup('+')!;
    expect(plus.root).toBeInstanceOf(Native);
    expect(plus.root).toBe(NATIVES.get('+'));
    expect(plus.root).toBe(fromSource.core.lookup('+')!.root);
    const ops = inlineOps(fromImage);
    // Every kind of guarded op, the fused ones included, is checked.
    const kinds = new Set(ops.map((o) => o.op));
    for (const name of ['ADD', 'MUL', 'LT', 'EQ', 'LT_JUMP', 'EQ_JUMP', 'ADD_LI', 'CMP_LI', 'CMP_LI_JUMP']) expect(kinds, name).toContain(name);
    for (const { op, v, constant } of ops) {
      expect(v, `${op} ${v.qualifiedName}`).toBe(fromImage.core.lookup(v.name));
      expect(constant, `${op} ${v.qualifiedName}`).toBe(v.root);
    }
  });

  it('restores code the verifier accepts, as much of it as compiling from source gives', () => {
    const verified = (system: System) => {
      let n = 0;
      for (const ns of system.stdNamespaces()) {
        for (const v of ns.mappings.values()) {
          if (!(v.root instanceof Fn)) continue;
          expect(verify(v.root.code), v.qualifiedName).toEqual([]);
          n++;
        }
      }
      return n;
    };
    expect(verified(fromImage)).toBe(verified(fromSource));
  });

  it('restores code that sees later redefinitions through this system\'s own vars', () => {
    const s = new Session(fromImage);
    expect(show(s, '(second [1 2 3])')).toBe('2');
    const v = fromImage.core.lookup('second')!;
    const saved = v.root;
    try {
      show(s, "(intern 'lona.core 'second (fn* [c] :redefined))");
      expect(show(s, '(defn use-second [c] (second c)) (use-second [1 2])')).toBe(':redefined');
    } finally {
      v.root = saved;
    }
    expect(show(new Session(fromSource), '(second [1 2 3])')).toBe('2');
  });
});

describe('falling back to source', () => {
  const cases: [string, (text: string) => string][] = [
    ['not JSON at all', () => 'garbage{'],
    ['truncated', (text) => text.slice(0, Math.floor(text.length / 2))],
    ['empty', () => ''],
    ['stale (another key)', (text) => JSON.stringify({ ...JSON.parse(text), key: 'stale' })],
  ];
  for (const [what, alter] of cases) {
    it(`boots from source when the image file is ${what}`, () => {
      imageReads.alter = alter;
      const boot = bootWithImage();
      expect(boot.fromImage).toBe(false);
      expect(runSample(boot.system)).toEqual(SAMPLE.map(([, want]) => want));
    });
  }

  it('loads the image again once the file is readable', () => {
    expect(bootWithImage().fromImage).toBe(true);
  });

  it('never loads an image when LONA_NO_IMAGE=1', () => {
    const system = new System({ write: () => {} });
    const used = withEnv('LONA_NO_IMAGE', '1', () => loadImage((n) => system.createNamespace(n)));
    expect(used).toBe(false);
    expect(system.core.lookup('defn')).toBeUndefined();
  });
});

describe('values the image holds', () => {
  it('keeps a regular expression, compiled again when restored', () => {
    const re = makeRegex('(\\d+)-(?P<x>\\w)');
    if (!(re instanceof Regex)) throw new Error('did not compile');
    const w = new ImageWriter();
    const json = w.value(Tuple.of(re, re));
    const back = new ImageReader(JSON.parse(JSON.stringify(w.objects)), () => {
      throw new Error('no namespace is needed');
    }).value(json) as Tuple;
    const [a, b] = back.items as Regex[];
    expect(a).toBeInstanceOf(Regex);
    expect(a).toBe(b);
    expect(equals(a, re)).toBe(true);
    const search = new Search('re-find', a, 'ab12-c');
    const m = search.find(0);
    expect(m === null ? null : [0, 1, 2].map((g) => search.group(m, g))).toEqual(['12-c', '12', 'c']);
  });
});
