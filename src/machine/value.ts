/**
 * Machine values: the representation of every Lonala value type
 * (LONALA.md section 2, ARCHITECTURE.md "The machine").
 *
 * Representation choices, picked for the processor's hot path:
 *
 *   nil              -> null
 *   true / false     -> JS booleans
 *   integer (small)  -> JS number, always a safe integer (|n| <= 2^53 - 1)
 *   integer (big)    -> JS bigint, always outside the safe range
 *   string           -> JS string
 *   everything else  -> an instance of a class below, each with a numeric
 *                       `kind` so hot code can switch on it
 *
 * The invariant "a JS number is always an integer" is what keeps floats
 * distinct from integers: floats are boxed in `Float`.
 */
import { charge } from './heap-meter.js';

export const enum Kind {
  Float = 1,
  Fixed,
  Ratio,
  Char,
  Symbol,
  Keyword,
  List,
  Tuple,
  Vector,
  Map,
  Set,
  Binary,
  Bytebuf,
  Fn,
  Native,
  Var,
  Namespace,
  Pid,
  Ref,
  RealmId,
  Address,
  Opaque,
  Regex,
  LazySeq,
}

/** Any Lonala value. */
export type Value = null | boolean | number | bigint | string | LObject;

/** Common shape of boxed values. */
export interface LObject {
  readonly kind: Kind;
}

/** Metadata is a map value (or nil). Typed loosely to avoid a cycle. */
export type Meta = LObject | null;

// ---------------------------------------------------------------- numbers

/** A float; `single` marks an f32 literal (printed with the f32 suffix). */
export class Float implements LObject {
  readonly kind = Kind.Float;
  constructor(readonly value: number, readonly single = false) {
    charge(24);
  }
}

export type FixedWidth = 'u8' | 'u16' | 'u32' | 'u64' | 'i8' | 'i16' | 'i32' | 'i64';

export const FIXED_WIDTHS: readonly FixedWidth[] = ['u8', 'u16', 'u32', 'u64', 'i8', 'i16', 'i32', 'i64'];

/** Bits and signedness of a fixed-width type name. */
export function fixedInfo(width: FixedWidth): { bits: number; signed: boolean } {
  return { bits: Number(width.slice(1)), signed: width[0] === 'i' };
}

/** A fixed-width integer; `value` is already wrapped into the width's range. */
export class Fixed implements LObject {
  readonly kind = Kind.Fixed;
  private constructor(readonly width: FixedWidth, readonly value: bigint) {}

  /** Wraps `n` (two's complement) into `width`. */
  static of(width: FixedWidth, n: bigint): Fixed {
    const { bits, signed } = fixedInfo(width);
    return new Fixed(width, signed ? BigInt.asIntN(bits, n) : BigInt.asUintN(bits, n));
  }
}

/** An exact ratio in lowest terms with a positive denominator > 1. */
export class Ratio implements LObject {
  readonly kind = Kind.Ratio;
  constructor(readonly num: bigint, readonly den: bigint) {
    charge(64);
  }
}

// ---------------------------------------------------------------- text

/** A Unicode character (one code point). Interned for ASCII. */
export class Char implements LObject {
  readonly kind = Kind.Char;
  private constructor(readonly code: number) {}
  private static readonly ascii: Char[] = Array.from({ length: 128 }, (_, i) => new Char(i));
  static of(code: number): Char {
    return code < 128 ? Char.ascii[code] : new Char(code);
  }
}

const symbolTable = new Map<string, Sym>();
const keywordTable = new Map<string, Keyword>();

/** A symbol. Interned when it carries no metadata. */
export class Sym implements LObject {
  readonly kind = Kind.Symbol;
  constructor(readonly ns: string | null, readonly name: string, readonly meta: Meta = null) {}

  /** The interned symbol `ns/name` (or `name`). */
  static of(name: string, ns: string | null = null): Sym {
    const key = ns === null ? name : ns + '/' + name;
    let s = symbolTable.get(key);
    if (s === undefined) {
      s = new Sym(ns, name);
      symbolTable.set(key, s);
    }
    return s;
  }

