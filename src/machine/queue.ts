/**
 * A FIFO that can also remove from the middle: a process's mailbox (taken
 * from anywhere by selective receive) and the scheduler's run queues.
 * Removing the oldest (the common case) is O(1): the queue keeps a head
 * index and compacts once half of it is dead space.
 */
export class Queue<T> {
  private items: (T | null)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Puts `item` first (it will be the next shifted). */
  unshift(item: T): void {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
  }

  /** The item `i` places from the oldest, or undefined past the end. */
  at(i: number): T | undefined {
    const j = this.head + i;
    return j < this.items.length ? this.items[j] as T : undefined;
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head] as T;
    this.removeAt(0);
    return item;
  }

  removeAt(i: number): void {
    if (i > 0) {
      this.items.splice(this.head + i, 1);
      return;
    }
    this.items[this.head++] = null;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head >= 32 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** The first `n` items, oldest first. */
  peek(n: number): T[] {
    return this.items.slice(this.head, this.head + n) as T[];
  }
}
