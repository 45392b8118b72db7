/** Access from an OS intrinsic to the process calling it. */
import { current, type Namespace } from '../../machine/index.js';
import type { Process } from '../process.js';
import { threadNs } from '../compile-env.js';

/** The process whose code is calling the native right now. */
export function caller(): Process {
  const t = current.thread;
  if (t === null || t.context === null) throw new Error('OS intrinsic called outside a process');
  return t.context as Process;
}

/** The calling code's current namespace (*ns*). */
export function callerNs(): Namespace {
  const p = caller();
  return threadNs(p, current.thread!, p.system.user);
}
