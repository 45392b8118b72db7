/**
 * `npm run bench` / `lona bench [--json]`: the benchmark suite. Each
 * benchmark runs the same work in Lonala (on the emulated machine) and in
 * plain JavaScript in the same process, and reports the median of several
 * in-program timings and their ratio. Never part of `npm test`.
 */
import { System, Session, describeOutcome } from '../os/index.js';
import { readAll } from '../lonala/index.js';
import { LANGUAGE_BENCHMARKS, type LanguageBenchmark } from './language.js';
import { measurePair, type BenchResult } from './measure.js';
import { benchProcesses } from './processes.js';

const RUNS = 9;

/** Times Lonala and JavaScript alternately, so load on the machine hits both alike. */
function runLanguageBenchmark(b: LanguageBenchmark): BenchResult {
  const session = new Session(System.boot({ write: () => undefined }));
  const setup = session.evalSourceSync(b.setup, null);
  if (setup.failure !== null) throw new Error(`${b.name}: setup failed: ${setup.failure}`);
  const [form] = readAll(b.run, session.readOptions(null)).forms;
  let result = '';
  let jsResult: unknown;
  const lonala = () => {
    const o = session.evalFormSync(form, b.run, null);
    result = o.kind === 'value' ? String(o.value) : describeOutcome(o);
  };
  const js = () => { jsResult = b.js(); };
  const [ms, peerMs] = measurePair(lonala, js, RUNS, 1);
  if (result !== String(jsResult)) throw new Error(`${b.name}: Lonala gave ${result}, JavaScript ${String(jsResult)}`);
  return { name: b.name, ms, peer: 'plain JavaScript', peerMs, ratio: ms / peerMs };
}

export async function runBench(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const results: BenchResult[] = [];
  const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (only === undefined || only === 'language') for (const b of LANGUAGE_BENCHMARKS) results.push(runLanguageBenchmark(b));
  if (only === undefined || only === 'processes') results.push(...benchProcesses());
  if (only === undefined || only === 'inspector') results.push(...(await (await import('./inspector.js')).benchInspector()));
  if (only === undefined || only === 'live') results.push(...(await (await import('./live.js')).benchLive()));
  if (only === undefined || only === 'tui') results.push(...(await (await import('./echo.js')).benchEcho()));
  if (only !== undefined && only !== 'collections') return report(results, json);
  try {
    const { benchCollections } = await import('./collections.js');
    results.push(...(await benchCollections()));
  } catch (e) {
    if (!json) console.log(`(collections vs immutable skipped: ${(e as Error).message})`);
  }
  return report(results, json);
}

function report(results: BenchResult[], json: boolean): number {
  if (json) {
    console.log(JSON.stringify(results, null, 2));
    return 0;
  }
  console.log(`${'benchmark'.padEnd(34)} ${'ms'.padStart(9)}  ${'peer'.padEnd(18)} ${'peer ms'.padStart(9)} ${'ratio'.padStart(8)}`);
  for (const r of results) {
    console.log(`${r.name.padEnd(34)} ${r.ms.toFixed(2).padStart(9)}  ${r.peer.padEnd(18)} ${r.peerMs.toFixed(2).padStart(9)} ${r.ratio.toFixed(2).padStart(7)}x`);
  }
  return 0;
}
