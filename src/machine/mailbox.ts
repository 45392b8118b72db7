/** A process's mailbox: messages in arrival order, taken from anywhere by selective receive. */
import type { Value } from './value.js';
import { Queue } from './queue.js';

export class Mailbox extends Queue<Value | Envelope> {}

/**
 * A message with something to do when it leaves the mailbox: receive sees
 * only `message`. `ack` runs when it is accepted (`send-acked`: the sender
 * wants to know); `release` when it leaves either way, accepted or dropped
 * with its receiver (the OS's subclass gives back what its sender was
 * charged for it).
 */
export class Envelope {
  constructor(readonly message: Value, readonly ack: (() => void) | null) {}

  /** The receiver accepted it. */
  taken(): void {
    this.ack?.();
    this.release();
  }

  /** It goes unread (its receiver ended). */
  dropped(): void {
    this.release();
  }

  protected release(): void {}
}

/** The message a mailbox entry carries. */
export function unwrap(entry: Value | Envelope): Value {
  return entry instanceof Envelope ? entry.message : entry;
}
