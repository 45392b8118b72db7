/**
 * A realm's memory quota from Lonala (LONALA.md 9): reserve and give back
 * bytes against it (`request-memory`, `return-memory`), and a handler
 * started in the realm with `:critical` when one of its processes is ended
 * for crossing the quota (`memory-pressure-handler`).
 */
import { getHeapStatistics } from 'node:v8';
import { Fault, Fn, Keyword, Native, Tuple, Var, type Value } from '../../machine/index.js';
import { intrinsic, type Intrinsic, typeError } from '../../lonala/index.js';
import { caller } from './context.js';

const OK = Keyword.of('ok');

function bytesArg(fnName: string, x: Value): number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : typeError(fnName, 'non-negative integer', x);
}

/**
 * Bytes of Lonala data the machine can hold: a quarter of its host's heap.
 * The machine counts its values' own bytes (and 400 per process, what a
 * waiting one really costs); the host's objects behind some values, and
 * garbage not yet collected, take more than that (vectors several times
 * more), so a realm at its quota can still press the host: the host guard
 * (host-guard.ts) then ends the largest consumer before the host dies.
 */
export function machineMemory(): number {
  const set = Number(process.env.LONA_MACHINE_MEMORY);
  return set > 0 ? Math.floor(set) : Math.floor(getHeapStatistics().heap_size_limit / 4);
}

export const memoryIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'machine-memory', arglists: '([])', min: 0, max: 0,
    doc: 'Bytes of data the machine can hold (a share of its host\'s memory): what boot divides among the realms.',
    impl: () => machineMemory(),
  }),
  intrinsic({
    name: 'request-memory', arglists: '([bytes])', min: 1, max: 1,
    doc: "Reserves bytes of the caller's realm's memory quota (and its ancestors'): :ok, or [:error :quota] when there is not that much room.",
    impl: (n) => {
      const bytes = bytesArg('request-memory', n);
      const realm = caller().realm;
      if (realm.chargeMemory(bytes) < 0) {
        realm.chargeMemory(-bytes);
        return new Tuple([Keyword.of('error'), Keyword.of('quota')]);
      }
      realm.reservedMemory += bytes;
      return OK;
    },
  }),
  intrinsic({
    name: 'return-memory', arglists: '([bytes])', min: 1, max: 1, doc: 'Gives back bytes reserved with request-memory (at most what was reserved). :ok.',
    impl: (n) => {
      const realm = caller().realm;
      const bytes = Math.min(bytesArg('return-memory', n), realm.reservedMemory);
      realm.reservedMemory -= bytes;
      realm.chargeMemory(-bytes);
      return OK;
    },
  }),
  intrinsic({
    name: 'memory-pressure-handler', arglists: '([f])', min: 1, max: 1,
    doc: "Sets the function started (in a new process of the caller's realm, with :critical) whenever one of the realm's processes is ended for crossing its memory quota. :ok.",
    impl: (f) => {
      if (!(f instanceof Fn || f instanceof Native || f instanceof Var)) throw new Fault('badarg', { fn: Keyword.of('memory-pressure-handler'), message: 'needs a function' });
      caller().realm.pressureHandler = f;
      return OK;
    },
  }),
];
