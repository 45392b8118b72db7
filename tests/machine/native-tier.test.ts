/**
 * The native tier (src/machine/native-tier.ts): self-tail-recursive loops
 * compiled to JS. Covers when code gets native, that results equal the
 * interpreter's (LONA_NO_NATIVE=1), deopt to the interpreter mid-loop
 * (floats, integers past 2^53, the loop's var redefined, `+` redefined)
 * and preemption inside a native loop.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RunStatus, Thread, Tuple, run, startCall, type Fn } from '../../src/machine/index.js';
import { printValue } from '../../src/lonala/printer.js';
import { Session } from '../../src/os/session.js';
import { bootFromSource, evalOk, fnNamed, show } from '../helpers/lona.js';
import { nativeTier } from '../../src/machine/index.js';

delete process.env.LONA_NO_NATIVE;

/** Loops inside the native subset: locals, inline arithmetic, compares, self tail calls. */
const LOOPS = `
  (defn sum-to [n acc] (if (= n 0) acc (sum-to (- n 1) (+ acc n))))
  (defn sub-loop [n acc] (if (= n 0) acc (sub-loop (- n 1) (- acc 3))))
  (defn fact [n acc] (if (< n 2) acc (fact (- n 1) (* acc n))))
  (defn pow2 [n acc] (if (<= n 0) acc (pow2 (- n 1) (* acc 2))))
  (defn fsum [n acc] (if (= n 0) acc (if (= n 5) (fsum (- n 1) (+ acc 0.5)) (fsum (- n 1) (+ acc 1)))))
  (defn meet [lo hi n] (if (>= lo hi) n (meet (+ lo 1) (- hi 1) (+ n 1))))
  (defn same? [n a b] (if (= n 0) (= a b) (same? (- n 1) a b)))`;
const LOOP_NAMES = ['sum-to', 'sub-loop', 'fact', 'pow2', 'fsum', 'meet', 'same?'];

/** Calls and the results they must give, whichever tier runs them. */
const PROBES: [string, string][] = [
  ['(sum-to 100000 0)', '5000050000'],
  ['(sum-to 10 9007199254740980)', '9007199254741035'],
  ['(sub-loop 5 -9007199254740985)', '-9007199254741000'],
  ['(fact 25 1)', '15511210043330985984000000'],
  ['(pow2 70 1)', '1180591620717411303424'],
  ['(pow2 10 1)', '1024'],
  ['(fsum 10 0)', '9.5'],
  ['(sum-to 3 1/2)', '13/2'],
  ['(sum-to 4 0.25)', '10.25'],
  ['(meet 0 101 0)', '51'],
  ['(same? 3 :a :a)', 'true'],
  ['(same? 3 [1] [2])', 'false'],
];

let session: Session;

beforeAll(() => {
  session = new Session(bootFromSource());
  evalOk(session, `(ns nt.fast) ${LOOPS} (in-ns (quote user))`);
});

const fnIn = (ns: string, name: string): Fn => {
  const root = session.system.namespaces.find(ns)?.lookup(name)?.root;
  expect(root, `${ns}/${name}`).toBeDefined();
  return root as Fn;
};

describe('getting native code', () => {
  it('compiles a self-tail-recursive loop on its first call', () => {
    evalOk(session, '(defn count-up [n acc] (if (= n 0) acc (count-up (- n 1) (+ acc 1))))');
    const code = fnNamed(session, 'count-up').code;
    expect(code.native).toBeUndefined();
    expect(show(session, '(count-up 1000 0)')).toBe('1000');
    expect(typeof code.native).toBe('function');
  });

  it('leaves code outside the subset to the interpreter (native is null)', () => {
    evalOk(session, '(defn add [a b] (+ a b)) (defn calls-out [n] (if (= n 0) :done (calls-out (dec n))))');
    expect(show(session, '[(add 1 2) (calls-out 3)]')).toBe('[3 :done]');
    expect(fnNamed(session, 'add').code.native).toBeNull();
    expect(fnNamed(session, 'calls-out').code.native).toBeNull();
  });
});

describe('same results as the interpreter', () => {
  it('gives every probe the same value natively and with LONA_NO_NATIVE=1', () => {
    const native = PROBES.map(([form]) => show(session, `(nt.fast/${form.slice(1)}`));
    for (const name of LOOP_NAMES) expect(typeof fnIn('nt.fast', name).code.native, name).toBe('function');

    nativeTier.enabled = false; // what LONA_NO_NATIVE=1 sets at boot
    let interpreted: string[];
    try {
      evalOk(session, `(ns nt.slow) ${LOOPS} (in-ns (quote user))`);
      interpreted = PROBES.map(([form]) => show(session, `(nt.slow/${form.slice(1)}`));
    } finally {
      nativeTier.enabled = true;
    }
    for (const name of LOOP_NAMES) expect(fnIn('nt.slow', name).code.native, name).toBeNull();

    expect(native).toEqual(PROBES.map(([, want]) => want));
    expect(interpreted).toEqual(native);
  });

  it('keeps exact integers when a native loop crosses 2^53 (no float rounding)', () => {
    const v = evalOk(session, '(nt.fast/sum-to 5 9007199254740990)');
    expect(v).toBe(9007199254741005n);
    expect(evalOk(session, '(nt.fast/sum-to 2 1)')).toBe(4);
  });
});

