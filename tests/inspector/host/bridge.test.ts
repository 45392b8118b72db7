/**
 * The inspector service through the host bridge (src/inspector/host/bridge.ts),
 * as the TUI uses it: plain requests, plain bounded replies, commands that
 * act on the running system, and errors that never take the service down.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { System, Session } from '../../../src/os/index.js';
import { InspectorBridge } from '../../../src/inspector/host/index.js';
import type { Reply } from '../../../src/inspector/index.js';
import { captureConsole } from '../../helpers/lona.js';
import { printValue } from '../../../src/lonala/index.js';

let system: System;
let output: ReturnType<typeof captureConsole>;
let session: Session;
let bridge: InspectorBridge;

/** Evaluates Lonala in the user's session (the apps realm), returning the printed value. */
function lona(source: string): string {
  const { outcomes, failure } = session.evalTextSync(source);
  if (failure !== null) throw new Error(failure);
  const last = outcomes[outcomes.length - 1];
  return last.kind === 'value' ? printValue(last.value) : '';
}

function ok(reply: Reply): any {
  if (!reply.ok) throw new Error(`inspector error ${reply.error}: ${JSON.stringify(reply.detail)}`);
  return reply.value;
}

beforeAll(() => {
  output = captureConsole();
  system = System.boot(output);
  session = new Session(system, system.user, system.sessionRealm());
  lona(`(defn idle [] (receive :stop :stopped))
        (defn hoard [acc] (receive m (hoard (conj acc m))))
        (def sleepers (vec (map (fn [i] (spawn idle [] %{:name (symbol (str "sleeper-" i))})) (range 200))))
        (def kid (realm-create %{:name 'kid :policy %{:processes 10} :caps %{:console (cap-derive (cap :console) #{:write})}}))
        (spawn-in kid idle)`);
  bridge = new InspectorBridge(system);
});

