/**
 * The process benchmarks (issue: spawn 100,000 processes that wait in
 * receive, then message each; a ring of 10,000 processes passing a token
 * 100 laps; 1,000 workers x 100 requests with `call`). Times are taken in
 * the program (monotonic-time) and the peer is a bare JavaScript run-queue
 * scheduler with callback processes, measured in the same run; Erlang/OTP
 * too when `erl` is installed.
 *
 * Then the cpu shares of realm budgets on this host's clock, beside their
 * targets (issue "Limits that hold": `npm test` asserts them on a virtual
 * clock only, tests/os/virtual-clock.test.ts): a realm capped at 30% with
 * 100 spinners, a parent capped at 20% whose child asks for 90%, and the
 * hostile transcript's heartbeat beside the capped spinners against its rate
 * alone; and how late a host timer fires while a process loops forever.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Float } from '../machine/index.js';
import { System, Session, describeOutcome } from '../os/index.js';
import { median, userSession, type BenchResult } from './measure.js';
import { jsFanOut, jsRing, jsSpawn } from './js-scheduler.js';

export const PROCESS_PROGRAM = `
(defn waiter [] (receive m m))
(defn spawn-waiters [n] (if (= n 0) :ok (do (spawn waiter) (spawn-waiters (- n 1)))))
(defn await-queue []
  (let [me (self)] (spawn (fn [] (send me :drained))) (receive :drained :ok)))
(defn spawn-bench [n]
  (let [t0 (monotonic-time)]
    (spawn-waiters n)
    (await-queue)
    (- (monotonic-time) t0)))
(defn message-all []
  (let [me (self) pids (processes) t0 (monotonic-time)]
    (doseq [p pids] (when (not= p me) (send p :go)))
    (await-queue)
    (- (monotonic-time) t0)))

(defn relay [next main]
  (receive
    [:next p] (relay p main)
    0 (do (send main :done) (relay next main))
    :stop (send next :stop)
    k (do (send next (- k 1)) (relay next main))))
(defn spawn-chain [prev i n me] (if (= i n) prev (spawn-chain (spawn relay [prev me]) (+ i 1) n me)))
(defn ring-bench [n laps]
  (let [me (self)
        first (spawn relay [nil me])
        last (spawn-chain first 1 n me)]
    (send first [:next last])
    (let [t0 (monotonic-time)]
      (send last (* n laps))
      (receive :done :ok)
      (let [t (- (monotonic-time) t0)]
        (send first :stop)
        t))))

(defn make-realms [n] (if (= n 0) :ok (do (realm-create) (make-realms (- n 1)))))
(defn realm-bench [n] (let [t0 (monotonic-time)] (make-realms n) (- (monotonic-time) t0)))
(defn echo [] (receive [from x] (do (send from x) (echo)) :stop :ok))
(defn pings [p n] (if (= n 0) :done (do (send p [(self) n]) (receive m m) (pings p (- n 1)))))
(defn ping-bench [p n] (let [t0 (monotonic-time)] (pings p n) (send p :stop) (- (monotonic-time) t0)))
(def bench-realm (realm-create %{:name 'bench}))
(defn spin [] (spin))
(defn counter [n] (receive [:report from] (send from n) :after 0 (counter (+ n 1))))
(defn race [policy ms]
  (let [hog (realm-create %{:policy (or policy %{})}) calm (realm-create)]
    (when policy (dotimes [i 100] (spawn-in hog spin)))
    (let [c (spawn-in calm counter 0)]
      (sleep ms)
      (send c [:report (self)])
      (let [n (receive n n :after 2000 :none)] (realm-terminate hog) (realm-terminate calm) n))))
;; The share of its last period a realm capped at \`cap\` used, 100 spinners in it (in a child asking for \`kid\` if given).
(defn spawn-hogs [to kid-policy] (let [r (if kid-policy (realm-create %{:policy kid-policy}) (self-realm))] (dotimes [i 100] (spawn-in r spin)) (send to :spawned)))
(defn capped-share [cap kid-policy ms]
  (let [r (realm-create %{:policy %{:cpu %{:max cap}}})]
    (spawn-in r spawn-hogs (self) kid-policy)
    (receive :spawned :ok)
    (sleep ms)
    (let [share (:cpu (:usage (realm-info r)))] (realm-terminate r) share)))
;; The hostile transcript's heartbeat: its rate beside 100 spinners capped at 30% against its rate
;; alone (the spinners suspended), in turns; the median of \`pairs\` pairs of \`ms\` windows.
(defn heart [n] (receive [:beat? from] (do (send from [:beat n]) (heart n)) :after 0 (heart (+ n 1))))
(defn beats [hb] (send hb [:beat? (self)]) (receive [:beat n] n :after 2000 :dead))
(defn rate [hb ms] (let [a (beats hb)] (sleep ms) (- (beats hb) a)))
(defn heartbeat-share [pairs ms]
  (let [heart-realm (realm-create)
        hb (spawn-in heart-realm heart 0)
        loopers (realm-create %{:policy %{:cpu %{:max 0.3}}})
        spinners (vec (map (fn [i] (spawn-in loopers spin)) (range 100)))
        pair (fn [] (doseq [p spinners] (suspend-process p))
                    (let [alone (rate hb ms)] (doseq [p spinners] (resume-process p)) (sleep 50) (/ (float (rate hb ms)) alone)))
        shares (sort (map (fn [_] (pair)) (range pairs)))]
    (realm-terminate loopers)
    (realm-terminate heart-realm)
    (nth shares (quot pairs 2))))

(defn worker []
  (receive [:call from ref x] (do (reply from ref (* 2 x)) (worker)) :stop :ok))
(defn client [w k main i sum]
  (if (= i k) (send main [:sum sum]) (client w k main (+ i 1) (+ sum (call w i)))))
(defn spawn-workers [n acc] (if (= n 0) acc (spawn-workers (- n 1) (conj acc (spawn worker)))))
(defn collect-sums [n sum] (if (= n 0) sum (collect-sums (- n 1) (+ sum (receive [:sum s] s)))))
(defn fan-bench [n k]
  (let [me (self)
        t0 (monotonic-time)
        workers (spawn-workers n {})]
    (doseq [w workers] (spawn client [w k me 0 0]))
    (let [total (collect-sums n 0)]
      (doseq [w workers] (send w :stop))
      [total (- (monotonic-time) t0)])))
`;

const SPAWNS = 100_000;
const RING = 10_000;
const LAPS = 100;
const WORKERS = 1_000;
const REQUESTS = 100;
const RUNS = 5;
const REALMS = 10_000;
const PINGS = 100_000;

function gcHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

function evaluate(session: Session, source: string): unknown {
  const { outcomes, failure } = session.evalTextSync(source);
  if (failure !== null) throw new Error(`process benchmark failed: ${failure}`);
  const last = outcomes[outcomes.length - 1];
  if (last.kind !== 'value') throw new Error(describeOutcome(last));
  return last.value;
}

const asNumber = (v: unknown): number => (v instanceof Float ? v.value : Number(v));

/** Each figure is the median of RUNS runs; per-item figures in ns and bytes. */
export function benchProcesses(): BenchResult[] {
  const session = userSession();
  evaluate(session, PROCESS_PROGRAM);
  const spawnNs: number[] = [], spawnBytes: number[] = [], messageNs: number[] = [], hopNs: number[] = [], callNs: number[] = [];
  const realmNs: number[] = [], localPingNs: number[] = [], crossPingNs: number[] = [];
  const js = { spawnNs: [] as number[], spawnBytes: [] as number[], messageNs: [] as number[], hopNs: [] as number[], callNs: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const before = gcHeap();
    const elapsed = asNumber(evaluate(session, `(spawn-bench ${SPAWNS})`));
    spawnBytes.push((gcHeap() - before) / SPAWNS);
    spawnNs.push(elapsed / SPAWNS);
    messageNs.push(asNumber(evaluate(session, '(message-all)')) / SPAWNS);
    hopNs.push(asNumber(evaluate(session, `(ring-bench ${RING} ${LAPS})`)) / (RING * LAPS));
    callNs.push(asNumber(evaluate(session, `(second (fan-bench ${WORKERS} ${REQUESTS}))`)) / (WORKERS * REQUESTS));

    const s = jsSpawn(SPAWNS, gcHeap);
    js.spawnNs.push(s.spawnNs);
    js.spawnBytes.push(s.bytes);
    js.messageNs.push(s.messageNs);
    js.hopNs.push(jsRing(RING, LAPS));
    js.callNs.push(jsFanOut(WORKERS, REQUESTS));
  }
  // Realm figures last, in a system of their own: the realms they make would weigh on the rest.
  const realms = userSession();
  evaluate(realms, PROCESS_PROGRAM);
  for (let run = 0; run < RUNS; run++) {
    realmNs.push(asNumber(evaluate(realms, `(realm-bench ${REALMS})`)) / REALMS);
    localPingNs.push(asNumber(evaluate(realms, `(ping-bench (spawn echo) ${PINGS})`)) / (2 * PINGS));
    crossPingNs.push(asNumber(evaluate(realms, `(ping-bench (spawn-in bench-realm echo) ${PINGS})`)) / (2 * PINGS));
  }
  evaluate(session, '(race nil 500)'); // warm-up: the counter's code is compiled by the JIT before any figure
  const alone = asNumber(evaluate(session, '(race nil 1000)'));
  const besideCapped = asNumber(evaluate(session, '(race %{:cpu %{:max 0.3}} 1000)'));
  const besideUncapped = asNumber(evaluate(session, '(race %{} 1000)'));
  const cappedShare = asNumber(evaluate(session, '(capped-share 0.3 nil 500)'));
  const nestedShare = asNumber(evaluate(session, '(capped-share 0.2 %{:cpu %{:max 0.9}} 500)'));
  const heartbeatShare = asNumber(evaluate(session, '(heartbeat-share 7 300)'));
  const erl = erlangFigures();
  const row = (name: string, ours: number[], peer: number[], erlang: number | undefined, unit: string): BenchResult[] => {
    const ms = median(ours), peerMs = median(peer);
    const rows: BenchResult[] = [{ name: `${name} (${unit})`, ms, peer: 'JS run queue', peerMs, ratio: ms / peerMs }];
    if (erlang !== undefined) rows.push({ name: `${name} (${unit})`, ms, peer: 'Erlang/OTP', peerMs: erlang, ratio: ms / erlang });
    return rows;
  };
  return [
    ...row('spawn 100k waiting processes', spawnNs, js.spawnNs, erl?.spawnNs, 'ns/spawn'),
    ...row('memory per waiting process', spawnBytes, js.spawnBytes, erl?.bytes, 'bytes'),
    ...row('message each of 100k processes', messageNs, js.messageNs, undefined, 'ns/msg'),
    ...row('ring 10k x 100 laps', hopNs, js.hopNs, erl?.hopNs, 'ns/hop'),
    ...row('fan-out 1k workers x 100 calls', callNs, js.callNs, undefined, 'ns/call'),
    { name: 'realm-create (ns/realm)', ms: median(realmNs), peer: 'target 100 us', peerMs: 100_000, ratio: median(realmNs) / 100_000 },
    { name: 'sibling beside 100 spinners capped at 30% (loops/s)', ms: besideCapped, peer: 'alone', peerMs: alone, ratio: besideCapped / alone },
    { name: 'sibling beside 100 uncapped spinners (loops/s)', ms: besideUncapped, peer: 'alone', peerMs: alone, ratio: besideUncapped / alone },
    { name: 'message to another realm (ns/msg)', ms: median(crossPingNs), peer: 'same realm', peerMs: median(localPingNs), ratio: median(crossPingNs) / median(localPingNs) },
    { name: 'realm capped at 30%, 100 spinners (share)', ms: cappedShare, peer: 'target 0.30', peerMs: 0.3, ratio: cappedShare / 0.3 },
    { name: 'capped at 20%, child asks 90% (share)', ms: nestedShare, peer: 'target 0.20', peerMs: 0.2, ratio: nestedShare / 0.2 },
    { name: 'heartbeat beside 30%-capped spinners (of alone)', ms: heartbeatShare, peer: 'target >= 0.60', peerMs: 0.6, ratio: heartbeatShare / 0.6 },
  ];
}

