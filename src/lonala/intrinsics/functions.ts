/** Function application intrinsics: apply. */
import { CallRequest, Kind, List, Tuple, Vector, PSet, type LObject, type Value } from '../../machine/index.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { badarg, typeError } from './args.js';

/** The elements of a sequence value, for spreading into arguments. */
export function spreadable(fnName: string, coll: Value): Value[] {
  if (coll === null) return [];
  switch ((coll as LObject).kind) {
    case Kind.List: return (coll as List).toArray();
    case Kind.Tuple: return (coll as Tuple).items.slice();
    case Kind.Vector: return (coll as Vector).toArray();
    case Kind.Set: return (coll as PSet).values();
    default: return typeError(fnName, 'sequence', coll);
  }
}

const callable = (f: Value): boolean => {
  if (typeof f !== 'object' || f === null) return false;
  const k = (f as LObject).kind;
  return k === Kind.Fn || k === Kind.Native || k === Kind.Keyword || k === Kind.Map;
};

export const functionIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'apply', arglists: '([f args] [f x & more])', min: 2, max: Infinity, cost: 2,
    doc: 'Calls f with the given arguments, the last of which is a sequence spread into arguments.',
    impl: (f, ...args) => {
      if (!callable(f)) badarg('apply', [f, ...args]);
      const spread = spreadable('apply', args[args.length - 1]);
      return new CallRequest(f, [...args.slice(0, -1), ...spread]);
    },
  }),
];
