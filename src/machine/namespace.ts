/**
 * Vars and namespaces as machine data (LONALA.md section 6).
 *
 * A `Var` is a named, mutable root binding: redefining it is seen by every
 * caller at its next call (calls go through the var). A `Namespace` maps
 * names to vars, with referred vars (e.g. all of `lona.core`) and aliases.
 * A `NamespaceTable` is one world of namespaces (one per machine for now).
 */
import { Keyword, Kind, type LObject, type Value } from './value.js';
import type { PMap } from './hash-map.js';

const PRIVATE = Keyword.of('private');
const MACRO = Keyword.of('macro');
const PROCESS_BOUND = Keyword.of('process-bound');

/** Marks a var with no root binding. */
export const UNBOUND: unique symbol = Symbol('unbound');

export class Var implements LObject {
  readonly kind = Kind.Var;
  root: Value | typeof UNBOUND = UNBOUND;
  private metadata: PMap | null = null;
  /** Builds the metadata on first use (a restored boot image defers it). */
  private pendingMeta: (() => PMap | null) | null = null;
  /** Cached from meta for the compiler's macro check. */
  macro = false;
  /** Cached from meta: value is per process (inherited at spawn). */
  processBound = false;
  /** Cached from meta: not visible from other namespaces by plain name. */
  private = false;
  constructor(readonly ns: Namespace, readonly name: string) {}

  get meta(): PMap | null {
    if (this.pendingMeta !== null) {
      this.metadata = this.pendingMeta();
      this.pendingMeta = null;
    }
    return this.metadata;
  }

  /** Sets the metadata and the flags cached from it. */
  set meta(m: PMap | null) {
    this.metadata = m;
    this.pendingMeta = null;
    this.macro = m?.get(MACRO) === true;
    this.processBound = this.processBound || m?.get(PROCESS_BOUND) === true;
    this.private = m?.get(PRIVATE) === true;
  }

  /** Sets metadata to be built when first read. */
  deferMeta(build: () => PMap | null): void {
    this.pendingMeta = build;
  }

  get bound(): boolean {
    return this.root !== UNBOUND;
  }

  get qualifiedName(): string {
    return this.ns.name + '/' + this.name;
  }
}

export class Namespace implements LObject {
  readonly kind = Kind.Namespace;
  /** Vars defined (interned) in this namespace. */
  readonly mappings = new Map<string, Var>();
  /** Vars of other namespaces visible by their plain name. */
  readonly refers = new Map<string, Var>();
  /** Short names for other namespaces. */
  readonly aliases = new Map<string, Namespace>();
  /** Namespaces whose public vars are all visible here (lona.core), live. */
  readonly uses: Namespace[] = [];
  meta: PMap | null = null;
  /** Who may define here (the OS's realm; opaque to the machine). */
  owner: unknown = null;
  constructor(readonly name: string) {}

  /** The var named `name` here, created unbound if missing. */
  intern(name: string): Var {
    let v = this.mappings.get(name);
    if (v === undefined) {
      v = new Var(this, name);
      this.mappings.set(name, v);
    }
    return v;
  }

  /**
   * Resolves a plain name: own mapping, then referred vars, then used
   * namespaces, then the namespace this one shadows (if any).
   */
  lookup(name: string): Var | undefined {
    const v = this.mappings.get(name) ?? this.refers.get(name);
    if (v !== undefined) return v;
    for (const ns of this.uses) {
      const u = ns.mappings.get(name);
      if (u !== undefined && u.bound && !u.private) return u;
    }
    return this.shadowed()?.lookup(name);
  }

  /** The namespace an alias names here (or in the namespace this one shadows). */
  alias(name: string): Namespace | undefined {
    return this.aliases.get(name) ?? this.shadowed()?.alias(name);
  }

  /**
   * The namespace whose names show through this one where it defines none
   * (an OS overlay: a child realm's local definitions over its parent's).
   */
  shadowed(): Namespace | null {
    return null;
  }
}

/**
 * Where a `def` of `v` to `value` lands when it runs. The OS sets the rule
 * (a realm defines only in namespaces it owns, so code compiled in one realm
 * and run by a process of another defines in that realm's own view, and
 * what a var holds is charged to that realm); until then, in `v` itself.
 */
export const defTarget = { of: (v: Var, _value: Value): Var => v };

/** Namespaces as some code sees them: found by name, and where that code's definitions go. */
export interface NamespaceView {
  find(name: string): Namespace | undefined;
  /** The namespace definitions into `ns` land in (`ns` itself unless the OS overlays it). */
  own(ns: Namespace): Namespace;
}

export class NamespaceTable implements NamespaceView {
  readonly byName = new Map<string, Namespace>();

  own(ns: Namespace): Namespace {
    return ns;
  }

  find(name: string): Namespace | undefined {
    return this.byName.get(name);
  }

  /** The namespace `name`, created if missing. */
  create(name: string): Namespace {
    let ns = this.byName.get(name);
    if (ns === undefined) {
      ns = new Namespace(name);
      this.byName.set(name, ns);
    }
    return ns;
  }
}
