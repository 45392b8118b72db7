/**
 * The thread whose code the processor runs right now (null on the host:
 * between slices, in the compiler, the printer of a REPL). Natives read it
 * (self, make-ref...); lazy sequences read it to know whether Lonala work
 * may be asked for (lazy-seq.ts): only a running thread can realize one.
 */
import type { Thread } from './thread.js';

/** Native calls running right now can find their thread here. */
export const current: { thread: Thread | null } = { thread: null };
