/**
 * Limits that hold (issue "Limits"): each way a realm used to bring the host
 * down, run by the real `lona` on a host heap of 512 MB so that a missed
 * charge fails fast. Each ends with the offender's :oom or :quota (or its
 * operation refused), a heartbeat in a sibling realm goes on beating, and
 * the host exits normally, with no fatal heap error.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'lona-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A heartbeat in its own realm, and a way to read how many beats it has made. */
const HEARTBEAT = `
(defn heart [n] (receive [:beats? from] (do (send from [:beats n]) (heart n)) :after 10 (heart (inc n))))
(def heart-realm (realm-create %{:name 'heart}))
(def heartbeat (spawn-in heart-realm heart 0))
(defn beats [] (send heartbeat [:beats? (self)]) (receive [:beats n] n :after 5000 :dead))
(defn down [[p r]] (receive [:DOWN r2 _ why] when (= r r2) why :after 60000 :timeout))
(def kid (realm-create %{:name 'kid :policy %{:memory %{:max 1000000} :cpu %{:max 0.5}}
                         :caps %{:fs (fs-subtree (cap :fs) ".")}}))
(def before (beats))
`;

/** Runs `body` (after the heartbeat) in \`lona run\` on a 512 MB host heap; its stdout lines. */
function run(body: string, env: Record<string, string> = {}): { lines: string[]; stderr: string } {
  const file = join(dir, `case-${Math.random().toString(36).slice(2)}.lona`);
  writeFileSync(file, `${HEARTBEAT}\n${body}\n(sleep 50)\n(prn :heartbeat (let [after (beats)] (and (integer? after) (> after before))))\n`);
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', BIN, 'run', file], {
    cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.stderr, 'the host must not die').not.toMatch(/FATAL|heap limit|JavaScript heap|\n\s+at /);
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines[lines.length - 1], 'the sibling realm\'s heartbeat beats on').toBe(':heartbeat true');
  return { lines, stderr: r.stderr };
}

