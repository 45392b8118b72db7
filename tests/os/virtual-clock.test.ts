/**
 * The scheduler on a virtual clock (src/os/clock.ts; issue "Limits that
 * hold": deterministic tests). Time moves only when the test moves it, when
 * `runUntil` would sleep (it jumps to the deadline), and by a fixed cost per
 * reduction the machine runs, so the cpu a dispatch is charged is its
 * reductions times that cost. Budgets, shares, fairness and timers are then
 * the same on every host, loaded or not, and are asserted with bounds that
 * follow from the scheduler's own constants: a realm capped at f gets f of
 * each period and overshoots by at most one budgeted dispatch.
 *
 * Wall-clock figures of the same behaviour are in `npm run bench`
 * (src/bench/processes.ts), never here.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Keyword, Pid, Vector, type Value } from '../../src/machine/index.js';
import { printValue } from '../../src/lonala/printer.js';
import { PERIOD_MS } from '../../src/os/cpu-budget.js';
import { evalOk } from '../helpers/lona.js';
import { COST, cpuUsage, machine, realmOf, type Machine } from '../helpers/virtual-machine.js';

/** Reductions of one dispatch of a process in a capped realm (scheduler.ts BUDGETED_REDUCTIONS). */
const BUDGETED_DISPATCH = 16_000;
/** The most a capped realm may overshoot its share of a period: one dispatch begun just under it. */
const OVERSHOOT = (BUDGETED_DISPATCH * COST) / PERIOD_MS;

/** Reductions of `realms` (and their processes only) while `source` is evaluated, and the virtual time it took. */
function window(m: Machine, realms: { reductions: number }[], source: string): { shares: number[]; ms: number; value: Value } {
  const before = realms.map((r) => r.reductions);
  const t0 = m.clock.now();
  const value = evalOk(m.session, source);
  const ms = m.clock.now() - t0;
  return { shares: realms.map((r, i) => ((r.reductions - before[i]) * COST) / ms), ms, value };
}

const kw = (name: string) => Keyword.of(name);
/** The integers of a printed vector or list. */
const nums = (v: Value): number[] => printValue(v).slice(1, -1).split(' ').filter((x) => x !== '').map(Number);
const PROGRAM = `
(defn spin [] (spin))
(defn heart [n] (receive [:beat? from] (do (send from [:beat n]) (heart n)) :after 0 (heart (+ n 1))))
(defn beats [hb] (send hb [:beat? (self)]) (receive [:beat n] n :after 2000 :dead))
(defn rate [hb ms] (let [a (beats hb)] (sleep ms) (- (beats hb) a)))
(defn spawn-spinners [realm n] (vec (map (fn [i] (spawn-in realm spin)) (range n))))
`;

describe('the virtual clock', () => {
  it('moves only when told: runUntil jumps to the next deadline instead of sleeping', () => {
    const m = machine(0);
    expect(m.clock.now()).toBe(0);
    evalOk(m.session, '(+ 1 2)');
    expect(m.clock.now()).toBe(0);
    // An hour's sleep: the host never waits, the clock is exactly an hour on.
    expect(evalOk(m.session, '(sleep 3600000)')).toBe(kw('ok'));
    expect(m.clock.now()).toBe(3_600_000);
    expect(evalOk(m.session, '(receive :never 1 :after 250 :timed-out)')).toBe(kw('timed-out'));
    expect(m.clock.now()).toBe(3_600_250);
    // A message before the timeout ends the wait then, not at the timeout.
    expect(evalOk(m.session, '(let [me (self)] (spawn (fn [] (sleep 40) (send me :early))) (receive m m :after 1000 :timed-out))')).toBe(kw('early'));
    expect(m.clock.now()).toBe(3_600_290);
    m.clock.advance(10);
    expect(m.clock.now()).toBe(3_600_300);
    expect(m.system.scheduler.pendingTimers).toBe(0);
  });

  it('with a cost per reduction, a computation takes time in proportion to its reductions', () => {
    const m = machine();
    const { ms } = window(m, [], '(defn count-down [n] (if (= n 0) :done (count-down (- n 1)))) (count-down 1000000)');
    const { ms: twice } = window(m, [], '(count-down 2000000)');
    expect(ms).toBeGreaterThan(0);
    expect(twice / ms).toBeGreaterThan(1.9);
    expect(twice / ms).toBeLessThan(2.1);
  });
});

