/**
 * The Debugger's data (src/tui/debug-frames.ts, debug-load.ts,
 * frame-source.ts): frames from inspector replies as the machine sends
 * them (shapes taken from a real session: a fault's :fault-frames, a
 * breakpoint's :backtrace), host values printed short, the cursor, and
 * what the Source pane shows for a frame. The inspector here is a
 * recording stand-in; tests/tui/debugger.test.ts drives the real one.
 */
import { describe, expect, it } from 'vitest';
import {
  argNames, debugRows, definitionIndex, frameVar, framesOf, locationText, markedIndex, moveCursor, namedArgs, shortValue, stoppedFrames, TOP,
  type Frame,
} from '../../src/tui/debug-frames.js';
import { debugTitle, loadFault, loadProcess } from '../../src/tui/debug-load.js';
import { frameText } from '../../src/tui/frame-source.js';
import type { HostValue, Inspector, Reply } from '../../src/inspector/index.js';

/** `(b 21)` faulting in `c` (PROTOCOL.md :fault-frames), as the bridge sends it. */
const FAULT_FRAMES: HostValue = [
  { fn: 'c', file: null, line: 1, column: 35, args: [21], locals: [['x', 21], ['y', 42]] },
  { fn: 'b', file: null, line: 1, column: 18, args: [21], locals: [['x', 21]] },
];

/** A process waiting at the breakpoint of user/f, called as (f 1 2) from an anonymous function. */
const BREAK_BACKTRACE: HostValue = [
  { fn: 'break-wait*', file: '/lona/std/lona/core/breakpoints.lona', line: 15, column: 3, args: ["#'user/f", [1, 2]], locals: [['v', "#'user/f"], ['args', [1, 2]]] },
  { fn: 'breakpoint', file: '/lona/std/lona/core/breakpoints.lona', line: 41, column: 60, args: [[1, 2]], locals: [['args', [1, 2]]] },
  { fn: null, file: null, line: 1, column: 33, args: [], locals: {} },
];

function inspector(answers: Record<string, Reply | ((req: Record<string, unknown>) => Reply)>) {
  const requests: Record<string, unknown>[] = [];
  const stub = {
    request: async (req: Record<string, unknown>) => {
      requests.push(req);
      const a = answers[String(req.op)];
      return typeof a === 'function' ? a(req) : a ?? { ok: false, error: 'unknown-op', detail: null };
    },
  } as unknown as Inspector;
  return { stub, requests };
}
const ok = (value: unknown): Reply => ({ ok: true, value: value as HostValue });