describe('deopt to the interpreter', () => {
  it('hands a frame back when a value becomes a float mid-loop, and stays correct afterwards', () => {
    expect(show(session, '(nt.fast/fsum 1000 0)')).toBe('999.5');
    expect(show(session, '(nt.fast/fsum 4 0)')).toBe('4');
  });

  it('switches to a redefinition of the loop var at the next self call', () => {
    evalOk(session, '(defn loop-a [n acc] (if (= n 0) acc (loop-a (- n 1) (+ acc 1))))');
    expect(show(session, '(loop-a 100 0)')).toBe('100');
    const old = fnNamed(session, 'loop-a');
    expect(typeof old.code.native).toBe('function');
    evalOk(session, '(defn loop-a [n acc] [:redefined n acc])');
    // the old native code runs one iteration, then its self call finds the new definition
    const thread = new Thread();
    startCall(thread, old, [100, 0]);
    expect(run(thread, 1e9)).toBe(RunStatus.Completed);
    expect(printValue(thread.result)).toBe('[:redefined 99 1]');
  });

  it('sees a redefinition made while the native loop is preempted', () => {
    evalOk(session, '(defn loop-b [n acc] (if (= n 0) acc (loop-b (- n 1) (+ acc 1))))');
    const thread = new Thread();
    startCall(thread, fnNamed(session, 'loop-b'), [100_000, 0]);
    expect(run(thread, 1000)).toBe(RunStatus.Preempted);
    expect(typeof fnNamed(session, 'loop-b').code.native).toBe('function');
    evalOk(session, '(defn loop-b [n acc] [:redefined n acc])');
    expect(run(thread, 1e9)).toBe(RunStatus.Completed);
    expect(thread.result).toBeInstanceOf(Tuple);
    const [tag, n, acc] = (thread.result as Tuple).items;
    expect(printValue(tag)).toBe(':redefined');
    expect((n as number) + (acc as number)).toBe(100_000);
    expect(acc).toBeGreaterThan(0);
    expect(n).toBeGreaterThan(0);
  });

  it('takes the slow path when + is redefined, before or during a native loop', () => {
    const s = new Session(bootFromSource());
    evalOk(s, '(def saved +) (defn up [n acc] (if (= n 0) acc (up (- n 1) (+ acc 1))))');
    expect(show(s, '(up 10 0)')).toBe('10');
    expect(typeof fnNamed(s, 'up').code.native).toBe('function');

    evalOk(s, '(intern (quote lona.core) (quote +) -)');
    expect(show(s, '(up 10 0)')).toBe('-10');
    evalOk(s, '(intern (quote lona.core) (quote +) saved)');
    expect(show(s, '(up 10 0)')).toBe('10');

    const total = 100_000;
    const thread = new Thread();
    startCall(thread, fnNamed(s, 'up'), [total, 0]);
    expect(run(thread, 1000)).toBe(RunStatus.Preempted);
    evalOk(s, '(intern (quote lona.core) (quote +) -)');
    expect(run(thread, 1e9)).toBe(RunStatus.Completed);
    evalOk(s, '(intern (quote lona.core) (quote +) saved)');
    // k iterations added 1 before the redefinition, the other total - k subtracted 1
    const result = thread.result as number;
    const k = (result + total) / 2;
    expect(Number.isInteger(k)).toBe(true);
    expect(k).toBeGreaterThan(0);
    expect(k).toBeLessThan(total);
  });
});

describe('preemption inside a native loop', () => {
  it('returns Preempted every 1000 reductions and resumes to the right result', () => {
    evalOk(session, '(defn sum-b [n acc] (if (= n 0) acc (sum-b (- n 1) (+ acc n))))');
    const f = fnNamed(session, 'sum-b');
    const thread = new Thread();
    startCall(thread, f, [100_000, 0]);
    expect(run(thread, 1000)).toBe(RunStatus.Preempted);
    expect(typeof f.code.native).toBe('function');
    expect(thread.reductions).toBeGreaterThanOrEqual(1000);
    expect(thread.reductions).toBeLessThan(2000);
    let preempted = 1;
    let status: RunStatus;
    while ((status = run(thread, 1000)) === RunStatus.Preempted) preempted++;
    expect(status).toBe(RunStatus.Completed);
    expect(thread.result).toBe(5_000_050_000);
    expect(preempted).toBeGreaterThanOrEqual(95);
    expect(thread.reductions).toBeGreaterThanOrEqual(100_000);
  });
});
