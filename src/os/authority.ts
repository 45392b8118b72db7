/**
 * The one checked place of authority (README "Realms and capabilities").
 * Every intrinsic that names another process, realm, namespace, path,
 * region or capability gets it through a function of this file, which
 * applies one rule:
 *
 *   A process acts on a process, realm, namespace, var table, region or
 *   host resource only within its own realm's subtree, or through a
 *   capability its realm holds (live, with the right the act needs).
 *
 * Messages and monitors are the exceptions: they only carry data and
 * observe. What a message may carry across realms is sendable.ts's
 * (transfer), applied by every way of sending.
 *
 * Atoms are stricter: an atom is its realm's alone (atom.ts), so no other
 * realm, above or below, reads or changes it.
 *
 * A refusal names what was asked, never what is there: `:not-descendant`
 * for a process or realm outside the subtree, `:no-capability` for a
 * missing, revoked or too weak capability or a path that leaves its root;
 * a namespace the caller may not see is as one that does not exist.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Capability, Fault, Keyword, Namespace, Pid, RealmId, Sym, capOf, type Right, type Value } from '../machine/index.js';
import { badarg, typeError } from '../lonala/index.js';
import type { Process } from './process.js';
import { Realm } from './realm.js';
import type { CSpace } from './cspace.js';
import { type Region, accessOf, regionOf } from './region.js';
import { STD_DIR } from './std-dir.js';
import { type Atom, atomBehind } from './atom.js';

const fnSym = (fnName: string): Sym => Sym.of(fnName, 'lona.core');

// ---- processes

/** The live process a pid names (undefined if gone), for messages and monitors: no authority needed. */
export function peerOf(fnName: string, x: Value, args: Value[], self: Process): Process | undefined {
  if (!(x instanceof Pid)) badarg(fnName, args);
  return self.system.process(x);
}

/** The live process a pid names (undefined if gone), if `self` may act on it: its realm is in `self`'s subtree. */
export function processOf(fnName: string, x: Value, args: Value[], self: Process): Process | undefined {
  const p = peerOf(fnName, x, args, self);
  if (p !== undefined && !self.realm.isAncestorOf(p.realm)) throw new Fault('not-descendant', { fn: fnSym(fnName), pid: x });
  return p;
}

// ---- registered names

/**
 * The live process registered as `name` that `self` may find by it (send,
 * send-named, whereis): one registered in its own realm, else in the
 * nearest ancestor that has the name (`local`: its own realm only). A name
 * registered in a sibling's or a descendant's realm is as one registered
 * nowhere: the caller learns nothing of what is outside its line.
 */
export function registeredOf(self: Process, name: Sym, local = false): Process | undefined {
  return self.realm.whereis(name, local);
}

// ---- realms

/** The realm `x` names, if it is `self`'s realm or below it (`strict`: strictly below it). */
export function realmOf(fnName: string, x: Value, strict: boolean, self: Process): Realm {
  if (!(x instanceof RealmId)) typeError(fnName, 'realm-id', x);
  const realm = self.system.realm(x.id);
  if (realm === undefined || !self.realm.isAncestorOf(realm) || (strict && realm === self.realm)) {
    throw new Fault('not-descendant', { fn: fnSym(fnName), realm: x });
  }
  return realm;
}

// ---- namespaces

/**
 * Whether code of `realm` may see `ns`: one owned by the realm, an
 * ancestor (a child reads its parent's vars live) or a descendant. A
 * sibling's or a cousin's namespace is invisible, as if it did not exist.
 */
export function seesNamespace(realm: Realm, ns: Namespace): boolean {
  const owner = ns.owner;
  return !(owner instanceof Realm) || owner.isAncestorOf(realm) || realm.isAncestorOf(owner);
}

/** The namespace named `name` if `self`'s realm may see it (undefined otherwise, as for none). */
export function findNamespace(self: Process, name: string): Namespace | undefined {
  const ns = self.system.namespaces.find(name);
  return ns !== undefined && seesNamespace(self.realm, ns) ? ns : undefined;
}

/** A namespace argument (the namespace or a symbol naming it) the caller may see; `:badarg` as for none otherwise. */
export function namespaceOf(fnName: string, x: Value, self: Process): Namespace {
  if (x instanceof Namespace || x instanceof Sym) {
    const ns = x instanceof Namespace ? (seesNamespace(self.realm, x) ? x : undefined) : findNamespace(self, x.fullName);
    if (ns === undefined) throw new Fault('badarg', { fn: Sym.of(fnName), message: `no namespace ${x instanceof Sym ? x.fullName : x.name}` });
    return ns;
  }
  return typeError(fnName, 'namespace', x);
}

/** Whether `ns` belongs to `realm` or an ancestor: code that realm runs by it was written with at least its authority. */
export function ownedAbove(realm: Realm, ns: Namespace): boolean {
  const owner = ns.owner;
  return !(owner instanceof Realm) || owner.isAncestorOf(realm);
}

/**
 * The namespace `name` for `self` to enter or create (in-ns, ns,
 * create-ns): its realm's or an ancestor's, or a new one. A name a
 * descendant or another realm took is `:no-capability`: code defined there
 * by a realm with less authority must not become the caller's own.
 */
