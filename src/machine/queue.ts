/**
 * A FIFO that can also remove from the middle: a process's mailbox (taken
 * from anywhere by selective receive) and the scheduler's run queues.
 * Pushing and taking the oldest are O(1) without reallocating: the items
 * live between `head` and `tail` of an array that is reused once empty and
 * compacted when its dead front grows large.
 */
export class Queue<T> {
  private items: (T | null)[] = [];
  private head = 0;
  private tail = 0;

  get length(): number {
    return this.tail - this.head;
  }

  push(item: T): void {
    this.items[this.tail++] = item;
  }

  /** Puts `item` first (it will be the next shifted). */
  unshift(item: T): void {
    if (this.head > 0) {
      this.items[--this.head] = item;
      return;
    }
    this.items.unshift(item);
    this.tail++;
  }

  /** The item `i` places from the oldest, or undefined past the end. */
  at(i: number): T | undefined {
    const j = this.head + i;
    return j < this.tail ? this.items[j] as T : undefined;
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.head === this.tail) return undefined;
    const item = this.items[this.head] as T;
    this.removeAt(0);
    return item;
  }

  removeAt(i: number): void {
    const items = this.items;
    if (i > 0) {
      const j = this.head + i;
      items.copyWithin(j, j + 1, this.tail);
      items[--this.tail] = null;
      return;
    }
    items[this.head++] = null;
    if (this.head === this.tail) {
      this.head = this.tail = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.tail) {
      items.copyWithin(0, this.head, this.tail);
      items.fill(null, this.tail - this.head, this.tail);
      this.tail -= this.head;
      this.head = 0;
    }
  }

  /** The first `n` items, oldest first. */
  peek(n: number): T[] {
    return this.items.slice(this.head, Math.min(this.tail, this.head + n)) as T[];
  }
}
