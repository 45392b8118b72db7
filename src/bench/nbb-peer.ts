/**
 * nbb beside Lona in the language suite (issue 18). nbb is ClojureScript
 * scripting on Node (babashka's SCI interpreter): a Clojure-family Lisp
 * interpreted on the same V8, so the closest peer Lonala has, where plain
 * JavaScript is the floor.
 *
 * What it measures: the language workloads' ClojureScript forms
 * (language.ts, `nbb`), all in ONE nbb process for the whole suite, started
 * before Lona's runs so the two never share the CPU. Each workload is loaded,
 * warmed up as Lona's is, then run several times; each run is timed inside
 * nbb (js/performance.now), so Node's and nbb's start-up and the reading of
 * the source are not counted, and the figure is the median, as for Lona.
 * nbb runs on this Node with the bench's own V8 flags (the same young
 * generation as Lona's). Its printed result must equal the JavaScript one.
 *
 * nbb is a devDependency (exact version), found in node_modules, else as
 * `nbb` on the PATH. Missing or failing, it is one note line, never a
 * failed bench.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { median, type BenchResult } from './measure.js';

/** One workload for nbb: its name (the row's), definitions, and the form timed. */
export interface NbbWorkload { name: string; nbb?: { setup: string; run: string } }

/** nbb's figures for a suite: its label for the peer column, and each workload's median or error. */
export interface NbbPeer { label: string; figures: Map<string, { result: string; ms: number } | { error: string }> }

export const NBB_MISSING = 'nbb not found (the ClojureScript peer): `npm install` adds it (a devDependency), or `npm install -g nbb`; its rows are left out';

/** Loads and times each workload in turn; prints one marked line of JSON. Workloads come in the environment. */
const DRIVER = `
(defn warm-up [f warmups warm-ms]
  (loop [i 0 spent 0]
    (when (or (< i warmups) (< spent warm-ms))
      (let [t0 (js/performance.now)]
        (f)
        (recur (inc i) (+ spent (- (js/performance.now) t0)))))))
(defn lona-time [{:keys [name setup run]} runs warmups warm-ms]
  (try
    (load-string setup)
    (let [f (load-string (str "(fn [] " run "\\n)"))]
      (warm-up f warmups warm-ms)
      (loop [i 0 times [] result nil]
        (if (< i runs)
          (let [t0 (js/performance.now) r (f) t (- (js/performance.now) t0)]
            (recur (inc i) (conj times t) r))
          {:name name :result (pr-str result) :times times})))
    (catch :default e {:name name :error (or (ex-message e) (str e))})))
(let [{:keys [workloads runs warmups warmMs]} (js->clj (js/JSON.parse (.-LONA_NBB_BENCH js/process.env)) :keywordize-keys true)
      version (try (load-string "(nbb.core/version)") (catch :default _ nil))]
  (println (str "LONA-NBB " (js/JSON.stringify (clj->js {:version version :results (mapv #(lona-time % runs warmups warmMs) workloads)})))))
nil`;

/** The bench's V8 heap flags (not, say, a test runner's loader flags), passed on to nbb's Node. */
const heapFlags = () => process.execArgv.filter((f) => /^--(max-semi-space-size|max-old-space-size|expose-gc)\b/.test(f));

/** nbb's command: its cli.js from node_modules run on this Node, else `nbb` on the PATH. */
function nbbCommand(): { file: string; args: string[]; version?: string } {
  try {
    const pkgPath = createRequire(import.meta.url).resolve('nbb/package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version?: string; bin?: string | Record<string, string> };
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.nbb;
    if (bin !== undefined) return { file: process.execPath, args: [...heapFlags(), join(dirname(pkgPath), bin)], version: pkg.version };
  } catch {
    // not installed here: try the PATH
  }
  return { file: 'nbb', args: [] };
}

/**
 * Runs the workloads that have an nbb form in one nbb process: `warmups`
 * untimed runs and more until `warmMs` have passed in them (as Lona's,
 * measure.ts), then the median of `runs` timed ones. A string is the note
 * to print instead (nbb missing or failed).
 */
export function runNbb(workloads: readonly NbbWorkload[], runs: number, warmups: number, warmMs = 0): NbbPeer | string {
  const todo = workloads.flatMap((w) => (w.nbb === undefined ? [] : [{ name: w.name, ...w.nbb }]));
  const cmd = nbbCommand();
  const child = spawnSync(cmd.file, [...cmd.args, '-e', DRIVER], {
    encoding: 'utf8', timeout: 300_000, maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LONA_NBB_BENCH: JSON.stringify({ workloads: todo, runs, warmups, warmMs }) },
  });
  if ((child.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return NBB_MISSING;
  const line = child.stdout?.split('\n').find((l) => l.startsWith('LONA-NBB '));
  if (child.error !== undefined || line === undefined) {
    const why = child.error?.message ?? (child.stderr.trim().split('\n').find((l) => l.startsWith('Message:')) ?? `exit status ${child.status}`);
    return `nbb failed, its rows are left out: ${why}`;
  }
  try {
    const out = JSON.parse(line.slice('LONA-NBB '.length)) as { version: string | null; results: { name: string; result?: string; times?: number[]; error?: string }[] };
    const figures: NbbPeer['figures'] = new Map();
    for (const r of out.results) {
      figures.set(r.name, r.error !== undefined || r.times === undefined ? { error: r.error ?? 'no figures' } : { result: r.result ?? '', ms: median(r.times) });
    }
    const version = cmd.version ?? out.version;
    return { label: version ? `nbb ${version}` : 'nbb', figures };
  } catch (e) {
    return `nbb's output did not parse, its rows are left out: ${(e as Error).message}`;
  }
}

/** The nbb row beside Lona's `ms` for one workload, or a note when nbb failed it or printed another result. */
export function nbbRow(peer: NbbPeer, name: string, expected: string, ms: number): BenchResult | string {
  const f = peer.figures.get(name);
  if (f === undefined) return `${peer.label}: no figure for ${name}`;
  if ('error' in f) return `${peer.label}: ${name} failed: ${f.error}`;
  if (f.result !== expected) return `${peer.label}: ${name} gave ${f.result}, JavaScript ${expected}; its row is left out`;
  return { name, ms, peer: peer.label, peerMs: f.ms, ratio: ms / f.ms };
}
