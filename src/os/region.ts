/**
 * Shared regions (LONALA.md 9): a block of bytes one realm makes and shares
 * with descendants, read-only or read-write. A region value is an opaque
 * handle (`#region<name>`, unforgeable: only make-shared-region and
 * get-shared-region produce one); what a realm may do with it is looked up
 * in that realm's own table, never read from the handle, so a read-only
 * holder cannot write by any route and a realm it was never shared with
 * cannot use it at all.
 */
import { Opaque, type Sym } from '../machine/index.js';
import type { Realm } from './realm.js';

export class Region {
  readonly bytes: Uint8Array;
  readonly handle: Opaque;
  constructor(readonly name: Sym, size: number, readonly owner: Realm) {
    this.bytes = new Uint8Array(size);
    this.handle = new Opaque('region', name.fullName, this);
  }
}

/** The region behind a handle, or undefined for anything else. */
export function regionOf(x: unknown): Region | undefined {
  return x instanceof Opaque && x.type === 'region' && x.payload instanceof Region ? x.payload : undefined;
}

/** What `realm` may do with `region`: 'write', 'read' or nothing. */
export function accessOf(realm: Realm, region: Region): 'write' | 'read' | undefined {
  const entry = realm.regions.get(region.name.fullName);
  if (entry === undefined || entry.region !== region) return undefined;
  return entry.writable ? 'write' : 'read';
}
