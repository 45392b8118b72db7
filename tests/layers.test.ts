/**
 * The layers of ARCHITECTURE.md, read from the source: imports flow one
 * way, `machine <- lonala <- os <- inspector <- (tui, cli, bench)`; the
 * screen (src/tui) sees the machine only through the inspector's client
 * (src/inspector/index.ts); no cycle between folders.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');
const RANK: Record<string, number> = { machine: 0, lonala: 1, os: 2, inspector: 3, tui: 4, cli: 4, bench: 4 };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Each project import of each source file: [importing file, imported file], both relative to src/. */
function imports(): [string, string][] {
  const found: [string, string][] = [];
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)|new URL\('(\.[^']+)'/g)) {
      const spec = m[1] ?? m[2] ?? m[3];
      found.push([relative(SRC, file), relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts')]);
    }
  }
  return found;
}

const folderOf = (path: string) => path.split('/')[0];

describe('the layers (ARCHITECTURE.md)', () => {
  const all = imports();

  it('finds the imports it checks', () => {
    expect(all.length).toBeGreaterThan(200);
    expect(all).toContainEqual(['os/session.ts', 'os/compile-env.ts']);
  });

  it('no layer imports a layer above it', () => {
    const upward = all.filter(([from, to]) => {
      const a = RANK[folderOf(from)], b = RANK[folderOf(to)];
      return a !== undefined && b !== undefined && b > a;
    });
    expect(upward).toEqual([]);
  });

  it('the screen imports nothing of the project but the inspector client (src/inspector/index.ts)', () => {
    const outside = all.filter(([from, to]) => folderOf(from) === 'tui' && folderOf(to) !== 'tui' && to !== 'inspector/index.ts');
    expect(outside).toEqual([]);
  });

  it('other layers reach the inspector only through its index files (client and host sides)', () => {
    const inside = all.filter(([from, to]) => folderOf(from) !== 'inspector' && folderOf(to) === 'inspector'
      && to !== 'inspector/index.ts' && to !== 'inspector/host/index.ts');
    expect(inside).toEqual([]);
  });

  it('no cycle between folders at the same rank (cli and tui, say)', () => {
    const edges = new Set(all.map(([from, to]) => `${folderOf(from)}>${folderOf(to)}`).filter((e) => e.split('>')[0] !== e.split('>')[1]));
    const cycles = [...edges].filter((e) => edges.has(e.split('>').reverse().join('>')));
    expect(cycles).toEqual([]);
  });
});
