/**
 * What a realm sees of the namespace table (ARCHITECTURE.md "Vars"): a
 * namespace owned by the realm or a descendant is used as it is; any other
 * namespace is seen through the realm's overlay of it, a namespace of the
 * same name owned by the realm that holds the realm's own definitions and
 * lets every other name resolve live through the parent's view. So `def`
 * in a child shadows locally and a parent's redefinition reaches running
 * children, while a child never changes (or fills with unbound names) a
 * namespace that is not its own.
 */
import { Namespace, type Var } from '../machine/index.js';
import { Realm } from './realm.js';

/** A realm's overlay of a namespace it does not own. */
export class OverlayNamespace extends Namespace {
  constructor(readonly realm: Realm, readonly base: Namespace) {
    super(base.name);
    this.owner = realm;
  }

  override shadowed(): Namespace {
    return visibleNs(this.realm.parent, this.base);
  }
}

/** Whether code of `realm` may define or change vars of `ns` directly. */
export function mayDefine(realm: Realm, ns: Namespace): boolean {
  return ns.owner instanceof Realm ? realm.isAncestorOf(ns.owner) : true;
}

/** Where a `def` of `v` run by a process of `realm` lands: `v`, or the same name in the realm's own view of its namespace. */
export function defineIn(realm: Realm, v: Var): Var {
  return mayDefine(realm, v.ns) ? v : ownNs(realm, v.ns).intern(v.name);
}

/** `ns` as `realm` reads it: the nearest overlay of it up the realm tree, or `ns` itself. */
export function visibleNs(realm: Realm | null, ns: Namespace): Namespace {
  for (let r = realm; r !== null; r = r.parent) {
    const overlay = r.overlays.get(ns);
    if (overlay !== undefined) return overlay;
  }
  return ns;
}

/** `ns` as `realm` defines in it: `ns` when the realm owns it, else the realm's overlay (made on first use). */
export function ownNs(realm: Realm, ns: Namespace): Namespace {
  if (ns instanceof OverlayNamespace) ns = ns.base;
  if (mayDefine(realm, ns)) return ns;
  let overlay = realm.overlays.get(ns);
  if (overlay === undefined) {
    overlay = new OverlayNamespace(realm, ns);
    realm.overlays.set(ns, overlay);
  }
  return overlay;
}
