/**
 * Lona's nREPL server driven by the reference client: the nrepl library's
 * own `nrepl.core` (Debian's libnrepl-clojure, with clojure; .ci/run
 * installs both where apt-get can), running fixtures/nrepl-reference.clj
 * against a real `lona serve --nrepl`: describe, clone, eval of several
 * forms with values and output, a fault, unreadable input, load-file of a
 * good and a broken file, completions, lookup and info, interrupt, an
 * unknown op, sessions that keep their own *1, and close. Skipped, saying
 * so, only where `clojure` or the nrepl jar is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServe, type Served } from '../helpers/serve.js';

const JAR = ['/usr/share/java/nrepl.jar', '/usr/share/java/nrepl-clojure.jar'].find((p) => existsSync(p));
const CLOJURE = spawnSync('sh', ['-c', 'command -v clojure'], { encoding: 'utf8' }).stdout.trim();
const missing = CLOJURE === '' ? 'clojure is not installed' : JAR === undefined ? 'the nrepl jar (libnrepl-clojure) is not installed' : null;
if (missing !== null) console.log(`nrepl-reference.test.ts skipped: ${missing} (apt-get install libnrepl-clojure clojure)`);

let served: Served;
const results = new Map<string, string>();

describe.skipIf(missing !== null)('the reference nREPL client (nrepl.core)', () => {
  beforeAll(async () => {
    served = await startServe(['--nrepl']);
    const script = join(import.meta.dirname, 'fixtures', 'nrepl-reference.clj');
    const r = spawnSync(CLOJURE, ['-cp', JAR!, script, String(served.nreplPort)], { encoding: 'utf8', timeout: 120_000 });
    for (const line of r.stdout.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) results.set(line.slice(0, tab), line.slice(tab + 1));
    }
    if (r.status !== 0) throw new Error(`the Clojure client failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }, 150_000);

  afterAll(async () => { await served?.stop(); });

  it('describes the ops', () => {
    for (const op of ['clone', 'close', 'completions', 'eval', 'interrupt', 'load-file', 'lookup', 'ls-sessions', 'stdin']) expect(results.get('describe')).toContain(`"${op}"`);
  });

  it('evaluates several forms: values, output, ns, done', () => {
    expect(results.get('eval')).toBe('{:value ["#\'user/a" "nil" "42"], :out "hello 41\\n", :ns "user", :status #{"done"}}');
  });

  it('reports a fault with err, ex, root-ex, eval-error and done', () => {
    const fault = results.get('fault')!;
    expect(fault).toMatch(/:err "\*\* exit \[:error :division-by-zero/);
    expect(fault).toContain(':ex ":division-by-zero", :root-ex ":division-by-zero"');
    expect(fault).toMatch(/:status #\{("eval-error" "done"|"done" "eval-error")\}/);
  });

  it('answers unreadable input with an error and done', () => {
    expect(results.get('unreadable')).toMatch(/:err "\*\* read-error .*#\?.*:status #\{.*"done".*\}/);
  });

  it('loads a good file, and a broken one changes nothing', () => {
    expect(results.get('load-good')).toBe('{:value ["6"], :status #{"done"}}');
    expect(results.get('load-broken')).toMatch(/refshapes\.lona:4:1: .*division-by-zero.*nothing changed/);
    expect(results.get('after-load')).toBe('["[12 nil]"]');
  });

  it('completes and looks up', () => {
    expect(results.get('completions')).toBe('("refshapes/area")');
    expect(results.get('lookup')).toBe('{:name "refgreet", :ns "user", :arglists-str "([who])", :doc "Says hello."}');
    expect(results.get('info')).toBe('{:name "when", :ns "lona.core", :type "macro"}');
  });

  it('interrupts a runaway evaluation, and the session goes on', () => {
    expect(results.get('spinning')).toBe('"#\'user/spin"');
    expect(results.get('interrupt')).toBe('#{"done"}');
    expect(results.get('interrupted')).toMatch(/"interrupted"/);
    expect(results.get('after-interrupt')).toBe('["true"]');
  });

  it('answers an unknown op, keeps each session\'s *1, and closes a session', () => {
    expect(results.get('unknown-op')).toMatch(/"unknown-op"/);
    expect(results.get('star1')).toBe('[[":from-one"] [":from-two"]]');
    expect(results.get('close')).toMatch(/"session-closed"/);
    expect(results.get('listed-after-close')).toBe('false');
  });
});
