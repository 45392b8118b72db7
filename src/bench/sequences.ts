/**
 * The sequences benchmarks (issue 16, item 8): lazy sequences, reduce,
 * into with a transducer, frequencies, sort and string building, each
 * beside idiomatic plain JavaScript doing the same work on arrays (filter,
 * map, reduce, a Map for frequencies, Array.prototype.sort, join). Where a
 * benchmark reads prepared data (a vector to sort or count), both sides
 * prepare it outside the timed work. The Lonala side uses native
 * functions (inc, even?, +...), which the machine calls from TS
 * (src/lonala/intrinsics/seq-cursor.ts); a Lonala function costs a call
 * per element on top.
 */
import type { LanguageBenchmark } from './language.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** The data the frequencies and sort benchmarks read, made the same way on both sides. */
const WORDS = range(100_000).map((i) => `w${i % 1000}`);
const SHUFFLED = range(100_000).map((i) => (i * 7919) % 100_003);

export const SEQUENCE_BENCHMARKS: LanguageBenchmark[] = [
  {
    name: 'count (range 1M)',
    setup: '',
    run: '(count (range 1000000))',
    js: () => range(1_000_000).length,
  },
  {
    name: 'reduce + map inc filter even? 1M',
    setup: '',
    run: '(reduce + (map inc (filter even? (range 1000000))))',
    js: () => range(1_000_000).filter((x) => x % 2 === 0).map((x) => x + 1).reduce((a, b) => a + b, 0),
  },
  {
    name: 'into {} (map inc) 100k',
    setup: '',
    run: '(count (into {} (map inc) (range 100000)))',
    js: () => range(100_000).map((x) => x + 1).length,
  },
  {
    name: 'frequencies of 100k words',
    setup: '(def words (vec (map (fn [i] (str "w" (mod i 1000))) (range 100000))))',
    run: '(count (frequencies words))',
    js: () => {
      const m = new Map<string, number>();
      for (const w of WORDS) m.set(w, (m.get(w) ?? 0) + 1);
      return m.size;
    },
  },
  {
    name: 'sort 100k integers',
    setup: '(def shuffled (vec (map (fn [i] (mod (* i 7919) 100003)) (range 100000))))',
    run: '(nth (sort shuffled) 50000)',
    js: () => [...SHUFFLED].sort((a, b) => a - b)[50_000],
  },
  {
    name: 'join (map str) 100k',
    setup: '',
    run: '(count (join "," (map str (range 100000))))',
    js: () => range(100_000).map(String).join(',').length,
  },
  {
    name: 'apply str 50k',
    setup: '',
    run: '(count (apply str (range 50000)))',
    js: () => range(50_000).join('').length,
  },
  {
    name: 'count (range 10M)',
    setup: '',
    run: '(count (range 10000000))',
    js: () => range(10_000_000).length,
  },
  {
    name: 'reduce + (range 10M)',
    setup: '',
    run: '(reduce + (range 10000000))',
    js: () => range(10_000_000).reduce((a, b) => a + b, 0),
  },
];
