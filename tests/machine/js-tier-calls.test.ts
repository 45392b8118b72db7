/**
 * The JS tier's whole functions (src/machine/js-tier.ts, js-codegen.ts,
 * js-runtime.ts): compiled functions calling compiled functions, and the
 * interpreter's promises kept on them: preemption at any depth and resuming
 * there, deep recursion bounded by the process's stack limit (not V8's), a
 * realm's CPU cap (on the virtual clock), redefinition of a callee while a
 * caller runs compiled, and faults several compiled frames deep reported as
 * the interpreter reports them (exit reason, backtrace, fault frames).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Float, RunStatus, Thread, jsTier, run, startCall, type Fn, type Value } from '../../src/machine/index.js';
import { printValue } from '../../src/lonala/printer.js';
import { PERIOD_MS } from '../../src/os/cpu-budget.js';
import { Session } from '../../src/os/session.js';
import { bootFromSource, evalOk, fnNamed, show } from '../helpers/lona.js';
import { COST, cpuUsage, machine, realmOf } from '../helpers/virtual-machine.js';

delete process.env.LONA_NO_NATIVE;

let session: Session;

beforeAll(() => {
  session = new Session(bootFromSource());
  evalOk(session, `
    (defn sum [n] (if (= n 0) 0 (+ n (sum (- n 1)))))
    (defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
`);
});

/** Runs `fn` on `args` in slices of `budget` reductions until it ends; the slices it took. */
function runInSlices(thread: Thread, budget: number): { status: RunStatus; slices: number } {
  let slices = 1;
  let status: RunStatus;
  while ((status = run(thread, budget)) === RunStatus.Preempted) slices++;
  return { status, slices };
}

