/**
 * A realm's cspace: the capabilities it holds (received in messages or
 * derived), the names it was granted them under (`(caps)`, `(cap :console)`)
 * and where each came from (realm-info :caps :from).
 * Uses are checked in authority.ts: the realm must hold the capability,
 * live, of the expected type and with the right.
 */
import type { Capability, Right, Value } from '../machine/index.js';

export class CSpace {
  private readonly held = new Set<Capability>();
  /** Capabilities made for this realm (granted at creation, derived here): revoked when it ends. */
  private readonly owned = new Set<Capability>();
  readonly names = new Map<string, Capability>();
  /** Where each capability came from: the realm id that granted or sent it, :derived, or :boot. */
  private readonly origins = new Map<Capability, Value>();

  /** Gives this realm `cap` (its own unless it came in a message), under `name` if given; `from` says where from. */
  grant(cap: Capability, name: string | undefined, from: Value, own = true): void {
    this.held.add(cap);
    // The first grant says where it came from: a capability sent back to the realm that made it stays its own.
    if (!this.origins.has(cap)) this.origins.set(cap, from);
    if (own) this.owned.add(cap);
    if (name !== undefined) this.names.set(name, cap);
  }

  /** Every live capability held, with its name if it has one. */
  list(): [string | null, Capability][] {
    const byCap = new Map([...this.names].map(([n, c]) => [c, n] as const));
    return [...this.held].filter((c) => !c.revoked).map((c) => [byCap.get(c) ?? null, c]);
  }

  origin(cap: Capability): Value {
    return this.origins.get(cap) ?? null;
  }

  holds(cap: Capability): boolean {
    return this.held.has(cap) && !cap.revoked;
  }

  /** The live capability granted under `name`, if any. */
  named(name: string): Capability | undefined {
    const cap = this.names.get(name);
    return cap !== undefined && !cap.revoked ? cap : undefined;
  }

  /** A live capability for a `type` device with `right`: the one named so, else any held (received in a message). */
  device(type: string, right: Right): Capability | undefined {
    const named = this.named(type);
    if (named !== undefined && named.object.type === type && named.rights.has(right)) return named;
    for (const cap of this.held) if (!cap.revoked && cap.object.type === type && cap.rights.has(right)) return cap;
    return named;
  }

  /** Forgets everything (the realm is terminated): the capabilities made for it are revoked, wherever copies went. */
  clear(): void {
    for (const cap of this.owned) cap.revoke();
    this.owned.clear();
    this.held.clear();
    this.names.clear();
    this.origins.clear();
  }
}
