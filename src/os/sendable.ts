/**
 * What a message may hold. Within a realm messages are shared, not copied
 * (values are immutable), so the one thing refused is a bytebuf: mutable,
 * it would be shared between two processes. The check walks the message
 * once; large collections found clean are remembered (they are immutable),
 * so sending the same big value again costs O(1).
 */
import { type Capability, capOf, Bytebuf, Kind, List, PMap, PSet, Tuple, Vector, type LObject, type Value, Fault, Sym } from '../machine/index.js';
import { type CSpace, useCap } from './cspace.js';
import type { Realm } from './realm.js';

const clean = new WeakSet<object>();
const REMEMBER_FROM = 32;

export function assertSendable(fnName: string, message: Value): void {
  if (!isSmallClean(message, 0)) walk(fnName, message);
}

/** The common message, a small tuple of scalars, pids, refs and small tuples, checked without the memo. */
function isSmallClean(v: Value, depth: number): boolean {
  if (typeof v !== 'object' || v === null) return true;
  switch ((v as LObject).kind) {
    case Kind.Tuple: {
      const items = (v as Tuple).items;
      if (items.length >= REMEMBER_FROM || depth > 4) return false;
      for (const x of items) if (!isSmallClean(x, depth + 1)) return false;
      return true;
    }
    case Kind.Bytebuf: case Kind.List: case Kind.Vector: case Kind.Map: case Kind.Set: return false;
    default: return true;
  }
}

function walk(fnName: string, message: Value): void {
  pendingClean.length = 0;
  const todo: Value[] = [message];
  while (todo.length > 0) {
    const v = todo.pop() as Value;
    if (typeof v !== 'object' || v === null || clean.has(v)) continue;
    const items = children(v);
    if (items === undefined) {
      if (v instanceof Bytebuf) {
        throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), message: 'a bytebuf cannot be sent (it is mutable); send a binary instead' });
      }
      continue;
    }
    for (const x of items) if (typeof x === 'object' && x !== null) todo.push(x);
    // Remembered only after its members pass: a fault above leaves it unmarked.
    if (items.length >= REMEMBER_FROM) pendingClean.push(v);
  }
  for (const v of pendingClean) clean.add(v as object);
  pendingClean.length = 0;
}

const pendingClean: Value[] = [];

function children(v: Value): Value[] | undefined {
  switch ((v as LObject).kind) {
    case Kind.Tuple: return (v as Tuple).items;
    case Kind.List: return (v as List).toArray();
    case Kind.Vector: return (v as Vector).toArray();
    case Kind.Map: return [...(v as PMap).entries()].flat();
    case Kind.Set: return (v as PSet).values();
    default: return undefined;
  }
}

const CODE_KINDS: Partial<Record<Kind, string>> = {
  [Kind.Bytebuf]: 'a bytebuf', [Kind.Fn]: 'a function', [Kind.Native]: 'a function', [Kind.Var]: 'a var', [Kind.Namespace]: 'a namespace',
};

/**
 * Between realms a message (or a spawn-in argument) may hold data,
 * binaries, pids, refs and handles; never functions, closures, vars or
 * bytebufs, which would carry one realm's code or mutable state into another.
 */
export function assertTransferable(fnName: string, message: Value, from?: Realm, to?: CSpace): void {
  const todo: Value[] = [message];
  const caps: Capability[] = [];
  while (todo.length > 0) {
    const v = todo.pop() as Value;
    if (typeof v !== 'object' || v === null) continue;
    const cap = capOf(v);
    if (cap !== undefined) {
      // A capability goes with the message only if the sender may grant it.
      if (from !== undefined) caps.push(useCap(from.cspace, fnName, v, 'grant'));
      continue;
    }
    const what = CODE_KINDS[(v as LObject).kind];
    if (what !== undefined) {
      throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), message: `${what} cannot cross realms (send data, binaries, pids or capabilities)` });
    }
    const items = children(v);
    if (items !== undefined) for (const x of items) if (typeof x === 'object' && x !== null) todo.push(x);
  }
  // Granted only once the whole message passed: a refused message gives nothing.
  if (to !== undefined && from !== undefined) for (const cap of caps) to.grant(cap, undefined, from.ref, false);
}
