/**
 * The processor (src/machine/processor.ts), run through a booted system and
 * directly with startCall/run on compiled functions: tail calls and the
 * heap-allocated stack, the stack limit, preemption and reductions, faults
 * as exit reasons, guards, closures, var redefinition, and the guarded
 * inline arithmetic ops when `+` and friends are redefined.
 *
 * LONA_NO_NATIVE=1 for this whole file: these tests are about the
 * interpreter; tests/machine/js-tier.test.ts covers the JS tier.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Keyword, RunStatus, Sym, Thread, Tuple, run, startCall, type Fn, type Value } from '../../src/machine/index.js';
import { Session } from '../../src/os/session.js';
import { printValue } from '../../src/lonala/printer.js';
import { bootFromSource, errorParts, evalOk, exitReason, field, fnNamed, show } from '../helpers/lona.js';

process.env.LONA_NO_NATIVE = '1';

let session: Session;

beforeAll(() => {
  session = new Session(bootFromSource());
  evalOk(session, `
    (defn step-down [n] (- n 1))
    (defn spin [n acc] (if (= n 0) acc (spin (step-down n) (+ acc 2))))
    (defn depth [n] (if (= n 0) 0 (+ 1 (depth (- n 1)))))
    (defn forever [n] (+ 1 (forever n)))`);
});

/** Runs `fn` on a fresh thread to completion or exit in slices of `budget`. */
function runToEnd(fn: Fn, args: Value[], opts: { stackLimit?: number; budget?: number } = {}) {
  const thread = new Thread(opts.stackLimit);
  startCall(thread, fn, args);
  let slices = 0;
  let status: RunStatus;
  for (;;) {
    status = run(thread, opts.budget ?? 1e9);
    slices++;
    if (status !== RunStatus.Preempted) break;
  }
  return { thread, status, slices };
}

describe('calls and the process stack', () => {
  it('runs a 1,000,000-deep self tail call in a small, fixed stack', () => {
    evalOk(session, '(defn count-up [n acc] (if (= n 0) acc (count-up (- n 1) (+ acc 1))))');
    const { thread, status } = runToEnd(fnNamed(session, 'count-up'), [1_000_000, 0], { stackLimit: 2000 });
    expect(status).toBe(RunStatus.Completed);
    expect(thread.result).toBe(1_000_000);
    expect(fnNamed(session, 'count-up').code.jsCode).toBeNull(); // the interpreter ran it
  });

  it('runs 300,000 mutually tail-recursive calls in a small, fixed stack', () => {
    evalOk(session, `
      (defn ev? [n] (if (= n 0) true (od? (- n 1))))
      (defn od? [n] (if (= n 0) false (ev? (- n 1))))`);
    const { thread, status } = runToEnd(fnNamed(session, 'ev?'), [300_001], { stackLimit: 2000 });
    expect(status).toBe(RunStatus.Completed);
    expect(thread.result).toBe(false);
  });

  it('keeps the stack fixed for tail calls through apply, a variadic fn and a named fn*', () => {
    evalOk(session, `
      (defn via-apply [n] (if (= n 0) :apply-done (apply via-apply [(- n 1)])))
      (defn variadic [n & seen] (if (= n 0) seen (variadic (- n 1) n)))
      (def named (fn* self [n] (if (= n 0) :self-done (self (- n 1)))))`);
    const results = ['via-apply', 'variadic', 'named'].map((name) => {
      const { thread, status } = runToEnd(fnNamed(session, name), [100_000], { stackLimit: 2000 });
      return [name, status, printValue(status === RunStatus.Completed ? thread.result : thread.reason)];
    });
    expect(results).toEqual([
      ['via-apply', RunStatus.Completed, ':apply-done'],
      ['variadic', RunStatus.Completed, '[1]'],
      ['named', RunStatus.Completed, ':self-done'],
    ]);
  });

  it('completes non-tail recursion 1,000,000 deep: frames live on the heap, not the JS stack', () => {
    expect(show(session, '(depth 1000000)')).toBe('1000000');
  }, 120_000);

  it('exits unbounded recursion with [:error :stack-overflow ...] at the thread stack limit', () => {
    const { thread, status } = runToEnd(fnNamed(session, 'forever'), [1], { stackLimit: 10_000 });
    expect(status).toBe(RunStatus.Exited);
    expect(errorParts(thread.reason).kind).toBe('stack-overflow');
    expect(field(thread.reason, 'limit')).toBe(10_000);
  });

  it('lets bounded recursion use the stack up to the limit', () => {
    const shallow = runToEnd(fnNamed(session, 'depth'), [500], { stackLimit: 10_000 });
    expect(shallow.status).toBe(RunStatus.Completed);
    expect(shallow.thread.result).toBe(500);
    const deep = runToEnd(fnNamed(session, 'depth'), [50_000], { stackLimit: 10_000 });
    expect(deep.status).toBe(RunStatus.Exited);
    expect(errorParts(deep.thread.reason).kind).toBe('stack-overflow');
  });
});

