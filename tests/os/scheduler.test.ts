/**
 * The scheduler (src/os/scheduler.ts) in the background mode the REPL uses:
 * it yields to the Node event loop between slices (a host timer still fires
 * while a process loops forever), keeps one host timer however many
 * processes sleep, leaves no timer behind after a million timed receives,
 * and a looping process does not stop the evaluator or other processes.
 * Nothing here is timed: how long a slice is, deadline order and budgets are
 * asserted on a virtual clock (virtual-clock.test.ts), how late a host timer
 * fires beside a looping process is measured by `npm run bench`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/os/session.js';
import { System } from '../../src/os/system.js';
import { captureConsole } from '../helpers/lona.js';
import { printValue, readAll } from '../../src/lonala/index.js';

const system = System.boot(captureConsole());
const session = new Session(system);
let rejections = 0;
const onRejection = (): void => { rejections++; };
process.on('unhandledRejection', onRejection);
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  // End every process this suite left behind.
  for (const p of system.allProcesses()) system.signals.exit(p, null);
});

async function evalText(text: string): Promise<string> {
  const { forms } = readAll(text, session.readOptions(null));
  let last = '';
  for (const f of forms) {
    const o = await session.evalValue(f.form, text.slice(f.start, f.end), null, f.line, f.column);
    last = o.kind === 'value' ? printValue(o.value) : `exit ${o.kind === 'exit' ? printValue(o.reason) : o.kind}`;
  }
  return last;
}

/** Host timers (setTimeout/setInterval) alive right now. */
const hostTimers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('the scheduler in the background (async) mode', () => {
  it('yields to the event loop while a process loops forever', async () => {
    await evalText('(def looper (spawn (fn spin [] (spin))))');
    // Were the event loop never given back, this timer would never fire (and the test would time out).
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await evalText('(> (process-info looper :reductions) 0)')).toBe('true');
    expect(await evalText('(+ 1 2)')).toBe('3');
    expect(await evalText('(let [me (self)] (spawn (fn [] (send me (reduce + (range 1000))))) (receive n n :after 2000 :timeout))')).toBe('499500');
    await evalText('(exit looper :kill)');
    expect(await evalText('(alive? looper)')).toBe('false');
  });

  it('keeps one host timer for a thousand sleeping processes, and wakes them all', async () => {
    await evalText('(def me (self))');
    await evalText('(dotimes [i 1000] (spawn (fn [] (let [d (+ 1000 (* 50 (rem (* i 7) 10)))] (sleep d) (send me [:woke d])))))');
    // Every sleeper has run into its sleep by the time the evaluator wakes: its timer is checked between
    // dispatches only and it queues behind them (and the shortest sleep is a second).
    await evalText('(sleep 10)');
    expect(system.scheduler.pendingTimers).toBe(1000);
    expect(hostTimers()).toBeLessThanOrEqual(1);
    const woke = await evalText('(defn collect [n acc] (if (= n 0) acc (collect (- n 1) (conj acc (receive [:woke d] d :after 3000 :timeout))))) (collect 1000 {})');
    const durations = woke.slice(1, -1).split(' ').map(Number);
    expect(durations).toHaveLength(1000);
    expect(durations.every((d) => d >= 1000 && d <= 1450)).toBe(true);
    expect(system.scheduler.pendingTimers).toBe(0);
    // The order they wake in, exact to the millisecond, is asserted on a virtual clock (virtual-clock.test.ts).
  });

  it('leaves no timer behind after a million timed receives and sleeps', async () => {
    // 500,000 receives that arm a timer and are answered before it fires, and
    // 500,000 sleeps of 1 ms (1,000 processes x 500) whose timers do fire.
    const text = `(defn echo [] (receive [from n] (do (send from [:echo n]) (echo)) :after 60000 :idle))
                  (defn pings [e n] (if (= n 0) :done (do (send e [(self) n]) (receive [:echo m] m :after 60000 :late) (pings e (- n 1)))))
                  (defn naps [n] (if (= n 0) :done (do (sleep 1) (naps (- n 1)))))
                  ;; The nappers report to a counter, not to the pinging evaluator, whose
                  ;; selective receive would otherwise scan past their messages each time.
                  (defn count-naps [n to] (if (= n 0) (send to :all-napped) (do (receive :napped :ok :after 60000 :late) (count-naps (- n 1) to))))
                  (let [me (self) e (spawn echo) c (spawn count-naps [1000 me])]
                    (dotimes [i 1000] (spawn (fn [] (naps 500) (send c :napped))))
                    [(pings e 500000) (receive :all-napped :done :after 60000 :late) (exit e :kill)])`;
    expect(await evalText(text)).toBe('[:done :done :ok]');
    expect(system.scheduler.pendingTimers).toBe(0);
    expect(hostTimers()).toBeLessThanOrEqual(1);
    expect(rejections).toBe(0);
  });
});