describe('frames from replies', () => {
  it('reads a fault\'s frames: locals by name (the parameters among them), arguments by position only without names; each names itself to frame-value', () => {
    const [c, b] = framesOf(FAULT_FRAMES);
    expect(c).toMatchObject({ fn: 'c', file: null, line: 1, column: 35 });
    expect(c.values).toEqual([
      { label: 'x', value: 21, ref: { frame: 0, name: 'x' } },
      { label: 'y', value: 42, ref: { frame: 0, name: 'y' } },
    ]);
    expect(b.values?.map((v) => v.ref)).toEqual([{ frame: 1, name: 'x' }]);
    // Code whose names are not known (no locals): its arguments by position.
    expect(framesOf([{ fn: 'g', file: null, line: 1, column: 1, args: [7], locals: {} }])[0].values).toEqual([{ label: 'arg 0', value: 7, ref: { frame: 0, name: 0 } }]);
    // Empty locals come as {}; the crash log's frames carry no values at all.
    expect(framesOf(BREAK_BACKTRACE)[2].values).toEqual([]);
    expect(framesOf([{ fn: 'c', file: null, line: 1, column: 35 }])[0].values).toBeNull();
    expect(framesOf(null)).toEqual([]);
  });

  it('at a var\'s breakpoint, leaves out the breakpoint\'s own frames and puts the stopped call first with its arguments', () => {
    const frames = stoppedFrames(framesOf(BREAK_BACKTRACE), { pid: '#pid<2.9>', var: "#'user/f", args: [1, 2] });
    expect(frames.map((f) => f.fn)).toEqual(['user/f', null]);
    expect(frames[0]).toMatchObject({ file: null, line: 0 });
    // Copied through the waiting frame's `args` (frame 0 of the process), one element each.
    expect(frames[0].values).toEqual([
      { label: 'arg 0', value: 1, ref: { frame: 0, name: 'args', nth: 0 } },
      { label: 'arg 1', value: 2, ref: { frame: 0, name: 'args', nth: 1 } },
    ]);
    // A step's stop is a real frame: kept as it is.
    const stepped = framesOf([{ fn: 'g', file: null, line: 0, column: 0, args: [3], locals: {} }]);
    expect(stoppedFrames(stepped, { pid: '#pid<2.9>', fn: '#fn<g>', args: [3] })).toEqual(stepped);
  });

  it('names a just entered call\'s arguments from its arglists when one arity fits', () => {
    expect(argNames([['a', 'b']], 2)).toEqual(['a', 'b']);
    expect(argNames([['x'], ['x', 'y']], 2)).toEqual(['x', 'y']);
    expect(argNames([['x', '&', 'more']], 3)).toBeNull();
    expect(argNames([['a', 'b']], 3)).toBeNull();
    expect(argNames(null, 1)).toBeNull();
    const call = stoppedFrames(framesOf(BREAK_BACKTRACE), { pid: '#pid<2.9>', var: "#'user/f", args: [1, 2] })[0];
    expect(namedArgs(call, ['a', 'b']).values?.map((v) => `${v.label}=${String(v.value)}`)).toEqual(['a=1', 'b=2']);
    expect(namedArgs(call, null)).toBe(call);
  });

  it('says where a frame is, and which var its function is', () => {
    expect(locationText({ file: null, line: 1, column: 35 })).toBe('<repl>:1:35');
    expect(locationText({ file: '/home/u/p/lib.lona', line: 5, column: 5 }, '/home/u/p')).toBe('lib.lona:5:5');
    expect(locationText({ file: '/elsewhere/lib.lona', line: 5, column: 0 }, '/home/u/p')).toBe('/elsewhere/lib.lona:5');
    expect(locationText({ file: null, line: 0, column: 0 })).toBe('<repl> (on entry)');
    const qualify = (s: string) => `user/${s}`;
    expect(frameVar({ fn: 'c' }, qualify)).toBe('user/c');
    expect(frameVar({ fn: 'lib/boom' }, qualify)).toBe('lib/boom');
    expect(frameVar({ fn: null }, qualify)).toBeNull();
  });

  it('finds the line to mark: relative to the definition\'s start, the first for a call just entered', () => {
    expect(markedIndex(3, 1, 3)).toBe(2);
    expect(markedIndex(12, 10, 5)).toBe(2);
    expect(markedIndex(0, 1, 3)).toBe(0);
    expect(markedIndex(9, 1, 3)).toBeNull();
    expect(markedIndex(1, 1, 0)).toBeNull();
    const lines = ['(ns lib)', '', '(defn- helper [] 1)', '(defn spin [n]', '  (spin n))', '(defn spinner [] 2)'];
    expect(definitionIndex(lines, 'spin')).toBe(3);
    expect(definitionIndex(lines, 'lib/helper')).toBe(2);
    expect(definitionIndex(lines, 'spinner')).toBe(5);
    expect(definitionIndex(lines, 'nowhere')).toBeNull();
  });
});