describe('preemption and reductions', () => {
  it('preempts a long loop every 100 reductions and finishes it with the right value when resumed', () => {
    const thread = new Thread();
    startCall(thread, fnNamed(session, 'spin'), [10_000, 0]);
    let preempted = 0;
    let last = thread.reductions;
    let status: RunStatus;
    while ((status = run(thread, 100)) === RunStatus.Preempted) {
      preempted++;
      expect(thread.reductions).toBeGreaterThan(last);
      last = thread.reductions;
    }
    expect(status).toBe(RunStatus.Completed);
    expect(thread.result).toBe(20_000);
    // 20,000 calls (spin and step-down) at one reduction each
    expect(preempted).toBeGreaterThanOrEqual(150);
    expect(thread.reductions).toBeGreaterThanOrEqual(20_000);
  });

  it('counts reductions even when a run completes within its budget', () => {
    const { thread, status, slices } = runToEnd(fnNamed(session, 'spin'), [50, 0]);
    expect([status, slices, thread.result]).toEqual([RunStatus.Completed, 1, 100]);
    expect(thread.reductions).toBeGreaterThanOrEqual(100);
  });

  it('keeps a guard in force across preemption', () => {
    evalOk(session, `
      (defn slow-fail [n] (if (= n 0) (/ 1 0) (slow-fail (step-down n))))
      (defn pick [n] (match n x when (slow-fail x) :guarded _ :fallback))`);
    const { thread, status, slices } = runToEnd(fnNamed(session, 'pick'), [2000], { budget: 100 });
    expect(slices).toBeGreaterThan(10);
    expect(status).toBe(RunStatus.Completed);
    expect(thread.result).toBe(Keyword.of('fallback'));
  });
});

describe('faults become exit reasons', () => {
  it('no clause matched: [:error :badmatch %{:value v}]', () => {
    const r = exitReason(session, '(match [1 2] [a] a 3 :three)');
    expect(errorParts(r).kind).toBe('badmatch');
    expect(printValue(field(r, 'value') as Value)).toBe('[1 2]');
    expect(field(exitReason(session, '(match :x :y 1)'), 'value')).toBe(Keyword.of('x'));
  });

  it('wrong argument count: [:error :arity %{:fn f :given n}], for closures and natives', () => {
    const r = exitReason(session, '((fn* two [a b] a) 1 2 3)');
    expect(errorParts(r).kind).toBe('arity');
    expect(field(r, 'given')).toBe(3);
    expect((field(r, 'fn') as Fn).name).toBe('two');
    const n = exitReason(session, '(count 1 2)');
    expect([errorParts(n).kind, field(n, 'given')]).toEqual(['arity', 2]);
  });

  it('undefined var: [:error :undef %{:var sym}] with the qualified symbol', () => {
    const r = exitReason(session, '(defn calls-missing [] (not-defined-yet 1)) (calls-missing)');
    expect(errorParts(r).kind).toBe('undef');
    expect(field(r, 'var')).toBe(Sym.of('not-defined-yet', 'user'));
    expect(field(exitReason(session, 'lona.core/no-such-var'), 'var')).toBe(Sym.of('no-such-var', 'lona.core'));
  });

  it('division by zero deep in nested calls ends the evaluation with :division-by-zero', () => {
    const r = exitReason(session, '(defn inv [x] (/ 1 x)) (defn f [x] (+ 1 (inv x))) (f 0)');
    expect(errorParts(r).kind).toBe('division-by-zero');
    expect(show(session, '(f 1)')).toBe('2');
  });

  it('calling a non-function is :badarg, not a host error', () => {
    const r = exitReason(session, '(1 2)');
    expect(errorParts(r).kind).toBe('badarg');
    expect(field(r, 'fn')).toBe(1);
  });
});

describe('guards', () => {
  it('a guard that faults counts as no match, also inside nested calls', () => {
    expect(show(session, '(match 5 x when (/ x 0) :a _ :b)')).toBe(':b');
    evalOk(session, `
      (defn boom [x] (+ 1 (/ x 0)))
      (defn classify [x] (match x n when (> (boom n) 2) :big n when (= n 0) :zero _ :other))`);
    expect(show(session, '(map classify [0 1 7])')).toBe('(:zero :other :other)');
  });

  it('a fault in a clause body after its guard passed is not swallowed', () => {
    expect(errorParts(exitReason(session, '(match 5 x when (> x 1) (/ x 0) _ :no)')).kind).toBe('division-by-zero');
  });

  it('an explicit exit inside a guard still ends the process', () => {
    expect(exitReason(session, '(match 1 x when (exit :bye) 1 _ 2)')).toBe(Keyword.of('bye'));
  });
});

