/**
 * The nREPL server (README "The nREPL server") of a real `lona serve
 * --nrepl`, driven by a bencode client written for the tests
 * (tests/helpers/nrepl-client.ts): describe, clone, eval of several forms
 * with values and output, a fault, unreadable input, load-file as one
 * transaction, completions, lookup and info, interrupt of a runaway
 * evaluation, stdin, unknown ops, sessions that keep their own *1, and
 * close. Hostile clients are in nrepl-hostile.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NreplClient, joined, status, values } from '../helpers/nrepl-client.js';
import { startServe, type Served } from '../helpers/serve.js';

let served: Served;
let client: NreplClient;

beforeAll(async () => {
  served = await startServe(['--nrepl']);
  client = await NreplClient.connect(served.nreplPort!);
});

afterAll(async () => {
  client?.close();
  await served?.stop();
});

describe('the nREPL server', () => {
  it('prints the standard start line and writes .nrepl-port', () => {
    expect(served.stdout()).toMatch(new RegExp(`^nREPL server started on port ${served.nreplPort} on host 127\\.0\\.0\\.1 - nrepl://127\\.0\\.0\\.1:${served.nreplPort}$`, 'm'));
    expect(readFileSync(join(served.dir, '.nrepl-port'), 'utf8').trim()).toBe(String(served.nreplPort));
  });

  it('describes its ops and versions', async () => {
    const [r] = await client.request({ op: 'describe' });
    const ops = Object.keys(r.ops as object);
    for (const op of ['clone', 'close', 'ls-sessions', 'eval', 'load-file', 'interrupt', 'stdin', 'completions', 'lookup', 'info', 'eldoc', 'complete', 'ns-list', 'macroexpand']) {
      expect(ops).toContain(op);
    }
    expect((r.versions as { nrepl: { major: number } }).nrepl.major).toBe(1);
    expect(status(r)).toEqual(['done']);
  });

  it('evaluates several forms: a value with its ns per form, output as it happens, then done', async () => {
    const session = await client.clone();
    const replies = await client.request({ op: 'eval', session, code: '(def a 41) (println "hello" a) (inc a)' });
    expect(values(replies)).toEqual(["#'user/a", 'nil', '42']);
    expect(replies.filter((r) => r.value !== undefined).every((r) => r.ns === 'user')).toBe(true);
    expect(joined(replies, 'out')).toBe('hello 41\n');
    // The output comes before the value of the form that printed it.
    const outAt = replies.findIndex((r) => r.out !== undefined);
    expect(outAt).toBeLessThan(replies.findIndex((r) => r.value === 'nil'));
    expect(status(replies[replies.length - 1])).toEqual(['done']);
    expect(replies.every((r) => r.session === session)).toBe(true);
  });

  it('answers a fault with its text in err, ex and root-ex with eval-error, and done; the forms after it still run', async () => {
    const session = await client.clone();
    const replies = await client.request({ op: 'eval', session, code: '(/ 1 0) :next' });
    expect(joined(replies, 'err')).toMatch(/^\*\* exit \[:error :division-by-zero/);
    const fault = replies.find((r) => status(r).includes('eval-error'))!;
    expect(fault.ex).toBe(':division-by-zero');
    expect(fault['root-ex']).toBe(':division-by-zero');
    expect(values(replies)).toEqual([':next']);
    expect(status(replies[replies.length - 1])).toContain('done');
  });

  it('answers input the reader cannot read (a Clojure preamble\'s #?) with an error and done', async () => {
    const session = await client.clone();
    const replies = await client.request({ op: 'eval', session, code: '#?(:clj (clojure.core/require \'clojure.main) :cljs nil)' });
    expect(joined(replies, 'err')).toMatch(/read-error/);
    expect(replies.some((r) => status(r).includes('eval-error'))).toBe(true);
    expect(status(replies[replies.length - 1])).toContain('done');
    const more = await client.request({ op: 'eval', session, code: '(+ 1 2)' });
    expect(values(more)).toEqual(['3']);
  });

  it('loads a file as one transaction: a good one defines, a broken one changes nothing and says where', async () => {
    const session = await client.clone();
    const good = await client.request({ op: 'load-file', session, file: '(ns shapes)\n(defn area [w h] (* w h))\n(area 2 3)\n', 'file-path': join(served.dir, 'shapes.lona'), 'file-name': 'shapes.lona' });
    expect(values(good)).toEqual(['6']);
    const broken = await client.request({ op: 'load-file', session, file: '(ns shapes)\n(defn area [w h] :changed)\n(defn perimeter [w h] (* 2 (+ w h)))\n(/ 1 0)\n', 'file-path': join(served.dir, 'shapes.lona') });
    expect(joined(broken, 'err')).toMatch(/shapes\.lona:4:1: .*division-by-zero.*\(nothing changed\)/);
    expect(broken.some((r) => status(r).includes('eval-error'))).toBe(true);
    const unread = await client.request({ op: 'load-file', session, file: '(ns shapes)\n(defn area [w h]\n', 'file-path': join(served.dir, 'shapes.lona') });
    expect(joined(unread, 'err')).toMatch(/shapes\.lona:2:1: unexpected-eof/);
    const after = await client.request({ op: 'eval', session, code: '[(shapes/area 2 3) (resolve \'shapes/perimeter)]' });
    expect(values(after)).toEqual(['[6 nil]']);
  });

  it('evaluates in the namespace a request names, then the session\'s own again; a missing one says so', async () => {
    const session = await client.clone();
    await client.request({ op: 'load-file', session, file: '(ns elsewhere)\n(def here :elsewhere)\n', 'file-path': join(served.dir, 'elsewhere.lona') });
    const inNs = await client.request({ op: 'eval', session, ns: 'elsewhere', code: 'here' });
    expect(inNs.find((r) => r.value !== undefined)).toMatchObject({ value: ':elsewhere', ns: 'elsewhere' });
    const back = await client.request({ op: 'eval', session, code: '(str *ns*)' });
    expect(back.find((r) => r.value !== undefined)).toMatchObject({ value: '"#ns<user>"', ns: 'user' });
    const [missing] = await client.request({ op: 'eval', session, ns: 'no.such.ns', code: '1' });
    expect(status(missing)).toEqual(['error', 'namespace-not-found', 'done']);
  });

  it('completes names, and looks symbols up (lookup, info, eldoc)', async () => {
    const session = await client.clone();
    await client.request({ op: 'eval', session, code: '(defn greet "Says hello." [who] (str "hello " who))' });
    const [c] = await client.request({ op: 'completions', session, prefix: 'gre', ns: 'user' });
    expect(c.completions).toContainEqual({ candidate: 'greet', ns: 'user', type: 'function' });
    const [cc] = await client.request({ op: 'complete', session, prefix: 'lona.core/map', ns: 'user' });
    expect((cc.completions as { candidate: string }[]).map((x) => x.candidate)).toContain('lona.core/map');
    const [l] = await client.request({ op: 'lookup', session, sym: 'greet', ns: 'user' });
    expect(l.info).toMatchObject({ name: 'greet', ns: 'user', doc: 'Says hello.', 'arglists-str': '([who])' });
    const [i] = await client.request({ op: 'info', session, sym: 'when', ns: 'user' });
    expect(i).toMatchObject({ name: 'when', ns: 'lona.core', type: 'macro' });
    expect(i.file).toMatch(/macros\.lona$/);
    await client.request({ op: 'eval', session, code: '(defn shout ([s] s) ([s n & more] s))' });
    const [e] = await client.request({ op: 'eldoc', session, sym: 'shout', ns: 'user' });
    expect(e).toMatchObject({ eldoc: [['s'], ['s', 'n', '&', 'more']], name: 'shout', ns: 'user', type: 'function' });
    const [none] = await client.request({ op: 'info', session, sym: 'no-such-thing', ns: 'user' });
    expect(status(none)).toEqual(['done', 'no-info']);
    const [n] = await client.request({ op: 'ns-list', session });
    expect(n['ns-list']).toContain('lona.core');
    const [m] = await client.request({ op: 'macroexpand', session, code: '(when a b)', expander: 'macroexpand-1', ns: 'user' });
    expect(m.expansion).toBe('(lona.core/if a (do b))');
  });

  it('interrupts a runaway evaluation through the scheduler; the session goes on', async () => {
    const session = await client.clone();
    const id = client.send({ op: 'eval', session, code: '(defn spin [] (spin)) (spin) :never' });
    await client.until(() => client.replies.some((r) => r.id === id && r.value === "#'user/spin"));
    const [ack] = await client.request({ op: 'interrupt', session, 'interrupt-id': id });
    expect(status(ack)).toEqual(['done']);
    const replies = await client.repliesTo(id);
    expect(status(replies[replies.length - 1])).toEqual(['interrupted', 'done']);
    expect(values(replies)).toEqual(["#'user/spin"]);
    expect(values(await client.request({ op: 'eval', session, code: '(fn? spin)' }))).toEqual(['true']);
    const [idle] = await client.request({ op: 'interrupt', session });
    expect(status(idle)).toEqual(['session-idle', 'done']);
  });

  it('asks for input when a program reads a line, and gives it stdin', async () => {
    const session = await client.clone();
    const id = client.send({ op: 'eval', session, code: '(str "got " (read-line))' });
    await client.until(() => client.replies.some((r) => r.id === id && status(r).includes('need-input')));
    await client.request({ op: 'stdin', session, stdin: 'some text\n' });
    expect(values(await client.repliesTo(id))).toEqual(['"got some text"']);
  });

  it('answers an unknown op with unknown-op and done', async () => {
    const [r] = await client.request({ op: 'no-such-op' });
    expect(status(r)).toEqual(['error', 'unknown-op', 'done']);
  });

  it('keeps each session\'s *1, and what its processes print, to itself', async () => {
    const [a, b] = [await client.clone(), await client.clone()];
    await client.request({ op: 'eval', session: a, code: ':from-a' });
    await client.request({ op: 'eval', session: b, code: ':from-b' });
    expect(values(await client.request({ op: 'eval', session: a, code: '*1' }))).toEqual([':from-a']);
    expect(values(await client.request({ op: 'eval', session: b, code: '*1' }))).toEqual([':from-b']);
    const id = client.send({ op: 'eval', session: a, code: '(spawn (fn [] (sleep 20) (println "from a\'s process")))' });
    await client.until(() => client.replies.some((r) => r.id === id && r.out === "from a's process\n"));
    expect(client.replies.filter((r) => r.session === b && r.out !== undefined)).toEqual([]);
  });

  it('names each session\'s evaluator, and close ends it and nothing else', async () => {
    const session = await client.clone();
    const [name] = values(await client.request({ op: 'eval', session, code: '(:name (process-info (self)))' }));
    expect(name).toMatch(/^nrepl-\d+$/);
    const other = await client.clone();
    await client.request({ op: 'eval', session, code: `(def survivor (spawn (fn [] (receive :stop :stopped))))` });
    const [closed] = await client.request({ op: 'close', session });
    expect(status(closed)).toEqual(['done', 'session-closed']);
    const [listed] = await client.request({ op: 'ls-sessions' });
    expect(listed.sessions).not.toContain(session);
    expect(listed.sessions).toContain(other);
    expect(values(await client.request({ op: 'eval', session: other, code: `[(whereis '${name}) (alive? survivor)]` }))).toEqual(['[nil true]']);
    const [gone] = await client.request({ op: 'eval', session, code: '1' });
    expect(status(gone)).toEqual(['error', 'unknown-session', 'done']);
  });

  it('removes .nrepl-port when the machine stops', async () => {
    const s = await startServe(['--nrepl']);
    expect(existsSync(join(s.dir, '.nrepl-port'))).toBe(true);
    expect(await s.stop()).toBe(0);
    expect(existsSync(join(s.dir, '.nrepl-port'))).toBe(false);
  });
});
