/**
 * Where Lona's own files are: the package root (found by walking up from
 * this module to the package.json named "lona", so it works from dist/ and
 * from the single-file bundle alike) and the standard library's sources.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'lona') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the lona package root');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const STD_DIR = join(PACKAGE_ROOT, 'std');
export const VERSION = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version as string;