describe('closures and vars', () => {
  it('closures capture the values they close over', () => {
    expect(show(session, '(defn adder [n] (fn [x] (+ x n))) ((adder 10) 5)')).toBe('15');
    expect(show(session, '(map (fn [g] (g)) (map (fn [i] (fn [] i)) (range 4)))')).toBe('(0 1 2 3)');
    evalOk(session, '(def base 1) (def snapshot (let [b base] (fn [] b))) (defn live [] base) (def base 2)');
    expect(show(session, '[(snapshot) (live)]')).toBe('[1 2]');
  });

  it('redefining a var is seen by callers compiled before', () => {
    evalOk(session, '(defn callee [] :old) (defn caller [] [(callee) (callee)])');
    expect(show(session, '(caller)')).toBe('[:old :old]');
    evalOk(session, '(defn callee [] :new)');
    expect(show(session, '(caller)')).toBe('[:new :new]');
  });
});

describe('redefining the inlined arithmetic', () => {
  it('a user namespace may shadow + without changing other namespaces', () => {
    expect(show(session, '(ns shadow.plus) (def + -) (defn f [a b] (+ a b)) [(+ 5 3) (f 5 3)]')).toBe('[2 2]');
    expect(show(session, '(in-ns (quote user)) (+ 5 3)')).toBe('8');
  });

  it('interning new + - * < into lona.core sends compiled inline ops down the slow path', () => {
    const s = new Session(bootFromSource());
    evalOk(s, `
      (defn add [a b] (+ a b)) (defn inc1 [n] (+ n 1)) (defn dec1 [n] (- n 1))
      (defn mul [a b] (* a b)) (defn small? [n] (if (< n 2) :small :large)) (defn lt [a b] (< a b))
      (def saved [+ - * <])`);
    const probe = '[(add 5 3) (inc1 5) (dec1 5) (mul 4 3) (small? 1) (small? 5) (lt 1 2)]';
    expect(show(s, probe)).toBe('[8 6 4 12 :small :large true]');
    // fn*, not the fn macro: no macro runs while the core arithmetic is redefined
    evalOk(s, `(intern (quote lona.core) (quote -) (fn* [a b] (+ a b)))
               (intern (quote lona.core) (quote *) (fn* [a b] [:times a b]))
               (intern (quote lona.core) (quote <) >)`);
    // + is unchanged; - now adds; * builds a tuple; < compares the other way
    expect(show(s, probe)).toBe('[8 6 6 [:times 4 3] :large :small false]');
    evalOk(s, '(intern (quote lona.core) (quote +) (fn* [a b] (* a b)))');
    expect(show(s, '[(add 5 3) (inc1 5)]')).toBe('[[:times 5 3] [:times 5 1]]');
    evalOk(s, `(intern (quote lona.core) (quote +) (nth saved 0)) (intern (quote lona.core) (quote -) (nth saved 1))
               (intern (quote lona.core) (quote *) (nth saved 2)) (intern (quote lona.core) (quote <) (nth saved 3))`);
    expect(show(s, probe)).toBe('[8 6 4 12 :small :large true]');
  });

  it('code compiled while + is redefined calls the var, and sees it restored', () => {
    const s = new Session(bootFromSource());
    evalOk(s, '(def saved +) (intern (quote lona.core) (quote +) -) (def add (fn* [a b] (+ a b)))');
    expect(show(s, '(add 5 3)')).toBe('2');
    evalOk(s, '(intern (quote lona.core) (quote +) saved)');
    expect(show(s, '(add 5 3)')).toBe('8');
    expect(show(s, '(add 9007199254740991 1)')).toBe('9007199254740992');
  });
});

describe('thread state', () => {
  it('a completed run leaves the result; an exited run leaves a tuple reason', () => {
    const ok = runToEnd(fnNamed(session, 'spin'), [3, 0]);
    expect([ok.status, ok.thread.result]).toEqual([RunStatus.Completed, 6]);
    const bad = runToEnd(fnNamed(session, 'spin'), [3]);
    expect(bad.status).toBe(RunStatus.Exited);
    expect(bad.thread.reason).toBeInstanceOf(Tuple);
    expect(errorParts(bad.thread.reason).kind).toBe('arity');
  });
});
