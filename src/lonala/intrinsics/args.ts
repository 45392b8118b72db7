/**
 * Argument checking for intrinsics: the faults a native raises when given
 * values it cannot work with (LONALA.md section 7).
 */
import { Fault, Keyword, Sym, type Value, List } from '../../machine/index.js';

/** `[:error :badarg %{:fn f :args args}]` */
export function badarg(fnName: string, args: Value[]): never {
  throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), args: List.from(args) });
}

/** `[:error :type-error %{:fn f :expected :integer :value v}]` */
export function typeError(fnName: string, expected: string, value: Value): never {
  throw new Fault('type-error', { fn: Sym.of(fnName, 'lona.core'), expected: Keyword.of(expected), value });
}

/** `[:error :out-of-bounds %{:fn f :index i :size n}]` */
export function outOfBounds(fnName: string, index: Value, size: number): never {
  throw new Fault('out-of-bounds', { fn: Sym.of(fnName, 'lona.core'), index, size });
}

/** `[:error :limit %{:fn f :message m}]`: work too big for one call, refused before it starts. */
export function limit(fnName: string, message: string): never {
  throw new Fault('limit', { fn: Sym.of(fnName, 'lona.core'), message });
}

/** `[:error :division-by-zero %{:fn f}]` */
export function divisionByZero(fnName: string): never {
  throw new Fault('division-by-zero', { fn: Sym.of(fnName, 'lona.core') });
}

