/**
 * loop*, recur and let* in the compiler (src/lonala/compiler/loop.ts,
 * bindings.ts): recur is a LOOP back to the head, costing a reduction;
 * code with a LOOP is compiled by the JS tier and still preempted; a loop
 * whose value is used leaves the operand stack empty at its jump targets;
 * loop names are in the debugger's local names; the code verifies. The
 * language-level behaviour is in tests/lonala/spec/loop-recur.lona and
 * destructuring.lona.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type CodeObject, type Keyword, RunStatus, Thread, type Tuple, jsTier, run, startCall, verify } from '../../src/machine/index.js';
import { disassemble } from '../../src/lonala/disassembler.js';
import { Session } from '../../src/os/session.js';
import { bootFromSource, evalOk, fnNamed, show } from '../helpers/lona.js';

delete process.env.LONA_NO_NATIVE;

let session: Session;

beforeAll(() => {
  session = new Session(bootFromSource());
  evalOk(session, `
    (defn sum-loop [n] (loop [i 0 acc 0] (if (< i n) (recur (inc i) (+ acc i)) acc)))
    (defn sum-recur [i n acc] (if (< i n) (recur (inc i) n (+ acc i)) acc))
    (defn used [n] (let [r (loop [i 0] (if (< i n) (recur (inc i)) i))] (* r 2)))
    (defn pairs [xs] (loop [[x & more] xs acc 0] (if x (recur more (+ acc x)) acc)))`);
});

const opNames = (code: CodeObject): string[] => disassemble(code).toArray().map((row) => ((row as Tuple).items[1] as Keyword).name);

describe('recur compiles to LOOP', () => {
  it('jumps back to the loop head, and to the start of a fn, with no call', () => {
    for (const name of ['sum-loop', 'sum-recur']) {
      const ops = opNames(fnNamed(session, name).code);
      expect(ops, name).toContain('LOOP');
      expect(ops, name).not.toContain('TAIL_CALL_VAR');
      expect(verify(fnNamed(session, name).code), name).toEqual([]);
    }
    expect(show(session, '[(sum-loop 100) (sum-recur 0 100 0) (used 7) (pairs [1 2 3])]')).toBe('[4950 4950 14 6]');
  });

  it('keeps a loop whose value is used off the operand stack: its exit goes through a slot', () => {
    const ops = opNames(fnNamed(session, 'used').code);
    expect(ops).toContain('LOOP');
    expect(ops).not.toContain('JUMP'); // the one exit falls through to the loop's end
  });

  it('names the loop locals for the debugger, over the loop', () => {
    const vars = fnNamed(session, 'sum-loop').code.localVars;
    const names: string[] = [];
    for (let i = 0; i < vars.length; i += 4) names.push(vars[i] as string);
    expect(names).toEqual(expect.arrayContaining(['n', 'i', 'acc']));
  });
});

describe('the JS tier', () => {
  it('compiles code with a LOOP, a loop used as a value and destructuring in a loop', () => {
    for (const name of ['sum-loop', 'sum-recur', 'used', 'pairs']) {
      expect(typeof fnNamed(session, name).code.jsCode, name).toBe('function');
    }
  });

  it('gives the interpreter\'s results, past 2^53 and with floats too', () => {
    evalOk(session, '(defn add-to [n x] (loop [i 0 acc x] (if (< i n) (recur (inc i) (+ acc 1)) acc)))');
    const probes = ['(add-to 10 9007199254740990)', '(add-to 3 0.5)', '(add-to 4 1/2)', '(sum-loop 100000)'];
    const native = probes.map((p) => show(session, p));
    expect(typeof fnNamed(session, 'add-to').code.jsCode).toBe('function');
    jsTier.enabled = false;
    let interpreted: string[];
    try {
      evalOk(session, '(defn add-to [n x] (loop [i 0 acc x] (if (< i n) (recur (inc i) (+ acc 1)) acc)))');
      interpreted = probes.map((p) => show(session, p));
      expect(fnNamed(session, 'add-to').code.jsCode).toBeNull();
    } finally {
      jsTier.enabled = true;
    }
    expect(native).toEqual(['9007199254741000', '3.5', '9/2', '4999950000']);
    expect(interpreted).toEqual(native);
  });

  it('is preempted every 1000 reductions inside a loop and resumes to the right result', () => {
    evalOk(session, '(defn spin-sum [n] (loop [i 0 acc 0] (if (< i n) (recur (+ i 1) (+ acc i)) acc)))');
    const f = fnNamed(session, 'spin-sum');
    const thread = new Thread();
    startCall(thread, f, [100_000]);
    expect(run(thread, 1000)).toBe(RunStatus.Preempted);
    expect(typeof f.code.jsCode).toBe('function');
    let preempted = 1;
    let status: RunStatus;
    while ((status = run(thread, 1000)) === RunStatus.Preempted) preempted++;
    expect(status).toBe(RunStatus.Completed);
    expect(thread.result).toBe(4_999_950_000);
    expect(preempted).toBeGreaterThanOrEqual(95);
    expect(thread.reductions).toBeGreaterThanOrEqual(100_000);
  });

  it('is preempted in the interpreter too', () => {
    jsTier.enabled = false;
    try {
      evalOk(session, '(defn spin-slow [n] (loop [i 0] (if (< i n) (recur (+ i 1)) i)))');
      const thread = new Thread();
      startCall(thread, fnNamed(session, 'spin-slow'), [50_000]);
      let preempted = 0;
      let status: RunStatus;
      while ((status = run(thread, 1000)) === RunStatus.Preempted) preempted++;
      expect(status).toBe(RunStatus.Completed);
      expect(thread.result).toBe(50_000);
      expect(preempted).toBeGreaterThanOrEqual(45);
    } finally {
      jsTier.enabled = true;
    }
  });
});
