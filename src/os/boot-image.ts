/**
 * Saving and loading the boot image of lona.core (image.ts) on disk, keyed
 * by a hash of the standard library's sources, the Lona version and the
 * build of the running code, so any change to either boots from source
 * again. Set LONA_NO_IMAGE=1 to always boot from source.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Namespace } from '../machine/index.js';
import { ImageReader, ImageWriter, type ImageNamespace } from './image.js';
import { PACKAGE_ROOT, STD_DIR, VERSION } from './std-dir.js';

interface ImageFile { key: string; namespaces: ImageNamespace[]; objects: unknown[] }

function stdSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...stdSources(path));
    else if (name.endsWith('.lona')) out.push(path);
  }
  return out;
}

/** Every file of the running code: the bundle itself, or all of src/ or dist/. */
function codeFiles(): string[] {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.mjs')) return [self];
  let dir = dirname(self);
  while (!['src', 'dist'].includes(basename(dir)) && dirname(dir) !== dir) dir = dirname(dir);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|js|mjs)$/.test(name)) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The image key: the std sources, the version, and the modification times
 * of every file of the running code, so a changed instruction set, compiler
 * or intrinsic never meets an image compiled by the old one.
 */
function imageKey(): string {
  const h = createHash('sha256');
  h.update(VERSION);
  for (const f of codeFiles()) h.update(f).update(String(statSync(f).mtimeMs));
  for (const f of stdSources(STD_DIR)) h.update(f).update(readFileSync(f));
  return h.digest('hex').slice(0, 24);
}

/** The package's own cache folder, else the user's (never a shared one: an image is code). */
const cacheDirs = () => [join(PACKAGE_ROOT, '.lona-cache'), join(homedir(), '.cache', 'lona')];

/**
 * Restores the standard library's namespaces (lona.core, lona.inspector...)
 * from a current image; false when there is none. An image that fails to
 * restore throws: the caller boots from source into a fresh system (the
 * namespaces may be half filled).
 */
export function loadImage(resolveNs: (name: string) => Namespace): boolean {
  if (process.env.LONA_NO_IMAGE === '1') return false;
  const key = imageKey();
  for (const dir of cacheDirs()) {
    let file: ImageFile;
    try {
      file = JSON.parse(readFileSync(join(dir, `core-${key}.json`), 'utf8')) as ImageFile;
    } catch {
      continue;
    }
    if (file.key !== key) continue;
    if (!Array.isArray(file.namespaces)) continue;
    const reader = new ImageReader(file.objects as never, resolveNs);
    for (const ns of file.namespaces) reader.restoreVars(resolveNs(ns.name), ns.vars);
    return true;
  }
  return false;
}

/** Saves the standard library's namespaces as an image for the next boot (best effort). */
export function saveImage(namespaces: readonly Namespace[]): void {
  if (process.env.LONA_NO_IMAGE === '1') return;
  const image = ImageWriter.namespaces(namespaces);
  if (image === null) return;
  const key = imageKey();
  const text = JSON.stringify({ key, ...image });
  for (const dir of cacheDirs()) {
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = join(dir, `core-${key}.json.${process.pid}.tmp`);
      writeFileSync(tmp, text);
      renameSync(tmp, join(dir, `core-${key}.json`));
      pruneOldImages(dir, `core-${key}.json`);
      return;
    } catch {
      // not writable: try the next place
    }
  }
}

/** Removes the images of earlier builds, keeping `current`. */
function pruneOldImages(dir: string, current: string): void {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('core-') && name !== current) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // another lona may be using it; it goes next time
      }
    }
  }
}
