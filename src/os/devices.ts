/**
 * The devices of the emulated machine, each a kernel object reached only
 * through a capability (ARCHITECTURE.md "Boot"): the console (the
 * terminal), the clock, the filesystem (a directory subtree: paths never
 * leave it) and randomness. The root realm is granted all of them with
 * every right; realms below get what they are granted.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Capability, Fault, KernelObject, Keyword, Sym, type Right } from '../machine/index.js';
import type { Realm } from './realm.js';

const ALL: ReadonlySet<Right> = new Set<Right>(['read', 'write', 'grant']);

/** The filesystem device's resource: the directory its paths must stay under, and where relative paths start. */
export interface FsRoot { readonly dir: string; readonly cwd: string }

/** A filesystem capability for the subtree `dir` of `cap`'s (derived from it: revoking `cap` kills it too). */
export function fsSubtree(cap: Capability, fnName: string, dir: string): Capability {
  const full = pathIn(cap, fnName, dir);
  const child = new Capability(new KernelObject('fs', { dir: full, cwd: full } as FsRoot), cap.rights, cap);
  cap.children.add(child);
  return child;
}

export function grantDevices(root: Realm, cwd = process.cwd()): void {
  // The root holds everything: the whole filesystem, relative paths from the working directory.
  for (const [name, resource] of [['console', null], ['clock', null], ['fs', { dir: sep, cwd } as FsRoot], ['random', null], ['inspector', null]] as const) {
    root.cspace.grant(new Capability(new KernelObject(name, resource), ALL, null), name, Keyword.of('boot'));
  }
}

/**
 * `path` inside the filesystem capability's directory. Relative paths
 * start at its working directory; `..`, absolute paths and symlinks that
 * lead outside are refused (`:no-capability`), never followed.
 */
export function pathIn(cap: Capability, fnName: string, path: string): string {
  const { dir, cwd } = cap.object.resource as FsRoot;
  const outside = (): never => { throw new Fault('no-capability', { fn: Sym.of(fnName, 'lona.core'), path, message: 'the path leaves the filesystem capability' }); };
  const full = resolve(cwd, path);
  const within = (p: string, base: string): boolean => {
    const rel = relative(base, p);
    return !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
  };
  if (!within(full, dir)) outside();
  // Symlinks: the real location of the deepest existing part must stay inside too.
  let existing = full;
  for (;;) {
    try {
      const real = realpathSync(existing);
      if (!within(join(real, relative(existing, full)), realpathSync(dir))) outside();
      break;
    } catch (e) {
      if (e instanceof Fault) throw e;
      const parent = resolve(existing, '..');
      if (parent === existing) break;
      existing = parent;
    }
  }
  return full;
}
