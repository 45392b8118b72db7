/**
 * Micro-benchmark of the persistent collections (src/machine/vector.ts,
 * hash-map.ts) against the `immutable` package doing the same work: the
 * evidence for keeping our own implementations. `immutable` is a
 * devDependency, imported only here.
 */
type Immutable = typeof import('immutable');
import { Vector, PMap } from '../machine/index.js';
import { measurePair, type BenchResult } from './measure.js';

const N = 100_000;
const RUNS = 5;

/** Runs `work` and checks its result, so a wrong implementation cannot look fast. */
const checked = (work: () => number) => () => {
  if (work() !== (N * (N - 1)) / 2) throw new Error('benchmark computed a wrong sum');
};

function vectorConjSum(): number {
  let v = Vector.EMPTY;
  for (let i = 0; i < N; i++) v = v.conj(i);
  let sum = 0;
  for (let i = 0; i < N; i++) sum += v.get(i) as number;
  return sum;
}

function immutableListPushSum(im: Immutable): number {
  let l = im.List<number>();
  for (let i = 0; i < N; i++) l = l.push(i);
  let sum = 0;
  for (let i = 0; i < N; i++) sum += l.get(i) as number;
  return sum;
}

function mapAssocLookup(): number {
  let m = PMap.EMPTY;
  for (let i = 0; i < N; i++) m = m.assoc(i, i);
  let sum = 0;
  for (let i = 0; i < N; i++) sum += m.get(i) as number;
  return sum;
}

function immutableMapSetLookup(im: Immutable): number {
  let m = im.Map<number, number>();
  for (let i = 0; i < N; i++) m = m.set(i, i);
  let sum = 0;
  for (let i = 0; i < N; i++) sum += m.get(i) as number;
  return sum;
}

/**
 * Runs every workload and reports the median timings (takes a few seconds).
 * `immutable` is loaded only here, so the lona command never pays for it.
 */
export async function benchCollections(): Promise<BenchResult[]> {
  const im = await import('immutable');
  const cases: [string, () => number, () => number][] = [
    ['vector: 100k conj + sum by index', vectorConjSum, () => immutableListPushSum(im)],
    ['map: 100k int-key assoc + 100k lookups', mapAssocLookup, () => immutableMapSetLookup(im)],
  ];
  return cases.map(([name, ours, theirs]) => {
    const [ms, peerMs] = measurePair(checked(ours), checked(theirs), RUNS, 2);
    return { name, ms, peer: 'immutable', peerMs, ratio: ms / peerMs };
  });
}