describe('inspector queries', () => {
  it('answers its version and the ops it knows', async () => {
    const v = ok(await bridge.request({ op: 'version' }));
    expect(v.version).toBe(1);
    expect(v.ops).toEqual(expect.arrayContaining([':processes', ':process', ':realms', ':kill', ':suspend', ':trace', ':terminate-realm']));
  });

  it('pages the process table, sorted and filtered, with the columns the Processes pane shows', async () => {
    const page = ok(await bridge.request({ op: 'processes', sort: 'name', ascending: true, filter: 'sleeper-1', limit: 5 }));
    expect(page.total).toBe(111); // sleeper-1, -10..-19, -100..-199
    expect(page.rows.map((r: any) => r.name)).toEqual(['sleeper-1', 'sleeper-10', 'sleeper-100', 'sleeper-101', 'sleeper-102']);
    expect(Object.keys(page.rows[0]).sort()).toEqual(['current-fn', 'mailbox-len', 'memory', 'name', 'pid', 'priority', 'realm', 'realm-id', 'recent', 'reductions', 'status'].sort());
    expect(page.rows[0]).toMatchObject({ realm: 'apps', status: ':waiting', 'current-fn': 'idle', 'mailbox-len': 0 });
    const next = ok(await bridge.request({ op: 'processes', sort: 'name', ascending: true, filter: 'sleeper-1', limit: 5, offset: 5 }));
    expect(next.rows[0].name).toBe('sleeper-103');
  });

  it("leaves the system's own processes out unless asked, and says how many it left out", async () => {
    const page = ok(await bridge.request({ op: 'processes', limit: 1000 }));
    expect(page.hidden).toBeGreaterThanOrEqual(1); // at least the worker answering this request
    expect(page.rows.map((r: any) => r['current-fn'])).not.toContain('supervise');
    const all = ok(await bridge.request({ op: 'processes', limit: 1000, system: true }));
    expect(all.hidden).toBe(0);
    expect(all.total).toBeGreaterThan(page.total);
    expect(all.rows.map((r: any) => r['current-fn'])).toContain('supervise');
  });

  it("shows each process's memory as process-info's :heap-size, and sorts by it", async () => {
    // Each holds known data and waits: an unlimited process (root realm), limited ones never measured, one the
    // heap meter measured (a small :max-heap-size), one with a :min-heap-size above what it holds, one with mail.
    lona(`(def me (self))
          (defn hold [data] (send me :held) (receive :stop (count data)))
          (defn churn [n acc] (if (zero? n) (hold acc) (churn (dec n) (conj (pop acc) n))))`);
    const held = (name: string, spawn: string) => lona(`(def ${name} (let [p ${spawn}] (receive :held p))) ${name}`);
    const pids: [string, string][] = [
      ['mem-vector', held('mem-vector', `(spawn hold [(vec (range 10000))] %{:name 'mem-vector})`)],
      ['mem-map', held('mem-map', `(spawn hold [(into {} (map (fn [i] [i (str "v" i)]) (range 2000)))] %{:name 'mem-map})`)],
      ['mem-measured', held('mem-measured', `(spawn churn [20000 (vec (range 3000))] %{:name 'mem-measured :max-heap-size 2000000})`)],
      ['mem-roomy', held('mem-roomy', `(spawn hold [[1 2 3]] %{:name 'mem-roomy :min-heap-size 16000000})`)],
      ['mem-mail', lona(`(def mem-mail (spawn hoard [[]] %{:name 'mem-mail})) (suspend-process mem-mail) (dotimes [i 50] (send mem-mail (vec (range 100)))) mem-mail`)],
    ];
    // A process no heap limit watches: in the root realm, without a quota.
    const root = new Session(system);
    const rootLona = (source: string) => {
      const { outcomes } = root.evalTextSync(source);
      const last = outcomes[outcomes.length - 1];
      return last.kind === 'value' ? printValue(last.value) : '';
    };
    const rootPid = rootLona(`(def me (self))
      (def mem-root (spawn (fn [] (let [d (vec (range 5000))] (send me :held) (receive :stop (count d)))) [] %{:name 'mem-root}))
      (receive :held mem-root)`);
    const page = ok(await bridge.request({ op: 'processes', filter: 'mem-', sort: 'memory', limit: 20 }));
    const rows = new Map<string, number>(page.rows.map((r: any) => [r.name, r.memory]));
    const info = async (pid: string) => ok(await bridge.request({ op: 'process', pid }))['heap-size'];
    for (const [name, pid] of pids) {
      expect(rows.get(name), name).toBe(await info(pid));
      expect(rows.get(name), name).toBe(Number(lona(`(:heap-size (process-info ${name}))`)));
    }
    expect(rows.get('mem-root')).toBe(await info(rootPid));
    expect(rows.get('mem-root')).toBe(Number(rootLona('(:heap-size (process-info mem-root))')));
    expect(rows.get('mem-vector')).toBeGreaterThanOrEqual(56 + 9 * 10000); // the vector's own bytes, as heap.ts counts them
    expect(rows.get('mem-map')).toBeGreaterThanOrEqual(48 + 24 * 2000 + 2000 * 18);
    expect(rows.get('mem-roomy')).toBe(16000000);
    expect(rows.get('mem-mail')).toBeGreaterThanOrEqual(50 * (56 + 9 * 100));
    // The page reads in the order of the figures it shows; the roomy one (its :min-heap-size) first.
    const figures = page.rows.map((r: any) => r.memory);
    expect(figures).toEqual([...figures].sort((a, b) => b - a));
    expect(page.rows[0].name).toBe('mem-roomy');
    // A figure measured for one page is not shown again once the heap changed (here: more mail).
    lona('(dotimes [i 20] (send mem-mail (vec (range 100))))');
    const again = ok(await bridge.request({ op: 'processes', filter: 'mem-mail', limit: 1 })).rows[0].memory;
    expect(again).toBeGreaterThan(rows.get('mem-mail')!);
    expect(again).toBe(await info(Object.fromEntries(pids)['mem-mail']));
  });

  it('details one process: info, waiting messages (bounded), stack', async () => {
    const pid = lona('(let [p (spawn hoard [{}] %{:name \'hoarder})] (suspend-process p) (dotimes [i 30] (send p [:item i (apply str (repeat 10000 "x"))])) p)');
    const info = ok(await bridge.request({ op: 'process', pid }));
    expect(info.status).toBe(':suspended');
    expect(info['mailbox-len']).toBe(30);
    expect(info.messages).toHaveLength(20);
    expect(info.messages[0][0]).toBe(':item');
    expect(info.messages[0][2].length).toBeLessThan(4100); // a 10,000-character string, cut
    expect(info.messages[0][2].endsWith('...')).toBe(true);
    expect(info.stack).toEqual(['#fn<hoard>']);
  });

  it('shows the realm tree with budgets, usage and capabilities', async () => {
    const root = ok(await bridge.request({ op: 'realms' }));
    expect(root.name).toBe('root');
    const names = root.children.map((r: any) => r.name);
    expect(names).toEqual(['apps', 'drivers']);
    const apps = root.children[0];
    const kid = apps.children.find((r: any) => r.name === 'kid');
    expect(kid.policy.processes).toBe(10);
    expect(kid['process-count']).toBe(1);
    expect(kid.caps).toEqual([{ name: ':console', type: ':console', rights: [':write'], from: apps.id }]); // granted by its parent
    expect(root.caps[0].from).toBe(':boot');
    expect(apps.caps.map((c: any) => c.name).filter((n: string | null) => n !== null)).toEqual([':console', ':clock', ':random', ':fs']);
  });

  it("shows each realm's memory and cpu use as realm-info has them, with or without a policy", async () => {
    lona(`(def metered (realm-create %{:name 'metered :policy %{:memory %{:max 8000000} :cpu %{:max 0.5}}}))
          (def plain (realm-create %{:name 'plain}))
          (defn crunch [] (reduce + (range 200000)) (receive :stop :stopped))
          (spawn-in metered crunch) (spawn-in metered idle) (spawn-in plain idle)
          (sleep 300)`);
    const apps = ok(await bridge.request({ op: 'realms' })).children[0];
    for (const name of ['metered', 'plain', 'kid']) {
      const node = apps.children.find((r: any) => r.name === name);
      const usage = lona(`(let [u (:usage (realm-info ${name}))] [(:memory u) (:cpu u) (:processes u)])`).slice(1, -1).split(' ').map(Number);
      expect([node.usage.memory, node.usage.cpu, node.usage.processes], name).toEqual(usage);
      expect(node.usage.memory, name).toBeGreaterThan(0); // its processes, at least
    }
  });

  it('lists namespaces and vars, and gives source and disassembly', async () => {
    const nss = ok(await bridge.request({ op: 'namespaces' })).map((n: any) => n.name);
    expect(nss).toEqual(expect.arrayContaining(['lona.core', 'lona.inspector', 'user']));
    const vars = ok(await bridge.request({ op: 'vars', ns: 'user' }));
    expect(vars.find((v: any) => v.name === 'user/idle')).toMatchObject({ arglists: [[]], macro: false });
    const src = ok(await bridge.request({ op: 'source', var: 'user/idle' }));
    expect(src.source).toBe('(defn idle [] (receive :stop :stopped))');
    const rows = ok(await bridge.request({ op: 'disassemble', var: 'user/idle' }));
    expect(rows[0][1]).toBe(':RECV_START');
    lona('(defn idler [] (idle))');
    expect(ok(await bridge.request({ op: 'callers', var: 'user/idle' }))).toEqual(['user/idler']);
    expect(await bridge.request({ op: 'callers', var: 'user/nobody' })).toMatchObject({ ok: false, error: 'not-found' });
  });
});

