/**
 * `lona serve` and `lona attach` as a user runs them (README "lona serve
 * and lona attach"): the socket's mode, `attach -e` and its exit status,
 * a second client seeing what the first defined, the line REPL over a
 * pipe, detaching leaving the machine running, bad lines on the socket,
 * `--list`, and stopping (`--stop`, SIGTERM) with the socket removed. The
 * workstation over the socket is in attach-pty.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname } from 'node:path';
import { runLona } from '../helpers/cli.js';
import { startServe, type Served } from '../helpers/serve.js';

let served: Served;

beforeAll(async () => { served = await startServe(); });
afterAll(async () => { await served?.stop(); });

/** `lona attach args...` against the served machine (found through its runtime directory). */
function attach(args: string[], input = '') {
  return runLona(['attach', ...args], served.dir, input, served.env);
}

/** Sends JSON lines over the socket; the lines the machine sends back until `until` matches one. */
function overSocket(lines: string[], until: RegExp): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const got: string[] = [];
    let pending = '';
    const conn = createConnection(served.socket, () => { for (const l of lines) conn.write(l.endsWith('\n') ? l : `${l}\n`); });
    conn.on('data', (d: Buffer) => {
      pending += d.toString();
      const parts = pending.split('\n');
      pending = parts.pop()!;
      got.push(...parts);
      if (parts.some((p) => until.test(p))) {
        conn.destroy();
        resolve(got);
      }
    });
    conn.on('error', reject);
  });
}

describe('lona serve and lona attach', () => {
  it('listens on a socket of mode 0600 in a private runtime directory of mode 0700', () => {
    expect(statSync(served.socket).mode & 0o777).toBe(0o600);
    expect(statSync(served.socket).isSocket()).toBe(true);
    expect(statSync(dirname(served.socket)).mode & 0o777).toBe(0o700);
    expect(readdirSync(dirname(served.socket)).filter((f) => f.startsWith('.lona-'))).toEqual([]);
  });

  it('attach -e prints the value (status 0), or the failure on stderr (status 1) without running the forms after it', () => {
    const ok = attach(['-e', '(println "printed") (+ 40 2)']);
    expect(ok).toMatchObject({ status: 0, stdout: 'printed\n42\n' });
    const bad = attach(['-e', '(/ 1 0) (println "not reached")']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^\*\* exit \[:error :division-by-zero/);
    expect(bad.stdout).toBe('');
    const unread = attach(['-e', '(+ 1']);
    expect(unread.status).toBe(1);
    expect(unread.stderr).toMatch(/read-error/);
  });

  it('a second client sees a var the first defined; each has its own session', () => {
    expect(attach(['-e', '(def shared-thing 42)']).stdout).toBe("#'user/shared-thing\n");
    expect(attach(['-e', '(inc shared-thing)']).stdout).toBe('43\n');
    expect(attach(['-e', '(:name (process-info (self)))']).stdout).toMatch(/^attach-\d+\n$/);
  });

  it('without a terminal, attach is the line REPL: one line per form, read-line takes the next input line', () => {
    const r = attach([], '(def y 5)\n(+ y\n 1)\n(str "got " (read-line))\nthat line\n(do (spawn (fn [] (println "from a spawned process"))) (sleep 50) :slept)\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("#'user/y\n6\n\"got that line\"\nfrom a spawned process\n:slept\n");
  });

  it('detaching leaves the machine running, with what was defined', () => {
    attach([], '(def before-detach :kept)\n');
    expect(served.proc.exitCode).toBeNull();
    expect(attach(['-e', 'before-detach']).stdout).toBe(':kept\n');
  });

  it('answers a bad line with an error message and goes on; a good line after it is evaluated', async () => {
    const got = await overSocket(['this is not json', '{"t":"nonsense"}', '{"t":"eval"}', '{"t":"eval","id":1,"text":"(* 6 7)"}'], /"t":"eval-done"/);
    const messages = got.map((l) => JSON.parse(l) as { t: string; message?: string; result?: { text: string } });
    expect(messages[0]).toMatchObject({ t: 'ready', machine: { kind: 'serve', mayStop: true } });
    expect(messages.filter((m) => m.t === 'error').map((m) => m.message)).toEqual([
      'a message is one line of JSON', 'unknown message "nonsense" (PROTOCOL.md "Evaluation")', 'a malformed eval message',
    ]);
    expect(messages.find((m) => m.t === 'result')?.result?.text).toBe('42');
  });

  it('drops a line longer than the limit, with an error, and goes on', async () => {
    const long = `{"t":"eval","id":1,"text":"${'x'.repeat(17 * 1024 * 1024)}"}`;
    const got = await overSocket([long, '{"t":"eval","id":2,"text":":after"}'], /"t":"eval-done"/);
    expect(got.some((l) => /"t":"error".*dropped/.test(l))).toBe(true);
    expect(got.some((l) => /"text":":after"/.test(l))).toBe(true);
  });

  it('--list shows the running machines', () => {
    const r = attach(['--list']);
    expect(r.stdout).toContain(`${served.socket}  serve ${served.proc.pid}  ${served.dir}`);
  });

  it('--stop stops a served machine, which removes its socket', async () => {
    const other = await startServe();
    const r = runLona(['attach', '--socket', other.socket, '--stop'], other.dir, '', other.env);
    expect(r.status).toBe(0);
    expect(await other.exited).toBe(0);
    expect(existsSync(other.socket)).toBe(false);
    expect(other.stdout()).toMatch(/stopped \(a client asked\)/);
  });

  it('SIGTERM stops it and removes its socket', async () => {
    const other = await startServe();
    expect(await other.stop()).toBe(0);
    expect(existsSync(other.socket)).toBe(false);
    const r = runLona(['attach', '--socket', other.socket, '-e', '1'], other.dir, '', other.env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no machine listens at/);
  });
});