describe('memory bombs end in the realm that made them', () => {
  it('a loaded file is held to the memory limit, by load-file and require alike', () => {
    writeFileSync(join(dir, 'bomb.lona'), '(def big (count (into () (range 60000000))))\n');
    const { lines } = run(`
      (defn load-bomb [] (load-file "bomb.lona"))
      (defn require-bomb [] (require 'bomb))
      (prn (down (spawn-monitor-in kid load-bomb)))
      (prn (down (spawn-monitor-in kid require-bomb)))`);
    expect(lines.slice(0, 2)).toEqual(['[:error :oom]', '[:error :oom]']);
  });

  it('a loaded file runs as work of the loading process: preempted, so its neighbours run meanwhile', () => {
    writeFileSync(join(dir, 'spin.lona'), '(defn spin [n] (if (< n 20000000) (spin (inc n)) n))\n(def spun (spin 0))\n');
    const { lines } = run(`
      (defn load-spin [] (load-file "spin.lona"))
      (def at-start (beats))
      (prn (down (spawn-monitor-in kid load-spin)))
      (prn (> (- (beats) at-start) 10))`);
    expect(lines.slice(0, 2)).toEqual([':normal', 'true']);
  });

  it('a child that spits a bomb and loads it ends :oom under its own quota', () => {
    const { lines } = run(`
      (defn spit-and-load [] (spit "made.lona" "(def big (count (into () (range 60000000))))") (load-file "made.lona"))
      (prn (down (spawn-monitor-in kid spit-and-load)))`);
    expect(lines[0]).toBe('[:error :oom]');
  });

  it('a mailbox flood across realms is charged to the sender: its sends fail at its quota', () => {
    const { lines } = run(`
      (defn flooder [to n] (send to [:junk n n n n n n n n n n (+ n 0.5)]) (flooder to (inc n)))
      (def f (spawn-monitor-in kid flooder (self) 0))
      (def why (down f))
      (prn (second why) (:resource (nth why 2)))
      (prn (<= (:memory (:usage (realm-info kid))) 1000000))
      (prn (integer? (:mailbox-len (process-info (self)))))`);
    expect(lines.slice(0, 3)).toEqual([':quota :memory', 'true', 'true']);
  });

  it('deep stacks are charged: sixty runaway recursions each end :oom', () => {
    const { lines } = run(`
      (defn f [n] (+ 1 (f (inc n))))
      (defn recurse [] (f 0))
      (def ps (vec (map (fn [_] (spawn-monitor-in kid recurse)) (range 60))))
      (prn (frequencies (map down ps)))`);
    expect(lines[0]).toBe('%{[:error :oom] 60}');
  });

  it('shared regions are charged: past the quota make-shared-region is refused', () => {
    const { lines } = run(`
      (defn big-regions [n] (make-shared-region 67108864 (symbol (str "r" n))) (big-regions (inc n)))
      (defn many-regions [n] (make-shared-region 100000 (symbol (str "s" n))) (many-regions (inc n)))
      (defn kind [why] [(second why) (:resource (nth why 2))])
      (prn (kind (down (spawn-monitor-in kid big-regions 0))))
      (prn (kind (down (spawn-monitor-in kid many-regions 0))))
      (prn (<= (:memory (:usage (realm-info kid))) 1000000))`);
    expect(lines.slice(0, 3)).toEqual(['[:quota :memory]', '[:quota :memory]', 'true']);
  });

  it('processes are charged: a child spawning without end is refused at its quota, and others still spawn', () => {
    const { lines } = run(`
      (defn idle [] (receive :stop :stopped))
      (defn spawner [] (spawn idle) (spawner))
      (def why (down (spawn-monitor-in kid spawner)))
      (prn (second why) (:resource (nth why 2)))
      (prn (< (:processes (:usage (realm-info kid))) 3000))
      (prn (pid? (spawn idle)))`);
    expect(lines.slice(0, 3)).toEqual([':quota :memory', 'true', 'true']);
  });

  it('the host guard ends the largest consumer when a quota is larger than the host can hold', () => {
    const { lines, stderr } = run(`
      (defn hog [] (count (into () (range 60000000))))
      (defn keep-small [] (receive :stop :stopped))
      (def bystander (spawn keep-small))
      (prn (down (spawn-monitor hog)))
      (prn (alive? bystander))`, { LONA_MACHINE_MEMORY: '100000000000' });
    expect(lines.slice(0, 2)).toEqual(['[:error :oom]', 'true']);
    expect(stderr).toMatch(/the host's memory is nearly full: ended #pid<[\d.]+> \(realm apps, about \d+ MB live\) with :oom/);
  });

  it('a value that shares its parts (sixty levels of [v v]) costs what it holds: sent, and carried in an exit reason to another realm', () => {
    const { lines } = run(`
      (defn dag [v i n] (if (< i n) (dag [v v] (inc i) n) v))
      (defn self-send [] (send (self) (dag 1 0 60)) (receive m :got))
      (defn send-up [to] (send to [:dag (dag 1 0 60)]))
      (defn die-with-fn [] (receive :go (exit [:error (dag inc 0 40)])))
      (prn (down (spawn-monitor-in kid self-send)))
      (spawn-in kid send-up (self))
      (prn (receive [:dag d] (tuple? d) :after 10000 :timeout))
      (def v (spawn-in kid die-with-fn))
      (def r (monitor v))
      (send v :go)
      (prn (receive [:DOWN r2 _ [:error d]] when (= r r2) (tuple? d) :after 10000 :timeout))`);
    expect(lines.slice(0, 3)).toEqual([':normal', 'true', 'true']);
  });

  it('a form that shares its parts is refused by the compiler with :limit, not compiled 2^60 times', () => {
    const { lines } = run(`
      (defn dag-do [v i n] (if (< i n) (dag-do (list 'do v v) (inc i) n) v))
      (defn compile-it [] (eval (dag-do 1 0 60)))
      (def why (down (spawn-monitor-in kid compile-it)))
      (prn (second why))`);
    expect(lines[0]).toBe(':limit');
  });

  it('what definitions hold is charged to the realm that defines: past its quota the def ends :oom', () => {
    const { lines } = run(`
      (defn hoard [i] (intern *ns* (symbol (str "hoard" i)) (vec (range 8000))) (hoard (inc i)))
      (defn def-big [] (eval '(def big-thing (vec (range 200000)))))
      (prn (down (spawn-monitor-in kid hoard 0)))
      (prn (down (spawn-monitor-in kid def-big)))
      (prn (<= (:memory (:usage (realm-info kid))) 1000000))`);
    expect(lines.slice(0, 3)).toEqual(['[:error :oom]', '[:error :oom]', 'true']);
  });
});

