/**
 * The workstation (src/tui) on a real terminal, driven by keystrokes and
 * checked on the rendered screen (tests/helpers/screen.ts): the four panes
 * and their titles, evaluation in the Listener, Ctrl-C, live processes and
 * realms from the inspector, source of a var, readline's editing keys,
 * zooming a pane, and quitting.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Screen } from '../helpers/screen.js';
import { bytes } from '../../src/tui/figures.js';

let screen: Screen | null = null;
let home: string;

beforeAll(() => { home = mkdtempSync(join(tmpdir(), 'lona-tui-')); });
afterEach(() => { screen?.kill(); screen = null; });
afterAll(() => rmSync(home, { recursive: true, force: true }));

function open(cols = 120, rows = 34, env: NodeJS.ProcessEnv = {}): Screen {
  screen = new Screen([], { cols, rows, cwd: home, env: { HOME: home, ...env } });
  return screen;
}

describe('the workstation', () => {
  it('opens with the four panes, titled as WORKSTATION.md titles them (CI set in the environment or not)', async () => {
    const s = open(120, 34, { CI: 'true' });
    await s.waitFor('lona>');
    const text = s.text();
    for (const title of ['┌ Listener', '┌ Processes', '┌ Source', '┌ Realms & capabilities']) expect(text).toContain(title);
    await s.waitFor(/├ apps .*\/s +\d+p/);
    expect(s.text()).toMatch(/└ drivers/);
  });

  it('evaluates in the Listener: multi-line forms, printed output, exit reasons, read-line input', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter('(map inc');
    await s.waitFor('...>');
    await s.enter('  [1 2 3])');
    await s.waitFor('(2 3 4)');
    await s.enter('(do (println "printed") (/ 1 0))');
    await s.waitFor('** exit [:error :division-by-zero');
    expect(s.text()).toContain('printed');
    await s.enter('(str "hi " (read-line))');
    await s.waitFor('the program reads a line');
    await s.enter('there');
    await s.waitFor('"hi there"');
  });

  it('pretty prints a result to the Listener\'s width, and shows a fault\'s frames', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter('%{:name "Ada Lovelace" :born 1815 :works [:notes :analytical-engine] :friends ["Babbage" "De Morgan"]}');
    // The Listener is 66 columns wide here: the map breaks between its entries, each key under the first.
    await s.waitFor(/│%\{:name "Ada Lovelace"\s*│[\s\S]*│  :born 1815/);
    await s.enter('(defn c [x] (first x))');
    await s.enter('(defn b [x] (inc (c x)))');
    await s.enter('(b 7)');
    await s.waitFor(/\*\* exit \[:error :type-error[\s\S]*in c \(<repl>:1:13\)[\s\S]*in b \(<repl>:1:18\)/);
  });

  it('Ctrl-C interrupts a runaway evaluation and the definitions survive', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter('(def kept 42)');
    await s.enter('(defn spin [] (spin))');
    await s.waitFor("#'user/spin");
    await s.enter('(spin)');
    await s.waitFor('running... Ctrl-C');
    await s.press('Ctrl-C');
    await s.waitFor('** exit :killed');
    await s.enter('(+ kept 1)');
    await s.waitFor(/^│43 /m);
  });

  it('shows live processes; Tab moves to the Processes pane, Enter details one, g shows its function source', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter('(defn napper [] (receive :wake :ok :after 60000 :bored))');
    await s.enter("(def sleepy (spawn napper [] %{:name 'sleepy}))");
    await s.enter('(defn pester [n] (send sleepy [:note n]) (sleep 100) (pester (inc n)))');
    await s.enter('(spawn pester [0])');
    await s.waitFor(/sleepy +apps +wait/, 5000);
    await s.press('Tab');
    await s.waitFor('s sort');
    await s.press('/');
    await s.press('sleepy');
    await s.press('Enter');
    await s.waitFor('matching "sleepy"');
    await s.press('Enter');
    await s.waitFor(/current-fn +#fn<napper>/);
    // The detail follows the process: its mailbox keeps growing while shown.
    const queued = Number(/mailbox-len +(\d+)/.exec(s.text())![1]);
    await s.waitFor(new RegExp(`mailbox-len +(?!${queued}\\b)\\d+`), 5000);
    await s.press('Escape');
    await s.press('g');
    await s.waitFor('┌ Source: user/napper');
    expect(s.text()).toContain('(defn napper [] (receive :wake :ok :after 60000 :bored))');
    await s.press('d');
    await s.waitFor(':RECV_START');
  });

  it('kills the selected process from the Processes pane', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter("(def victim (spawn (fn [] (receive :never :x)) [] %{:name 'victim}))");
    await s.waitFor(/victim +apps/, 5000);
    await s.press('Tab', '/');
    await s.press('victim', 'Enter');
    await s.waitFor('1 process matching "victim"');
    await s.press('(kill it, suspend it)'); // typed for the Listener, or pasted: text, not a string of commands
    await new Promise((r) => setTimeout(r, 1200));
    expect(s.text()).toMatch(/victim +apps +wait/);
    expect(s.text()).not.toContain('kill #pid');
    await s.press('k');
    await s.waitFor(/kill #pid<2\.\d+> \(victim\)\? y\/n/);
    await s.press('y');
    await s.waitFor(/killed #pid<2\.\d+>/);
    await s.press('Shift-Tab');
    await s.waitFor('M-. source');
    await s.enter('(alive? victim)');
    await s.waitFor(/^│false /m);
  });

  it('keeps the selection on its process while the table re-sorts; k asks first and n keeps the process', async () => {
    const s = open(120, 34, { TERM: 'dumb' }); // the selected row is marked with >
    await s.waitFor('lona> _');
    await s.enter("(dotimes [i 3] (spawn (fn [] (receive :stop :ok)) [] %{:name (symbol (str \"pick-\" i))}))");
    await s.waitFor(/pick-2 +apps/);
    await s.press('Tab', '/');
    await s.press('pick-', 'Enter');
    await s.waitFor('3 processes matching "pick-"');
    await s.press('S'); // by status: the waiting before the suspended, then by pid
    await s.waitFor(/ST▼ +RED /);
    await s.waitFor(/│>\d+\.\d+ +pick-0 +apps +wait/);
    // Suspending pick-0 sorts it last: the selection goes with it, not to the row now first.
    await s.press('z');
    await s.waitFor(/pick-1 +apps +wait[^\n]*\n[^\n]*pick-2 +apps +wait[^\n]*\n[^\n]*│>\d+\.\d+ +pick-0 +apps +susp/);
    expect(s.text()).not.toMatch(/│>\d+\.\d+ +pick-[12]/);
    await s.press('z');
    await s.waitFor(/│>\d+\.\d+ +pick-0 +apps +wait[^\n]*\n[^\n]*pick-1 +apps +wait/);
    await s.press('Down');
    await s.waitFor(/│>\d+\.\d+ +pick-1 /);
    await s.press('k');
    await s.waitFor(/kill #pid<2\.\d+> \(pick-1\)\? y\/n/);
    await s.press('n');
    await s.waitFor(/not killed: #pid<2\.\d+>/);
    await new Promise((r) => setTimeout(r, 1200));
    expect(s.text()).toMatch(/│>\d+\.\d+ +pick-1 +apps +wait/);
    await s.press('k');
    await s.waitFor(/kill #pid<2\.\d+> \(pick-1\)\? y\/n/);
    await s.press('y');
    await s.waitFor(/killed #pid<2\.\d+>  2 processes/);
    expect(s.text()).not.toMatch(/pick-1 +apps/);
  });

  it('shows memory as process-info and realm-info have it, and every realm\'s cpu, rounded', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter("(def roomy (spawn (fn [] (receive :stop :ok)) [] %{:name 'roomy :min-heap-size 16000000}))");
    await s.enter('(:heap-size (process-info roomy))');
    await s.waitFor(/^│16000000 /m);
    await s.enter('(defn nap [] (receive :stop :ok))');
    await s.enter("(def metered (realm-create %{:name 'metered :policy %{:memory %{:max 8000000} :cpu %{:max 0.5}}}))");
    await s.enter("(def plain (realm-create %{:name 'plain}))");
    await s.enter('(do (spawn-in metered nap) (spawn-in plain nap) (sleep 100) [:used (:memory (:usage (realm-info metered)))])');
    const used = Number(/\[:used (\d+)\]/.exec(await s.waitFor(/^│\[:used \d+\]/m))![1]);
    await s.waitFor(new RegExp(`metered .* cpu [\\d.<]+%/50% mem ${bytes(used).replace('.', '\\.')}/7\\.6M`));
    await s.waitFor(/plain .* cpu [\d.<]+% mem \d/);
    await s.press('Tab', 's', 's'); // sorted by MEM, which shows
    await s.waitFor(/MEM▼/);
    await s.waitFor(/roomy +apps +wait +\d+ +15M /);
  });

  it('printed objects are presentations: Ctrl-P selects one, Enter inspects it, m lists its commands', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter('(defn napper [] (receive :wake :ok))');
    await s.enter("(def nap (spawn napper))");
    await s.enter('nap');
    await s.waitFor(/^│#pid<2\.\d+> /m);
    await s.press('Ctrl-P');
    await s.waitFor(/pid #pid<2\.\d+>: Enter inspect/);
    await s.press('Enter');
    await s.waitFor(/current-fn +#fn<napper>/);
    await s.press('Escape', 'Shift-Tab');
    await s.waitFor('M-. source');
    await s.press('Ctrl-P', 'Ctrl-P');
    await s.waitFor(/var #'user\/nap: Enter source/);
    await s.press('m');
    await s.waitFor('s source  d doc  c callers  v value');
    await s.press('v');
    await s.waitFor(/lona> user\/nap.*\n│#pid<2\.\d+>/);
    await s.press('Ctrl-P');
    await s.waitFor(/pid #pid<2\.\d+>: Enter inspect/);
    await s.press('k');
    await s.waitFor(/;; killed #pid<2\.\d+>/);
  });

  it('traces the messages a process receives into the Listener (T in Processes)', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter("(def echo (spawn (fn loop [] (receive m (loop))) [] %{:name 'echoer}))");
    await s.waitFor(/echoer +apps/, 5000);
    await s.press('Tab', '/');
    await s.press('echoer', 'Enter');
    await s.waitFor('1 process matching "echoer"');
    await s.press('T');
    await s.waitFor(/tracing #pid<2\.\d+>/);
    await s.press('Shift-Tab');
    await s.enter('(send echo [:hello 42])');
    await s.waitFor(/;; trace #pid<2\.\d+> received \[:hello 42\]/);
  });

  it('opens the source file in $EDITOR at the line (e in Source)', async () => {
    writeFileSync(join(home, 'lib.lona'), ';; a library\n\n(defn greet [who] (str "hello " who))\n');
    const editor = join(home, 'fake-editor.sh');
    writeFileSync(editor, `#!/bin/sh\necho "$@" > ${join(home, 'edited.txt')}\n`);
    chmodSync(editor, 0o755);
    const s = open(120, 34, { EDITOR: editor, VISUAL: '' });
    await s.waitFor('lona>');
    await s.enter('(load-file "lib.lona")');
    await s.waitFor("#'user/greet");
    await s.press('(greet', 'M-.');
    await s.waitFor('┌ Source: user/greet');
    await s.waitFor(/lib\.lona:3/);
    await s.press('e');
    await s.waitFor(/│edited \//);
    expect(readFileSync(join(home, 'edited.txt'), 'utf8').trim()).toBe(`+3 ${join(home, 'lib.lona')}`);
    await s.waitFor('┌ Listener');
  });

  it("edits with readline's keys: Ctrl-A/E/F/D/K/U/W/Y, Alt-B/D", async () => {
    const CTRL = (c: string) => String.fromCharCode(c.charCodeAt(0) - 96);
    const s = open();
    await s.waitFor('lona>');
    await s.press('20 22)', CTRL('a'), '(+ ', CTRL('e'), 'Enter');
    await s.waitFor(/^│42 /m);
    // Ctrl-D deletes forward on a line with text; Ctrl-K kills to the end of the line.
    await s.press('(+ 15 5)(boom)', CTRL('a'), CTRL('f'), CTRL('f'), CTRL('f'), CTRL('d'));
    await s.waitFor('lona> (+ 5 5)(boom)');
    await s.press(CTRL('f'), CTRL('f'), CTRL('f'), CTRL('f'), CTRL('k'), 'Enter');
    await s.waitFor(/^│10 /m);
    // Ctrl-W then Ctrl-U: two kills in a row gather, and Ctrl-Y yanks them together.
    await s.press('(+ 1', ' 2)', CTRL('w'), CTRL('u'));
    await s.waitFor(/^│lona> {2}/m);
    await s.press('(* 10 ', CTRL('y'), ')');
    await s.waitFor('lona> (* 10 (+ 1 2))');
    await s.press('Enter');
    await s.waitFor(/^│30 /m);
    // Alt-B twice goes back two words; Alt-D kills the word after the cursor.
    await s.press('(str "left" "right")', '\x1bb', '\x1bb', '\x1bd', CTRL('e'), 'Enter');
    await s.waitFor(/^│"right" /m);
  });

  it('M-. shows the source of the whole symbol the cursor is in', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter('(defn greet [who] (str "hello " who))');
    await s.waitFor("#'user/greet");
    await s.press('(greet "you")', '\x01', 'Right', 'Right', 'Right', 'M-.');
    await s.waitFor('┌ Source: user/greet');
    await s.waitFor('(defn greet [who] (str "hello " who))');
    expect(s.text()).not.toContain('user/gr:');
  });

  it('M-z zooms the focused pane to the whole 80x24 screen and back; the other panes keep their state', async () => {
    const s = open(80, 24);
    await s.waitFor('lona>');
    await s.waitFor(' M-z zoom ');
    await s.press('Tab', 'p');
    await s.waitFor('PAUSED');
    await s.press('Shift-Tab');
    await s.waitFor('M-. source');
    await s.press('(apply str (repeat 70 "x"))', '\x1bz');
    await s.waitFor(/^(?=.{80}$)┌ Listener \(zoomed: M-z back\) ─+┐$/m);
    await s.waitFor(' M-z unzoom ');
    expect(s.text()).not.toContain('┌ Processes');
    await s.press('Enter');
    await s.waitFor(`│"${'x'.repeat(70)}"`);
    // Focus moves between panes zoomed.
    await s.press('Tab');
    await s.waitFor(/^┌ Processes \(zoomed: M-z back\)/m);
    await s.waitFor('PAUSED');
    await s.press('Shift-Tab');
    await s.waitFor(/^┌ Listener \(zoomed/m);
    await s.press('(+ 1', '\x1bz');
    await s.waitFor(/^(?=.{80}$)┌ Listener ─+┐┌ Processes ─+┐$/m);
    expect(s.text()).toContain('PAUSED');
    await s.waitFor('lona> (+ 1');
    await s.press(' 2)', 'Enter');
    await s.waitFor(/^│3 /m);
    // F1 fits a small screen in pages.
    await s.press('\x1bOP');
    await s.waitFor('Lona workstation keys (page 1/');
    await s.press('PageDown');
    await s.waitFor('Lona workstation keys (page 2/');
    await s.press('Escape');
    await s.waitFor(' M-z zoom ');
  });

  it('live-edits the current directory: loads its files, reloads a save, shows a broken save\'s error', async () => {
    const project = mkdtempSync(join(home, 'project-'));
    writeFileSync(join(project, 'shop.lona'), '(ns shop)\n(defn price [] 10)\n');
    screen = new Screen([], { cols: 120, rows: 34, cwd: project, env: { HOME: home } });
    const s = screen;
    await s.waitFor(/;; loaded 1 file of .*project-/);
    await s.enter('(shop/price)');
    await s.waitFor(/^│10 /m);
    writeFileSync(join(project, 'shop.lona'), '(ns shop)\n(defn price [] 12)\n');
    await s.waitFor(';; reloaded shop.lona (ns shop): changed price');
    await s.enter('(shop/price)');
    await s.waitFor(/^│12 /m);
    writeFileSync(join(project, 'shop.lona'), '(ns shop)\n(defn price [] (13)\n');
    await s.waitFor(/;; shop\.lona:2:1: unexpected-eof/);
    await s.enter('(+ 0 (shop/price))');
    await s.waitFor(/^│12 /m);
  });

  it('F1 shows every key; any key closes it and the panes keep their state', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.press('(+ 1');
    await s.press('\x1bOP');
    await s.waitFor('Lona workstation keys (any key closes)');
    // The overlay may reach the terminal in more than one write: wait for each line.
    for (const line of ['Ctrl-P / Ctrl-N', 'Ctrl-U / Ctrl-K', 'yank (insert) the last kill', 'zoom the pane', 'suspend / resume', 'trace its messages', 'open in $EDITOR at the line', 'terminate it (asks first)', 'kill pid', 'terminate-realm name', 'command line: actions by name']) {
      await s.waitFor(line, 3000);
    }
    await s.press('Escape');
    await s.waitFor('lona> (+ 1');
    await s.press(' 2)', 'Enter');
    await s.waitFor(/^│3 /m);
  });

  it('Processes keys: sort, reverse, pause, refresh rate, suspend/resume', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter("(dotimes [i 3] (spawn (fn [] (receive :stop :ok)) [] %{:name (symbol (str \"nap-\" i))}))");
    await s.waitFor(/nap-2 +apps/);
    expect(s.text()).not.toMatch(/ susp /); // idle evaluators (the REPL's, the loader's) wait, nobody suspended them
    await s.press('Tab');
    await s.waitFor('s sort');
    await s.waitFor(/processes \(\+\d+ system\)/);
    const listed = Number(/(\d+) processes \(\+/.exec(s.text())![1]);
    await s.press('a');
    await s.waitFor('(system shown)');
    expect(Number(/(\d+) processes \(system shown/.exec(s.text())![1])).toBeGreaterThan(listed);
    await s.press('a');
    await s.waitFor(/processes \(\+\d+ system\)/);
    await s.press('s');
    await s.waitFor(/RED +Q▼/);
    await s.press('S', 'S');
    await s.waitFor(/ST▼ +RED /);
    await s.press('r');
    await s.waitFor(/ST▲ +RED /);
    await s.press('p');
    await s.waitFor('PAUSED');
    await s.press('p', '+');
    await s.waitFor('every 2s');
    await s.press('-', '-');
    await s.waitFor('every 0.5s');
    await s.press('/');
    await s.press('nap-1', 'Enter');
    await s.waitFor('1 process matching "nap-1"');
    await s.press('z');
    await s.waitFor(/nap-1 +apps +susp/);
    await s.press('z');
    await s.waitFor(/nap-1 +apps +wait/);
  });

  it('Realms keys: select a child realm and terminate it (asked first)', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter("(def sandbox (realm-create %{:name 'sandbox :policy %{:cpu %{:max 0.2}}}))");
    await s.waitFor(/└ sandbox .*cpu/);
    await s.press('Shift-Tab');
    await s.waitFor('x terminate');
    await s.press('Down', 'Down');
    await s.waitFor('caps of sandbox');
    await s.press('x');
    await s.waitFor('terminate realm sandbox and everything in it? y/n');
    await s.press('y');
    await s.waitFor('terminated sandbox');
    await s.press('Tab');
    await s.enter('(:status (realm-info sandbox))');
    await s.waitFor(/^│:terminated /m);
  });

  it('a crashing process never disturbs the screen: its report goes to the Listener', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter('(spawn (fn [] (/ 1 0)))');
    await s.waitFor(/\*\* process #pid<2\.\d+> crashed: \[:error :division-by-zero/);
    // Every pane is still there (waited for: on a loaded machine the crash's line may land mid-frame).
    for (const title of ['┌ Listener', '┌ Processes', '┌ Source', '┌ Realms & capabilities']) await s.waitFor(title);
    await s.enter('(+ 40 2)');
    await s.waitFor(/^│42 /m);
  });

  it('draws no colors with NO_COLOR, and marks focus and selection with characters on TERM=dumb', async () => {
    const SETS_COLOR = /\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38|4[0-7]|48)(?:;[0-9;]*)?m/;
    const s = open(120, 34, { NO_COLOR: '1' });
    await s.waitFor('┌ Listener ◀');
    await s.enter('(+ 1 2)');
    await s.waitFor(/^│3 /m);
    expect(s.raw()).not.toMatch(SETS_COLOR);
    expect(s.raw()).toMatch(/\x1b\[7m/); // inverse video still marks the key line
    s.kill();
    const dumb = open(120, 34, { TERM: 'dumb' });
    await dumb.waitFor('┌ Listener ◀');
    await dumb.waitFor('lona> _');
    await dumb.enter("(spawn (fn [] (receive :never :x)) [] %{:name 'marked})");
    await dumb.waitFor(/marked +apps/);
    await dumb.press('Tab');
    await dumb.waitFor('┌ Processes ◀');
    await dumb.waitFor(/│>\d+\.\d+ /);
    expect(dumb.raw()).not.toMatch(/\x1b\[[0-9;]*m/);
  });

  it('works on the alternate screen and leaves it on every way out (quitting, a signal), with no stack trace', async () => {
    const ENTER = '\x1b[?1049h', LEAVE = '\x1b[?1049l';
    const s = open();
    await s.waitFor('lona>');
    expect(s.raw()).toContain(ENTER);
    await s.press('Ctrl-D');
    expect(await s.exited()).toBe(0);
    expect(s.raw().lastIndexOf(LEAVE)).toBeGreaterThan(s.raw().lastIndexOf(ENTER));
    const t = open();
    await t.waitFor('lona>');
    t.signal('SIGTERM');
    expect(await t.exited()).toBe(143);
    expect(t.raw().lastIndexOf(LEAVE)).toBeGreaterThan(t.raw().lastIndexOf(ENTER));
    expect(t.raw()).not.toMatch(/\n\s+at /);
  });

  it('says when the terminal is too small', async () => {
    const s = open(50, 12);
    await s.waitFor('The terminal is 50x12; the workstation needs at');
    await s.press('q');
    expect(await s.exited()).toBe(0);
  });

  it('reflows the panes when the terminal is resized, and says so when it gets too small', async () => {
    const s = open(120, 34);
    await s.waitFor('lona>');
    s.resize(90, 28);
    await s.waitFor(/^(?=.{90}$)┌ Listener ─+┐┌ Processes ─+┐$/m);
    s.resize(70, 20);
    await s.waitFor('The terminal is 70x20; the workstation needs at least 80x24');
    s.resize(100, 30);
    await s.waitFor(/^(?=.{100}$)┌ Source ─+┐┌ Realms & capabilities ─+┐$/m);
    await s.enter('(+ 40 2)');
    await s.waitFor(/^│42 /m);
  });

  it('runs actions by name on the command line (: outside the Listener, M-x in it), completing names', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter('(defn kick [] :kicked)');
    await s.enter('(defn kicker [] (kick))');
    await s.enter("(def napper (spawn (fn [] (receive :never :x)) [] %{:name 'napper}))");
    await s.enter('napper');
    const pid = /^│#pid<(2\.\d+)> /m.exec(await s.waitFor(/^│#pid<2\.\d+> /m))![1];
    await s.press('M-x');
    await s.waitFor('M-x ');
    await s.press('ter', 'Tab');
    await s.waitFor(/M-x terminate-realm ▏ +terminate-realm name: end a realm/);
    await s.press('Escape');
    await s.waitFor('M-x command');
    await s.press('Tab', ':');
    await s.press(`kill ${pid}`, 'Enter');
    await s.waitFor(`;; killed #pid<${pid}>`);
    await s.press(':');
    await s.press('frobnicate', 'Enter');
    await s.waitFor(';; no command frobnicate (help lists them)');
    await s.press(':');
    await s.press('callers user/kick', 'Enter');
    await s.waitFor(';; callers of user/kick: user/kicker');
    await s.press(':');
    await s.press('source user/kick', 'Enter');
    await s.waitFor('┌ Source: user/kick');
    await s.press(':');
    await s.press('listener', 'Enter');
    await s.waitFor('M-x command');
    await s.enter('(alive? napper)');
    await s.waitFor(/^│false /m);
  });

  it('asks before quitting while processes run; n keeps the session', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter("(spawn (fn [] (receive :never :x)))");
    await s.waitFor(/^│#pid<2\.\d+> /m);
    await s.press('Ctrl-D');
    await s.waitFor('1 process is running. Quit anyway? y/n');
    await s.press('n');
    await s.waitFor('M-x command');
    await s.enter('(+ 1 2)');
    await s.waitFor(/^│3 /m);
    await s.press('Tab', 'q');
    await s.waitFor('Quit anyway? y/n');
    await s.press('y');
    expect(await s.exited()).toBe(0);
  });

  it('quits on Ctrl-D with status 0 and keeps the history for the next session', async () => {
    const s = open();
    await s.waitFor('lona>');
    await s.enter('(+ 20 22)');
    await s.waitFor(/^│42 /m);
    await s.press('Ctrl-D');
    expect(await s.exited()).toBe(0);
    const again = open();
    await again.waitFor('lona>');
    await again.press('Up');
    await again.waitFor('lona> (+ 20 22)');
  });
});
