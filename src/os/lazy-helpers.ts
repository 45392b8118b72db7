/**
 * How the machine finds the Lonala helpers that realize lazy sequences
 * (machine/lazy-seq.ts, std/lona/core/lazy.lona): `realize-then*` (a
 * native asked for a lazy seq realized) and `realize-resume*` (a pattern
 * or equality test did), in the lona.core of the running process's
 * system. Before the standard library defines them there are none, and a
 * lazy seq needing Lonala work is a fault (nothing at boot makes one).
 */
import { Fn, UNBOUND, lazyHelpers, type Thread, type Value } from '../machine/index.js';
import type { Process } from './process.js';

lazyHelpers.find = (thread: Thread, name: string): Value | null => {
  const p = thread.context as Process | null;
  const v = p?.system.core.lookup(name);
  if (v === undefined || v.root === UNBOUND) return null;
  return v.root instanceof Fn ? v.root : null;
};
