/**
 * The Debugger view (issue 15 item 3), in the Processes pane's place while
 * open, as Genera's: the frames of a faulted Listener evaluation or of a
 * stopped process (debug-load.ts), the selected frame's arguments and
 * locals under it; the Source pane follows the selected frame. Keys: ↑↓
 * through frames and values, Enter or `v` copies a value to the Listener
 * (where it becomes `*1`), `r` retries the evaluation, `a`/Esc aborts
 * (closes); on a stopped process `c` continues, `s` steps to the next
 * function it enters, `k` kills (asking first).
 */
import { useEffect, useRef, useState } from 'react';
import { Box } from 'ink';
import { Text, rowMark } from './text.js';
import { eachKey, useKeys } from './keys.js';
import type { Inspector } from '../inspector/index.js';
import { TOP, debugRows, moveCursor, type Cursor, type Frame, type FrameValue } from './debug-frames.js';
import { loadProcess, type DebugView } from './debug-load.js';

/** Each view's keys, as its last row (and the key line) says them. */
export const DEBUGGER_KEYS: Record<DebugView['kind'], string> = {
  fault: 'Enter copy to Listener  r retry  a abort',
  breakpoint: 'Enter copy  c continue  s step  k kill  Esc close',
  step: 'Enter copy  c continue  s step  k kill  Esc close',
  suspended: 'Enter copy  c continue  s step  k kill  Esc close',
  crashed: 'Esc close',
};
/** How often a step looks for where the process stopped: at first soon, then (a process waiting for a message) less often. */
const stepPollMs = (attempt: number) => Math.min(1000, 50 * 2 ** attempt);

export interface DebuggerProps {
  width: number;
  height: number;
  focused: boolean;
  inspector: Inspector;
  view: DebugView;
  /** The working directory: files under it are shown relative to it. */
  cwd: string;
  /** The selected frame changed: the Source pane follows it. */
  select(frame: Frame | null): void;
  /** Copies a frame's value to the Listener (an evaluation of frame-value there). */
  copy(pid: string, frame: Frame, value: FrameValue): void;
  /** Evaluates the faulted text again in the Listener. */
  retry(text: string): void;
  /** Closes the Debugger; `said`, when given, is told in the Listener; `wentOn`: the process went on. */
  close(said?: string, wentOn?: boolean): void;
  /** Shows the process's new state (a step stopped it elsewhere). */
  replace(view: DebugView): void;
  /** A var's qualified name from a frame's (the session's namespace). */
  qualify(short: string): string;
  /** The y/n of kill takes every key meanwhile. */
  setCapturing(on: boolean): void;
}

