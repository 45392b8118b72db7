/** Access from an OS intrinsic to the process calling it. */
import { current, type Namespace } from '../../machine/index.js';
import type { Process } from '../process.js';
import { threadNs } from '../compile-env.js';
import { ownNs, visibleNs } from '../namespace-view.js';
import { findNamespace } from '../authority.js';

/** The process whose code is calling the native right now. */
export function caller(): Process {
  const t = current.thread;
  if (t === null || t.context === null) throw new Error('OS intrinsic called outside a process');
  return t.context as Process;
}

/** The calling code's current namespace (*ns*), as its realm defines in it (its overlay of a parent's). */
export function callerNs(): Namespace {
  const p = caller();
  return ownNs(p.realm, threadNs(p, current.thread!, p.system.user));
}

/** The namespace `name` as the calling code's realm sees it, or undefined (also when it is another realm's). */
export function callerFindNs(name: string): Namespace | undefined {
  const p = caller();
  const ns = findNamespace(p, name);
  return ns === undefined ? undefined : visibleNs(p.realm, ns);
}