describe('inspector commands', () => {
  it('kills, suspends and resumes, and sends exit signals', async () => {
    const pid = lona('(spawn idle)');
    expect(ok(await bridge.request({ op: 'suspend', pid }))).toBe(':ok');
    expect(ok(await bridge.request({ op: 'process', pid })).status).toBe(':suspended');
    expect(ok(await bridge.request({ op: 'resume', pid }))).toBe(':ok');
    expect(ok(await bridge.request({ op: 'exit', pid, reason: 'shutdown' }))).toBe(':ok');
    await new Promise((r) => setTimeout(r, 20));
    expect(ok(await bridge.request({ op: 'process', pid }))).toBeNull();
    lona('(def victim (spawn idle))');
    expect(ok(await bridge.request({ op: 'kill', pid: lona('victim') }))).toBe(':ok');
    expect(lona('(do (sleep 10) (alive? victim))')).toBe('false');
  });

  it('traces the messages a process receives to a chosen process', async () => {
    lona('(def spy-log (spawn hoard [{}])) (suspend-process spy-log) (def watched (spawn hoard [{}]))');
    const [spy, watched] = [lona('spy-log'), lona('watched')];
    expect(ok(await bridge.request({ op: 'trace', pid: watched, to: spy }))).toBe(':ok');
    lona('(send watched :ping)');
    expect(ok(await bridge.request({ op: 'process', pid: spy })).messages).toEqual([[':trace', watched, ':receive', ':ping']]);
    expect(ok(await bridge.request({ op: 'untrace', pid: watched }))).toBe(':ok');
    lona('(send watched :pong)');
    expect(ok(await bridge.request({ op: 'process', pid: spy }))['mailbox-len']).toBe(1);
  });

  it('traces to the console: each message the process receives printed as a line, until untraced', async () => {
    lona('(def chatty (spawn hoard [{}]))');
    const chatty = lona('chatty');
    output.clear();
    expect(ok(await bridge.request({ op: 'trace', pid: chatty, to: 'console' }))).toBe(':ok');
    lona('(send chatty [:hello 42]) (sleep 10)');
    expect(output.text()).toContain(`;; trace ${chatty} received [:hello 42]`);
    expect(ok(await bridge.request({ op: 'untrace', pid: chatty }))).toBe(':ok');
    output.clear();
    lona('(send chatty :quiet) (sleep 10)');
    expect(output.text()).toBe('');
  });

  it('lists the latest faults with the kind and the frames where they happened', async () => {
    lona('(defn halve [x] (let [twice (* 2 x)] (quot twice (- x x)))) (spawn (fn [] (inc (halve 7)))) (sleep 10)');
    const [latest] = ok(await bridge.request({ op: 'faults' }));
    expect(latest.kind).toBe(':division-by-zero');
    expect(latest.frames[0]).toMatchObject({ fn: 'halve', line: 1 });
  });

  it('sets a breakpoint, shows who waits at it with the arguments, continues it, removes it', async () => {
    lona('(defn twice [x] (* 2 x)) (def answers (spawn hoard [{}])) (suspend-process answers) (defn ask [x] (send answers (twice x)))');
    expect(ok(await bridge.request({ op: 'break', var: 'user/twice' }))).toBe("#'user/twice");
    const waiting = lona('(spawn ask [21])');
    lona('(sleep 10)');
    expect(ok(await bridge.request({ op: 'breakpoints' }))).toEqual([{ pid: waiting, var: "#'user/twice", args: [21] }]);
    expect(ok(await bridge.request({ op: 'continue', pid: waiting }))).toBe(':ok');
    lona('(sleep 10)');
    expect(ok(await bridge.request({ op: 'process', pid: lona('answers') })).messages).toEqual([42]);
    expect(ok(await bridge.request({ op: 'unbreak', var: 'user/twice' }))).toBe("#'user/twice");
    expect(ok(await bridge.request({ op: 'breakpoints' }))).toEqual([]);
    expect((await bridge.request({ op: 'break', var: 'user/no-such-fn' })).ok).toBe(false);
  });

  it('completes names as a namespace sees them: its own, referred and lona.core vars', async () => {
    lona('(def mapper-one 1)');
    const names = ok(await bridge.request({ op: 'complete', ns: 'user', prefix: 'map' }));
    expect(names).toEqual(expect.arrayContaining(['map', 'mapcat', 'mapper-one']));
    expect(names.every((n: string) => n.startsWith('map'))).toBe(true);
    expect([...names].sort()).toEqual(names);
    expect(ok(await bridge.request({ op: 'complete', ns: 'user', prefix: 'no-such-prefix-' }))).toEqual([]);
    expect((await bridge.request({ op: 'complete', ns: 'no.such.ns', prefix: 'x' })).ok).toBe(false);
  });

  it('terminates a realm', async () => {
    const id = lona('(def doomed (realm-create %{:name \'doomed})) (spawn-in doomed idle) doomed');
    expect(ok(await bridge.request({ op: 'terminate-realm', realm: id }))).toBe(':ok');
    expect(lona('(:status (realm-info doomed))')).toBe(':terminated');
  });
});

