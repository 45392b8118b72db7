/**
 * Reader throughput on large inputs, beside the targets `npm test` once
 * asserted as timed unit tests (issue "Limits that hold": tests assert what
 * is read, benchmarks how fast): a 1 MB string literal, plain and with
 * escapes (target 1 s for both), a vector of 100,000 small forms and
 * 100,000-digit integers (3 s each). The peer of the string is JSON.parse
 * of the same text, measured alternately.
 */
import { readAll } from '../lonala/reader/index.js';
import { measurePair, median, type BenchResult } from './measure.js';

const RUNS = 5;

function readOnly(src: string): unknown {
  const r = readAll(src);
  if (r.error !== null || r.forms.length !== 1) throw new Error(`reader bench: ${r.error?.kind ?? `${r.forms.length} forms`}`);
  return r.forms[0].form;
}

function timed(f: () => void): number {
  const times: number[] = [];
  f();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export function benchReader(): BenchResult[] {
  const body = 'x'.repeat(1 << 20);
  const escaped = 'ab\\n'.repeat(1 << 18);
  const [strings, json] = measurePair(
    () => { if (readOnly(`"${body}"`) !== body || (readOnly(`"${escaped}"`) as string).length !== 3 << 18) throw new Error('reader bench: wrong string'); },
    () => { JSON.parse(`"${body}"`); JSON.parse(`"${escaped}"`); },
    RUNS, 1,
  );
  const forms = `[${'(a 1 "s" :k) '.repeat(100_000)}]`;
  const formsMs = timed(() => void readOnly(forms));
  const digits = '9'.repeat(100_000), base36 = '36r' + 'Z'.repeat(100_000);
  const numbersMs = timed(() => { if (typeof readOnly(digits) !== 'bigint' || typeof readOnly(base36) !== 'bigint') throw new Error('reader bench: not an integer'); });
  return [
    { name: 'read 1 MB strings, plain + escaped (ms)', ms: strings, peer: 'target 1000 ms', peerMs: 1000, ratio: strings / 1000 },
    { name: 'read 1 MB strings, plain + escaped (ms)', ms: strings, peer: 'JSON.parse', peerMs: json, ratio: strings / json },
    { name: 'read a vector of 100k forms (ms)', ms: formsMs, peer: 'target 3000 ms', peerMs: 3000, ratio: formsMs / 3000 },
    { name: 'read 100k-digit integers, 10 + 36 (ms)', ms: numbersMs, peer: 'target 3000 ms', peerMs: 3000, ratio: numbersMs / 3000 },
  ];
}
