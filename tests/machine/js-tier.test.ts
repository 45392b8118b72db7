/**
 * The JS tier (src/machine/js-tier.ts): self-tail-recursive loops
 * compiled to JS. Covers when code gets native, that results equal the
 * interpreter's (LONA_NO_NATIVE=1), deopt to the interpreter mid-loop
 * (floats, integers past 2^53, the loop's var redefined, `+` redefined),
 * preemption inside a native loop, and receive loops (servers) waiting,
 * resuming as JavaScript, calling natives, faulting and timing out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Float, Keyword, Mailbox, RunStatus, Thread, Tuple, run, startCall, type Fn, type Value } from '../../src/machine/index.js';
import { printValue } from '../../src/lonala/printer.js';
import { Session } from '../../src/os/session.js';
import { bootFromSource, evalOk, fnNamed, show } from '../helpers/lona.js';
import { jsTier } from '../../src/machine/index.js';

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

describe('getting compiled JavaScript', () => {
  it('compiles a self-tail-recursive loop on its first call', () => {
    evalOk(session, '(defn count-up [n acc] (if (= n 0) acc (count-up (- n 1) (+ acc 1))))');
    const code = fnNamed(session, 'count-up').code;
    expect(code.jsCode).toBeUndefined();
    expect(show(session, '(count-up 1000 0)')).toBe('1000');
    expect(typeof code.jsCode).toBe('function');
  });

  it('compiles a function that is no loop once it is hot (after 16 interpreted calls)', () => {
    evalOk(session, '(defn add [a b] (+ a b))');
    const code = fnNamed(session, 'add').code;
    expect(show(session, '(add 1 2)')).toBe('3');
    expect(code.jsCode).toBeUndefined();
    expect(show(session, '(reduce (fn [acc i] (add acc i)) 0 (range 100))')).toBe('4950');
    expect(typeof code.jsCode).toBe('function');
  });

  it('leaves code outside the subset to the interpreter (native is null); guards and variadic functions compile', () => {
    evalOk(session, `(defn guarded [x] (match x n when (> n 0) :pos _ :other)) (defn many [& xs] (count xs))
      (defn header [b] (match b #bits[v:4 _:4] v _ :short))`);
    expect(show(session, '[(mapv guarded (range -20 20)) (mapv many (range 40))]')).toMatch(/^\[\{:other .* :pos\} \{1 1 .*\}\]$/);
    expect(show(session, '(mapv header (repeat 40 #bytes[69]))')).toMatch(/^\{4 4 .*\}$/);
    expect(typeof fnNamed(session, 'guarded').code.jsCode).toBe('function');
    expect(typeof fnNamed(session, 'many').code.jsCode).toBe('function');
    expect(fnNamed(session, 'header').code.jsCode).toBeNull(); // a binary pattern
  });
});

describe('same results as the interpreter', () => {
  it('gives every probe the same value as JavaScript and with LONA_NO_NATIVE=1', () => {
    const native = PROBES.map(([form]) => show(session, `(nt.fast/${form.slice(1)}`));
    for (const name of LOOP_NAMES) expect(typeof fnIn('nt.fast', name).code.jsCode, name).toBe('function');

    jsTier.enabled = false; // what LONA_NO_NATIVE=1 sets at boot
    let interpreted: string[];
    try {
      evalOk(session, `(ns nt.slow) ${LOOPS} (in-ns (quote user))`);
      interpreted = PROBES.map(([form]) => show(session, `(nt.slow/${form.slice(1)}`));
    } finally {
      jsTier.enabled = true;
    }
    for (const name of LOOP_NAMES) expect(fnIn('nt.slow', name).code.jsCode, name).toBeNull();

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
    expect(typeof old.code.jsCode).toBe('function');
    evalOk(session, '(defn loop-a [n acc] [:redefined n acc])');
    // the old compiled JavaScript runs one iteration, then its self call finds the new definition
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
    expect(typeof fnNamed(session, 'loop-b').code.jsCode).toBe('function');
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
    expect(typeof fnNamed(s, 'up').code.jsCode).toBe('function');

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

describe('call-free code compiled again once it meets a slow path', () => {
  it('hands later calls, from callers that cached the old code too, to code with its slow paths inline', () => {
    const s = new Session(bootFromSource());
    evalOk(s, '(defn sq [x] (* x x)) (defn sum-sq [n x acc] (if (= n 0) acc (sum-sq (- n 1) x (+ acc (sq x)))))');
    // Run in one slice (the session's own slices are one reduction under LONA_SLICE=1: nothing compiled would run)
    const sumSq = (n: number, x: Value): string => {
      const thread = new Thread();
      startCall(thread, fnNamed(s, 'sum-sq'), [n, x, 0]);
      expect(run(thread, 1e9)).toBe(RunStatus.Completed);
      return printValue(thread.result);
    };
    expect(sumSq(100, 3)).toBe('900');
    const sq = fnNamed(s, 'sq').code;
    const fast = sq.jsCode;
    expect(typeof fast).toBe('function');
    expect(sq.generic).toBe(false);
    // sum-sq's call site holds the code it learned first; the float sends that code to the interpreter once
    expect(sumSq(2, new Float(1.5))).toBe('4.5');
    expect(sq.generic).toBe(true);
    expect(typeof sq.jsCode).toBe('function');
    expect(sq.jsCode).not.toBe(fast);
    expect([sumSq(3, new Float(1.5)), sumSq(3, 2), sumSq(2, 4294967296), sumSq(1, evalOk(s, '1/2'))])
      .toEqual(['6.75', '12', '36893488147419103232', '1/4']);
    expect(show(s, '(sum-sq 3 2.5 0)')).toBe('18.75');
  });

  it('counts the reductions the interpreter counts, in slices, for a loop that leaves mid-way (past 2^53)', () => {
    const reductionsOf = (native: boolean): [string, number] => {
      const s = new Session(bootFromSource());
      jsTier.enabled = native;
      try {
        evalOk(s, '(defn climb [n acc] (if (= n 0) acc (climb (- n 1) (+ acc 1000000000000))))');
        const thread = new Thread();
        startCall(thread, fnNamed(s, 'climb'), [20_000, 0]);
        let status: RunStatus;
        while ((status = run(thread, 333)) === RunStatus.Preempted);
        expect(status).toBe(RunStatus.Completed);
        if (native) expect(fnNamed(s, 'climb').code.generic).toBe(true);
        return [printValue(thread.result), thread.reductions];
      } finally {
        jsTier.enabled = true;
      }
    };
    expect(reductionsOf(true)).toEqual(['20000000000000000', reductionsOf(false)[1]]);
  });
});

describe('preemption inside a native loop', () => {
  it('returns Preempted every 1000 reductions and resumes to the right result', () => {
    evalOk(session, '(defn sum-b [n acc] (if (= n 0) acc (sum-b (- n 1) (+ acc n))))');
    const f = fnNamed(session, 'sum-b');
    const thread = new Thread();
    startCall(thread, f, [100_000, 0]);
    expect(run(thread, 1000)).toBe(RunStatus.Preempted);
    expect(typeof f.code.jsCode).toBe('function');
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

/** Server loops: receive, pattern tests, natives called through vars, self tail calls. */
const SERVERS = `
  (defn counter [n]
    (receive
      [:add k] (counter (+ n k))
      [:get from] (do (send from [:count n]) (counter n))
      :stop n))
  (defn ask [p] (send p [:get (self)]) (receive [:count n] n))
  (defn gate [seen]
    (receive
      [:open from] (do (send from [:seen seen]) (gate seen))
      :after 20 (gate (+ seen 1))))
  (defn picky [acc]
    (receive
      [:b x] (picky (conj acc x))
      [:done from] (send from (conj acc :end))
      :after 1000 :timeout))
  (defn applier [acc] (receive [:add xs] (applier (apply + acc xs)) [:get from] (send from acc)))
  (defn faulty [n] (receive x (if (= n 0) (faulty 1) (do (send x :never) (faulty 2)))))
  (defn run-counter []
    (let [p (spawn counter [0])]
      (dotimes [i 100] (send p [:add i]))
      (let [n (ask p)] (send p :stop) n)))
  (defn run-picky []
    (let [p (spawn picky [[]]) me (self)]
      (send p [:a 1]) (send p [:b 2]) (send p [:c 3]) (send p [:b 4])
      (send p [:done me])
      (receive r r :after 1000 :none)))
  (defn run-gate []
    (let [p (spawn gate [0])] (sleep 70) (send p [:open (self)]) (receive [:seen n] (> n 1))))
  (defn run-applier []
    (let [p (spawn applier [0])] (send p [:add [1 2 3]]) (send p [:add (list 4 5)]) (send p [:get (self)]) (receive n n)))
  (defn run-faulty []
    (let [[p ref] (spawn-monitor faulty [0])] (send p 1) (send p 42) (receive [:DOWN _ _ reason] reason)))
  (defn run-sync []
    (let [p (spawn counter [0])] (send-sync p [:add 5] 1000) (let [n (ask p)] (send p :stop) n)))`;
