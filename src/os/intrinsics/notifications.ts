/**
 * Notifications (seL4's, LONALA.md 9): a word of signal bits. `signal!` ORs
 * bits in and tells the processes waiting on it; `notification-poll` takes
 * the word (clearing it); `notification-wait` (in Lonala, processes.lona)
 * waits for a signal with receive, so waiting is preemptible and killable.
 */
import { Keyword, Opaque, Tuple, type Value } from '../../machine/index.js';
import { intrinsic, type Intrinsic, typeError } from '../../lonala/index.js';
import type { Process } from '../process.js';
import { caller } from './context.js';

class Notification {
  word = 0;
  readonly waiters = new Set<Process>();
  readonly handle = new Opaque('notification', 'notification', this);
}

const NOTIFIED = Keyword.of('notified');

function notificationArg(fnName: string, x: Value): Notification {
  return x instanceof Opaque && x.payload instanceof Notification ? x.payload : typeError(fnName, 'notification', x);
}

export const notificationIntrinsics: Intrinsic[] = [
  intrinsic({ name: 'make-notification', arglists: '([])', min: 0, max: 0, doc: 'A new notification: a word of signal bits, all clear.', impl: () => new Notification().handle }),
  intrinsic({ name: 'notification?', arglists: '([x])', min: 1, max: 1, doc: 'Whether x is a notification.', impl: (x) => x instanceof Opaque && x.payload instanceof Notification }),
  intrinsic({
    name: 'signal!', arglists: '([n] [n bits])', min: 1, max: 2, doc: 'ORs bits (default 1) into the notification and wakes its waiters. :ok.',
    impl: (x, bits) => {
      const n = notificationArg('signal!', x);
      const b = bits === undefined ? 1 : typeof bits === 'number' && Number.isInteger(bits) && bits > 0 ? bits : typeError('signal!', 'positive integer', bits);
      n.word |= b;
      for (const p of n.waiters) p.system.signals.deliver(p, new Tuple([NOTIFIED, n.handle]));
      n.waiters.clear();
      return Keyword.of('ok');
    },
  }),
  intrinsic({
    name: 'notification-poll', arglists: '([n])', min: 1, max: 1, doc: 'The signal bits set since the last poll (clearing them), or nil if none.',
    impl: (x) => {
      const n = notificationArg('notification-poll', x);
      const word = n.word;
      n.word = 0;
      return word === 0 ? null : word;
    },
  }),
  intrinsic({
    name: 'notification-subscribe', arglists: '([n])', min: 1, max: 1,
    doc: 'The caller gets [:notified n] at the next signal!; true at once if bits are already set (then nothing is sent).',
    impl: (x) => {
      const n = notificationArg('notification-subscribe', x);
      if (n.word !== 0) return true;
      n.waiters.add(caller());
      return false;
    },
  }),
];

