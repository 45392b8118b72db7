/**
 * Linked lists: O(1) prepend, `rest` shares structure. The empty list is a
 * List with size 0 (head and tail unused), so every list is one class.
 */
import { Kind, type LObject, type Meta, type Value } from './value.js';
import { charge } from './heap-meter.js';

export class List implements LObject {
  readonly kind = Kind.List;
  /** Cached hash; 0 until computed (see equality.ts). */
  _hash = 0;
  constructor(
    readonly head: Value,
    readonly tail: List,
    readonly size: number,
    readonly meta: Meta = null,
  ) {
    charge(40);
  }

  static readonly EMPTY: List = new List(null, null as unknown as List, 0);

  /** A new list with `v` in front. */
  prepend(v: Value): List {
    return new List(v, this, this.size + 1);
  }

  /** Builds a list from an array, keeping order. */
  static from(items: ArrayLike<Value>, start = 0): List {
    let l = List.EMPTY;
    for (let i = items.length - 1; i >= start; i--) l = new List(items[i], l, l.size + 1);
    return l;
  }

  static of(...items: Value[]): List {
    return List.from(items);
  }

  withMeta(meta: Meta): List {
    return new List(this.head, this.tail, this.size, meta);
  }

  toArray(): Value[] {
    const out = new Array<Value>(this.size);
    let l: List = this;
    for (let i = 0; i < out.length; i++, l = l.tail) out[i] = l.head;
    return out;
  }

  *[Symbol.iterator](): Iterator<Value> {
    for (let l: List = this; l.size > 0; l = l.tail) yield l.head;
  }
}