const SERVER_PROBES: [string, string][] = [
  ['(run-counter)', '4950'],
  ['(run-picky)', '[2 4 :end]'],
  ['(run-gate)', 'true'],
  ['(run-applier)', '15'],
  ['(run-faulty)', '[:error :badarg %{:fn lona.core/send :args (42 :never)}]'],
  ['(run-sync)', '5'],
];

describe('receive loops in the JS tier', () => {
  it('run server loops as JavaScript, with the same results as the interpreter', () => {
    const s = new Session(bootFromSource());
    evalOk(s, SERVERS);
    const native = SERVER_PROBES.map(([form]) => show(s, form));
    for (const name of ['counter', 'gate', 'picky', 'applier', 'faulty']) {
      expect(typeof fnNamed(s, name).code.jsCode, name).toBe('function');
    }
    const slow = new Session(bootFromSource());
    jsTier.enabled = false; // what LONA_NO_NATIVE=1 sets at boot
    let interpreted: string[];
    try {
      evalOk(slow, SERVERS);
      interpreted = SERVER_PROBES.map(([form]) => show(slow, form));
      expect(fnNamed(slow, 'counter').code.jsCode).toBeNull();
    } finally {
      jsTier.enabled = true;
    }
    expect(native).toEqual(SERVER_PROBES.map(([, want]) => want));
    expect(interpreted).toEqual(native);
  });

  it('suspends a waiting loop and resumes it as JavaScript when a message comes', () => {
    const s = new Session(bootFromSource());
    evalOk(s, SERVERS);
    const thread = new Thread();
    startCall(thread, fnNamed(s, 'counter'), [0]);
    expect(run(thread, 1e6)).toBe(RunStatus.Waiting);
    // Before it ever tail-called itself the loop is interpreted; after one message it is native.
    for (const k of [1, 2, 3]) {
      (thread.mailbox ??= new Mailbox()).push(new Tuple([Keyword.of('add'), k]));
      expect(run(thread, 1e6)).toBe(RunStatus.Waiting);
    }
    expect(typeof fnNamed(s, 'counter').code.jsCode).toBe('function');
    thread.mailbox!.push(Keyword.of('stop'));
    expect(run(thread, 1e6)).toBe(RunStatus.Completed);
    expect(thread.result).toBe(6);
  });
});

describe('faults inside compiled JavaScript', () => {
  it('counts the reductions a native loop used before a native it called faulted', () => {
    const count = `(defn inner [i] (if (= i 0) [(first 5)] (inner (dec i))))
      (defn outer [n] (if (= n 0) :done (match n x when (inner 100) :yes _ (outer (dec n)))))
      (let [b (process-info (self) :reductions)] (outer 2000) (- (process-info (self) :reductions) b))`;
    const native = new Session(bootFromSource());
    const counted = show(native, count);
    expect(typeof fnNamed(native, 'inner').code.jsCode).toBe('function');
    const slow = new Session(bootFromSource());
    jsTier.enabled = false;
    try {
      expect(show(slow, count)).toBe(counted);
    } finally {
      jsTier.enabled = true;
    }
    expect(Number(counted)).toBeGreaterThan(200_000);
  });
});
