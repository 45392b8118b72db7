/** A process's mailbox: messages in arrival order, taken from anywhere by selective receive. */
import type { Value } from './value.js';
import { Queue } from './queue.js';

export class Mailbox extends Queue<Value | Envelope> {}

/**
 * A message whose sender wants to know when it is received (`send-sync`):
 * receive sees only `message`; accepting it calls `ack`.
 */
export class Envelope {
  constructor(readonly message: Value, readonly ack: () => void) {}
}

/** The message a mailbox entry carries. */
export function unwrap(entry: Value | Envelope): Value {
  return entry instanceof Envelope ? entry.message : entry;
}
