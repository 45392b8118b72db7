/**
 * The lona command (src/cli/, bin/lona) through the real executable, as a
 * user runs it: `-e`, the line REPL on a pipe, `run` with arguments,
 * `--help`, `--version`, `conformance` on a small corpus, and hostile
 * inputs that must end in a Lonala report, never a JS stack trace.
 *
 * Needs the build (`npm run build`, which `npm test` runs first).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { BIN, ROOT, runLona, type Result } from '../helpers/cli.js';

let dir: string;

function lona(args: string[], input = ''): Result {
  return runLona(args, dir, input);
}

/** Writes `text` to a file in the temp dir and returns its path. */
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** No output line looks like a JS stack frame, and no internal error was reported. */
function expectNoHostError(r: Result): void {
  for (const stream of [r.stdout, r.stderr]) {
    const frames = stream.split('\n').filter((l) => /^\s+at /.test(l));
    expect(frames).toEqual([]);
    expect(stream).not.toMatch(/internal error|RangeError|TypeError|Maximum call stack/);
  }
  expect(r.status === 0 || r.status === 1, `exit status ${r.status}`).toBe(true);
}

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist', 'lona.mjs')), 'dist/lona.mjs missing: run `npm run build` first').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'lona-cli-test-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('lona -e', () => {
  it('runs as an executable, through its #! line', () => {
    const r = spawnSync(BIN, ['-e', '(+ 1 2)'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('3\n');
    expect(r.status).toBe(0);
  });

  it("prints the value of (+ 1 2) and exits 0", () => {
    expect(lona(['-e', '(+ 1 2)'])).toEqual({ status: 0, stdout: '3\n', stderr: '' });
  });

  it('reports an exit reason on stderr with status 1', () => {
    const r = lona(['-e', '(/ 1 0)']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\*\* exit \[:error :division-by-zero .*\]\n$/);
  });

  it('prints only the last value of several forms, and what the program prints', () => {
    expect(lona(['-e', '(println "side") (def x 2) (* x 21)'])).toEqual({ status: 0, stdout: 'side\n42\n', stderr: '' });
  });
});

describe('hostile input never shows a JS stack trace', () => {
  const malformed = ['(+ 1', ')', '"\\q"', '#(% #(%))', '%{1}', '(def 42 1)', '(fn* [[a]] a)', '\u0001(', '#bytes[0x1ff]'];

  it('malformed source given to -e', () => {
    for (const source of malformed.slice(0, 6)) {
      const r = lona(['-e', source]);
      expectNoHostError(r);
      expect([source, r.status]).toEqual([source, 1]);
      expect(r.stderr).toMatch(/^\*\* (read-error|compile-error|exit) /);
    }
  });

  it('malformed source typed into the REPL', () => {
    const r = lona(['repl'], malformed.join('\n') + '\n(+ 40 2)\n');
    expectNoHostError(r);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\*\* read-error :invalid-escape /);
    expect(r.stdout).toMatch(/\*\* read-error :nested-anon-fn /);
    expect(r.stdout).toMatch(/\*\* compile-error :syntax-error /);
  });

  it('deep nesting: 100,000 open lists and a 2,000,000-deep tuple', () => {
    const lists = lona(['run', file('deep1.lona', `(def x '${'('.repeat(100_000)}${')'.repeat(100_000)})\n(println (count (str x)))`)]);
    expectNoHostError(lists);
    expect(lists.stdout).toBe('200000\n');
    const tuples = lona(['run', file('deep2.lona', '['.repeat(2_000_000))]);
    expectNoHostError(tuples);
    expect(tuples.status).toBe(1);
    expect(tuples.stderr).toMatch(/^\*\* read-error :/);
    const calls = lona(['run', file('deep3.lona', `${'(+ 1 '.repeat(50_000)}1${')'.repeat(50_000)}`)]);
    expectNoHostError(calls);
  });

  it('an infinite loop stops at --max-reductions', () => {
    const r = lona(['--max-reductions', '100000', '-e', '(defn spin [n] (spin (+ n 1))) (spin 0)']);
    expectNoHostError(r);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\*\* exit \[:error :reduction-limit /);
  });

  it('takes --max-reductions=N as well, and refuses a bad N either way', () => {
    const r = lona(['--max-reductions=100000', '-e', '(defn spin [n] (spin (+ n 1))) (spin 0)']);
    expect(r.stderr).toMatch(/^\*\* exit \[:error :reduction-limit %\{:limit 100000/);
    const bad = lona(['--max-reductions=lots', '-e', '1']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--max-reductions needs a positive integer');
    expect(lona(['--stack-limit=100000', '-e', '(+ 1 2)']).stdout).toBe('3\n');
  });

  it('unbounded recursion exits with :stack-overflow', () => {
    const r = lona(['-e', '(defn down [n] (+ 1 (down n))) (down 1)']);
    expectNoHostError(r);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\*\* exit \[:error :stack-overflow /);
  }, 60_000);

  it('a fork bomb stops at the process limit; the machine and the evaluator survive', () => {
    // The evaluator waits until the bomb has reached the limit, however long that takes on this host
    // (no time bound: a bomb that never gets there ends at the harness's timeout), then finds it held.
    const program = `(defn bomb [] (spawn bomb) (spawn bomb) (receive :never :x))
      (defn until-bombed [] (if (>= (count (processes)) 19000) :bombed (do (sleep 10) (until-bombed))))
      (spawn bomb)
      [(until-bombed) (do (sleep 50) (<= 19000 (count (processes)) 20000)) (+ 1 2)]`;
    const r = spawnSync(process.execPath, [BIN, '-e', program], {
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, LONA_MAX_PROCESSES: '20000' },
    });
    expect(r.stdout.trim()).toBe('[:bombed true 3]');
    expectNoHostError({ status: r.status, stdout: r.stdout, stderr: r.stderr });
  });

  it('a 1 MB string, in a file and through the REPL', () => {
    const big = 'a'.repeat(1_000_000);
    const run = lona(['run', file('big.lona', `(defn main [] (println (count "${big}")))`)]);
    expectNoHostError(run);
    expect(run).toMatchObject({ status: 0, stdout: '1000000\n' });
    const repl = lona(['repl'], `(count "${big}")\n(count (str "${big}" "${big}"))\n`);
    expectNoHostError(repl);
    expect(repl.stdout).toBe('1000000\n2000000\n');
  });
});

describe('lona repl on a pipe', () => {
  it('prints exactly one line per form: no banner, no prompt', () => {
    const r = lona(['repl'], '(+ 1 2)\n(defn f [x]\n  (* x 2))\n(f 21)\n(/ 1 0)\n(println "hi")\n');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(6);
    expect(lines.slice(0, 3)).toEqual(['3', "#'user/f", '42']);
    expect(lines[3]).toMatch(/^\*\* exit \[:error :division-by-zero .*\]$/);
    expect(lines.slice(4)).toEqual(['hi', 'nil']);
    expectNoHostError(r);
  });

  it('bounds what it prints of a huge value: length, depth and string size, with ... where cut', () => {
    const r = lona(['repl'], '(range 5000)\n(apply str (repeat 50000 "x"))\n(reduce (fn [acc _] [acc]) 0 (range 500))\n(count (range 5000))\n');
    const [list, text, nested, count] = r.stdout.split('\n');
    expect(list).toMatch(/^\(0 1 2 .* 999 \.\.\.\)$/);
    expect(text.length).toBeLessThan(10_100);
    expect(text).toMatch(/^"x+\.\.\."$/);
    expect(nested).toContain('...');
    expect(nested.length).toBeLessThan(1000);
    expect(count).toBe('5000');
    expectNoHostError(r);
  });

  it("a memory bomb at the prompt ends in :oom against the session realm's quota; the REPL goes on", () => {
    const r = spawnSync(process.execPath, [BIN, 'repl'], {
      input: '(def kept 41)\n(defn bomb [acc] (bomb (conj acc acc)))\n(bomb [1])\n(inc kept)\n(get-in (realm-info (self-realm)) [:policy :memory :max])\n',
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, LONA_MACHINE_MEMORY: '40000000' },
    });
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('    in ')).slice(2, 5)).toEqual(['** exit [:error :oom]', '42', '30000000']);
    expectNoHostError(r);
  });

  it('survives read errors and keeps definitions after an exit', () => {
    const r = lona(['repl'], '(def keep 7)\n)\n(/ 1 0)\nkeep\n(+ 1\n');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe("#'user/keep");
    expect(lines[1]).toMatch(/^\*\* read-error :unmatched-delimiter /);
    expect(lines[2]).toMatch(/^\*\* exit /);
    expect(lines[3]).toBe('7');
    expect(lines[4]).toMatch(/^\*\* read-error :unexpected-eof /);
  });

  it('reads each form of a line after the one before it ran (ns then syntax-quote)', () => {
    const r = lona(['repl'], '(ns foo) (defn x [] 1) `x\n');
    expect(r.stdout).toBe("#ns<foo>\n#'foo/x\nfoo/x\n");
  });

  it('interrupts a runaway evaluation on :repl/interrupt and keeps going', () => {
    const r = spawnSync(process.execPath, [BIN, 'repl'], {
      input: '(defn spin [] (spin))\n(spin)\n:repl/interrupt\n(+ 1 2)\n', encoding: 'utf8', timeout: 30_000, cwd: dir,
    });
    expect(r.stdout).toBe("#'user/spin\n** exit :killed\n3\n");
  });

  it('ends at the end of its input even while a process spins, saying it stopped with the session', () => {
    const r = spawnSync(process.execPath, [BIN, 'repl'], { input: '(defn spin [] (spin))\n(spawn spin)\n', encoding: 'utf8', timeout: 30_000, cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^#'user\/spin\n#pid<\d+\.\d+>\n$/);
    expect(r.stderr).toBe(';; the session ends: 1 process still alive stopped with it\n');
  });

  it('a piped evaluation that waits for a message nothing can send ends :deadlock, and the lines after it run', () => {
    const r = lona(['repl'], '(receive x x)\n(println "after")\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('** exit [:error :deadlock %{:message "the evaluation waits in receive, and no process or timer is left to wake it"}]\nafter\nnil\n');
  });

  it(':repl/quit ends the session there, the lines after it unread; with no program running it says nothing', () => {
    const r = lona(['repl'], '(+ 1 2)\n:repl/quit\n(println "never")\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('3\n');
    expect(r.stderr).toBe('');
  });

  it('keywords are values: :ok, :quit and :help evaluate as any keyword does', () => {
    const r = lona(['repl'], ':ok\n:quit\n:help\n[:repl/help]\n(+ 1 2)\n');
    expect(r.stdout).toBe(':ok\n:quit\n:help\n[:repl/help]\n3\n');
  });

  it('an evaluation that suspends its own evaluator does not leave the REPL deaf', () => {
    const r = lona(['repl'], '(suspend-process (self))\n(+ 1 2)\n(process-info (self) :status)\n');
    expect(r.stdout).toBe(':ok\n3\n:running\n');
  });
});

describe('the REPL evaluates in processes', () => {
  it('a fault ends the evaluation, not the evaluator: the same pid, its links, and every definition survive', () => {
    const r = lona(['repl'], '(def x 41)\n(def before (self))\n(def kid (spawn-link (fn [] (receive :stop :ok))))\n(/ 1 0)\n(inc x)\n(= before (self))\n(alive? kid)\n(first *e)\n');
    expect(r.stdout.split('\n').slice(0, 8)).toEqual(["#'user/x", "#'user/before", "#'user/kid", '** exit [:error :division-by-zero %{:fn lona.core//}]', '42', 'true', 'true', ':error']);
    expectNoHostError(r);
  });

  it('a fault three calls deep in lona run prints each of the user\'s frames with its file, line and column', () => {
    const path = file('deep.lona', '(defn c [x]\n  (first x))\n(defn b [x] (inc (c x)))\n(defn a [x] (inc (b x)))\n(defn main [& args]\n  (a 42))\n');
    const r = lona(['run', path]);
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      '** exit [:error :type-error %{:fn lona.core/first :expected :collection :value 42}]',
      `    in c (${path}:2:3)`,
      `    in b (${path}:3:18)`,
      `    in a (${path}:4:18)`,
    ]);
  });

  it('a crash report names the process that faulted and shows its frames', () => {
    const r = lona(['repl'], '(defn boom [x] (/ x 0))\n(defn worker [] (inc (boom 1)))\n(spawn worker)\n(sleep 50)\n');
    expect(r.stderr).toMatch(/\*\* process #pid<\d+\.\d+> crashed: \[:error :division-by-zero %\{:fn lona.core\/\/\}\]\n    in boom \(<repl>:1:16\)\n    in worker \(<repl>:1:22\)\n/);
  });

  it("a typo does not take down a supervisor started at the REPL (the README's example)", () => {
    const input = `(defn worker [] (receive :crash (/ 1 0)))
(def sup (second (supervisor-start %{:strategy :one-for-one :children {%{:id :w :start worker}}})))
(foo)
(alive? sup)
(count (supervisor-children sup))
`;
    const r = lona(['repl'], input);
    expect(r.stdout.split('\n').slice(2, 5)).toEqual(['** exit [:error :undef %{:var user/foo}]', 'true', '1']);
    expect(r.stderr).not.toMatch(/crashed/);
  });

  it('an exit signal from outside still ends the evaluator: a fresh one takes over, definitions survive', () => {
    const r = lona(['repl'], '(def x 1)\n(def before (self))\n(spawn-link (fn [] (exit :boom)))\n(sleep 50)\n(= before (self))\n(inc x)\n');
    const lines = r.stdout.split('\n');
    expect(lines).toContain('** exit :boom');
    expect(lines.slice(-3, -1)).toEqual(['false', '2']);
  });

  it('keeps its mailbox between lines, and spawned processes run while it waits', () => {
    const input = '(send (self) :hello)\n(def me (self))\n(spawn (fn [] (send me [:from-child 7])))\n(receive [:from-child n] n :after 1000 :timeout)\n(receive m m :after 0 :empty)\n';
    const r = lona(['repl'], input);
    expect(r.stdout.split('\n').slice(3, 5)).toEqual(['7', ':hello']);
  });

  it('an evaluation waiting for a message no one can send is reported, not hung (batch mode)', () => {
    const r = lona(['-e', '(receive x x)']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/deadlock/);
  });

  it('a million idle processes fit in one lona, and each can still be messaged', () => {
    const program = `(defn idle [] (receive :stop :stopped))
      (defn spawn-idle [n acc] (if (= n 0) acc (spawn-idle (- n 1) (conj acc (spawn idle)))))
      (def pids (spawn-idle 1000000 {}))
      (sleep 1)
      (def alive (count (processes)))
      (doseq [p pids] (send p :stop))
      (defn settle [tries] (if (or (= (count (processes)) 1) (= tries 0)) (count (processes)) (do (sleep 10) (settle (- tries 1)))))
      [alive (settle 500)]`;
    const r = lona(['-e', program]);
    expect(r.stdout.trim()).toBe('[1000001 1]');
    expectNoHostError(r);
  });

  it('a process that crashes unwatched is reported on stderr (as by Erlang\'s error logger)', () => {
    const r = lona(['-e', '(spawn (fn [] (/ 1 0))) (spawn (fn [] (exit :quietly))) (sleep 20) :done']);
    expect(r.stdout.trim()).toBe(':done');
    expect(r.stderr).toMatch(/^\*\* process #pid<\d+\.\d+> crashed: \[:error :division-by-zero %\{:fn lona\.core\/\/\}\]\n    in fn \(<repl>:1:15\)\n$/);
  });

  it('a runaway process beside the evaluator does not stop it (preemption)', () => {
    const r = lona(['-e', '(spawn (fn spin [] (spin))) (sleep 20) (+ 1 2)']);
    expect(r.stdout.trim()).toBe('3');
  });
});

describe('the session boot layout (std/lona/init.lona)', () => {
  it('the REPL runs in the apps realm with console, clock, random and the working directory', () => {
    const r = lona(['-e', '[(:name (realm-info (self-realm))) (keys (caps)) (realm-id? (parent-realm))]']);
    expect(r.stdout.trim()).toBe('[apps (:console :clock :random :fs) true]');
  });

  it('files are reachable inside the working directory only', () => {
    file('inside.txt', 'inside\n');
    const ok = lona(['-e', '(slurp "inside.txt")']);
    expect(ok.stdout.trim()).toBe('"inside\\n"');
    const out = lona(['-e', '(slurp "../../etc/hostname")']);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/no-capability/);
  });

  it('reads console input with read-line: typed (piped) lines at the REPL, stdin in lona run, nil at the end', () => {
    const repl = lona([], '(def name (read-line))\nAda\n(str "hello, " name)\n(read-line)\n');
    expect(repl.stdout).toBe("#'user/name\n\"hello, Ada\"\nnil\n");
    const path = file('echo.lona', '(defn echo [n] (let [l (read-line)] (if l (do (println n l) (echo (+ n 1))) (println :done n))))\n(defn main [] (echo 0))\n');
    expect(lona(['run', path], 'one\ntwo\n').stdout).toBe('0 one\n1 two\n:done 2\n');
  });

  it('a realm whose console capability lacks :read cannot read input; one granted it can', () => {
    const probe = (rights: string) => `(defn ask [to] (send to [:got (read-line)])) (def r (realm-create %{:caps %{:console (cap-derive (cap :console) ${rights})}})) (let [[p ref] (spawn-monitor-in r ask (self))] (receive [:got l] l [:DOWN _ _ why] why :after 2000 :timeout))`;
    expect(lona(['-e', probe('#{:write}')], 'secret\n').stdout.trim()).toMatch(/^\[:error :no-capability/);
    expect(lona(['-e', probe('#{:read :write}')], 'secret\n').stdout.trim()).toBe('"secret"');
  });
});

describe('lona run', () => {
  it("calls the file's main with the command-line arguments as strings", () => {
    const path = file('main.lona', '(defn main [a b] (println (str "first=" a)) (println (str "second=" b)) (println (string? a)))\n');
    expect(lona(['run', path, 'a', 'b'])).toEqual({ status: 0, stdout: 'first=a\nsecond=b\ntrue\n', stderr: '' });
  });

  it('passes any number of arguments to a variadic main, even option-like ones', () => {
    const path = file('rest.lona', '(defn main [& args] (println (count args) (first args) (last args)))\n');
    expect(lona(['run', path, 'x', '--max-reductions', 'z']).stdout).toBe('3 x z\n');
  });

  it('reports a failing main on stderr with status 1, and a missing file', () => {
    const path = file('bad.lona', '(defn main [] (/ 1 0))\n');
    const r = lona(['run', path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\*\* exit \[:error :division-by-zero /);
    const missing = lona(['run', join(dir, 'nope.lona')]);
    expect(missing.status).toBe(1);
    expectNoHostError(missing);
  });
});

describe('--help and --version', () => {
  it('--help prints the usage on stdout', () => {
    const r = lona(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage:/);
    for (const cmd of ['lona repl', "lona -e '(expr)'", 'lona run file.lona', 'lona conformance', '--max-reductions N']) {
      expect(r.stdout).toContain(cmd);
    }
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(lona(['--version'])).toEqual({ status: 0, stdout: `lona ${version}\n`, stderr: '' });
  });

  it('an unknown option is a usage error (status 2)', () => {
    const r = lona(['--no-such-option']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option --no-such-option/);
  });
});

describe('lona conformance', () => {
  it('prints pass/total per document, a TOTAL line, the untagged assertions apart and the failures', () => {
    const corpus = {
      blocks: [
        { id: 'alpha-1', doc: 'alpha.md', section: 's', blockTags: [], steps: [
          { form: '(def x 40)', expect: null, tags: [], line: 1 },
          { form: '(+ x 2)', expect: { value: '42' }, tags: [], line: 2 },
          { form: '(+ x 1)', expect: { value: '42' }, tags: [], line: 3 },
          { form: '(/ 1 0)', expect: { error: true, kind: ':division-by-zero' }, tags: [], line: 4 },
        ] },
        { id: 'beta-1', doc: 'beta.md', section: 's', blockTags: [], steps: [
          { form: '%{:a 1 :b 2}', expect: { value: '%{:b 2 :a 1}' }, tags: [], line: 1 },
          { form: '(/ 1 0)', expect: { error: true, kind: ':badarg' }, tags: [], line: 2 },
          { form: '(+ 1 1)', expect: { value: '3' }, tags: ['todo'], line: 3, todo: true },
        ] },
      ],
    };
    const r = lona(['conformance', file('corpus.json', JSON.stringify(corpus))]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^alpha\.md +2 +3 +66\.7%/m);
    expect(r.stdout).toMatch(/^beta\.md +1 +3 +33\.3% +\(0\/1\)/m);
    expect(r.stdout).toMatch(/^TOTAL +3 +6 +50\.0%/m);
    expect(r.stdout).toMatch(/^not todo-tagged +3 +5 +60\.0%/m);
    expect(r.stdout).toMatch(/alpha-1 line 3: \(\+ x 1\)\n +expected 42\n +got +41/);
    expect(r.stdout).toMatch(/beta-1 line 2: .*\(kind differs\)/s);
    expectNoHostError(r);
  });
});
