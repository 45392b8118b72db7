/**
 * What a message may hold, one rule for every way of sending (send,
 * send-acked, send-named, spawn-in's arguments) and for exit reasons that
 * reach another realm through a link or a monitor.
 *
 * Within a realm messages are shared, not copied (values are immutable),
 * so the one thing refused is a bytebuf: mutable, it would be shared
 * between two processes. (An atom is the realm's shared state by design:
 * it may go to any process of its realm, never to another realm.) A
 * capability in any message must be one the
 * sender's realm holds, live: a handle picked up elsewhere (in an exit
 * reason, say) gives nothing to present. Between realms code never
 * crosses, and a capability goes to the receiving realm only if the sender
 * may grant it (presenting one to a service of another realm passes it, so
 * it needs :grant too). A lazy sequence is shared within a realm like a
 * function (what it has realized is checked, its unrealized rest is code,
 * realized by whoever reads it); between realms its rest is code too, so
 * the sender realizes it to its end first, as its own work (an infinite
 * one ends the sender at its limits, as printing one would), and it crosses
 * as data; in an exit reason the kernel hands on, an unrealized rest is
 * text, as a function is. The check walks the
 * message once; large collections found clean are remembered (they are
 * immutable), so sending the same big value again costs O(1).
 */
import {
  type Capability, capOf, Bytebuf, Keyword, Kind, List, PMap, PSet, Tuple, Vector, type LObject, type Value, Fault, Sym, Envelope,
  LazySeq, NeedsRealizing, current, fullyRealized, realizedPrefix,
} from '../machine/index.js';
import type { CSpace } from './cspace.js';
import type { Realm } from './realm.js';
import type { Process } from './process.js';
import { useCap } from './authority.js';
import { atomBehind } from './atom.js';
import { chargeMailbox, valueBytes } from './heap.js';
import { chargeElements } from '../lonala/index.js';
import { printValue } from '../lonala/index.js';

/**
 * Sends `message` from `from` to `to` (dropped if gone) under the transfer
 * rules; `onAck` makes it a send-acked. Whose memory a message is: across
 * realms, the sender's realm's until it is received (so no realm can grow
 * another's without bound: past its own quota its sends fail); within a
 * realm, the receiver's, whose heap is measured, mailbox included, once
 * messages have used up its allowance.
 */
export function deliverFrom(fnName: string, from: Process, to: Process | null, message: Value, onAck?: () => void): void {
  if (to === null) {
    if (typeof message === 'object' && message !== null) assertSendable(fnName, message, from.realm);
    return;
  }
  if (to.realm !== from.realm) {
    const bytes = MESSAGE_BYTES + (typeof message === 'object' && message !== null ? assertTransferable(fnName, message, from.realm, to.realm.cspace) : 0);
    const payer = from.realm;
    if (!payer.reserve(bytes)) {
      throw new Fault('quota', { fn: Sym.of(fnName, 'lona.core'), resource: Keyword.of('memory'), realm: payer.ref, message: "the sender's realm has no memory left for a message waiting in another realm's mailbox" });
    }
    to.system.signals.deliver(to, new ChargedMessage(message, onAck ?? null, payer, bytes));
    return;
  }
  if (typeof message === 'object' && message !== null) assertSendable(fnName, message, from.realm);
  to.system.signals.deliver(to, onAck === undefined ? message : new Envelope(message, onAck));
  if (to.heap !== null && to !== from) chargeMailbox(to, MESSAGE_BYTES);
}

/** A message in another realm's mailbox, charged to its sender's realm until it leaves the mailbox. */
class ChargedMessage extends Envelope {
  constructor(message: Value, ack: (() => void) | null, private readonly payer: Realm, private readonly bytes: number) {
    super(message, ack);
  }

  protected override release(): void {
    this.payer.chargeMemory(-this.bytes);
  }
}

/** Objects a message may hold before its walk remembers what it has seen. */
const SMALL_MESSAGE = 16;

const EXIT = Keyword.of('EXIT');
const DOWN = Keyword.of('DOWN');

/**
 * What a message costs besides its own values: a mailbox slot, and across
 * realms the envelope that gives the charge back (measured: about 150).
 */
const MESSAGE_BYTES = 160;

const clean = new WeakSet<object>();
const REMEMBER_FROM = 32;

export function assertSendable(fnName: string, message: Value, from: Realm): void {
  smallLeft = SMALL_MESSAGE;
  if (!isSmallClean(message, 0)) walk(fnName, message, from);
}

/** Objects isSmallClean may still look at in this message (a tuple can hold one tuple many times). */
let smallLeft = 0;

