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
import type { NativeCode } from './native-tier.js';

/** Where a closure's captured value comes from when it is created. */
export const enum CaptureFrom { Local = 0, Env = 1, Self = 2 }

export class CodeObject {
  /**
   * This code compiled by the native tier (native-tier.ts): undefined until
   * tried, null when it does not qualify.
   */
  native: NativeCode | null | undefined = undefined;
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
    /** Source line of each instruction start (0 = unknown), for traces. */
    readonly lines: Int32Array,
    /** File the code was read from, if any. */
    readonly file: string | null,
  ) {}
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
  /** Whether impl may return a CallRequest (apply, eval): the native tier leaves calls of it to the interpreter. */
  readonly callsBack?: boolean;
}

/** An intrinsic as a function value. */
export class Native implements LObject {
  readonly kind = Kind.Native;
  constructor(readonly spec: NativeSpec) {}
  get name(): string {
    return this.spec.name;
  }
}