/**
 * How late a host timer of 5 ms fires while a process loops forever and the
 * scheduler runs in the background (the REPL's mode): it yields to the
 * event loop every slice (SLICE_MS), so a timer is late by about one slice.
 */
export async function benchYield(): Promise<BenchResult[]> {
  const system = System.boot({ write: () => undefined });
  const session = new Session(system);
  evaluate(session, '(defn spin [] (spin)) (def looper (spawn spin))');
  system.scheduler.startAsync();
  const late: number[] = [];
  try {
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 5));
      late.push(performance.now() - t0 - 5);
    }
  } finally {
    for (const p of system.allProcesses()) system.signals.exit(p, null);
  }
  const worst = Math.max(...late);
  return [
    { name: 'host timer beside a looping process, median late (ms)', ms: median(late), peer: 'slice 5 ms', peerMs: 5, ratio: median(late) / 5 },
    { name: 'host timer beside a looping process, worst late (ms)', ms: worst, peer: 'target 100 ms', peerMs: 100, ratio: worst / 100 },
  ];
}

/** The same spawn and ring measurements in Erlang/OTP (compiled, not interpreted), if `erl` is on the PATH. */
function erlangFigures(): { spawnNs: number; bytes: number; hopNs: number } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'lona-bench-'));
  try {
    writeFileSync(join(dir, 'lona_bench.erl'), ERLANG_MODULE);
    const out = execFileSync('erl', ['-noshell', '-pa', dir, '-eval', `{ok, _} = compile:file("${join(dir, 'lona_bench.erl')}", [{outdir, "${dir}"}]), lona_bench:run(${SPAWNS}, ${RING}, ${LAPS}), halt().`], {
      encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [spawnNs, bytes, hopNs] = out.trim().split(/\s+/).map(Number);
    return Number.isFinite(hopNs) ? { spawnNs, bytes, hopNs } : undefined;
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ERLANG_MODULE = `-module(lona_bench).
-export([run/3]).
waiter() -> receive _ -> ok end.
relay(Next, Main) ->
  receive {next, P} -> relay(P, Main); 0 -> Main ! done, relay(Next, Main); stop -> Next ! stop; K -> Next ! K - 1, relay(Next, Main) end.
chain(Prev, N, N, _) -> Prev;
chain(Prev, I, N, Me) -> chain(spawn(fun() -> relay(Prev, Me) end), I + 1, N, Me).
run(Spawns, Ring, Laps) ->
  T0 = erlang:monotonic_time(nanosecond), M0 = erlang:memory(processes),
  Ps = [spawn(fun waiter/0) || _ <- lists:seq(1, Spawns)],
  Me = self(), spawn(fun() -> Me ! drained end), receive drained -> ok end,
  T1 = erlang:monotonic_time(nanosecond), M1 = erlang:memory(processes),
  [P ! go || P <- Ps],
  First = spawn(fun() -> relay(nil, Me) end),
  Last = chain(First, 1, Ring, Me),
  First ! {next, Last},
  T2 = erlang:monotonic_time(nanosecond), Last ! Ring * Laps, receive done -> ok end,
  T3 = erlang:monotonic_time(nanosecond), First ! stop,
  io:format("~p ~p ~p~n", [(T1 - T0) / Spawns, (M1 - M0) / Spawns, (T3 - T2) / (Ring * Laps)]).
`;