/** The common message, a small tuple of scalars, pids, refs and small tuples (SMALL_MESSAGE objects in all), checked without the memo. */
function isSmallClean(v: Value, depth: number): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (--smallLeft < 0) return false;
  switch ((v as LObject).kind) {
    case Kind.Tuple: {
      const items = (v as Tuple).items;
      if (items.length >= REMEMBER_FROM || depth > 4 || (v as Tuple).meta !== null) return false;
      for (const x of items) if (!isSmallClean(x, depth + 1)) return false;
      return true;
    }
    case Kind.Bytebuf: case Kind.List: case Kind.Vector: case Kind.Map: case Kind.Set: case Kind.LazySeq: return false;
    default: return capOf(v) === undefined && metaOf(v) === null;
  }
}

function walk(fnName: string, message: Value, from: Realm): void {
  pendingClean.length = 0;
  let holdsCaps = false;
  const todo: Value[] = [message];
  // Each object once: a value that shares its parts ([v v], sixty deep) is as big as it is, not as it looks.
  const seen = new Set<object>();
  while (todo.length > 0) {
    const v = todo.pop() as Value;
    if (typeof v !== 'object' || v === null || clean.has(v) || seen.has(v)) continue;
    seen.add(v);
    const items = children(v);
    if (items === undefined) {
      if (v instanceof Bytebuf) {
        throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), message: 'a bytebuf cannot be sent (it is mutable); send a binary instead' });
      }
      if (capOf(v) !== undefined) {
        useCap(from.cspace, fnName, v, null);
        holdsCaps = true;
      }
      continue;
    }
    for (const x of items) if (typeof x === 'object' && x !== null) todo.push(x);
    // Remembered only after its members pass: a fault above leaves it unmarked.
    if (items.length >= REMEMBER_FROM) pendingClean.push(v);
  }
  // A message holding a capability is checked again at each send: another sender may not hold it.
  if (!holdsCaps) for (const v of pendingClean) clean.add(v as object);
  pendingClean.length = 0;
  chargeElements(seen.size);
}

const pendingClean: Value[] = [];

/** The values inside `v` (its metadata too: a function hidden there crosses as surely as one in the body). */
function children(v: Value): Value[] | undefined {
  const items = members(v);
  const meta = metaOf(v);
  if (meta === null) return items;
  return items === undefined ? [meta] : [...items, meta];
}

function members(v: Value): Value[] | undefined {
  switch ((v as LObject).kind) {
    case Kind.Tuple: return (v as Tuple).items;
    case Kind.List: return (v as List).toArray();
    case Kind.Vector: return (v as Vector).toArray();
    case Kind.Map: return [...(v as PMap).entries()].flat();
    case Kind.Set: return (v as PSet).values();
    case Kind.LazySeq: return realizedPrefix(v as LazySeq);
    default: return undefined;
  }
}

/** The metadata a value carries (collections and symbols), or null. */
function metaOf(v: Value): Value {
  if (v instanceof Sym) return v.meta;
  switch ((v as LObject).kind) {
    case Kind.Tuple: case Kind.List: case Kind.Vector: case Kind.Map: case Kind.Set: return (v as Tuple).meta ?? null;
    default: return null;
  }
}

const CODE_KINDS: Partial<Record<Kind, string>> = {
  [Kind.Bytebuf]: 'a bytebuf', [Kind.Fn]: 'a function', [Kind.Native]: 'a function', [Kind.Var]: 'a var', [Kind.Namespace]: 'a namespace',
};

/**
 * Between realms a message (or a spawn-in argument) may hold data,
 * binaries, pids, refs and handles; never functions, closures, vars,
 * bytebufs or atoms, which would carry one realm's code or mutable state
 * into another.
 */
export function assertTransferable(fnName: string, message: Value, from: Realm, to: CSpace): number {
  if (message instanceof Tuple && (message.items[0] === EXIT || message.items[0] === DOWN)) {
    throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), message: 'only the kernel tells another realm of an exit ([:EXIT ...], [:DOWN ...])' });
  }
  const todo: Value[] = [message];
  const caps: Capability[] = [];
  // Each object once (a value sharing its parts is as big as it is); the usual small message needs no set.
  let seen: Set<object> | null = null;
  let objects = 0;
  let bytes = 0;
  while (todo.length > 0) {
    const v = todo.pop() as Value;
    if (typeof v !== 'object' || v === null) {
      bytes += valueBytes(v);
      continue;
    }
    if (++objects > SMALL_MESSAGE) {
      seen ??= new Set();
      if (seen.has(v)) continue;
      seen.add(v);
    }
    bytes += valueBytes(v);
    const cap = capOf(v);
    if (cap !== undefined) {
      // A capability goes with the message only if the sender holds it and may grant it.
      caps.push(useCap(from.cspace, fnName, v, 'grant'));
      continue;
    }
    const what = CODE_KINDS[(v as LObject).kind];
    if (what !== undefined) {
      throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), message: `${what} cannot cross realms (send data, binaries, pids or capabilities)` });
    }
    if (v instanceof LazySeq && !fullyRealized(v)) {
      // Realized by the sender, as its own work (within its limits), then checked again: only data crosses.
      if (current.thread !== null) throw new NeedsRealizing(v, Infinity);
      throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), message: 'a lazy sequence not realized to its end cannot cross realms here' });
    }
    if (atomBehind(v) !== undefined) {
      throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), atom: v, message: 'an atom cannot cross realms: it is the state of the realm that made it (send its value)' });
    }
    const items = children(v);
    if (items !== undefined) for (const x of items) if (typeof x === 'object' && x !== null) todo.push(x);
  }
  // Granted only once the whole message passed: a refused message gives nothing.
  for (const cap of caps) to.grant(cap, undefined, from.ref, false);
  chargeElements(objects);
  return bytes;
}

