/**
 * Code objects and function values.
 *
 * A `CodeObject` is what the compiler produces for one `fn*` (or one
 * top-level form): instructions, constants, frame size and the list of
 * values a closure captures. A `Fn` is a closure: a code object plus its
 * captured values. A `Native` is an intrinsic bound as a function value.
 */
import { charge } from './heap-meter.js';
import { Kind, type LObject, type Value } from './value.js';
import type { CallRequest } from './call-request.js';
import type { JsCode } from './js-tier.js';

/** Where a closure's captured value comes from when it is created. */
export const enum CaptureFrom { Local = 0, Env = 1, Self = 2 }

const NO_LOCAL_VARS: readonly (string | number)[] = [];

export class CodeObject {
  /**
   * This code compiled by the JS tier (js-tier.ts): undefined until
   * tried, null when it does not qualify.
   */
  jsCode: JsCode | null | undefined = undefined;
  /** Interpreted calls so far, until the JS tier compiles it (js-tier.ts `toJs`). */
  calls = 0;
  /** Whether it loops (recur, or a self tail call): then it is compiled on its first call. Undefined until asked. */
  loops: boolean | undefined = undefined;
  /** Its call-free compiled code met a value off an inline op's fast path: compiled again with slow paths inline (js-codegen.ts). */
  generic = false;
  constructor(
    /** Qualified or plain name for printing and traces; null if anonymous. */
    readonly name: string | null,
    /** Required parameters. */
    readonly arity: number,
    /** Whether a `& rest` parameter follows (collected into a tuple). */
    readonly variadic: boolean,
    /** Frame slots: parameters, then locals. */
    readonly locals: number,
    /** Upper bound of the operand stack depth, for the stack check. */
    readonly maxStack: number,
    readonly code: Int32Array,
    readonly consts: Value[],
    /** Pairs (CaptureFrom, index) describing each captured value. */
    readonly captures: Int32Array,
    /** Source position of each instruction start, packed (packPosition; 0 = unknown), for backtraces. */
    readonly positions: Int32Array,
    /** File the code was read from, if any. */
    readonly file: string | null,
    /**
     * Names of the frame's slots for the debugger, as Lua's locvars:
     * quads (name, slot, first pc, end pc) flat, parameters first.
     */
    readonly localVars: readonly (string | number)[] = NO_LOCAL_VARS,
  ) {}
}

/**
 * The name of a top-level form's code: empty, so it prints as an
 * anonymous function, and a backtrace leaves it out (the form is the
 * evaluation itself, not a function the user wrote).
 */
export const TOP_LEVEL = '';

/** Columns past this are kept as it in a packed position. */
const MAX_COLUMN = 1023;

/** A source position as a code object's table keeps it: line and column in one number (0: unknown). */
export function packPosition(line: number, column: number): number {
  return line <= 0 ? 0 : line * (MAX_COLUMN + 1) + Math.min(Math.max(column, 0), MAX_COLUMN);
}

/** Where the instruction at or before `pc` of `c` was read from (line 0: unknown). */
export function positionAt(c: CodeObject, pc: number): { line: number; column: number } {
  const table = c.positions;
  for (let i = Math.min(pc, table.length - 1); i >= 0; i--) {
    const p = table[i];
    if (p !== 0) return { line: Math.floor(p / (MAX_COLUMN + 1)), column: p % (MAX_COLUMN + 1) };
  }
  return { line: 0, column: 0 };
}

/** A closure. */
export class Fn implements LObject {
  readonly kind = Kind.Fn;
  constructor(readonly code: CodeObject, readonly env: Value[]) {
    charge(32 + 8 * env.length);
  }
  get name(): string | null {
    return this.code.name;
  }
}

/** What the processor needs to call an intrinsic (see lonala/intrinsics/registry.ts). */
export interface NativeSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly cost: number;
  readonly impl: (...args: Value[]) => Value | CallRequest;
  /** Whether impl may return a CallRequest (apply, eval): the JS tier leaves calls of it to the interpreter. */
  readonly callsBack?: boolean;
  /**
   * `impl` for a caller that owns its first argument (js-linear.ts proves
   * it): structure made under `edit` may be updated in place.
   */
  readonly linear?: (edit: object, ...args: Value[]) => Value;
}