describe('timers on a virtual clock', () => {
  /** Spawns sleepers (`sleep`) and waiters (`receive :after`) with the durations given; all arm their timers at time 0. */
  function armed(m: Machine, durations: number[]): { pids: Pid[]; kinds: string[] } {
    evalOk(m.session, `(def me (self))
      (defn collect [acc] (receive [:woke d] (collect (conj acc d)) [:get from] (send from acc)))
      (def collector (spawn collect [{}]))
      (defn napper [kind d] (if (= kind :sleep) (sleep d) (receive :never nil :after d nil)) (send collector [:woke d]))`);
    const kinds = durations.map((_, i) => (i % 3 === 0 ? 'receive' : 'sleep'));
    const v = evalOk(m.session, `(vec (map (fn [[kind d]] (spawn napper [kind d])) {${durations.map((d, i) => `[:${kinds[i]} ${d}]`).join(' ')}}))`) as Vector;
    const pids = v.toArray() as Pid[];
    // Each runs into its wait: every timer is armed at time 0 (the clock moves only when told).
    m.system.scheduler.runNow();
    expect(m.clock.now()).toBe(0);
    expect(m.system.scheduler.pendingTimers).toBe(durations.length);
    // One host timer serves them all.
    expect(m.clock.pendingTimers).toBe(1);
    return { pids, kinds };
  }

  const DURATIONS = Array.from({ length: 300 }, (_, i) => 1 + ((i * 7919) % 97) * 3); // 1..289 ms, repeats, spawned out of order

  it('sleep and receive :after wake exactly at their deadline: never early, never late, in deadline order', () => {
    const m = machine(0);
    const { pids } = armed(m, DURATIONS);
    const alive = (p: Pid) => m.system.process(p) !== undefined;
    for (let t = 1; t <= 300; t++) {
      m.clock.advance(1);
      expect(m.clock.now()).toBe(t);
      // At time t, exactly the timers due by t have fired (and their processes ended).
      const wrong = pids.filter((p, i) => alive(p) !== DURATIONS[i] > t);
      expect(wrong, `at ${t} ms`).toEqual([]);
      expect(m.clock.pendingTimers).toBeLessThanOrEqual(1);
    }
    expect(m.system.scheduler.pendingTimers).toBe(0);
    // The one host timer fired once per distinct deadline, not once per process.
    expect(m.clock.pendingTimers).toBe(0);
    const woke = nums(evalOk(m.session, '(do (send collector [:get (self)]) (receive v v))'));
    expect(woke).toEqual([...DURATIONS].sort((a, b) => a - b));
  });

  it('a jump over many deadlines still fires each at its own time, in order', () => {
    const m = machine(0);
    armed(m, DURATIONS);
    m.clock.advance(1000);
    expect(nums(evalOk(m.session, '(do (send collector [:get (self)]) (receive v v))'))).toEqual([...DURATIONS].sort((a, b) => a - b));
  });

  it('in batch mode (runUntil) too, with the machine running meanwhile: wake order and never early', () => {
    const m = machine();
    // Each napper reads nothing itself: the host records the virtual time each wake-up message is sent at.
    evalOk(m.session, `(def me (self))
      (defn spin [] (spin))
      (def spinner (spawn spin))
      (defn napper [d] (sleep d) (send me [:woke d]))
      (defn collect [n acc] (if (= n 0) acc (collect (- n 1) (conj acc (receive [:woke d] d)))))`);
    const t0 = m.clock.now();
    const woke = nums(evalOk(m.session, `(do (doseq [d {${DURATIONS.join(' ')}}] (spawn napper [d])) (collect ${DURATIONS.length} {}))`));
    // Every napper was spawned within a few virtual ms (less than the 3 ms between distinct durations).
    expect(woke).toEqual([...DURATIONS].sort((a, b) => a - b));
    // The last one woke no earlier than its deadline, and soon after it (the spinner's turn and a clock check at most).
    const took = m.clock.now() - t0;
    expect(took).toBeGreaterThanOrEqual(Math.max(...DURATIONS));
    expect(took).toBeLessThan(Math.max(...DURATIONS) + 10);
    evalOk(m.session, '(exit spinner :kill)');
  });

  it('a killed sleeper leaves no timer, and a message does not cut a sleep short', () => {
    const m = machine(0);
    evalOk(m.session, '(def me (self)) (def p (spawn (fn [] (sleep 30) (send me :woke))))');
    m.system.scheduler.runNow();
    expect(m.system.scheduler.pendingTimers).toBe(1);
    evalOk(m.session, '(exit p :kill)');
    expect(m.system.scheduler.pendingTimers).toBe(0);
    expect(evalOk(m.session, '(receive m m :after 80 :nothing)')).toBe(kw('nothing'));
    expect(m.clock.now()).toBe(80);
    evalOk(m.session, '(def q (spawn (fn [] (sleep 60) (send me [:slept (receive-nb)]))))');
    evalOk(m.session, '(send q :wake-up)');
    expect(m.clock.now()).toBe(80);
    expect(printValue(evalOk(m.session, '(receive m m)'))).toBe('[:slept :wake-up]');
    expect(m.clock.now()).toBe(140);
  });
});

