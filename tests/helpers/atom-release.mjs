// What a realm's atoms cost it, in the built machine (dist/, as `lona`
// runs): a realm's usage while fifty atoms hold a vector each, and once
// the process that made them is gone and the host collected them (their
// charge goes back). Prints {before, held, after} as JSON. Run with
// --expose-gc by tests/os/atom-memory.test.ts.
import { lona } from './built-machine.mjs';

lona(`(def r (realm-create %{:name 'atoms :policy %{:memory %{:max 100000000}}}))
      (defn usage [] (:memory (:usage (realm-info r))))
      (defn make-atoms [to]
        (let [xs (map (fn [i] (atom (vec (range 10000)))) (range 50))]
          (send to [:made (count xs)])))`);
const before = lona('(usage)');
lona('(spawn-in r make-atoms (self)) (receive [:made n] n :after 5000 :timeout)');
const held = lona('(usage)');
let after = held;
for (let i = 0; i < 20 && after > before + 1_000_000; i++) {
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  after = lona('(usage)');
}
process.stdout.write(JSON.stringify({ before, held, after }));
