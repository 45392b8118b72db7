/**
 * Shared-region intrinsics (LONALA.md 9, region.ts): make, share with a
 * descendant realm (read-only or read-write), unshare, look up by name,
 * and read and write bytes in place. Every use is checked against the
 * calling realm's own table: no entry is `[:error :no-capability]`, a
 * write through a read-only share likewise.
 */
import { Binary, Fault, Keyword, Sym, type Value } from '../../machine/index.js';
import { intrinsic, type Intrinsic, typeError, outOfBounds } from '../../lonala/index.js';
import { Region, regionOf } from '../region.js';
import { caller } from './context.js';
import { realmOf, regionHeld } from '../authority.js';
import { chargeText } from '../../lonala/index.js';

const OK = Keyword.of('ok');
/** The largest region one call may make (host memory is the machine's, not the realm's). */
const MAX_REGION = 64 * 1024 * 1024;

function regionArg(fnName: string, x: Value): Region {
  const r = regionOf(x);
  return r === undefined ? typeError(fnName, 'region', x) : r;
}

/** The region, if the caller's realm holds it with at least `need` access. */
const held = (fnName: string, x: Value, need: 'read' | 'write'): Region => regionHeld(fnName, x, need, caller());

function span(fnName: string, region: Region, offset: Value, length: number): number {
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset + length > region.bytes.length) {
    outOfBounds(fnName, offset, region.bytes.length);
  }
  return offset;
}

export const regionIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'make-shared-region', arglists: '([size name])', min: 2, max: 2,
    doc: "Makes a zeroed region of size bytes named name (a symbol), held read-write by the caller's realm.",
    impl: (size, name) => {
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > MAX_REGION) typeError('make-shared-region', `size 0-${MAX_REGION}`, size);
      if (!(name instanceof Sym)) typeError('make-shared-region', 'symbol', name);
      const realm = caller().realm;
      // Its bytes are the realm's until the realm ends (the host holds them outside its heap).
      if (!realm.reserve(size)) throw new Fault('quota', { resource: Keyword.of('memory'), realm: realm.ref, asked: size, message: "the realm's memory quota has no room for the region" });
      const region = new Region(name, size, realm);
      realm.regions.set(name.fullName, { region, writable: true });
      return region.handle;
    },
  }),
  intrinsic({
    name: 'share-region', arglists: '([region realm access])', min: 3, max: 3, reaches: { 0: 'region', 1: 'realm' },
    doc: 'Shares a region the caller holds with a descendant realm, :read-only or :read-write (read-write only from a writer).',
    impl: (r, realmId, access) => {
      const writable = access === Keyword.of('read-write');
      if (!writable && access !== Keyword.of('read-only')) typeError('share-region', ':read-only or :read-write', access);
      const region = held('share-region', r, writable ? 'write' : 'read');
      const target = realmOf('share-region', realmId, true, caller());
      target.regions.set(region.name.fullName, { region, writable });
      return OK;
    },
  }),
  intrinsic({
    name: 'unshare-region', arglists: '([region realm])', min: 2, max: 2, reaches: { 0: 'region', 1: 'realm' }, doc: 'Takes a shared region back from a descendant realm. :ok.',
    impl: (r, realmId) => {
      const region = held('unshare-region', r, 'read');
      const target = realmOf('unshare-region', realmId, true, caller());
      for (const t of target.subtree()) if (t.regions.get(region.name.fullName)?.region === region) t.regions.delete(region.name.fullName);
      return OK;
    },
  }),
  intrinsic({
    name: 'get-shared-region', arglists: '([name])', min: 1, max: 1, doc: "The region named name that the caller's realm holds, or nil.",
    impl: (name) => {
      if (!(name instanceof Sym)) typeError('get-shared-region', 'symbol', name);
      return caller().realm.regions.get(name.fullName)?.region.handle ?? null;
    },
  }),
  intrinsic({ name: 'region?', arglists: '([x])', min: 1, max: 1, doc: 'Whether x is a shared region handle.', impl: (x) => regionOf(x) !== undefined }),
  intrinsic({ name: 'region-size', arglists: '([region])', min: 1, max: 1, reaches: { 0: 'handle' }, doc: 'The size of a region in bytes.', impl: (r) => regionArg('region-size', r).bytes.length }),
  intrinsic({ name: 'region-name', arglists: '([region])', min: 1, max: 1, reaches: { 0: 'handle' }, doc: 'The name of a region (a symbol).', impl: (r) => regionArg('region-name', r).name }),
  intrinsic({
    name: 'region-read', arglists: '([region offset length])', min: 3, max: 3, reaches: { 0: 'region' }, doc: 'length bytes from offset, as a binary (needs read access).',
    impl: (r, offset, length) => {
      const region = held('region-read', r, 'read');
      if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) typeError('region-read', 'non-negative integer', length);
      const at = span('region-read', region, offset, length);
      chargeText(length);
      return new Binary(region.bytes.slice(at, at + length));
    },
  }),
  intrinsic({
    name: 'region-write!', arglists: '([region offset binary])', min: 3, max: 3, reaches: { 0: 'region' }, doc: 'Copies a binary into the region at offset (needs read-write access). :ok.',
    impl: (r, offset, data) => {
      const region = held('region-write!', r, 'write');
      if (!(data instanceof Binary)) typeError('region-write!', 'binary', data);
      chargeText(data.bytes.length);
      region.bytes.set(data.bytes, span('region-write!', region, offset, data.bytes.length));
      return OK;
    },
  }),
];
