/**
 * Micro-benchmark of the persistent collections (src/machine/vector.ts,
 * hash-map.ts) against the `immutable` package doing the same work: the
 * evidence for keeping our own implementations. `immutable` is a
 * devDependency, imported only here.
 */
type Immutable = typeof import('immutable');
import { Vector, PMap } from '../machine/index.js';

/** One workload: our time, the peer's time, and their ratio (< 1: we are faster). */
export interface BenchResult {
  name: string;
  ms: number;
  peer: string;
  peerMs: number;
  ratio: number;
}

const N = 100_000;
const RUNS = 5;

/** Wall time of one run of `work`, checking its result. */
function time(work: () => number): number {
  const t0 = performance.now();
  if (work() !== (N * (N - 1)) / 2) throw new Error('benchmark computed a wrong sum');
  return performance.now() - t0;
}

const median = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1];

/**
 * Median times of `RUNS` runs of `ours` and of `theirs`, after two warm-up
 * runs of each. The runs alternate, so both see the same machine load.
 */
function measurePair(ours: () => number, theirs: () => number): [number, number] {
  for (let r = 0; r < 2; r++) {
    time(ours);
    time(theirs);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    a.push(time(ours));
    b.push(time(theirs));
  }
  return [median(a), median(b)];
}

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
    const [ms, peerMs] = measurePair(ours, theirs);
    return { name, ms, peer: 'immutable', peerMs, ratio: ms / peerMs };
  });
}
