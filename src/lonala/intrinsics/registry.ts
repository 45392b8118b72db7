/**
 * The intrinsic registry entry (STYLE.md 9): every native of Lonala is one
 * `Intrinsic` with its name, arity, cost, doc and implementation together.
 * `std/lona/core.lona` binds them to vars with `(def ^:native name)`; the
 * processor calls `impl` directly, without boxing arguments on common arities.
 */
import { type Value, type CallRequest } from '../../machine/index.js';

export interface Intrinsic {
  /** Name of the var in `lona.core`, e.g. `+`, `bytebuf-write8!`. */
  readonly name: string;
  /** Arglists as Lonala source text, e.g. `([] [x] [x y & more])`. */
  readonly arglists: string;
  /** Fewest arguments accepted. */
  readonly min: number;
  /** Most arguments accepted; `Infinity` when variadic. */
  readonly max: number;
  /** Reductions charged per call (1 for O(1) work; more for bulk work). */
  readonly cost: number;
  readonly doc: string;
  /**
   * The implementation. Receives exactly the call's arguments. Signals
   * faults by throwing a `Fault` (machine/fault.ts), never a JS Error; may
   * return a `CallRequest` to have the processor call Lonala code, and
   * then says so in `callsBack`.
   */
  readonly impl: (...args: Value[]) => Value | CallRequest;
  readonly callsBack?: boolean;
  /**
   * `impl` for a caller that owns its first argument: structure made under
   * `edit` may be updated in place (the JS tier's transients, proved by
   * machine/js-linear.ts). Same value, same faults, same charges as `impl`.
   */
  readonly linear?: (edit: object, ...args: Value[]) => Value;
  /**
   * The arguments, by position, that name something outside the value
   * itself, and what: the OS checks each in one place (src/os/authority.ts)
   * and tests/os/authority.test.ts calls every declared one from a realm
   * holding nothing, against a target outside it.
   */
  readonly reaches?: Readonly<Record<number, Reach>>;
}

/**
 * What an argument names: a process to act on (`process`) or only to
 * message or watch (`message`: any process, no authority), a realm, a
 * namespace, a host path, a capability, a shared region or an atom (its
 * own realm's only); or a handle read only for what it says of itself
 * (`handle`: a pid's parts, a capability's rights), which needs no authority.
 */
export type Reach = 'process' | 'message' | 'realm' | 'namespace' | 'path' | 'capability' | 'region' | 'atom' | 'handle';

/** Declares an intrinsic; `cost` defaults to 1. */
export function intrinsic(spec: Omit<Intrinsic, 'cost'> & { cost?: number }): Intrinsic {
  return { cost: 1, ...spec };
}

/** Declares a one-argument intrinsic `(name x)` of cost 1. */
export function unary(name: string, doc: string, impl: (x: Value) => Value): Intrinsic {
  return intrinsic({ name, arglists: '([x])', min: 1, max: 1, doc, impl });
}
