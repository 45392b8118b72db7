/**
 * Turning faults into exit reasons (LONALA.md section 7): what Lonala code
 * and users see when a process fails, e.g. `[:error :badmatch %{:value 5}]`.
 */
import { Fault } from './fault.js';
import { Keyword, type Value } from './value.js';
import { Tuple } from './tuple.js';
import { PMap } from './hash-map.js';
import { NeedsRealizing } from './lazy-seq.js';

/** `[:error kind %{...fields}]`, or the fault's own reason. */
export function faultReason(f: Fault): Value {
  if (f.reason !== undefined) return f.reason;
  const items: Value[] = [Keyword.of('error'), Keyword.of(f.kind)];
  if (f.fields !== null) {
    const kvs: Value[] = [];
    for (const k of Object.keys(f.fields)) kvs.push(Keyword.of(k), f.fields[k]);
    items.push(PMap.fromFlat(kvs));
  }
  return new Tuple(items);
}

/** The exit reason for anything thrown inside the processor. */
export function thrownReason(e: unknown): Value {
  if (e instanceof Fault) return faultReason(e);
  if (e instanceof NeedsRealizing) {
    // Only where Lonala code may not run (a receive's equality test): said plainly.
    return faultReason(new Fault('badarg', { value: e.cell, message: 'this lazy sequence must be realized first (doall, vec) to be used here' }));
  }
  if (e instanceof RangeError) {
    // A host limit hit inside a native: recursion too deep, or a string,
    // array or argument list too large. A fault of the process, never a crash.
    if (/call stack/i.test(e.message)) return faultReason(new Fault('stack-overflow', { where: 'native' }));
    return faultReason(new Fault('limit', { message: e.message }));
  }
  const message = e instanceof Error ? e.message : String(e);
  return faultReason(new Fault('internal', { message }));
}

/** The error kind keyword name of an exit reason `[:error kind ...]`, if any. */
export function reasonKind(reason: Value): string | null {
  if (reason instanceof Tuple && reason.items.length >= 2 && reason.items[0] === Keyword.of('error')) {
    const k = reason.items[1];
    if (k instanceof Keyword) return k.name;
  }
  return null;
}
