/** Tuples: fixed-size, O(1) index, backed by a frozen-by-convention array. */
import { Kind, type LObject, type Meta, type Value } from './value.js';
import { charge } from './heap-meter.js';

export class Tuple implements LObject {
  readonly kind = Kind.Tuple;
  /** Cached hash; 0 until computed (see equality.ts). */
  _hash = 0;
  /** `items` is owned by the tuple: never mutate it after construction. */
  constructor(readonly items: Value[], readonly meta: Meta = null) {
    charge(32 + 8 * items.length);
  }

  static readonly EMPTY = new Tuple([]);

  static of(...items: Value[]): Tuple {
    return new Tuple(items);
  }

  get size(): number {
    return this.items.length;
  }

  withMeta(meta: Meta): Tuple {
    return new Tuple(this.items, meta);
  }
}
