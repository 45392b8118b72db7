/**
 * The `.lona` files a live-edited tree holds, in the order to load them:
 * every file whose `ns` form another one requires comes first. Skipped:
 * dot-folders, node_modules, what `.gitignore` or `.lonaignore` name
 * (simple patterns: `name`, `dir/`, `*.ext`, `/rooted`), and spec files
 * (`; =>` assertions: `lona test` runs those, they are not program source).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Keyword, List, Sym, Tuple, Vector, type Value } from '../../machine/index.js';
import { readAll } from '../../lonala/index.js';

export type Ignore = (path: string, isDir: boolean) => boolean;

/** The ignore rules of `root`'s .gitignore and .lonaignore, with dot-folders and node_modules. */
export function ignoreRules(root: string): Ignore {
  const patterns = ['.gitignore', '.lonaignore'].flatMap((f) => {
    const path = join(root, f);
    return existsSync(path) ? readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('!')) : [];
  }).map(toRegExp);
  return (path, isDir) => {
    const rel = relative(root, path).split(sep).join('/');
    if (rel === '') return false;
    const parts = rel.split('/');
    if (parts.some((p) => p.startsWith('.') || p === 'node_modules')) return true;
    return patterns.some(({ re, dirOnly }) => (!dirOnly || isDir) && re.test(rel));
  };
}

function toRegExp(pattern: string): { re: RegExp; dirOnly: boolean } {
  const dirOnly = pattern.endsWith('/');
  const body = pattern.replace(/\/$/, '');
  const rooted = body.startsWith('/') || body.includes('/');
  const glob = body.replace(/^\//, '').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\u0000/g, '.*');
  return { re: new RegExp(rooted ? `^${glob}(/.*)?$` : `(^|/)${glob}(/.*)?$`), dirOnly };
}

/** Whether `text` is a spec file (`expr ; => expected` lines), not program source. */
export function isSpecFile(text: string): boolean {
  return /\)[ \t]*;[ \t]*=>/.test(text) || /^[^;\n]*[^\s;][ \t]+;[ \t]*=>/m.test(text);
}

/**
 * The program files under `root`, in dependency order; null when the tree
 * holds more than `maxEntries` files and folders (not ignored): `lona` started
 * in a home directory must not walk, load and watch all of it.
 */
export function sourceFiles(root: string, ignore: Ignore = ignoreRules(root), maxEntries = Infinity): string[] | null {
  const files: string[] = [];
  let entries = 0;
  const walk = (dir: string): boolean => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, e.name);
      if (ignore(path, e.isDirectory())) continue;
      if (++entries > maxEntries) return false;
      if (e.isDirectory()) {
        if (!walk(path)) return false;
      } else if (e.name.endsWith('.lona') && !isSpecFile(readFileSync(path, 'utf8'))) files.push(path);
    }
    return true;
  };
  return walk(root) ? dependencyOrder(files) : null;
}

/** The namespace a file's `ns` form declares and the ones it requires. */
export function nsHeader(text: string): { name: string | null; requires: string[] } {
  const { forms } = readAll(text);
  const first = forms[0]?.form;
  if (!(first instanceof List) || first.head !== Sym.of('ns') || !(first.tail.head instanceof Sym)) return { name: null, requires: [] };
  const requires: string[] = [];
  for (const clause of first.tail.tail.toArray()) {
    if (clause instanceof List && clause.head instanceof Keyword && clause.head.name === 'require') collect(clause.tail.toArray(), requires);
  }
  return { name: (first.tail.head as Sym).fullName, requires };
}

function collect(specs: Value[], into: string[]): void {
  for (const spec of specs) {
    const target = spec instanceof Tuple ? spec.items[0] : spec instanceof Vector ? spec.toArray()[0] : spec;
    if (target instanceof Sym) into.push(target.fullName);
  }
}

/** Files ordered so that a file comes after every file defining a namespace it requires (cycles: file order). */
function dependencyOrder(files: string[]): string[] {
  const headers = new Map(files.map((f) => [f, nsHeader(readFileSync(f, 'utf8'))]));
  const byNs = new Map([...headers].filter(([, h]) => h.name !== null).map(([f, h]) => [h.name as string, f]));
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (f: string) => {
    if (state.has(f)) return;
    state.set(f, 'visiting');
    for (const r of headers.get(f)!.requires) {
      const dep = byNs.get(r);
      if (dep !== undefined) visit(dep);
    }
    state.set(f, 'done');
    ordered.push(f);
  };
  files.forEach(visit);
  return ordered;
}