describe('Lonala time on a virtual clock', () => {
  const show = (m: Machine, source: string): string => printValue(evalOk(m.session, source));

  it('monotonic-time and monotonic-time-us read the scheduler\'s clock: they advance exactly with it', () => {
    const m = machine(0);
    // The virtual clock's own time is the machine's: it starts at 0.
    expect(show(m, '[(monotonic-time) (monotonic-time-us)]')).toBe('[0 0]');
    // An hour's sleep is an hour of monotonic time, to the nanosecond, and no time on the host.
    expect(show(m, '(let [t0 (monotonic-time) u0 (monotonic-time-us)] (sleep 3600000) [(- (monotonic-time) t0) (- (monotonic-time-us) u0)])')).toBe('[3600000000000 3600000000]');
    expect(m.clock.now()).toBe(3_600_000);
    m.clock.advance(1.5);
    expect(show(m, '[(monotonic-time) (monotonic-time-us)]')).toBe('[3600001500000 3600001500]');
    // With a cost per reduction, computing takes time too, and monotonic time is that time.
    const c = machine();
    const ns = Number(evalOk(c.session, '(defn count-down [n] (if (= n 0) :done (count-down (- n 1)))) (let [t0 (monotonic-time)] (count-down 1000000) (- (monotonic-time) t0))'));
    expect(ns).toBeGreaterThan(0);
    expect(ns).toBeLessThanOrEqual(c.clock.now() * 1e6);
    const from = c.clock.now();
    const read = Number(evalOk(c.session, '(monotonic-time)'));
    expect(read).toBeGreaterThanOrEqual(Math.floor(from * 1e6));
    expect(read).toBeLessThanOrEqual(c.clock.now() * 1e6);
  });

  // The timing of tests/lonala/spec/messages.lona and scheduling.lona, exactly: those run on the
  // host's clock and check only what a loaded host cannot change.
  it('sleep and receive :after take exactly their time; a message ends a wait at once', () => {
    const m = machine(0);
    evalOk(m.session, `(defn ms-since [t0] (quot (- (monotonic-time) t0) 1000000))
      (defn wait-msg [] (receive m m :after 2000 :timeout))`);
    expect(show(m, '(let [t0 (monotonic-time)] [(sleep 20) (ms-since t0)])')).toBe('[:ok 20]');
    expect(show(m, '(let [t0 (monotonic-time)] [(receive m m :after 50 :timed-out) (ms-since t0)])')).toBe('[:timed-out 50]');
    expect(show(m, '(let [t0 (monotonic-time)] [(receive m m :after 0 :none) (ms-since t0)])')).toBe('[:none 0]');
    // A message arriving before the timeout ends the wait then.
    expect(show(m, '(let [me (self) t0 (monotonic-time)] (spawn (fn [] (sleep 10) (send me :early))) [(receive m m :after 1000 :timed-out) (ms-since t0)])')).toBe('[:early 10]');
    // Messages that do not match neither end nor restart it.
    expect(show(m, '(let [me (self) t0 (monotonic-time)] (spawn (fn [] (sleep 10) (send me :x) (sleep 10) (send me :y))) [(receive :never 1 :after 60 :timed-out) (ms-since t0)])')).toBe('[:timed-out 60]');
    expect(show(m, '[(receive-nb) (receive-nb)]')).toBe('[:x :y]');
    // A process waiting in receive wakes at once for a matching message, long before its timeout.
    expect(show(m, '(let [me (self) t0 (monotonic-time) p (spawn (fn [] (receive :go (send me (ms-since t0)) :after 3000 (send me :timeout))))] (sleep 10) (send p :go) (wait-msg))')).toBe('10');
    expect(m.system.scheduler.pendingTimers).toBe(0);
  });

  it('sleepers and receive timeouts wake in deadline order, not spawn order, each at its deadline', () => {
    const m = machine(0);
    evalOk(m.session, `(defn ms-since [t0] (quot (- (monotonic-time) t0) 1000000))
      (defn wait-msg [] (receive m m :after 2000 :timeout))`);
    expect(show(m, '(let [me (self) t0 (monotonic-time)] (doseq [ms [30 10 20]] (spawn (fn [] (sleep ms) (send me [ms (ms-since t0)])))) [(wait-msg) (wait-msg) (wait-msg)])')).toBe('[[10 10] [20 20] [30 30]]');
    expect(show(m, `(let [me (self)]
      (spawn (fn [] (receive :never nil :after 40 (send me [:recv 40]))))
      (spawn (fn [] (sleep 10) (send me [:sleep 10])))
      (spawn (fn [] (receive :never nil :after 25 (send me [:recv 25]))))
      [(wait-msg) (wait-msg) (wait-msg)])`)).toBe('[[:sleep 10] [:recv 25] [:recv 40]]');
    // A sleeping process is waiting, and lives exactly until its deadline.
    const t0 = m.clock.now();
    evalOk(m.session, '(def sleeper (spawn (fn [] (sleep 60))))');
    expect(show(m, '(do (sleep 5) (process-info sleeper :status))')).toBe(':waiting');
    expect(show(m, '(do (sleep 54) (alive? sleeper))')).toBe('true');
    expect(m.clock.now() - t0).toBe(59);
    expect(show(m, '(do (sleep 2) (alive? sleeper))')).toBe('false');
  });
});

