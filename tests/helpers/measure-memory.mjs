// Measures, in the built machine (dist/, as `lona` runs), what a realm
// reports as its memory usage beside what the host really holds for it:
// prints one JSON object {case: {reported, real}}. Run with --expose-gc
// by tests/os/memory-accounting.test.ts.
import { getHeapStatistics } from 'node:v8';
import { lona } from './built-machine.mjs';

const hostBytes = () => {
  globalThis.gc();
  globalThis.gc();
  const s = getHeapStatistics();
  return s.used_heap_size + s.external_memory;
};

lona(`(defn idle [] (receive :stop :stopped))
      (defn usage [r] (:memory (:usage (realm-info r))))
      (defn down [[p r]] (receive [:DOWN r2 _ why] when (= r r2) why :after 20000 :timeout))`);

const cases = {
  processes: ['(defn spawn-many [r n] (dotimes [_ n] (spawn-in r idle)))', (r) => `(spawn-many ${r} 20000) (sleep 50)`],
  region: ["(defn make-region [] (make-shared-region 33554432 'big) (receive :stop :stopped))", (r) => `(spawn-in ${r} make-region) (sleep 50)`],
  stack: ['(defn deep [n] (if (= n 0) (receive :stop :stopped) (+ 1 (deep (dec n))))) (defn go-deep [] (deep 200000))', (r) => `(spawn-in ${r} go-deep) (sleep 200)`],
  mailbox: ['(def sink (spawn idle)) (defn flood [to] (dotimes [i 50000] (send to [:msg i (str "payload-" i)])))', (r) => `(down (spawn-monitor-in ${r} flood sink))`],
};

const out = {};
for (const [name, [prepare, build]] of Object.entries(cases)) {
  lona(`(def ${name} (realm-create %{:name '${name} :policy %{:memory %{:max 1000000000}}}))`);
  lona(prepare);
  const before = hostBytes();
  const reportedBefore = lona(`(usage ${name})`);
  lona(build(name));
  const real = hostBytes() - before;
  out[name] = { reported: lona(`(usage ${name})`) - reportedBefore, real };
}
process.stdout.write(JSON.stringify(out));
