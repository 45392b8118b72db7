/**
 * The devices of the emulated machine, each a kernel object reached only
 * through a capability (ARCHITECTURE.md "Boot"): the console (the
 * terminal), the clock, the filesystem (a directory subtree: paths never
 * leave it) and randomness. The root realm is granted all of them with
 * every right; realms below get what they are granted.
 */
import { sep } from 'node:path';
import { Capability, KernelObject, Keyword, type Right } from '../machine/index.js';
import type { Realm } from './realm.js';
import { type FsRoot, pathIn } from './authority.js';

const ALL: ReadonlySet<Right> = new Set<Right>(['read', 'write', 'grant']);

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
