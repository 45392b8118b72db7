/**
 * `lona attach` on a terminal (a pseudo-terminal, tests/helpers/screen.ts):
 * the workstation's panes on a served machine show its processes and its
 * session; quitting detaches and the machine runs on. And the other way
 * round: a workstation is reachable by `lona attach -e`, which defines
 * what its Listener then sees.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Screen } from '../helpers/screen.js';
import { runLona } from '../helpers/cli.js';
import { NreplClient, values } from '../helpers/nrepl-client.js';
import { startServe, type Served } from '../helpers/serve.js';

let served: Served;
let screen: Screen | null = null;
let home: string;

beforeAll(async () => {
  served = await startServe();
  home = mkdtempSync(join(tmpdir(), 'lona-attach-home-'));
});
afterEach(() => { screen?.kill(); screen = null; });
afterAll(async () => {
  await served?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('lona attach on a terminal', () => {
  it('opens the workstation on the served machine: its processes in the panes, its vars in the Listener; quitting detaches', async () => {
    expect(runLona(['attach', '-e', "(do (def greeting \"from the server\") (spawn (fn [] (receive :stop :ok)) %{:name 'sworker}) :started)"], served.dir, '', served.env).stdout).toBe(':started\n');
    screen = new Screen(['attach', '--socket', served.socket], { cwd: served.dir, env: { ...served.env, HOME: home } });
    const s = screen;
    await s.waitFor('lona>');
    await s.waitFor('sworker');
    await s.enter('greeting');
    await s.waitFor('"from the server"');
    // This client's own session shows too, by its name.
    await s.waitFor(/attach-\d+/);
    // Quitting an attached workstation only detaches: it leaves at once, with no question about running processes.
    await s.press('Ctrl-D');
    expect(await s.exited()).toBe(0);
    expect(s.text()).not.toContain('Quit anyway?');
    expect(served.proc.exitCode).toBeNull();
    expect(runLona(['attach', '-e', "(alive? (whereis 'sworker))"], served.dir, '', served.env).stdout).toBe('true\n');
  });

  it('lona --nrepl: the workstation serves editors; their sessions show in its Processes pane; quitting removes .nrepl-port', async () => {
    const runtime = mkdtempSync(join(tmpdir(), 'lona-run-'));
    const dir = mkdtempSync(join(tmpdir(), 'lona-ws-'));
    screen = new Screen(['--nrepl'], { cwd: dir, env: { ...process.env, XDG_RUNTIME_DIR: runtime, HOME: home } });
    const s = screen;
    const line = await s.waitFor(/nREPL server started on port \d+ on host 127\.0\.0\.1/);
    const port = Number(/port (\d+)/.exec(line)![1]);
    expect(readFileSync(join(dir, '.nrepl-port'), 'utf8')).toBe(String(port));
    const editor = await NreplClient.connect(port);
    const session = await editor.clone();
    expect(values(await editor.request({ op: 'eval', session, code: '(def from-editor 6)' }))).toEqual(["#'user/from-editor"]);
    await s.waitFor(/nrepl-\d+/);
    await s.enter('(* 7 from-editor)');
    await s.waitFor('42');
    editor.close();
    await s.press('Ctrl-D');
    // The editor's session may still be ending: then the screen asks (a moment later, on a loaded machine).
    for (const until = Date.now() + 10_000; s.running && Date.now() < until; await new Promise((r) => setTimeout(r, 25))) {
      if (s.text().includes('Quit anyway? y/n')) { await s.press('y'); break; }
    }
    expect(await s.exited()).toBe(0);
    expect(existsSync(join(dir, '.nrepl-port'))).toBe(false);
  });

  it('reaches a workstation: attach -e defines a var its Listener then sees; the workstation removes its socket when it quits', async () => {
    const runtime = mkdtempSync(join(tmpdir(), 'lona-run-'));
    const dir = mkdtempSync(join(tmpdir(), 'lona-ws-'));
    const env = { ...process.env, XDG_RUNTIME_DIR: runtime, HOME: home };
    screen = new Screen([], { cwd: dir, env });
    const s = screen;
    await s.waitFor('lona>');
    let listed = '';
    for (let i = 0; i < 200 && !listed.includes('workstation'); i++) {
      listed = runLona(['attach', '--list'], dir, '', env).stdout;
      if (!listed.includes('workstation')) await new Promise((r) => setTimeout(r, 50));
    }
    expect(listed).toMatch(/workstation-\d+\.sock {2}workstation \d+ {2}/);
    expect(runLona(['attach', '-e', '(def from-outside 7)'], dir, '', env).stdout).toBe("#'user/from-outside\n");
    await s.enter('(* 6 from-outside)');
    await s.waitFor('42');
    await s.press('Ctrl-D');
    expect(await s.exited()).toBe(0);
    expect(readdirSync(join(runtime, 'lona'))).toEqual([]);
  });
});
