/**
 * Atoms (README "Atoms"): Clojure's shared, synchronous state, inside one
 * realm. An atom value is an opaque handle (`#atom<n>`, unforgeable: only
 * `atom` makes one) to a cell that belongs to the realm whose process made
 * it. Only that realm's processes may read or change it (authority.ts
 * `atomOf`: not its parent's, not its children's), and a message carrying
 * one to another realm is refused (sendable.ts): shared mutable state stays
 * where it was made, as a bytebuf stays in its process.
 *
 * Each change is one native call, so it is atomic (a native is never
 * preempted); swap! is compare-and-set in a retry loop, in Lonala
 * (std/lona/core/atoms.lona), so a process preempted inside its function
 * retries instead of losing another process's change. Validators and
 * watches are Lonala functions kept in the cell and called by that code.
 *
 * What an atom holds is its realm's memory while it holds it, measured at
 * each change as a definition's value is (heap.ts `chargeDefinition`): no
 * process heap walks into an atom, so without this a process could stuff
 * atoms past its realm's quota. The charge goes back when the atom is
 * collected, or when its realm ends.
 */
import { Fault, Opaque, type PMap, type Value } from '../machine/index.js';
import { type Realm, RealmStatus } from './realm.js';
import { OOM, measureValue } from './heap.js';

/** What an atom's value is charged to its realm (kept apart from the atom, so a collected atom can give it back). */
class Charge {
  bytes = 0;
  registered = false;
  constructor(readonly realm: Realm) {}
}

/** Gives an atom's charge back to its realm once the atom is collected (a terminated realm gave back everything already). */
const collected = new FinalizationRegistry<Charge>((c) => {
  if (c.bytes === 0 || c.realm.status === RealmStatus.Terminated) return;
  c.realm.chargeMemory(-c.bytes);
  c.realm.definedBytes -= c.bytes;
  c.bytes = 0;
});

let serial = 0;

export class Atom {
  readonly handle: Opaque;
  /** The current value; set only through setAtom (which charges it). */
  value: Value = null;
  /** A function of one argument every new value must satisfy, or nil. */
  validator: Value;
  /** Watch functions by key, or null for none: called as (f key atom old new) after each change. */
  watches: PMap | null = null;
  private readonly charge: Charge;

  constructor(readonly realm: Realm, validator: Value) {
    this.validator = validator;
    this.charge = new Charge(realm);
    this.handle = new Opaque('atom', String(++serial), this);
  }

  /**
   * Makes `value` the atom's value, charging what it holds to the atom's
   * realm in place of the old value's charge. Past the realm's quota the
   * calling process ends :oom and the atom keeps its value.
   */
  set(value: Value): void {
    const c = this.charge;
    const realm = this.realm;
    if (realm.memoryLimit === Infinity && c.bytes === 0) {
      this.value = value;
      return;
    }
    const bytes = realm.memoryLimit === Infinity ? 0 : measureValue(value, realm.memoryRoom() + c.bytes + 1);
    const delta = bytes - c.bytes;
    // Shrinking always succeeds, even in a realm already over its quota.
    if (delta <= 0) realm.chargeMemory(delta);
    else if (!realm.reserve(delta)) {
      realm.underPressure = true;
      throw new Fault('exit', null, OOM);
    }
    realm.definedBytes += delta;
    c.bytes = bytes;
    if (bytes > 0 && !c.registered) {
      c.registered = true;
      collected.register(this.handle, c);
    }
    this.value = value;
  }
}

/** The atom behind a handle, or undefined for anything else. */
export function atomBehind(x: unknown): Atom | undefined {
  return x instanceof Opaque && x.type === 'atom' && x.payload instanceof Atom ? x.payload : undefined;
}