describe('inspector live-editing views', () => {
  it('serves the reload notices and the processes still running replaced code', async () => {
    system.notices.push({ file: '/x/greet.lona', ok: true, text: ';; reloaded greet.lona (ns user): changed greet (1.0 ms)', at: 1 });
    expect(ok(await bridge.request({ op: 'notices' })).at(-1)).toEqual({ file: '/x/greet.lona', ok: true, text: ';; reloaded greet.lona (ns user): changed greet (1.0 ms)', at: 1 });
    lona('(defn blocker [] (receive :go :done)) (def blocked (spawn blocker))');
    lona('(defn blocker [] (receive :go :done-anew))');
    // A def at the REPL is no reload: nothing is listed until a reload replaces code.
    expect(ok(await bridge.request({ op: 'old-code' }))).toEqual([]);
    const before = lona('(first (:stack (process-info blocked)))');
    expect(before).toBe('#fn<blocker>');
  });
});

describe('inspector errors', () => {
  it('a request that overruns its deadline is answered :timeout, and the service goes on', async () => {
    const root = new Session(system);
    root.evalTextSync("(intern 'lona.inspector 'request-ms 0)");
    try {
      expect(await bridge.request({ op: 'processes', limit: 1000 })).toMatchObject({ ok: false, error: 'timeout' });
    } finally {
      root.evalTextSync("(intern 'lona.inspector 'request-ms 2000)");
    }
    expect(ok(await bridge.request({ op: 'version' })).version).toBe(1);
  });

  it('refuses commands to a holder of a read-only inspector capability', async () => {
    const root = new Session(system);
    const { outcomes } = root.evalTextSync(`(let [ref (make-ref)]
      (send (whereis 'lona.inspector) [:inspect (cap-derive (cap :inspector) #{:read}) ref (self) %{:op :kill :pid (self)}])
      (receive [:inspect-reply r v] when (= r ref) v :after 2000 :timeout))`);
    const last = outcomes[outcomes.length - 1];
    expect(last.kind === 'value' ? printValue(last.value) : '').toBe('[:error :no-capability "commands need :write"]');
  });

  it('reports bad requests clearly and keeps serving', async () => {
    expect(await bridge.request({ op: 'frobnicate' })).toEqual({ ok: false, error: 'unknown-op', detail: ':frobnicate' });
    expect(await bridge.request({ op: 'process', pid: 'not-a-pid' })).toMatchObject({ ok: false, error: 'badarg' });
    expect(await bridge.request({ op: 'source', var: 'user/no-such-thing' })).toMatchObject({ ok: false, error: 'not-found' });
    expect(await bridge.request({ op: 'processes', sort: 'colour' })).toMatchObject({ ok: false, error: 'failed' });
    expect(ok(await bridge.request({ op: 'version' })).version).toBe(1);
  });
});

describe('the inspector when user code has spawned up to the machine\'s process limit', () => {
  it('still answers: the root\'s services keep a reserve beyond the limit', async () => {
    const full = System.boot(captureConsole());
    full.maxProcesses = 300;
    const apps = new Session(full, full.user, full.sessionRealm());
    const { outcomes } = apps.evalTextSync(`(defn idle [] (receive :stop :stopped))
      (defn fill [] (spawn idle) (fill))
      (fill)`);
    const last = outcomes[outcomes.length - 1];
    expect(last.kind === 'exit' ? printValue(last.reason) : '').toMatch(/^\[:error :system-limit/);
    const page = await new InspectorBridge(full).request({ op: 'processes', limit: 5 });
    expect(page.ok).toBe(true);
  });
});