/**
 * A value the kernel hands to a process of another realm (an exit reason
 * through a link or a monitor, a traced message): data as it is, but code and mutable state
 * never cross, so a function, var, namespace, bytebuf or atom in it arrives
 * as its printed text. Capabilities stay handles the receiver does not hold.
 */
export function acrossRealms(reason: Value): Value {
  return inert(withoutTrace(reason), false);
}

const TRACE = Keyword.of('trace');
const ELIDED = Keyword.of('elided');

/** A fault's backtrace (its metadata's :trace) names the faulting realm's functions and files: it stays home. */
function withoutTrace(reason: Value): Value {
  if (!(reason instanceof Tuple) || !(reason.meta instanceof PMap) || reason.meta.get(TRACE) === undefined) return reason;
  const meta = reason.meta.dissoc(TRACE).dissoc(ELIDED);
  return reason.withMeta(meta.count === 0 ? null : meta);
}

/**
 * `v` with every function, var, namespace, bytebuf and atom in it (metadata
 * included) replaced by its printed text, and with `caps`, every capability
 * too: data only. A service that answers with values its callers control
 * (the inspector, in the root realm, which may grant anything it holds)
 * sends this, so an answer never carries authority.
 */
export function inert(v: Value, caps: boolean): Value {
  return holdsAuthority(v, caps) ? rebuilt(v, caps, 0, new Map()) : v;
}

const isAuthority = (x: Value, caps: boolean): boolean =>
  CODE_KINDS[(x as LObject).kind] !== undefined || atomBehind(x) !== undefined || (caps && capOf(x) !== undefined)
  || (x instanceof LazySeq && !fullyRealized(x));

function holdsAuthority(v: Value, caps: boolean): boolean {
  const todo: Value[] = [v];
  const seen = new Set<object>();
  while (todo.length > 0) {
    const x = todo.pop() as Value;
    if (typeof x !== 'object' || x === null || seen.has(x)) continue;
    seen.add(x);
    if (isAuthority(x, caps)) return true;
    const items = children(x);
    if (items !== undefined) for (const y of items) if (typeof y === 'object' && y !== null) todo.push(y);
  }
  return false;
}

/** Nesting rebuilt before the rest of a value is given as text (a hostile value can be nested a million deep). */
const REBUILT_DEPTH = 64;
const TEXT_LIMITS = { maxLength: 20, maxDepth: 6, maxString: 200 };

/** `v` rebuilt without authority; `done` keeps each object's rebuilt self, so shared parts stay shared (and are rebuilt once). */
function rebuilt(v: Value, caps: boolean, depth: number, done: Map<object, Value>): Value {
  if (typeof v !== 'object' || v === null) return v;
  const known = done.get(v);
  if (known !== undefined) return known;
  const made = rebuiltOnce(v, caps, depth, done);
  done.set(v, made);
  return made;
}

function rebuiltOnce(v: Value, caps: boolean, depth: number, done: Map<object, Value>): Value {
  if (isAuthority(v, caps) || depth > REBUILT_DEPTH) return printValue(v, TEXT_LIMITS);
  const meta = metaOf(v);
  const newMeta = meta === null ? null : rebuilt(meta, caps, depth + 1, done);
  if (v instanceof Sym) return new Sym(v.ns, v.name, newMeta as PMap | null);
  const items = members(v);
  if (items === undefined) return v;
  const out = items.map((x) => rebuilt(x, caps, depth + 1, done));
  const made = ((): Value => {
    switch ((v as LObject).kind) {
      case Kind.Tuple: return new Tuple(out);
      case Kind.List: case Kind.LazySeq: return List.from(out);
      case Kind.Vector: return Vector.from(out);
      case Kind.Set: return PSet.from(out);
      default: return PMap.fromFlat(out);
    }
  })();
  return newMeta === null ? made : (made as Tuple).withMeta(newMeta as PMap);
}
