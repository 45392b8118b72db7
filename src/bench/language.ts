/**
 * The language benchmarks (issue: fib 30, tak 18 12 6, a tail-recursive
 * loop to 10 million, building and summing a 100k vector and map), each as
 * Lonala source, the same work in plain JavaScript, and (issue 18) in
 * ClojureScript for nbb, the closest peer (nbb-peer.ts runs it).
 */

export interface LanguageBenchmark {
  name: string;
  /** Lonala definitions, evaluated once. */
  setup: string;
  /** The Lonala form timed. */
  run: string;
  /** The same work in JavaScript; must give the same printed result. */
  js: () => unknown;
  /**
   * The same work in ClojureScript for nbb (definitions, then the form
   * timed); must print as `js`'s result does. nbb has no tail calls, so a
   * self-tail call is `recur`; vectors and maps are Clojure's persistent ones.
   */
  nbb?: { setup: string; run: string };
}

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function tak(x: number, y: number, z: number): number {
  return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z;
}

function loop(n: number, acc: number): number {
  while (n > 0) { acc += 1; n -= 1; }
  return acc;
}

export const LANGUAGE_BENCHMARKS: LanguageBenchmark[] = [
  {
    name: 'fib 30 (naive recursion)',
    setup: '(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))',
    run: '(fib 30)',
    js: () => fib(30),
    nbb: { setup: '(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))', run: '(fib 30)' },
  },
  {
    name: 'tak 18 12 6',
    setup: '(defn tak [x y z] (if (< y x) (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y)) z))',
    run: '(tak 18 12 6)',
    js: () => tak(18, 12, 6),
    nbb: { setup: '(defn tak [x y z] (if (< y x) (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y)) z))', run: '(tak 18 12 6)' },
  },
  {
    name: 'tail-recursive loop to 10M',
    setup: '(defn count-up [n acc] (if (> n 0) (count-up (- n 1) (+ acc 1)) acc))',
    run: '(count-up 10000000 0)',
    js: () => loop(10_000_000, 0),
    nbb: { setup: '(defn count-up [n acc] (if (> n 0) (recur (- n 1) (+ acc 1)) acc))', run: '(count-up 10000000 0)' },
  },
  {
    name: 'build + sum 100k vector',
    setup: '(defn build [i n v] (if (< i n) (build (+ i 1) n (append v i)) v))\n' +
      '(defn sum-vec [v i n acc] (if (< i n) (sum-vec v (+ i 1) n (+ acc (nth v i))) acc))',
    run: '(let [v (build 0 100000 {})] (sum-vec v 0 (count v) 0))',
    js: () => {
      const v: number[] = [];
      for (let i = 0; i < 100_000; i++) v.push(i);
      let s = 0;
      for (let i = 0; i < v.length; i++) s += v[i];
      return s;
    },
    nbb: {
      setup: '(defn build [i n v] (if (< i n) (recur (+ i 1) n (conj v i)) v))\n' +
        '(defn sum-vec [v i n acc] (if (< i n) (recur v (+ i 1) n (+ acc (nth v i))) acc))',
      run: '(let [v (build 0 100000 [])] (sum-vec v 0 (count v) 0))',
    },
  },
  {
    name: 'build + sum 100k map',
    setup: '(defn build-map [i n m] (if (< i n) (build-map (+ i 1) n (put m i i)) m))\n' +
      '(defn sum-map [m i n acc] (if (< i n) (sum-map m (+ i 1) n (+ acc (get m i))) acc))',
    run: '(let [m (build-map 0 100000 %{})] (sum-map m 0 (count m) 0))',
    js: () => {
      const m = new Map<number, number>();
      for (let i = 0; i < 100_000; i++) m.set(i, i);
      let s = 0;
      for (let i = 0; i < m.size; i++) s += m.get(i) as number;
      return s;
    },
    nbb: {
      setup: '(defn build-map [i n m] (if (< i n) (recur (+ i 1) n (assoc m i i)) m))\n' +
        '(defn sum-map [m i n acc] (if (< i n) (recur m (+ i 1) n (+ acc (get m i))) acc))',
      run: '(let [m (build-map 0 100000 {})] (sum-map m 0 (count m) 0))',
    },
  },
];