export function DebuggerPane(p: DebuggerProps) {
  const { view } = p;
  // The cursor in a ref beside the state: keys of one burst (↓↓ Enter) come before a render.
  const [cursor, setCursorState] = useState<Cursor>(TOP);
  const cursorNow = useRef<Cursor>(TOP);
  const setCursor = (c: Cursor) => { cursorNow.current = c; setCursorState(c); };
  const [message, setMessage] = useState('');
  const [confirmKill, setConfirmKill] = useState(false);
  // A step under way: the reductions the process had, until it stops with others.
  const [stepping, setStepping] = useState<number | null>(null);
  const first = useRef(0);

  useEffect(() => {
    setCursor(TOP);
    setMessage('');
    setStepping(null);
    // Another view (a new fault) while asking about a kill: the question was about the one gone.
    if (confirmKill) {
      setConfirmKill(false);
      p.setCapturing(false);
    }
    first.current = 0;
  }, [view]);
  const frame = view.frames[Math.min(cursor.frame, view.frames.length - 1)] ?? null;
  useEffect(() => p.select(frame), [frame]);

  useEffect(() => {
    if (stepping === null) return;
    let live = true;
    let attempt = 0;
    const look = async () => {
      const loaded = await loadProcess(p.inspector, view.pid, false, p.qualify);
      if (!live) return;
      if (!('view' in loaded) && loaded.running !== true) return p.close(loaded.gone === true ? `${view.pid} ran to its end (it entered no other function)` : `step: ${loaded.message}`, true);
      const next = 'view' in loaded ? loaded.view : null;
      if (next !== null && (next.kind === 'crashed' || (next.kind !== 'suspended' && next.reductions !== stepping))) return p.replace(next);
      setMessage(`stepping: ${view.pid} stops at the next function it enters`);
      setTimeout(() => void look(), stepPollMs(attempt++));
    };
    void look();
    return () => { live = false; };
  }, [stepping]);

  const stopped = view.kind === 'breakpoint' || view.kind === 'step' || view.kind === 'suspended';
  /** An op on the process: its value's text (`:ok`), or null and the failure said. */
  const request = async (op: string) => {
    const r = await p.inspector.request({ op, pid: view.pid });
    if (r.ok) return String(r.value);
    setMessage(`${op}: ${r.error}`);
    return null;
  };
  const abort = async () => {
    if (view.suspendedHere) await request('resume');
    p.close();
  };

  useKeys((chunk, pressed) => eachKey(chunk, pressed, (input, key) => {
    if (confirmKill) {
      setConfirmKill(false);
      p.setCapturing(false);
      if (input === 'y' && !key.ctrl && !key.meta) void request('kill').then((r) => r !== null && p.close(`killed ${view.pid}`, true));
      else setMessage(`not killed: ${view.pid}`);
      return;
    }
    if (key.escape) return void abort();
    // Letters are commands only alone: Ctrl-K, M-z... belong to the workstation.
    if (key.ctrl || key.meta) return;
    setMessage('');
    if (key.upArrow || key.downArrow) return setCursor(moveCursor(cursorNow.current, view.frames, key.upArrow ? -1 : 1));
    if (key.return || input === 'v') {
      const at = view.frames[cursorNow.current.frame];
      const value = at?.values?.[cursorNow.current.value];
      if (at === undefined || value === undefined) return setMessage(at?.values === null ? 'a crash keeps no values' : 'choose an argument or local (↓)');
      return p.copy(view.pid, at, value);
    }
    if (input === 'a') return void abort();
    if (input === 'r') return view.text !== undefined ? p.retry(view.text) : setMessage('r retries a Listener evaluation');
    if (!stopped) return;
    if (input === 'c') {
      return void request('continue').then((r) => (r === ':ok' ? p.close(`continued ${view.pid}`, true) : r !== null && setMessage(`continue: ${r}`)));
    }
    if (input === 's') {
      const before = view.reductions ?? -1;
      return void request('step').then((r) => (r === ':ok' ? setStepping(before) : r !== null && setMessage(`step: ${r}`)));
    }
    if (input === 'k') {
      setConfirmKill(true);
      p.setCapturing(true);
    }
  }), p.focused);

  const w = p.width - 2;
  const listRows = Math.max(1, p.height - 3);
  const rows = debugRows(view.frames, cursor, w - rowMark(false).length, p.cwd);
  const at = Math.max(0, rows.findIndex((r) => r.selected));
  // The list scrolls only as far as the selection needs.
  first.current = Math.min(Math.max(first.current, at - listRows + 1), at);
  const status = confirmKill ? `kill ${view.pid}? y/n` : message || DEBUGGER_KEYS[view.kind];
  return (
    <Box flexDirection="column" width={w} height={p.height - 2}>
      {rows.slice(first.current, first.current + listRows).map((r, i) => (
        <Text key={first.current + i} wrap="truncate" bold={r.frame} inverse={p.focused && r.selected}>{rowMark(p.focused && r.selected) + r.text}</Text>
      ))}
      <Box flexGrow={1} />
      <Text color={confirmKill ? 'yellow' : 'gray'} wrap="truncate">{status}</Text>
    </Box>
  );
}
