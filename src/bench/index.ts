/**
 * `npm run bench` / `lona bench [--json]`: the benchmark suite. Each
 * benchmark runs the same work in Lonala (on the emulated machine) and in
 * plain JavaScript in the same process, and reports the median of several
 * in-program timings and their ratio; the language suite adds nbb's figures
 * when it is installed (nbb-peer.ts). Never part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { describeOutcome } from '../os/index.js';
import { readAll } from '../lonala/index.js';
import { LANGUAGE_BENCHMARKS, type LanguageBenchmark } from './language.js';
import { SEQUENCE_BENCHMARKS } from './sequences.js';
import { measurePair, userSession, type BenchResult } from './measure.js';
import { nbbRow, runNbb } from './nbb-peer.js';
import { benchProcesses, benchYield } from './processes.js';
import { benchReader } from './reader.js';

const RUNS = 9;
/** Warm-up of each language workload, in milliseconds of Lona's runs (measure.ts measurePair); nbb's likewise. */
const WARM_MS = 300;

/** Times Lonala and JavaScript alternately, so load on the machine hits both alike. */
function runLanguageBenchmark(b: LanguageBenchmark): BenchResult {
  const session = userSession();
  const setup = session.evalTextSync(b.setup);
  if (setup.failure !== null) throw new Error(`${b.name}: setup failed: ${setup.failure}`);
  const [form] = readAll(b.run, session.readOptions(null)).forms;
  let result = '';
  let jsResult: unknown;
  const lonala = () => {
    const o = session.evalValueSync(form.form, b.run, null, form.line, form.column);
    result = o.kind === 'value' ? String(o.value) : describeOutcome(o);
  };
  const js = () => { jsResult = b.js(); };
  const [ms, peerMs] = measurePair(lonala, js, RUNS, 1, WARM_MS);
  if (result !== String(jsResult)) throw new Error(`${b.name}: Lonala gave ${result}, JavaScript ${String(jsResult)}`);
  return { name: b.name, ms, peer: 'plain JavaScript', peerMs, ratio: ms / peerMs };
}

/** A line beside the figures: on stdout, or on stderr when stdout carries the JSON. */
function note(json: boolean, line: string): void {
  if (json) process.stderr.write(`${line}\n`);
  else console.log(line);
}

/**
 * The language benchmarks, each beside plain JavaScript and, on the next
 * row, beside nbb: its figures come from one nbb process run first, so it
 * never competes with Lona's runs for the CPU.
 */
function runLanguageSuite(json: boolean): BenchResult[] {
  const nbb = runNbb(LANGUAGE_BENCHMARKS, RUNS, 1, WARM_MS);
  if (typeof nbb === 'string') note(json, nbb);
  return LANGUAGE_BENCHMARKS.flatMap((b) => {
    const row = runLanguageBenchmark(b);
    if (typeof nbb === 'string' || b.nbb === undefined) return [row];
    const peer = nbbRow(nbb, b.name, String(b.js()), row.ms);
    if (typeof peer !== 'string') return [row, peer];
    note(json, peer);
    return [row];
  });
}

const SUITES = ['language', 'sequences', 'processes', 'inspector', 'live', 'tui', 'collections', 'connect'] as const;

/** The benchmarks of one suite, in this process. */
async function runSuite(suite: string, json: boolean): Promise<BenchResult[]> {
  switch (suite) {
    case 'language': return [...runLanguageSuite(json), ...benchReader()];
    case 'sequences': return SEQUENCE_BENCHMARKS.map(runLanguageBenchmark);
    case 'processes': return [...benchProcesses(), ...(await benchYield())];
    case 'inspector': return (await import('./inspector.js')).benchInspector();
    case 'live': return (await import('./live.js')).benchLive();
    case 'tui': return [...(await (await import('./echo.js')).benchEcho()), ...(await (await import('./interrupt.js')).benchInterrupt())];
    case 'connect': return (await import('./connect.js')).benchConnect();
    case 'collections':
      try {
        return await (await import('./collections.js')).benchCollections();
      } catch (e) {
        if (!json) console.log(`(collections vs immutable skipped: ${(e as Error).message})`);
        return [];
      }
    default: throw new Error(`no benchmark suite ${suite} (${SUITES.join(', ')})`);
  }
}

/**
 * Each suite of the whole run in a fresh process: one suite's leftovers (a
 * million processes, a grown heap and its collections) never weigh on the
 * next one's figures. Its peers still run beside it, in its process.
 */
function runIsolated(suite: string): BenchResult[] {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], 'bench', `--only=${suite}`, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`benchmark suite ${suite} failed: ${child.stderr.trim()}`);
  process.stderr.write(child.stderr); // its notes (a peer not installed)
  return JSON.parse(child.stdout) as BenchResult[];
}

export async function runBench(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (only !== undefined) return report(await runSuite(only, json), json);
  const results: BenchResult[] = [];
  for (const suite of SUITES) {
    const figures = runIsolated(suite);
    if (!json) report(figures, false, results.length === 0);
    results.push(...figures);
  }
  if (json) report(results, true);
  return 0;
}

function report(results: BenchResult[], json: boolean, header = true): number {
  if (json) {
    console.log(JSON.stringify(results, null, 2));
    return 0;
  }
  if (header) console.log(`${'benchmark'.padEnd(34)} ${'ms'.padStart(9)}  ${'peer'.padEnd(18)} ${'peer ms'.padStart(9)} ${'ratio'.padStart(8)}`);
  for (const r of results) {
    console.log(`${r.name.padEnd(34)} ${r.ms.toFixed(2).padStart(9)}  ${r.peer.padEnd(18)} ${r.peerMs.toFixed(2).padStart(9)} ${r.ratio.toFixed(2).padStart(7)}x`);
  }
  return 0;
}