/** An intrinsic as a function value. */
export class Native implements LObject {
  readonly kind = Kind.Native;
  constructor(readonly spec: NativeSpec) {}
  get name(): string {
    return this.spec.name;
  }
}

// ---------------------------------------------------------------- work charged by size

/**
 * Reductions charged for work proportional to its size ("every reduction is
 * charged", as wasmtime charges fuel for bulk operations): a native doing
 * bulk work adds here what it costs beyond its fixed `cost`
 * (`chargeReductions`), and so do equality, hashing, printing and reading
 * when they walk big values for the running thread. The processor takes the
 * charge after each native call (and at the end of its run), so it counts in
 * the thread's reductions (process-info, realm budgets, --max-reductions)
 * and an expensive call ends the slice at the next reduction check.
 *
 * Scale, measured on the reference machine (a reduction of interpreted code
 * is about 50 ns; every charge below stays under 500 ns a reduction): one
 * per 64 bytes touched (strings, binaries, bigint words), per element made,
 * compared or hashed, per 8 copied, 8 per value printed, and for bigint
 * products, quotients and gcds a model of V8's algorithms at 15-40 ns a
 * reduction (lonala/intrinsics/charge.ts, numbers/cost.ts, printer.ts).
 */
export const extraReductions = { n: 0 };

/** Charges `n` more reductions to the running thread (see extraReductions). */
export function chargeReductions(n: number): void {
  extraReductions.n += n;
}

/**
 * The most reductions one native call may cost (about 100 ms of work on the
 * reference machine): work whose cost can be known before it starts (a
 * bigint product or quotient, a gcd, printed text) is refused beyond it with
 * `[:error :limit ...]`, so no call holds a scheduler slice for longer.
 */
export const MAX_CALL_REDUCTIONS = 3_000_000;

const HUGE = 1n << 1023n;
const SHIFT = 1023n;
const MEDIUM = 1n << 4092n;

/** Bits of |n| for |n| < 2^1023 (exact for n >= 0), from its double. */
function smallBits(n: bigint): number {
  const x = Number(n < 0n ? -n : n);
  if (x === 0) return 0;
  let e = Math.floor(Math.log2(x)) + 1; // Number() may round up to the next power of two
  if (n > 0n && (n >> BigInt(e - 1)) === 0n) e--;
  return e;
}

/**
 * The number of bits of |n| (0 for 0), exact for n >= 0 and within one for
 * a negative n, without `toString`: from its double below 2^1023, a few
 * 1023-bit shifts below 2^4092, and above a binary search for the smallest
 * k with n >> k all sign bits (about |n|'s size of copying, against the
 * O(n) at least of whatever is done with n).
 */
export function bigintBits(n: bigint): number {
  if (n < HUGE && n > -HUGE) return smallBits(n);
  if (n < MEDIUM && n > -MEDIUM) {
    let k = 0;
    do {
      n >>= SHIFT;
      k += 1023;
    } while (n >= HUGE || n <= -HUGE);
    return k + smallBits(n);
  }
  const stop = n < 0n ? -1n : 0n;
  let lo = 4091; // n >> lo is not all sign bits
  let hi = 1 << 25; // covers every integer a native makes (at most 2^24 bits); larger ones widen it
  while ((n >> BigInt(hi)) !== stop) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if ((n >> BigInt(mid)) === stop) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** 2^(1024 * 2^j) and its negation, made when first needed (up to 2^20 bits: 256 KB each side). */
const ABOVE: bigint[] = [], BELOW: bigint[] = [];
const LADDER_TOP = 10;

/**
 * The bits of |n| for charging work: within one below 2^1023, above it an
 * upper bound within a factor of two, in O(1) (comparisons with powers of
 * two) up to 2^20 bits; exact past that (bigintBits), where any work on n
 * costs far more than sizing it.
 */
export function bigintSize(n: bigint): number {
  if (n < HUGE && n > -HUGE) {
    const x = Number(n);
    return x === 0 ? 0 : Math.floor(Math.log2(x < 0 ? -x : x)) + 1;
  }
  const negative = n < 0n;
  for (let j = 1; j <= LADDER_TOP; j++) {
    let t = ABOVE[j];
    if (t === undefined) {
      t = ABOVE[j] = 1n << BigInt(1024 << j);
      BELOW[j] = -t;
    }
    if (negative ? n > BELOW[j] : n < t) return 1024 << j;
  }
  return bigintBits(n);
}
