/**
 * What watching the machine costs it (issue "The workstation": polling
 * every pane at its refresh rate must cost the machine little): inspector
 * requests through the host bridge on a machine holding a million waiting
 * processes, each figure the median of several requests. The process-table
 * page is set beside its floor, one pass of plain JavaScript over a million
 * objects keeping the top 50; the Processes pane's default sampling (one
 * page a second) is given as the share of one core it takes.
 */
import { System, Session } from '../os/index.js';
import { InspectorBridge } from '../inspector/host/index.js';
import type { HostRequest } from '../inspector/index.js';
import { median, type BenchResult } from './measure.js';

const PROCESSES = 1_000_000;
const RUNS = 7;

async function timeRequest(bridge: InspectorBridge, request: HostRequest): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = performance.now();
    const reply = await bridge.request(request);
    if (!reply.ok) throw new Error(`inspector ${request.op}: ${reply.error}`);
    if (i > 0) times.push(performance.now() - t0);
  }
  return median(times);
}

/** The floor: one pass over plain objects keeping the 50 with the most reductions. */
function jsTopPage(rows: { reductions: number }[]): number {
  const t0 = performance.now();
  const top: { reductions: number }[] = [];
  for (const r of rows) {
    if (top.length < 50 || r.reductions > top[top.length - 1].reductions) {
      top.push(r);
      top.sort((a, b) => b.reductions - a.reductions);
      if (top.length > 50) top.pop();
    }
  }
  return performance.now() - t0;
}

/**
 * The panes' polling against throughput: a realm of busy processes counts
 * reductions for windows with no inspector requests and windows with the
 * workstation's schedule (a process page each second, the realm tree every
 * two), alternating so drift in the host's load hits both alike.
 */
async function pollingCost(): Promise<{ quiet: number; polled: number }> {
  const system = System.boot({ write: () => undefined });
  const session = new Session(system, system.user, system.sessionRealm());
  const { failure } = session.evalTextSync(`(defn idle [] (receive :stop :stop)) (dotimes [i 100000] (spawn idle))
    (defn spin [] (spin)) (def work (realm-create %{:name 'work})) (dotimes [i 4] (spawn-in work spin))`);
  if (failure !== null) throw new Error(failure);
  const work = [...session.realm.children][0];
  const bridge = new InspectorBridge(system, 60_000);
  const windowMs = 1000;
  const rate = async (polling: boolean): Promise<number> => {
    const timers = polling ? [
      setInterval(() => void bridge.request({ op: 'processes', limit: 30 }), 1000),
      setInterval(() => void bridge.request({ op: 'realms' }), 2000),
    ] : [];
    if (polling) { void bridge.request({ op: 'processes', limit: 30 }); void bridge.request({ op: 'realms' }); }
    const before = work.reductions;
    await new Promise((r) => setTimeout(r, windowMs));
    timers.forEach(clearInterval);
    return (work.reductions - before) / (windowMs / 1000);
  };
  await rate(false); // warm-up
  const quiet: number[] = [], polled: number[] = [];
  for (let i = 0; i < 5; i++) {
    quiet.push(await rate(false));
    polled.push(await rate(true));
  }
  session.evalTextSync('(realm-terminate work)'); // its spinners would weigh on what is measured next
  return { quiet: median(quiet), polled: median(polled) };
}

export async function benchInspector(): Promise<BenchResult[]> {
  // First, in a system of its own: the million processes below would weigh on it.
  const { quiet, polled } = await pollingCost();
  const system = System.boot({ write: () => undefined });
  const session = new Session(system, system.user, system.sessionRealm());
  const { failure } = session.evalTextSync(`(defn idle [] (receive :stop :stopped)) (dotimes [i ${PROCESSES}] (spawn idle))`);
  if (failure !== null) throw new Error(failure);
  const bridge = new InspectorBridge(system, 60_000);
  const page = await timeRequest(bridge, { op: 'processes', limit: 50 });
  const realms = await timeRequest(bridge, { op: 'realms' });
  const detail = await timeRequest(bridge, { op: 'process', pid: '#pid<2.500000>' });
  const plain = Array.from({ length: PROCESSES }, (_, i) => ({ reductions: (i * 7919) % 100_003 }));
  const floor = median(Array.from({ length: RUNS }, () => jsTopPage(plain)));
  return [
    { name: 'panes polling: throughput kept (red/s)', ms: polled, peer: 'no polling', peerMs: quiet, ratio: polled / quiet },
    { name: 'inspector: top-50 page of 1M processes (ms)', ms: page, peer: 'JS one-pass top 50', peerMs: floor, ratio: page / floor },
    { name: 'inspector: Processes pane at 1/s, 1M procs (% core)', ms: page / 10, peer: 'target 5%', peerMs: 5, ratio: page / 10 / 5 },
    { name: 'inspector: realm tree (ms)', ms: realms, peer: 'target 1 frame', peerMs: 16, ratio: realms / 16 },
    { name: 'inspector: one process in detail (ms)', ms: detail, peer: 'target 1 frame', peerMs: 16, ratio: detail / 16 },
  ];
}
