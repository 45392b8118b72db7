/**
 * Work charged by size (issue "Limits that hold"): a native's
 * `chargeReductions` (src/machine/function.ts) counts in the thread's
 * reductions and ends the slice at the next check, in the interpreter and in
 * the JS tier alike; a native that charges and then faults still pays;
 * `--max-reductions` (a session's reduction limit) sees the charge. Outcomes
 * and reduction counts only, never time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStatus, Thread, jsTier, run, startCall, type Fn, type Value } from '../../src/machine/index.js';
import { bigintBits, bigintSize, extraReductions } from '../../src/machine/function.js';
import { printValue } from '../../src/lonala/printer.js';
import { Session } from '../../src/os/session.js';
import { bootFromSource, errorParts, evalOk, exitReason, fnNamed, show } from '../helpers/lona.js';

let session: Session;

beforeAll(() => {
  session = new Session(bootFromSource());
  evalOk(session, `
    (def big (bit-shl 1 1000000))
    (defn dag [n] (if (= n 0) 1 (let [d (dag (- n 1))] [d d])))
    (defn product-then-count [x n] (* x x) (count-down n))
    (defn count-down [n] (if (= n 0) :done (count-down (- n 1))))
    (defn bits-loop [x n acc] (if (= n 0) acc (bits-loop x (- n 1) (+ acc (bit-count x)))))
    (defn run-bits [x n] (bits-loop x n 0))
    (defn same [a b] (= a b))`);
});

function start(fn: Fn, args: Value[]): Thread {
  const thread = new Thread();
  startCall(thread, fn, args);
  return thread;
}

const bigValue = (): Value => evalOk(session, 'big');

describe('the interpreter', () => {
  it('counts a native\'s charge and preempts right after it', () => {
    const thread = start(fnNamed(session, 'product-then-count'), [bigValue(), 1_000_000]);
    expect(run(thread, 2000)).toBe(RunStatus.Preempted);
    // (* big big) of two 2^1000000 charges about 250,000: the slice ends there, not 2000 reductions later
    expect(thread.reductions).toBeGreaterThan(200_000);
    expect(thread.reductions).toBeLessThan(300_000);
    // and the thread goes on from there
    const before = thread.reductions;
    expect(run(thread, 2000)).toBe(RunStatus.Preempted);
    expect(thread.reductions - before).toBeLessThanOrEqual(2000);
  });

  it('counts equality of big values made by the inline = op', () => {
    const v = evalOk(session, '(vec (range 100000))'), w = evalOk(session, '(vec (range 100000))');
    const thread = start(fnNamed(session, 'same'), [v, w]);
    expect(run(thread, 1e9)).toBe(RunStatus.Completed);
    expect(thread.result).toBe(true);
    expect(thread.reductions).toBeGreaterThan(100_000);
  });

  it('charges a native that faults for the work it did before it gave up', () => {
    const thread = start(evalOk(session, '(fn [d] (pr-str d))') as Fn, [evalOk(session, '(dag 40)')]);
    expect(run(thread, 1e9)).toBe(RunStatus.Exited);
    expect(errorParts(thread.reason).kind).toBe('limit');
    expect(thread.reductions).toBeGreaterThan(1_000_000);
    expect(extraReductions.n).toBe(0); // nothing left over for the next thread
  });
});

describe('the JS tier', () => {
  // On whatever the run's LONA_NO_NATIVE says (which turns the tier off at boot): this part is about the tier.
  let wasEnabled = true;
  beforeAll(() => { wasEnabled = jsTier.enabled; jsTier.enabled = true; });
  afterAll(() => { jsTier.enabled = wasEnabled; });

  it('counts the charge of a native it calls and preempts right after it', () => {
    expect(jsTier.enabled).toBe(true);
    expect(show(session, '(bits-loop 1 3 0)')).toBe('3');
    expect(fnNamed(session, 'bits-loop').code.jsCode).toBeTruthy(); // compiled on its first call
    const x = evalOk(session, '(bit-shl 1 1048576)'); // 16,384 words: bit-count charges one a word
    const thread = start(fnNamed(session, 'run-bits'), [x, 100]); // enters the loop's compiled JavaScript by a call
    expect(run(thread, 2000)).toBe(RunStatus.Preempted);
    expect(thread.reductions).toBeGreaterThanOrEqual(16_384);
    expect(thread.reductions).toBeLessThan(2 * 16_384 + 2000);
    let status = RunStatus.Preempted;
    while (status === RunStatus.Preempted) status = run(thread, 2000);
    expect(status).toBe(RunStatus.Completed);
    expect(thread.result).toBe(100);
    expect(thread.reductions).toBeGreaterThanOrEqual(100 * 16_384);
  });
});

describe('limits on whole evaluations', () => {
  it('--max-reductions stops a loop of big products after a few, not after its count of calls', () => {
    evalOk(session, '(defn burn [n] (* big big) (burn (+ n 1)))');
    session.reductionLimit = 1_000_000;
    try {
      const reason = exitReason(session, '(burn 0)');
      expect(errorParts(reason).kind).toBe('reduction-limit');
    } finally {
      session.reductionLimit = null;
    }
  });

  it('refuses a product past 2^24 bits before computing it', () => {
    const reason = exitReason(session, '(let [h (bit-shl 1 9000000)] (* h h))');
    expect(errorParts(reason).kind).toBe('limit');
    expect(printValue(errorParts(reason).fields)).toContain(':fn lona.core/*');
  });

  it('sizes integers without printing them', () => {
    for (const n of [0n, 1n, 255n, 256n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 1023n - 1n, 2n ** 1023n, 2n ** 4091n, 2n ** 4092n + 5n, 2n ** 100_000n - 1n, 2n ** 100_000n]) {
      expect(bigintBits(n), String(n).slice(0, 20)).toBe(n.toString(2).length - (n === 0n ? 1 : 0));
      expect(Math.abs(bigintBits(-n) - bigintBits(n))).toBeLessThanOrEqual(1);
    }
    // for charging: within one below 2^1023, an upper bound within a factor of two above
    for (const bits of [1, 60, 1000, 1023, 1024, 1500, 5000, 70_000, 1_000_000, 1_100_000]) {
      for (const n of [(1n << BigInt(bits)) - 1n, -(1n << BigInt(bits - 1)) - 7n]) {
        const size = bigintSize(n), exact = bigintBits(n);
        expect(size, `${bits}`).toBeGreaterThanOrEqual(exact - 1);
        expect(size, `${bits}`).toBeLessThanOrEqual(Math.max(exact + 1, 2 * exact));
      }
    }
    expect(show(session, '(bit-count (bit-shl 1 100000))')).toBe('1');
  });
});
