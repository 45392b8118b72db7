/**
 * The workstation's Debugger (src/tui/debugger.tsx) on a real terminal
 * (tests/helpers/screen.ts): a faulting Listener evaluation opens it with
 * the frames, the Source pane on the faulting line and the frame's
 * arguments and locals; a value copied to the Listener becomes *1; retry
 * and abort. A breakpoint stops a process and opens it with the call's
 * arguments; continue lets the process finish; a step stops in the next
 * function with its arguments. A live process chosen in Processes (D) is
 * suspended for it and resumed after; a crashed one comes from the crash log.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Screen } from '../helpers/screen.js';

let screen: Screen | null = null;
let home: string;

beforeAll(() => { home = mkdtempSync(join(tmpdir(), 'lona-debugger-')); });
afterEach(() => { screen?.kill(); screen = null; });
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function open(): Promise<Screen> {
  screen = new Screen([], { cols: 120, rows: 40, cwd: home, env: { HOME: home } });
  await screen.waitFor('lona>');
  return screen;
}

/** A row of the right-hand pane (Processes, or the Debugger in its place) starting with `text`. */
const rightRow = (text: string) => new RegExp(`││${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
const count = (text: string, part: string) => text.split(part).length - 1;
/** The key line while the Debugger has the keyboard (its own last row says its keys whether it has it or not). */
const FAULT_KEYS = 'Tab next pane  ↑↓ frame/value  Enter copy to Listener  r retry  a abort';
const STOPPED_KEYS = 'Tab next pane  ↑↓ frame/value  Enter copy  c continue  s step  k kill';

describe('the Debugger', () => {
  it('opens on a faulting evaluation: frames, the faulting line, arguments and locals; copies a value as *1; retry and abort', async () => {
    const s = await open();
    await s.enter('(defn c [x]');
    await s.waitFor('...>');
    await s.enter('  (let [y (* x 2)]');
    await s.enter('    (+ y (first x))))');
    await s.waitFor("#'user/c");
    await s.enter('(defn b [x] (inc (c x)))');
    await s.waitFor("#'user/b");
    await s.enter('(b 21)');
    const title = await s.waitFor(/┌ Debugger: 2\.\d+ \[:error :type-error/);
    // The frames are where the exit reason's own trace says.
    const trace = await s.waitFor(/in c \(<repl>:3:\d+\)[\s\S]*in b \(<repl>:1:\d+\)/);
    const [, inC, inB] = /in c \((<repl>:3:\d+)\)[\s\S]*in b \((<repl>:1:\d+)\)/.exec(trace)!;
    await s.waitFor(rightRow(`0 c  ${inC}`));
    await s.waitFor(rightRow(`1 b  ${inB}`));
    await s.waitFor(rightRow('    x = 21'));
    await s.waitFor(rightRow('    y = 42'));
    // The Source pane follows frame 0 to its line (the third of c's definition), marked.
    await s.waitFor(`┌ Source: c ${inC}`);
    await s.waitFor(/│▶3 +\(\+ y \(first x\)\)\)\)/);
    expect(s.text()).not.toMatch(/│▶[12] /);
    // The Debugger has the keyboard: its keys are on the key line.
    await s.waitFor(FAULT_KEYS);

    // Frame 1 selected: the Source pane moves to b's line.
    await s.press('Down', 'Down', 'Down');
    await s.waitFor(`┌ Source: b ${inB}`);
    await s.waitFor(/│▶1 +\(defn b \[x\] \(inc \(c x\)\)\)/);
    await s.press('Up'); // frame 0's own row
    await s.waitFor(`┌ Source: c ${inC}`);
    await s.press('Down', 'Down', 'Enter'); // its y
    await s.waitFor(/lona> ;; y of c, frame 0 of #pid<2\.\d+>[^\n]*\n│42 /);
    await s.press('Shift-Tab');
    await s.waitFor('M-. source');
    await s.enter('(list *1)');
    await s.waitFor(/^│\(42\) /m);

    // Retry: the evaluation runs again and faults again; the Debugger opens on it again.
    await s.press('Tab');
    await s.waitFor(FAULT_KEYS);
    await s.press('r');
    await s.waitFor(/\*\* exit \[:error :type-error[\s\S]*lona> \(b 21\)[^\n]*\n│\*\* exit \[:error :type-error/);
    expect(count(s.text(), '** exit [:error :type-error')).toBe(2);
    await s.waitFor(title);
    await s.waitFor(FAULT_KEYS);

    // Abort: the Debugger closes, the Processes pane is back, the Listener has the keyboard.
    await s.press('a');
    await s.waitFor('┌ Processes');
    await s.waitFor('M-. source');
    expect(s.text()).not.toContain('┌ Debugger');
    await s.enter('(+ 40 2)');
    await s.waitFor(/^│42 /m);
  });

  it('a breakpoint stops a process and shows the call\'s arguments; continue lets it finish', async () => {
    const s = await open();
    await s.enter('(defn g [n] (* n 10))');
    await s.enter('(defn f [a b] (+ a b (g a)))');
    await s.waitFor("#'user/f");
    await s.enter("(break! #'user/f)");
    await s.enter('(spawn (fn [] (println "result" (f 1 2))))');
    // It opens without taking the keyboard from the Listener, and says so there.
    await s.waitFor(/┌ Debugger: 2\.\d+ at the breakpoint of user\/f/);
    await s.waitFor(/;; stopped: #pid<2\.\d+> at user\/f \(Tab to the Debugger\)/);
    await s.waitFor(rightRow('0 user/f  <repl> (on entry)'));
    await s.waitFor(rightRow('    a = 1'));
    await s.waitFor(rightRow('    b = 2'));
    await s.waitFor('┌ Source: user/f <repl> (on entry)');
    await s.waitFor(/│▶1 +\(defn f \[a b\]/);
    expect(s.text()).toContain('M-. source');
    expect(s.text()).not.toMatch(/^│result /m);
    await s.press('Tab');
    await s.waitFor(STOPPED_KEYS);
    // Esc leaves it waiting at the breakpoint: Processes marks it, and D shows it again.
    await s.press('Escape');
    await s.waitFor(/2\.\d+ +apps +brk /);
    expect(s.text()).not.toMatch(/^│result /m);
    await s.press('D');
    await s.waitFor(/┌ Debugger: 2\.\d+ at the breakpoint of user\/f/);
    await s.waitFor(rightRow('    a = 1'));
    // An argument copied to the Listener: the breakpoint keeps them as one vector, its element is taken.
    await s.press('Down', 'Down', 'Enter');
    await s.waitFor(/lona> ;; b of user\/f, frame \d+ of #pid<2\.\d+>[^\n]*\n│\[1 2\] [^\n]*\n│lona> \(nth \*1 1\)[^\n]*\n│2 /);
    await s.press('c');
    await s.waitFor(/;; continued #pid<2\.\d+>/);
    await s.waitFor(/^│result 13 /m);
    await s.waitFor('┌ Processes');
    expect(s.text()).not.toContain('┌ Debugger');
  });

  it('b in the Source pane sets a breakpoint on the var shown, B removes it (the process waiting there goes on)', async () => {
    const s = await open();
    await s.enter('(defn h [x] (* x 3))');
    await s.waitFor("#'user/h");
    // M-. on h shows it in Source, which takes the keyboard.
    await s.press('(h 1)', '\x01', 'Right', 'Right', 'M-.');
    await s.waitFor('┌ Source: user/h');
    await s.press('b');
    await s.waitFor('breakpoint on user/h: its next caller stops');
    // Back in the Listener, (h 1) is still typed: cleared first (Ctrl-A, Ctrl-K).
    await s.press('Tab', 'Tab', 'Tab', '\x01', '\x0b');
    await s.enter('(spawn (fn [] (println "tripled" (h 5))))');
    await s.waitFor(/┌ Debugger: 2\.\d+ at the breakpoint of user\/h/);
    await s.waitFor(rightRow('    x = 5'));
    expect(s.text()).not.toMatch(/^│tripled /m);
    // Removing it (the Debugger closed, Source back on the var) lets the waiting process go on.
    await s.press('Tab');
    await s.waitFor(STOPPED_KEYS);
    await s.press('Escape');
    await s.waitFor('┌ Processes');
    await s.press('M-x');
    await s.enter('source user/h');
    // The key line says Source has the keyboard (its title was already user/h).
    await s.waitFor('b/B break/unbreak  ↑↓ scroll');
    await s.press('B');
    await s.waitFor('no breakpoint on user/h');
    await s.waitFor(/^│tripled 15 /m);
  });

  it('a step stops the process in the next function it enters, with that call\'s arguments', async () => {
    const s = await open();
    await s.enter('(defn g [n] (* n 10))');
    await s.enter('(defn f [a b] (+ a b (g a)))');
    await s.waitFor("#'user/f");
    await s.enter("(break! #'user/f)");
    await s.enter('(spawn (fn [] (println "result" (f 4 5))))');
    await s.waitFor(/┌ Debugger: 2\.\d+ at the breakpoint of user\/f/);
    await s.waitFor(rightRow('    a = 4'));
    await s.press('Tab');
    await s.waitFor(STOPPED_KEYS);
    await s.press('s');
    await s.waitFor(/┌ Debugger: 2\.\d+ stepped into g/);
    await s.waitFor(rightRow('0 g  <repl> (on entry)'));
    await s.waitFor(rightRow('    n = 4'));
    await s.waitFor(/││1 f  <repl>:1:\d+/);
    await s.waitFor('┌ Source: g <repl> (on entry)');
    await s.waitFor(/│▶1 +\(defn g \[n\]/);
    expect(s.text()).not.toMatch(/^│result /m);
    await s.press('c');
    await s.waitFor(/^│result 49 /m);
  });

  it('D in Processes suspends a live process to show where it waits, and Esc resumes it; a crashed one comes from the crash log', async () => {
    const s = await open();
    await s.enter('(defn counter [n] (receive [:add k] (counter (+ n k))))');
    await s.enter("(def counting (spawn counter [5] %{:name 'counting}))");
    await s.waitFor(/counting +apps +wait/);
    await s.press('Tab', '/');
    await s.press('counting', 'Enter');
    await s.waitFor('1 process matching "counting"');
    await s.press('D');
    await s.waitFor(/┌ Debugger: 2\.\d+ suspended to debug/);
    await s.waitFor(/││0 counter  <repl>:1:\d+/);
    await s.waitFor(rightRow('    n = 5'));
    await s.waitFor(/│▶1 +\(defn counter \[n\]/);
    await s.press('Escape');
    await s.waitFor(/counting +apps +wait/);
    await s.press('Shift-Tab');
    await s.waitFor('M-. source');
    await s.enter('(spawn (fn [] (/ 1 0)))');
    const [, pid] = /#pid<(2\.\d+)> crashed/.exec(await s.waitFor(/\*\* process #pid<2\.\d+> crashed/))!;
    await s.press('M-x');
    await s.press(`debug ${pid}`, 'Enter');
    await s.waitFor(/┌ Debugger: 2\.\d+ crashed: :division-by-zero/);
    await s.waitFor('(its values are not kept: a crash)');
  });
});
