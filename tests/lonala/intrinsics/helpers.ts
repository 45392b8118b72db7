/**
 * Shared helpers for the intrinsic unit tests: look up an intrinsic's impl
 * by name, catch the Fault it throws, build values, and (for the number
 * intrinsics) call by name and assert results together with the value.ts
 * invariants (small ints are safe integers and never -0, bigints are outside
 * the safe range, ratios are in lowest terms with den > 1).
 */
import { inspect } from 'node:util';
import { expect } from 'vitest';
import {
  Binary, Char, Fixed, Float, Keyword, Ratio, type FixedWidth, type Value,
} from '../../../src/machine/value.js';
import { List } from '../../../src/machine/list.js';
import { Tuple } from '../../../src/machine/tuple.js';
import { Vector } from '../../../src/machine/vector.js';
import { PMap } from '../../../src/machine/hash-map.js';
import { PSet } from '../../../src/machine/hash-set.js';
import { equals } from '../../../src/machine/equality.js';
import { Fault } from '../../../src/machine/fault.js';
import type { Intrinsic } from '../../../src/lonala/intrinsics/registry.js';
import { typeOf } from '../../../src/lonala/intrinsics/predicates.js';
import { numberIntrinsics } from '../../../src/lonala/intrinsics/numbers/index.js';

// ---------------------------------------------------------------------------
// Looking up intrinsics and catching their faults

/** A lookup of the impls in `table` by name; the lookup throws for a name not in it. */
export function implsOf(table: readonly Intrinsic[]): (name: string) => Intrinsic['impl'] {
  return (name) => {
    const entry = table.find((i) => i.name === name);
    if (entry === undefined) throw new Error('no intrinsic ' + name);
    return entry.impl;
  };
}

/** The Fault thrown by `f`, or undefined when it returns; other exceptions propagate. */
function faultFrom(f: () => unknown): Fault | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof Fault) return e;
    throw e;
  }
  return undefined;
}

/** The kind of the Fault thrown by `f`, or 'no fault' when it returns. */
export const faultKind = (f: () => unknown): string => faultFrom(f)?.kind ?? 'no fault';

// ---------------------------------------------------------------------------
// Assertions on results

/** Asserts `actual` equals `expected` and has the same type. */
export const is = (actual: unknown, expected: Value) => {
  const msg = `${inspect(actual, { depth: 4 })} vs ${inspect(expected, { depth: 4 })}`;
  expect(equals(actual as Value, expected), msg).toBe(true);
  expect(typeOf(actual as Value), msg).toBe(typeOf(expected));
};

/** Asserts a fixed-width result of the given width and value. */
export const isFixed = (v: unknown, w: FixedWidth, n: bigint | number) => {
  expect(v).toBeInstanceOf(Fixed);
  expect([(v as Fixed).width, (v as Fixed).value]).toEqual([w, BigInt(n)]);
};

// ---------------------------------------------------------------------------
// Building values

export const kw = (name: string): Keyword => Keyword.of(name);
export const ch = (s: string) => Char.of(s.codePointAt(0) as number);
export const bin = (...bs: number[]) => new Binary(new Uint8Array(bs));
export const L = (...xs: Value[]) => List.from(xs);
export const T = (...xs: Value[]) => new Tuple(xs);
export const V = (...xs: Value[]) => Vector.from(xs);
export const M = (...kvs: Value[]) => PMap.fromFlat(kvs);
export const S = (...xs: Value[]) => PSet.from(xs);

export const fx = (width: FixedWidth, n: number | bigint): Fixed => Fixed.of(width, BigInt(n));
export const u8 = (n: number | bigint): Fixed => fx('u8', n);
export const u16 = (n: number | bigint): Fixed => fx('u16', n);
export const u32 = (n: number | bigint): Fixed => fx('u32', n);
export const u64 = (n: number | bigint): Fixed => fx('u64', n);
export const i8 = (n: number | bigint): Fixed => fx('i8', n);
export const i16 = (n: number | bigint): Fixed => fx('i16', n);
export const i32 = (n: number | bigint): Fixed => fx('i32', n);
export const i64 = (n: number | bigint): Fixed => fx('i64', n);
export const fl = (x: number): Float => new Float(x);
export const f32 = (x: number): Float => new Float(Math.fround(x), true);
export const rat = (n: number | bigint, d: number | bigint): Ratio => new Ratio(BigInt(n), BigInt(d));
export const MAX = 9007199254740991;
export const MIN = -9007199254740991;

// ---------------------------------------------------------------------------
// The number intrinsics, called by name

export const byName = new Map<string, Intrinsic>(numberIntrinsics.map((i) => [i.name, i]));

/** Calls number intrinsic `name` with `args`, checking the arity against its entry. */
export function call(name: string, ...args: Value[]): Value {
  const i = byName.get(name);
  if (i === undefined) throw new Error(`no intrinsic ${name}`);
  expect(args.length, `arity of ${name}`).toBeGreaterThanOrEqual(i.min);
  expect(args.length, `arity of ${name}`).toBeLessThanOrEqual(i.max);
  return i.impl(...args) as Value;
}

/** The Fault thrown by calling `name`; fails the test if none (or a JS error) is thrown. */
export function faultOf(name: string, ...args: Value[]): Fault {
  const f = faultFrom(() => call(name, ...args));
  if (f === undefined) throw new Error(`(${name} ...) did not fault`);
  return f;
}

/** Asserts that calling `name` faults with `kind` (and, when given, expected type). */
export function expectFault(kind: string, name: string, ...args: Value[]): Fault {
  const f = faultOf(name, ...args);
  expect(f.kind, `fault kind of (${name} ...)`).toBe(kind);
  return f;
}

export function expectTypeError(expected: string, name: string, ...args: Value[]): void {
  const f = expectFault('type-error', name, ...args);
  expect(f.fields?.expected).toBe(Keyword.of(expected));
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Asserts the value.ts invariants on a (possibly nested) result. */
export function checkInvariants(v: Value): void {
  if (typeof v === 'number') {
    expect(Number.isSafeInteger(v), `${v} is a safe integer`).toBe(true);
    expect(Object.is(v, -0), 'small int is not -0').toBe(false);
  } else if (typeof v === 'bigint') {
    expect(v > 9007199254740991n || v < -9007199254740991n, `${v}n is outside the safe range`).toBe(true);
  } else if (v instanceof Ratio) {
    expect(v.den > 1n).toBe(true);
    expect(gcd(v.num, v.den)).toBe(1n);
  } else if (v instanceof Fixed) {
    expect(Fixed.of(v.width, v.value).value).toBe(v.value);
  } else if (v instanceof Tuple) {
    v.items.forEach(checkInvariants);
  }
}

/** Calls `name` and asserts a strictly equal result that respects the invariants. */
export function expectCall(expected: Value, name: string, ...args: Value[]): void {
  const r = call(name, ...args);
  checkInvariants(r);
  expect(r, `(${name} ${args.map(show).join(' ')})`).toStrictEqual(expected);
}

/** A rough printed form for assertion messages. */
export function show(v: Value): string {
  if (typeof v === 'bigint') return `${v}N`;
  if (v instanceof Fixed) return `${v.value}${v.width}`;
  if (v instanceof Float) return `${v.value}${v.single ? 'f32' : ''}`;
  if (v instanceof Ratio) return `${v.num}/${v.den}`;
  if (v instanceof Keyword) return `:${v.fullName}`;
  if (v instanceof Tuple) return `[${v.items.map(show).join(' ')}]`;
  return String(v);
}
