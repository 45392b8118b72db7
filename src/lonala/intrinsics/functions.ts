/** Function application intrinsics: apply. */
import { CallRequest, Kind, type LObject, type Value } from '../../machine/index.js';
import { elements } from './sequences.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { badarg } from './args.js';

const callable = (f: Value): boolean => {
  if (typeof f !== 'object' || f === null) return false;
  const k = (f as LObject).kind;
  return k === Kind.Fn || k === Kind.Native || k === Kind.Keyword || k === Kind.Map || k === Kind.Set;
};

export const functionIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'apply', arglists: '([f args] [f x & more])', min: 2, max: Infinity, cost: 2, callsBack: true,
    doc: 'Calls f with the given arguments, the last of which is a sequence spread into arguments.',
    impl: (f, ...args) => {
      if (!callable(f)) badarg('apply', [f, ...args]);
      const spread = elements('apply', args[args.length - 1]);
      return new CallRequest(f, [...args.slice(0, -1), ...spread]);
    },
  }),
];
