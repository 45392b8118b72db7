/**
 * Nesting limits. The reader never recurses per nesting level, but its
 * output goes to code that may: `hash` (equality.ts) walks nested
 * collections recursively, so building a set or map that holds a very deep
 * form could overflow the JS stack. Collections completed deep inside a form
 * therefore get their hash computed (and cached in `_hash`) right away,
 * bottom-up, which bounds any later hash recursion to PREHASH_DEPTH levels.
 */
import { Kind, type LObject, type Value, hash } from '../../machine/index.js';

/** Deepest nesting the reader accepts (open collections and prefixes); deeper is 'too-deep'. */
export const MAX_DEPTH = 1_000_000;

/** From this depth on, completed collections are hashed as they are built. */
export const PREHASH_DEPTH = 200;

/** Computes and caches the hash of `v` if it is a collection. */
export function prehash(v: Value): void {
  if (typeof v === 'object' && v !== null) {
    const kind = (v as LObject).kind;
    if (kind >= Kind.List && kind <= Kind.Set) hash(v);
  }
}
