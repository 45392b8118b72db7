/**
 * Reader metadata (LONALA.md sections 1 and 6): `^%{:k v} form` and
 * `^:flag form` (= `^%{:flag true}`) attach a map to the next form, which
 * must be a symbol or a collection. Stacked metadata merges, outer keys
 * winning: `^:a ^%{:b 1} x` carries `%{:b 1 :a true}`.
 */
import { Keyword, Kind, Sym, isObject, type LObject, type Value, PMap } from '../../machine/index.js';
import { Failure } from './reader-error.js';
import { formPositions } from './positions.js';

/** A collection that can carry metadata. */
interface WithMeta extends LObject {
  readonly meta: LObject | null;
  withMeta(m: LObject | null): LObject;
}

/** The metadata map `v` stands for (a map, or a keyword meaning `%{kw true}`). */
export function metaMap(v: Value, offset: number): PMap | Failure {
  if (v instanceof Keyword) return PMap.EMPTY.assoc(v, true);
  if (v instanceof PMap) return v;
  return new Failure('invalid-meta', 'metadata after ^ must be a map %{...} or a keyword :flag', offset);
}

/** `target` with `meta` merged into its metadata (the `^` being at `offset`). */
export function attachMeta(target: Value, meta: PMap, offset: number): Value | Failure {
  if (target instanceof Sym) return new Sym(target.ns, target.name, merge(target.meta, meta));
  if (isObject(target) && target.kind >= Kind.List && target.kind <= Kind.Set) {
    const c = target as WithMeta;
    const result = c.withMeta(merge(c.meta, meta));
    const position = formPositions.get(c);
    if (position !== undefined) formPositions.set(result, position);
    return result;
  }
  return new Failure('invalid-meta', 'metadata can only be attached to a symbol or a collection', offset);
}

function merge(existing: LObject | null, meta: PMap): PMap {
  if (!(existing instanceof PMap)) return meta;
  let merged = existing;
  meta.forEach((v, k) => {
    merged = merged.assoc(k, v);
  });
  return merged;
}