describe('realm cpu budgets on a virtual clock', () => {
  it('a realm capped at 30% with 100 busy processes gets 30% of each period; a sibling heartbeat keeps the rest', () => {
    const m = machine();
    evalOk(m.session, PROGRAM);
    const heart = realmOf(m, 'heart-realm', "(realm-create %{:name 'heart})");
    evalOk(m.session, '(def heartbeat (spawn-in heart-realm heart 0))');
    const loopers = realmOf(m, 'loopers', "(realm-create %{:name 'loopers :policy %{:cpu %{:max 0.3}}})");
    evalOk(m.session, '(def spinners (spawn-spinners loopers 100))');
    evalOk(m.session, '(sleep 200)'); // settle into whole periods
    const { shares: [capped, beat], ms } = window(m, [loopers, heart], '(sleep 1000)');
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(capped).toBeGreaterThanOrEqual(0.3 - OVERSHOOT);
    expect(capped).toBeLessThanOrEqual(0.3 + OVERSHOOT);
    // Everything else the machine did in that second was the heartbeat's.
    expect(beat).toBeGreaterThanOrEqual(0.7 - OVERSHOOT);
    // The budget's own account of the last period says the same (less the overrun an earlier
    // period carried into it, at most one dispatch: where periods fall moves with the work before).
    const usage = cpuUsage(m, 'loopers');
    expect(usage).toBeGreaterThanOrEqual(0.3 - OVERSHOOT);
    expect(usage).toBeLessThanOrEqual(0.3 + OVERSHOOT);
    // The hostile transcript's question, on this clock: the heartbeat's rate beside the loopers against
    // its rate alone (the loopers suspended) is its share, 70% less at most one dispatch a period.
    const alone = Number(evalOk(m.session, '(do (doseq [p spinners] (suspend-process p)) (rate heartbeat 300))'));
    const beside = Number(evalOk(m.session, '(do (doseq [p spinners] (resume-process p)) (sleep 50) (rate heartbeat 300))'));
    expect(alone).toBeGreaterThan(0);
    expect(beside / alone).toBeGreaterThanOrEqual(0.7 - 2 * OVERSHOOT);
    expect(beside / alone).toBeLessThanOrEqual(0.7 + 2 * OVERSHOOT);
    // And the REPL answers meanwhile.
    expect(evalOk(m.session, '(+ 1 2)')).toBe(3);
    evalOk(m.session, '(realm-terminate loopers)');
  });

  it('the budget is replenished each period: the realm runs at the start of every period and not again until the next', () => {
    const m = machine();
    evalOk(m.session, PROGRAM);
    const capped = realmOf(m, 'capped', '(realm-create %{:policy %{:cpu %{:max 0.3}}})');
    evalOk(m.session, '(def s (spawn-in capped spin))');
    /** Sleeps until half way through the next period: the spinner has spent its 30 ms by then and is held back. */
    const midNextPeriod = (): number => {
      const now = m.clock.now();
      const target = (Math.floor(now / PERIOD_MS) + 1) * PERIOD_MS + PERIOD_MS / 2;
      evalOk(m.session, `(sleep ${target - Math.ceil(now)})`);
      return target;
    };
    const budget = (0.3 * PERIOD_MS) / COST;
    let target = midNextPeriod();
    let before = capped.reductions;
    const start = capped.reductions;
    for (let period = 0; period < 10; period++) {
      // Held back: nothing runs in it for the rest of the period (the machine is idle then, so the
      // clock jumps to each deadline: what runs after it is the evaluator's few reductions).
      expect(m.clock.now()).toBeGreaterThanOrEqual(target);
      expect(m.clock.now()).toBeLessThan(target + 2);
      const held = window(m, [capped], '(sleep 40)');
      expect(held.shares[0]).toBe(0);
      // Replenished at the next period's start: it ran one period's budget, less what the last dispatch
      // of the period before ran past it (an overrun is paid from the next period, never forgiven).
      target = midNextPeriod();
      const ran = capped.reductions - before;
      expect(ran).toBeGreaterThanOrEqual(budget - BUDGETED_DISPATCH);
      expect(ran).toBeLessThanOrEqual(budget + BUDGETED_DISPATCH);
      // realm-info reports the last complete period: its share within one dispatch.
      const usage = cpuUsage(m, 'capped');
      expect(Math.abs(usage - 0.3)).toBeLessThanOrEqual(OVERSHOOT + 1e-9);
      before = capped.reductions;
    }
    // Over the ten periods it got its share, within one dispatch: what it ran past the share in one it lost in the next.
    expect(Math.abs(capped.reductions - start - 10 * budget)).toBeLessThanOrEqual(BUDGETED_DISPATCH);
    expect(m.system.scheduler.runnable).toBe(0);
  });

  it('realms share by their budgets, not by how many processes they run', () => {
    const m = machine();
    evalOk(m.session, PROGRAM);
    const few = realmOf(m, 'few', '(realm-create %{:policy %{:cpu %{:max 0.2}}})');
    const many = realmOf(m, 'many', '(realm-create %{:policy %{:cpu %{:max 0.4}}})');
    const rest = realmOf(m, 'rest-realm', '(realm-create)');
    evalOk(m.session, '(spawn-spinners few 2) (spawn-spinners many 100) (spawn-spinners rest-realm 1)');
    evalOk(m.session, '(sleep 200)');
    const { shares: [a, b, c] } = window(m, [few, many, rest], '(sleep 1000)');
    expect(a).toBeGreaterThanOrEqual(0.2 - OVERSHOOT);
    expect(a).toBeLessThanOrEqual(0.2 + OVERSHOOT);
    expect(b).toBeGreaterThanOrEqual(0.4 - OVERSHOOT);
    expect(b).toBeLessThanOrEqual(0.4 + OVERSHOOT);
    // The uncapped realm's one process gets what the budgets leave.
    expect(c).toBeGreaterThanOrEqual(0.4 - 2 * OVERSHOOT);
    expect(a + b + c).toBeGreaterThan(0.99);
  });

  it('two uncapped realms with one busy process each share the machine evenly', () => {
    const m = machine();
    evalOk(m.session, PROGRAM);
    const left = realmOf(m, 'left', '(realm-create)');
    const right = realmOf(m, 'right', '(realm-create)');
    evalOk(m.session, '(spawn-spinners left 1) (spawn-spinners right 1)');
    const { shares: [l, r] } = window(m, [left, right], '(sleep 500)');
    // Round robin, one dispatch of 2000 reductions each in turn: equal to within one dispatch.
    expect(Math.abs(l - r)).toBeLessThanOrEqual((2000 * COST) / 500);
    expect(l + r).toBeGreaterThan(0.99);
  });

  it("a child's budget counts against its parent's: creating children adds nothing", () => {
    const m = machine();
    evalOk(m.session, PROGRAM);
    const parent = realmOf(m, 'parent', '(realm-create %{:policy %{:cpu %{:max 0.2}}})');
    evalOk(m.session, '(defn spawn-child-hogs [to] (let [kid (realm-create %{:policy %{:cpu %{:max 0.9}}})] (spawn-spinners kid 50) (send to [:kid kid])))');
    evalOk(m.session, '(spawn-in parent spawn-child-hogs (self))');
    const kid = realmOf(m, 'kid', '(receive [:kid k] k)');
    expect(kid.parent).toBe(parent);
    evalOk(m.session, '(sleep 200)');
    const { shares: [p, k] } = window(m, [parent, kid], '(sleep 1000)');
    expect(p + k).toBeGreaterThanOrEqual(0.2 - OVERSHOOT);
    expect(p + k).toBeLessThanOrEqual(0.2 + OVERSHOOT);
    const usage = cpuUsage(m, 'parent');
    expect(usage).toBeGreaterThanOrEqual(0.2 - OVERSHOOT);
    expect(usage).toBeLessThanOrEqual(0.2 + OVERSHOOT);
    evalOk(m.session, '(realm-terminate parent)');
  });
});