export function namespaceToEnter(fnName: string, name: Sym, self: Process): Namespace {
  const existing = self.system.namespaces.find(name.fullName);
  if (existing !== undefined && !ownedAbove(self.realm, existing)) {
    throw new Fault('no-capability', { fn: fnSym(fnName), ns: name, message: 'that namespace name is taken by another realm' });
  }
  return self.system.createNamespace(name.fullName, self.realm);
}

// ---- capabilities

/** Fails closed: `[:error :no-capability %{...}]`. */
export function noCapability(fnName: string, details: Record<string, Value>): never {
  throw new Fault('no-capability', { fn: fnSym(fnName), ...details });
}

/** The capability behind `x` if `cspace` holds it live, with `right` (null: any) and of `type` (when given). */
export function useCap(cspace: CSpace, fnName: string, x: Value, right: Right | null, type?: string): Capability {
  const cap = capOf(x);
  if (cap === undefined) noCapability(fnName, { given: x, message: 'not a capability' });
  if (!cspace.holds(cap)) noCapability(fnName, { cap: x, message: cap.revoked ? 'the capability was revoked' : 'this realm does not hold that capability' });
  if (type !== undefined && cap.object.type !== type) noCapability(fnName, { cap: x, expected: Keyword.of(type) });
  if (right !== null && !cap.rights.has(right)) noCapability(fnName, { cap: x, needs: Keyword.of(right) });
  return cap;
}

/** The realm's own device capability granted as `name` (console, clock, fs, random), with `right`. */
export function deviceCap(cspace: CSpace, fnName: string, name: string, right: Right): Capability {
  const cap = cspace.device(name, right);
  if (cap === undefined) noCapability(fnName, { needs: Keyword.of(name), message: `this realm was granted no ${name} capability` });
  if (!cap.rights.has(right)) noCapability(fnName, { cap: cap.handle, needs: Keyword.of(right) });
  return cap;
}

// ---- paths

/** The filesystem device's resource: the directory its paths must stay under, and where relative paths start. */
export interface FsRoot { readonly dir: string; readonly cwd: string }

const within = (p: string, base: string): boolean => {
  const rel = relative(base, p);
  return !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
};

/** Symlinks followed in one path before it is called a loop (Linux's own limit). */
const MAX_LINKS = 40;

/**
 * Where `path` really is: every symlink on it followed, the last part's
 * too, even when what a link points to does not exist yet (a write would
 * create it there). Undefined for a symlink loop.
 */
function realLocation(path: string, links = { left: MAX_LINKS }): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    // Something on the path is missing (or a link dangles): resolve the parent, then look at the last part.
  }
  const parent = dirname(path);
  if (parent === path) return path;
  const realParent = realLocation(parent, links);
  if (realParent === undefined) return undefined;
  const here = join(realParent, basename(path));
  let isLink = false;
  try {
    isLink = lstatSync(here).isSymbolicLink();
  } catch {
    return here; // missing: a write creates it here
  }
  if (!isLink) return here;
  if (--links.left < 0) return undefined;
  return realLocation(resolve(realParent, readlinkSync(here)), links);
}

/**
 * `path` inside the filesystem capability's directory, as the real
 * location to open. Relative paths start at its working directory. `..`
 * or an absolute path outside, and a symlink anywhere on the path that
 * leads outside (dangling or not, on reads and writes alike), are refused
 * with `:no-capability`, never followed.
 */
export function pathIn(cap: Capability, fnName: string, path: string): string {
  const { dir, cwd } = cap.object.resource as FsRoot;
  const full = resolve(cwd, path);
  const real = within(full, dir) ? realLocation(full) : undefined;
  const realDir = realLocation(dir);
  if (real === undefined || realDir === undefined || !within(real, realDir)) {
    noCapability(fnName, { path, message: 'the path leaves the filesystem capability' });
  }
  return real;
}

/** A path of the standard library (std/lona/...): no capability needed, and nothing outside that tree is reachable. */
export function stdPath(fnName: string, path: string): string {
  const lib = join(STD_DIR, 'lona');
  const real = isAbsolute(path) ? undefined : realLocation(resolve(lib, path));
  const realLib = realLocation(lib);
  if (real === undefined || realLib === undefined || !within(real, realLib)) {
    noCapability(fnName, { path, message: 'load-std reads only the standard library (std/lona)' });
  }
  return real;
}

// ---- regions

/** The region behind `x`, if the caller's realm holds it with at least `need` access. */
export function regionHeld(fnName: string, x: Value, need: 'read' | 'write', self: Process): Region {
  const region = regionOf(x);
  if (region === undefined) return typeError(fnName, 'region', x);
  const access = accessOf(self.realm, region);
  if (access === undefined || (need === 'write' && access !== 'write')) {
    noCapability(fnName, { region: region.handle, needs: Keyword.of(need) });
  }
  return region;
}

// ---- atoms

/**
 * The atom behind `x`, if it belongs to `self`'s realm: an atom is shared
 * state of the realm that made it, so its parent and its children are
 * refused as any other realm is (`:no-capability`).
 */
export function atomOf(fnName: string, x: Value, self: Process): Atom {
  const atom = atomBehind(x);
  if (atom === undefined) return typeError(fnName, 'atom', x);
  if (atom.realm !== self.realm) {
    noCapability(fnName, { atom: x, message: 'an atom belongs to the realm that made it: only its processes may read or change it (send its value instead)' });
  }
  return atom;
}