  /** Parses `a.b/c` into an interned symbol (a lone `/` is a name). */
  static parse(text: string): Sym {
    const slash = text.indexOf('/');
    if (slash <= 0 || text === '/') return Sym.of(text);
    return Sym.of(text.slice(slash + 1), text.slice(0, slash));
  }

  get fullName(): string {
    return this.ns === null ? this.name : this.ns + '/' + this.name;
  }
}

/** A keyword; always interned, so identity is equality. */
export class Keyword implements LObject {
  readonly kind = Kind.Keyword;
  /** Cached hash; 0 until computed (see equality.ts). */
  _hash = 0;
  private constructor(readonly ns: string | null, readonly name: string) {}

  static of(name: string, ns: string | null = null): Keyword {
    const key = ns === null ? name : ns + '/' + name;
    let k = keywordTable.get(key);
    if (k === undefined) {
      k = new Keyword(ns, name);
      keywordTable.set(key, k);
    }
    return k;
  }

  static parse(text: string): Keyword {
    const slash = text.indexOf('/');
    if (slash <= 0 || text === '/') return Keyword.of(text);
    return Keyword.of(text.slice(slash + 1), text.slice(0, slash));
  }

  get fullName(): string {
    return this.ns === null ? this.name : this.ns + '/' + this.name;
  }
}

/** Shorthand for keywords used by the runtime itself. */
export const kw = (name: string): Keyword => Keyword.of(name);
export const sym = (name: string): Sym => Sym.parse(name);

// ---------------------------------------------------------------- bytes

/** Immutable bytes. Never mutate `bytes`. */
export class Binary implements LObject {
  readonly kind = Kind.Binary;
  constructor(readonly bytes: Uint8Array) {
    charge(32 + bytes.length);
  }
}

/** Mutable bytes; process-local, cannot be sent in messages. */
export class Bytebuf implements LObject {
  readonly kind = Kind.Bytebuf;
  constructor(readonly bytes: Uint8Array) {
    charge(32 + bytes.length);
  }
}

// ---------------------------------------------------------------- runtime ids

/** A process id: realm part and local part. */
export class Pid implements LObject {
  // A getter, not a field: one word less in each of a million pids.
  get kind(): Kind.Pid {
    return Kind.Pid;
  }

  /** The OS's process object, for O(1) delivery (not part of the value: equality is realm and local). */
  owner: unknown = null;
  constructor(readonly realm: number, readonly local: number) {}
}

let nextRefId = 1;

/** A unique reference (make-ref). */
export class Ref implements LObject {
  readonly kind = Kind.Ref;
  readonly id = nextRefId++;
}

/** The id of a realm. */
export class RealmId implements LObject {
  readonly kind = Kind.RealmId;
  constructor(readonly id: number) {}
}

/** A physical or virtual address (emulated; plain 64-bit values). */
export class Address implements LObject {
  readonly kind = Kind.Address;
  constructor(readonly space: 'paddr' | 'vaddr', readonly value: bigint) {}
}

/**
 * Any other opaque runtime object (notifications, regions, capabilities...):
 * prints as `#type<label>` and compares by identity.
 */
export class Opaque implements LObject {
  readonly kind = Kind.Opaque;
  constructor(readonly type: string, readonly label: string, readonly payload: unknown = null) {}
}

// ---------------------------------------------------------------- regular expressions

/**
 * A regular expression (`#"\d+"`, `re-pattern`): its source text, which
 * is what it prints as and what equality compares, and the engine's
 * compiled program, opaque here (src/lonala/regex/ compiles and runs it).
 * Immutable, so it is plain data in messages, within and across realms.
 */
export class Regex implements LObject {
  readonly kind = Kind.Regex;
  constructor(
    readonly source: string,
    readonly program: unknown,
    /** Bytes the compiled program holds (an estimate), counted in heaps and memory quotas. */
    readonly bytes: number,
  ) {
    charge(bytes);
  }
}

// ---------------------------------------------------------------- helpers

export const isObject = (v: Value): v is LObject => typeof v === 'object' && v !== null;

/** Only nil and false are falsy. */
export const truthy = (v: Value): boolean => v !== null && v !== false;