describe('the background mode on a virtual clock', () => {
  it('a process looping forever gives the event loop back after every slice of 5 ms of work', async () => {
    const m = machine();
    const busy = realmOf(m, 'busy', '(realm-create)');
    evalOk(m.session, '(defn spin [] (spin)) (spawn-in busy spin)');
    m.system.scheduler.startAsync();
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    try {
      await turn();
      const slices: number[] = [];
      for (let i = 0, last = busy.reductions; i < 20; i++) {
        await turn();
        slices.push(busy.reductions - last);
        last = busy.reductions;
      }
      // A slice (SLICE_MS = 5 ms) ends at the first clock check past its end: checks come every
      // CLOCK_EVERY (8,000) reductions, the looper's dispatches are 2,000 each.
      for (const reductions of slices) {
        expect(reductions).toBeGreaterThanOrEqual(5 / COST);
        expect(reductions).toBeLessThan(5 / COST + 8_000 + 2_000);
      }
      // And it is one slice every turn, the same each time.
      expect(new Set(slices).size).toBe(1);
    } finally {
      for (const p of m.system.allProcesses()) m.system.signals.exit(p, null);
    }
  });
});

describe('a sibling realm keeps at least 80% of its heartbeat beside each attack (issue "Limits"), counted on the virtual clock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lona-vclock-'));
  const SPIN_FILE = join(dir, 'spin.lona');
  const MACRO_FILE = join(dir, 'macro.lona');
  const ATTACKS: Record<string, string> = {
    'a realm capped at 20% looping big products': `
      (defn sq-loop [b] (* b b) (sq-loop b))
      (def attacker (realm-create %{:policy %{:cpu %{:max 0.2}}}))
      (spawn-in attacker sq-loop (bit-shl 1 200000))`,
    'a memory bomb in a realm with a 1 MB quota': `
      (defn bomb [] (count (range 60000000)))
      (def attacker (realm-create %{:policy %{:memory %{:max 1000000}}}))
      (spawn-in attacker bomb)`,
    'a mailbox flood from a realm with a 1 MB quota': `
      (defn sink [] (receive :never :x))
      (defn flood [to n] (send to [:junk n n n n (+ n 0.5)]) (flood to (inc n)))
      (def attacker (realm-create %{:policy %{:memory %{:max 1000000}}}))
      (spawn-in attacker flood (spawn sink) 0)`,
    'sixty runaway recursions in a realm with a 1 MB quota': `
      (defn f [n] (+ 1 (f (inc n))))
      (defn recurse [] (f 0))
      (def attacker (realm-create %{:policy %{:memory %{:max 1000000}}}))
      (dotimes [_ 60] (spawn-in attacker recurse))`,
    'a realm capped at 20% loading a file whose top level runs for long': `
      (spit "${SPIN_FILE}" "(defn spin-to [n] (if (< n 100000000) (spin-to (inc n)) n)) (spin-to 0)")
      (defn load-spinner [] (load-file "${SPIN_FILE}"))
      (def attacker (realm-create %{:policy %{:cpu %{:max 0.2}} :caps %{:fs (cap :fs)}}))
      (spawn-in attacker load-spinner)`,
    'runaway macro expansions in eval, one after another, in a realm capped at 20%': `
      (defmacro forever [] ((fn* spin [n] (spin (+ n 1))) 0))
      (defn expand-forever [] (eval '(forever)))
      (defn again [] (spawn-monitor expand-forever) (receive [:DOWN _ _ _] (again)))
      (def attacker (realm-create %{:policy %{:cpu %{:max 0.2}}}))
      (spawn-in attacker again)`,
    'compiles of many quick macros, one after another, in a realm capped at 20%': `
      (defn burn [n] (if (= n 0) :burnt (burn (dec n))))
      (defmacro tree [d] (burn 3000) (if (= d 0) nil (list 'do (list 'tree (dec d)) (list 'tree (dec d)))))
      (defn compile-trees [] (eval '(tree 11)) (compile-trees))
      (def attacker (realm-create %{:policy %{:cpu %{:max 0.2}}}))
      (spawn-in attacker compile-trees)`,
    'a realm capped at 20% loading, one after another, a file whose macro runs away': `
      (spit "${MACRO_FILE}" "(defmacro forever [] ((fn* spin [n] (spin (+ n 1))) 0)) (forever)")
      (defn load-macro [] (load-file "${MACRO_FILE}"))
      (defn again [] (spawn-monitor load-macro) (receive [:DOWN _ _ _] (again)))
      (def attacker (realm-create %{:policy %{:cpu %{:max 0.2}} :caps %{:fs (cap :fs)}}))
      (spawn-in attacker again)`,
  };

  for (const [name, attack] of Object.entries(ATTACKS)) {
    it(name, () => {
      const m = machine();
      evalOk(m.session, `${PROGRAM}
        (defn ticker [n] (receive [:n? from] (do (send from [:n n]) (ticker n)) :after 10 (ticker (inc n))))
        (defn ticks [hb] (send hb [:n? (self)]) (receive [:n n] n :after 60000 :dead))
        (def hb (spawn-in (realm-create) ticker 0))
        (sleep 100)`);
      // Its heartbeat is what it beats alone: a beat takes a little over 10 ms (a timeout is rounded up
      // to whole ms, never early), and with LONA_SLICE=1 each beat is two dispatches, either of which
      // may wait behind an attacker's turn. So the rate beside the attack is compared with the rate
      // alone over as long, on the same machine, not with 10 ms a beat.
      const beatsIn2s = (): number => {
        const before = Number(evalOk(m.session, '(ticks hb)'));
        evalOk(m.session, '(sleep 2000)');
        return Number(evalOk(m.session, '(ticks hb)')) - before;
      };
      const alone = beatsIn2s();
      evalOk(m.session, attack);
      const beside = beatsIn2s();
      expect(beside / alone, `${beside} beats beside the attack, ${alone} alone`).toBeGreaterThanOrEqual(0.8);
    });
  }
});