describe('calls between compiled functions', () => {
  it('compiles a hot non-tail recursion and gives the interpreter\'s result', () => {
    expect(show(session, '(fib 20)')).toBe('6765');
    expect(typeof fnNamed(session, 'fib').code.jsCode).toBe('function');
    expect(show(session, '[(fib 25) (sum 1000)]')).toBe('[75025 500500]');
  });

  it('preempts deep in a non-tail recursion and resumes there, with the right result', () => {
    show(session, '(sum 100)'); // hot: compiled
    const thread = new Thread();
    startCall(thread, fnNamed(session, 'sum'), [50_000]);
    expect(run(thread, 1000)).toBe(RunStatus.Preempted);
    expect(thread.depth).toBeGreaterThan(100); // stopped deep inside, its frames written out
    const { status, slices } = runInSlices(thread, 1000);
    expect(status).toBe(RunStatus.Completed);
    expect(thread.result).toBe(1_250_025_000);
    expect(slices).toBeGreaterThanOrEqual(49);
  });

  it('counts a reduction per call, as the interpreter does', () => {
    const reductionsOf = (native: boolean): number => {
      const s = new Session(bootFromSource());
      jsTier.enabled = native;
      try {
        evalOk(s, '(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (fib 15)');
        const thread = new Thread();
        startCall(thread, fnNamed(s, 'fib'), [20]);
        expect(runInSlices(thread, 777).status).toBe(RunStatus.Completed);
        expect(thread.result).toBe(6765);
        if (native) expect(typeof fnNamed(s, 'fib').code.jsCode).toBe('function');
        return thread.reductions;
      } finally {
        jsTier.enabled = true;
      }
    };
    expect(reductionsOf(true)).toBe(reductionsOf(false));
  });

  it('preempts right after an op whose slow path used the slice up, where the interpreter does (found by an attack)', () => {
    const slicesOf = (native: boolean): (number | string)[] => {
      const s = new Session(bootFromSource());
      jsTier.enabled = native;
      try {
        evalOk(s, `(defn fcnt [i n acc] (if (< i n) (fcnt (+ i 1) n (+ acc 1)) acc))
                   (defn gcnt [i n acc] (if (< i n) (gcnt (+ i 1) n (+ acc (identity 1))) acc))`);
        const used: (number | string)[] = [];
        for (const name of ['fcnt', 'gcnt']) {
          const thread = new Thread();
          startCall(thread, fnNamed(s, name), [0, 3000, new Float(0.5)]);
          let before = 0;
          while (run(thread, 101) === RunStatus.Preempted) {
            used.push(thread.reductions - before);
            before = thread.reductions;
          }
          used.push(printValue(thread.result));
        }
        return used;
      } finally {
        jsTier.enabled = true;
      }
    };
    const compiled = slicesOf(true);
    expect(compiled).toContain('3000.5');
    expect(compiled).toEqual(slicesOf(false));
  });

  it('recurses a million deep non-tail (the process stack, not V8\'s), and faults :stack-overflow past its limit', () => {
    expect(show(session, '(sum 1000000)')).toBe('500000500000');
    const s = new Session(bootFromSource());
    evalOk(s, '(defn down [n] (+ 1 (down n))) (defn go [] (down 1))');
    const reason = printValue(evalOk(s, '(let [[_ r] (spawn-monitor go)] (receive [:DOWN r2 _ why] when (= r r2) why :after 60000 :timeout))'));
    expect(reason).toMatch(/^\[:error :stack-overflow /);
  });

  it('sees a callee redefined while a compiled caller runs (preempted in between)', () => {
    const s = new Session(bootFromSource());
    evalOk(s, '(defn step [x] (+ x 1)) (defn walk [n acc] (if (= n 0) acc (walk (- n 1) (step acc)))) (walk 100 0)');
    expect(typeof fnNamed(s, 'walk').code.jsCode).toBe('function');
    expect(typeof fnNamed(s, 'step').code.jsCode).toBe('function');
    const thread = new Thread();
    startCall(thread, fnNamed(s, 'walk'), [100_000, 0]);
    expect(run(thread, 5000)).toBe(RunStatus.Preempted);
    evalOk(s, '(defn step [x] (+ x 1000))');
    expect(runInSlices(thread, 1e9).status).toBe(RunStatus.Completed);
    const result = thread.result as number;
    // k calls added 1 before the redefinition, the rest 1000 each
    const k = (100_000 * 1000 - result) / 999;
    expect(Number.isInteger(k)).toBe(true);
    expect(k).toBeGreaterThan(0);
    expect(k).toBeLessThan(100_000);
  });

  it('sees a redefinition made by the caller itself between two calls (no preemption)', () => {
    const s = new Session(bootFromSource());
    evalOk(s, '(defn f [] 1) (defn g [] [(f) (do (intern (quote user) (quote f) (fn [] 2)) (f))]) (dotimes [i 40] (g) (intern (quote user) (quote f) (fn [] 1)))');
    expect(typeof fnNamed(s, 'g').code.jsCode).toBe('function');
    expect(show(s, '(g)')).toBe('[1 2]');
  });
});

describe('what the tier leaves to the interpreter', () => {
  it('a function with very many locals stays interpreted (its generated code would grow as locals times exits), with the same result', () => {
    const s = new Session(bootFromSource());
    const lets = Array.from({ length: 70 }, (_, i) => `a${i + 1} ${i === 0 ? 'x' : `(inc a${i})`}`).join(' ');
    evalOk(s, `(defn wide [x] (let [${lets}] a70)) (defn narrow [x] (let [a (inc x)] a))`);
    expect(show(s, '(mapv wide (range 40))')).toMatch(/^\{69 70 71 .* 108\}$/);
    expect(show(s, '(mapv narrow (range 40))')).toMatch(/^\{1 2 .* 40\}$/);
    expect(fnNamed(s, 'wide').code.jsCode).toBeNull();
    expect(typeof fnNamed(s, 'narrow').code.jsCode).toBe('function'); // its granted twin
  });
});

describe('faults in compiled frames', () => {
  /** The exit reason and backtrace of (a3 210), three functions deep, with the tier on or off. */
  const faultOf = (native: boolean): { reason: string; trace: string; frames: string } => {
    const s = new Session(bootFromSource());
    jsTier.enabled = native;
    try {
      evalOk(s, `(defn c3 [x] (let [y (* x 2)] (+ y (if (< x 100) 0 (first x)))))
        (defn b3 [x] (inc (c3 x)))
        (defn a3 [x] (inc (b3 x)))
        (dotimes [i 40] (a3 i))
        (defn caught [] (let [[_ r] (spawn-monitor (fn [] (a3 210)))] (receive [:DOWN r2 _ why] when (= r r2) why :after 5000 :timeout)))`);
      if (native) for (const f of ['a3', 'b3', 'c3']) expect(typeof fnNamed(s, f).code.jsCode, f).toBe('function');
      const reason = evalOk(s, '(caught)');
      const trace = evalOk(s, '(let [why (caught)] (mapv (fn [f] [(:fn f) (:line f) (:column f)]) (:trace (meta why))))');
      show(s, '(a3 210)'); // the session's evaluator keeps its fault frames
      const frames = evalOk(s, '(mapv (fn [f] [(:fn f) (:args f) (:locals f)]) (process-info (self) :fault-frames))');
      return { reason: printValue(reason), trace: printValue(trace), frames: printValue(frames as Value) };
    } finally {
      jsTier.enabled = true;
    }
  };

  it('reports the exit reason, backtrace and fault frames the interpreter reports', () => {
    const compiled = faultOf(true);
    const interpreted = faultOf(false);
    expect(compiled.reason).toMatch(/^\[:error :type-error /);
    expect(compiled.trace).toMatch(/^\{\[c3 \d+ \d+\] \[b3 \d+ \d+\] \[a3 \d+ \d+\]/);
    expect(compiled.frames).toContain('[c3 [210] %{');
    expect(compiled).toEqual(interpreted);
  });

  it('a fault inside a compiled callee is caught by a try-like guard below it, and the caller goes on', () => {
    const s = new Session(bootFromSource());
    evalOk(s, '(defn boom [x] (first x)) (defn safe [x] (match x n when (boom n) :ok _ :guard-failed)) (dotimes [i 40] (boom [i]))');
    expect(typeof fnNamed(s, 'boom').code.jsCode).toBe('function');
    expect(show(s, '[(safe [1]) (safe 5)]')).toBe('[:ok :guard-failed]');
  });
});

describe('a realm capped at 30% running compiled code, on the virtual clock', () => {
  it('keeps its cap: deep compiled recursion is preempted and counted like any code', () => {
    const m = machine();
    evalOk(m.session, '(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (defn fib-spin [] (fib 22) (fib-spin))');
    const capped = realmOf(m, 'capped', '(realm-create %{:policy %{:cpu %{:max 0.3}}})');
    evalOk(m.session, '(dotimes [i 4] (spawn-in capped fib-spin)) (sleep 200)');
    const fib = m.system.namespaces.find('user')?.lookup('fib')?.root as Fn;
    expect(typeof fib.code.jsCode).toBe('function');
    const before = capped.reductions;
    const t0 = m.clock.now();
    evalOk(m.session, '(sleep 1000)');
    const share = ((capped.reductions - before) * COST) / (m.clock.now() - t0);
    const overshoot = (16_000 * COST) / PERIOD_MS; // one budgeted dispatch begun just under the cap
    expect(share).toBeGreaterThanOrEqual(0.3 - overshoot);
    expect(share).toBeLessThanOrEqual(0.3 + overshoot);
    expect(cpuUsage(m, 'capped')).toBeLessThanOrEqual(0.3 + overshoot);
    evalOk(m.session, '(realm-terminate capped)');
  });
});
