/**
 * Capabilities (ARCHITECTURE.md "The machine", LONALA.md 9): the only
 * source of authority. A kernel object (a device: console, clock, a
 * filesystem subtree, random) is reached only through a capability, a node
 * in a derivation tree with rights (:read :write :grant). A capability
 * value is an opaque handle (`#cap<console>`): there is no id to forge, no
 * constructor reachable from Lonala, and its printed form reads as nothing.
 * Deriving gives a child node with fewer rights; revoking a node kills
 * everything derived from it; each use is checked (by the OS) against the
 * calling realm's cspace.
 */
import { Opaque } from './value.js';

export type Right = 'read' | 'write' | 'grant';
export const RIGHTS: readonly Right[] = ['read', 'write', 'grant'];

/** What a capability designates. `resource` is the device's own state (e.g. a directory). */
export class KernelObject {
  constructor(readonly type: string, readonly resource: unknown = null) {}
}

export class Capability {
  readonly children = new Set<Capability>();
  revoked = false;
  readonly handle: Opaque;

  constructor(readonly object: KernelObject, readonly rights: ReadonlySet<Right>, readonly parent: Capability | null) {
    this.handle = new Opaque('cap', object.type, this);
  }

  /** A child with `rights` (a subset of these), or undefined if it would add any. */
  derive(rights: ReadonlySet<Right>): Capability | undefined {
    for (const r of rights) if (!this.rights.has(r)) return undefined;
    const child = new Capability(this.object, rights, this);
    this.children.add(child);
    return child;
  }

  /** Kills every capability derived from this one (this one stays). */
  revokeDerived(): void {
    const todo = [...this.children];
    this.children.clear();
    for (let c = todo.pop(); c !== undefined; c = todo.pop()) {
      c.revoked = true;
      todo.push(...c.children);
      c.children.clear();
    }
  }

  /** Kills this capability and everything derived from it. */
  revoke(): void {
    this.revoked = true;
    this.revokeDerived();
    this.parent?.children.delete(this);
  }
}

/** The capability behind a handle, or undefined for any other value. */
export function capOf(x: unknown): Capability | undefined {
  return x instanceof Opaque && x.type === 'cap' && x.payload instanceof Capability ? x.payload : undefined;
}
