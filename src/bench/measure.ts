/**
 * Timing for the benchmark suite: one result shape, and measuring our work
 * beside its peer's with the runs alternating, so load on the machine hits
 * both alike; each side's figure is the median of its runs.
 */
import { System, Session } from '../os/index.js';

/** One benchmark: our time, the peer's time and their ratio (< 1: we are faster). */
export interface BenchResult { name: string; ms: number; peer: string; peerMs: number; ratio: number }

/** The value a fraction `p` of the way through `xs` sorted (0.5: the median, 0.99: the 99th percentile). */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 0.5);
}

function once(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/**
 * Median milliseconds of `ours` and of `theirs` over `runs` alternating
 * runs, after `warmups` of each, and more until `ours` has run for
 * `warmMs` in all (JIT compilers reach steady state by time, not by a count
 * of runs: a workload of half a millisecond needs hundreds; both sides get
 * the same number, as criterium and JMH warm up).
 */
export function measurePair(ours: () => void, theirs: () => void, runs: number, warmups: number, warmMs = 0): [number, number] {
  for (let i = 0, spent = 0; i < warmups || spent < warmMs; i++) {
    spent += once(ours);
    theirs();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(once(ours));
    b.push(once(theirs));
  }
  return [median(a), median(b)];
}

/**
 * A session as a user's code runs: a fresh machine, evaluating in the
 * session realm (apps), with its memory quota and every charge of it.
 */
export function userSession(): Session {
  const system = System.boot({ write: () => undefined });
  return new Session(system, system.user, system.sessionRealm());
}