describe('host values printed short', () => {
  it('prints as Lonala does: strings quoted, keywords and identities as given, vectors, maps, nil', () => {
    expect(shortValue(42)).toBe('42');
    expect(shortValue(null)).toBe('nil');
    expect(shortValue(true)).toBe('true');
    expect(shortValue('hi "there"\n')).toBe('"hi \\"there\\"\\n"');
    expect(shortValue(':ok')).toBe(':ok');
    expect(shortValue('#pid<2.41>')).toBe('#pid<2.41>');
    expect(shortValue("#'user/f")).toBe("#'user/f");
    expect(shortValue('#fn<g>')).toBe('#fn<g>');
    expect(shortValue([1, [2, ':x'], 'y'])).toBe('[1 [2 :x] "y"]');
    expect(shortValue({ k: 3, s: 'x', l: [1, 2] })).toBe('%{:k 3 :s "x" :l [1 2]}');
    expect(shortValue([])).toBe('[]');
  });

  it('cuts at the width with …, and stops walking a large value there', () => {
    expect(shortValue([1, 2, 3, 4, 5, 6], 8)).toBe('[1 2 3 …');
    expect(shortValue('abcdefghijkl', 6)).toBe('"abcd…');
    const huge: HostValue = Array.from({ length: 1000 }, (_, i) => Array.from({ length: 1000 }, () => i));
    const text = shortValue(huge, 40);
    expect(text).toHaveLength(40);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('the cursor and the rows', () => {
  const frames = framesOf(FAULT_FRAMES);

  it('moves through each frame and, under the selected one, its values', () => {
    const path = [TOP];
    for (let i = 0; i < 4; i++) path.push(moveCursor(path[path.length - 1], frames, 1));
    expect(path).toEqual([
      { frame: 0, value: -1 }, { frame: 0, value: 0 }, { frame: 0, value: 1 },
      { frame: 1, value: -1 }, { frame: 1, value: 0 },
    ]);
    expect(moveCursor({ frame: 1, value: 0 }, frames, 1)).toEqual({ frame: 1, value: 0 }); // the last row stays
    expect(moveCursor({ frame: 1, value: -1 }, frames, -1)).toEqual({ frame: 0, value: -1 });
    expect(moveCursor({ frame: 0, value: 0 }, frames, -1)).toEqual(TOP);
    expect(moveCursor(TOP, frames, -1)).toEqual(TOP);
  });

  it('lists the frames, the selected frame\'s values under it, the cursor\'s row marked', () => {
    const rows = debugRows(frames, { frame: 0, value: 1 }, 60);
    expect(rows.map((r) => r.text)).toEqual(['0 c  <repl>:1:35', '    x = 21', '    y = 42', '1 b  <repl>:1:18']);
    expect(rows.filter((r) => r.selected).map((r) => r.text)).toEqual(['    y = 42']);
    const other = debugRows(frames, { frame: 1, value: -1 }, 60);
    expect(other.map((r) => r.text)).toEqual(['0 c  <repl>:1:35', '1 b  <repl>:1:18', '    x = 21']);
    const crashed: Frame[] = framesOf([{ fn: null, file: null, line: 1, column: 13 }]);
    expect(debugRows(crashed, TOP, 60).map((r) => r.text)).toEqual(['0 (fn)  <repl>:1:13', '    (its values are not kept: a crash)']);
    expect(debugRows(frames, TOP, 10)[0].text).toBe('0 c  <rep…');
  });
});

describe('loading what the Debugger shows', () => {
  it('opens on a fault only when the evaluator kept its frames; the title says the reason', async () => {
    const { stub } = inspector({ process: ok({ 'fault-frames': FAULT_FRAMES }) });
    const view = await loadFault(stub, '#pid<2.4>', '** exit [:error :type-error %{:fn lona.core/first}]\n    in c (<repl>:1:35)', '(b 21)');
    expect(view).toMatchObject({ kind: 'fault', pid: '#pid<2.4>', text: '(b 21)', reason: '[:error :type-error %{:fn lona.core/first}]' });
    expect(view!.frames.map((f) => f.fn)).toEqual(['c', 'b']);
    expect(debugTitle(view!)).toBe('Debugger: 2.4 [:error :type-error %{:fn lona.core/first}]');
    expect(debugTitle(view!, 20)).toBe('Debugger: 2.4 [:err…');
    const none = inspector({ process: ok({ 'fault-frames': null }) });
    expect(await loadFault(none.stub, '#pid<2.4>', '** exit :bye', '(exit :bye)')).toBeNull();
  });

  it('shows a process at a breakpoint as it waits, its arguments named; suspends a running one first', async () => {
    const atBreak = inspector({
      breakpoints: ok([{ pid: '#pid<2.9>', var: "#'user/f", args: [1, 2] }]),
      process: ok({ status: ':waiting', reductions: 4, backtrace: BREAK_BACKTRACE }),
      source: ok({ name: 'user/f', arglists: [['a', 'b']], source: '(defn f [a b] (+ a b))', file: null, line: 1 }),
    });
    const l = await loadProcess(atBreak.stub, '#pid<2.9>', true);
    expect('view' in l && l.view).toMatchObject({ kind: 'breakpoint', reason: 'at the breakpoint of user/f', reductions: 4, suspendedHere: false });
    expect('view' in l && l.view.frames[0].values?.map((v) => v.label)).toEqual(['a', 'b']);
    expect(atBreak.requests.map((r) => r.op)).toEqual(['breakpoints', 'process', 'source']);

    let suspended = false;
    const running = inspector({
      breakpoints: ok([]),
      suspend: () => { suspended = true; return ok(':ok'); },
      process: () => ok({ status: suspended ? ':suspended' : ':running', reductions: 10, backtrace: [{ fn: 'spin', file: null, line: 1, column: 20, args: [5], locals: [['n', 5]] }] }),
    });
    const r = await loadProcess(running.stub, '#pid<2.7>', true);
    expect('view' in r && r.view).toMatchObject({ kind: 'suspended', suspendedHere: true, reason: 'suspended to debug (Esc resumes it)' });
    expect(running.requests.map((q) => q.op)).toEqual(['breakpoints', 'process', 'suspend', 'process']);
    // Not to be suspended (a step looking where it stopped): still running.
    suspended = false;
    expect(await loadProcess(running.stub, '#pid<2.7>', false)).toMatchObject({ running: true });
  });

  it('finds a process gone in the crash log, without values', async () => {
    const { stub } = inspector({
      breakpoints: ok([]), process: ok(null),
      faults: ok([{ pid: '#pid<2.8>', kind: ':division-by-zero', frames: [{ fn: null, file: null, line: 1, column: 13 }] }]),
    });
    const l = await loadProcess(stub, '#pid<2.8>', true);
    expect('view' in l && l.view).toMatchObject({ kind: 'crashed', reason: 'crashed: :division-by-zero' });
    expect('view' in l && l.view.frames[0].values).toBeNull();
    expect(await loadProcess(stub, '#pid<2.99>', true)).toMatchObject({ gone: true });
  });
});

describe('the Source pane on a frame', () => {
  it('reads a frame\'s file and marks its line', async () => {
    const { stub, requests } = inspector({});
    const t = await frameText(stub, { fn: 'boom', file: '/p/lib.lona', line: 5, column: 5, title: '' }, () => '(ns lib)\n\n(defn boom [m]\n  (let [k (:k m)]\n    (/ k 0)))\n');
    expect(t).toMatchObject({ where: '/p/lib.lona', firstLine: 1, marked: 4, file: '/p/lib.lona', line: 5 });
    expect(t.lines[t.marked!]).toBe('    (/ k 0)))');
    expect(requests).toEqual([]);
    // A function just entered: its definition's line, found in the file.
    const entered = await frameText(stub, { fn: 'boom', file: '/p/lib.lona', line: 0, column: 0, title: '' }, () => '(ns lib)\n\n(defn boom [m]\n  1)\n');
    expect(entered.marked).toBe(2);
    const unreadable = await frameText(stub, { fn: 'boom', file: '/gone.lona', line: 2, column: 1, title: '' }, () => { throw new Error('ENOENT'); });
    expect(unreadable.lines[0]).toMatch(/^cannot read \/gone\.lona: ENOENT/);
  });

  it('shows code typed at the REPL from its var\'s source, the line counted from the definition\'s start', async () => {
    const { stub, requests } = inspector({ source: ok({ name: 'user/c', source: '(defn c [x]\n  (let [y (* x 2)]\n    (+ y (first x))))', file: null, line: 1 }) });
    const t = await frameText(stub, { fn: 'user/c', file: null, line: 3, column: 10, title: '' });
    expect(t.marked).toBe(2);
    expect(t.lines[2]).toBe('    (+ y (first x))))');
    expect(requests).toEqual([{ op: 'source', var: 'user/c' }]);
    const missing = inspector({ source: { ok: false, error: 'not-found', detail: null } });
    expect((await frameText(missing.stub, { fn: 'user/loop', file: null, line: 1, column: 1, title: '' })).lines[0]).toBe('no var user/loop (a local or anonymous function)');
    expect((await frameText(stub, { fn: null, file: null, line: 1, column: 1, title: '' })).lines[0]).toMatch(/anonymous function typed at the REPL/);
  });
});
