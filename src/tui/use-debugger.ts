/**
 * When the workstation's Debugger opens and closes: on a Listener
 * evaluation that faults (taking the keyboard, as Genera's and SLIME's
 * do; closing gives it back to the Listener), on a process chosen in
 * Processes (`D`) or by the command line (`debug pid`), and on a process
 * newly stopped at a breakpoint (seen as Processes refreshes: it opens
 * without taking the keyboard, and the Listener says so). Also the frame
 * the Source pane follows.
 */
import { useRef, useState } from 'react';
import type { EvalResult, Inspector } from '../inspector/index.js';
import { frameVar, locationText, type BreakpointHit, type Frame } from './debug-frames.js';
import { loadFault, loadProcess, type DebugView } from './debug-load.js';
import type { FrameLocation } from './frame-source.js';

/** The pane the Debugger takes the place of (Processes). */
export const DEBUGGER_PANE = 1;

export interface DebuggerHost {
  inspector: Inspector;
  /** A `;; ` line in the Listener. */
  say(text: string): void;
  focus(pane: number): void;
  /** The focused pane now. */
  focused(): number;
  /** A var's qualified name from a frame's unqualified one (the session's namespace). */
  qualify(short: string): string;
  cwd: string;
}

export function useDebugger(given: DebuggerHost) {
  // The latest render's host: a refresh's callback may come from an older render.
  const latest = useRef(given);
  latest.current = given;
  const host: DebuggerHost = {
    inspector: given.inspector, cwd: given.cwd,
    say: (text) => latest.current.say(text), focus: (pane) => latest.current.focus(pane),
    focused: () => latest.current.focused(), qualify: (short) => latest.current.qualify(short),
  };
  const [view, setViewState] = useState<DebugView | null>(null);
  const [frame, setFrame] = useState<FrameLocation | null>(null);
  // Read at once by replies arriving between renders.
  const current = useRef<DebugView | null>(null);
  const setView = (v: DebugView | null) => { current.current = v; setViewState(v); };
  /** The processes at a breakpoint when Processes last looked: one not among them is newly stopped. */
  const stopped = useRef(new Set<string>());

  const open = (v: DebugView, takeFocus: boolean) => {
    setView(v);
    if (takeFocus) host.focus(DEBUGGER_PANE);
  };
  return {
    view,
    /** The frame the Source pane shows, or null. */
    frame,
    /** A Listener evaluation's result: a fault whose frames were kept opens the Debugger on it. */
    evaluated(result: EvalResult, text: string): void {
      if (result.kind !== 'exit' || result.evaluator === undefined) return;
      void loadFault(host.inspector, result.evaluator, result.text, text).then((v) => v !== null && open(v, true));
    },
    /** A process chosen to debug: a live one is suspended for it, a gone one looked for among the crashes. */
    debug(pid: string): void {
      void loadProcess(host.inspector, pid, true, host.qualify).then((l) => ('view' in l ? open(l.view, true) : host.say(`debug: ${l.message}`)));
    },
    /** The processes at a breakpoint, as Processes refreshed: the first newly stopped opens unless the Debugger is open or Processes has the keyboard. */
    hits(hits: readonly BreakpointHit[]): void {
      // The process the Debugger shows is not news (a step stopped it again).
      const fresh = hits.filter((h) => !stopped.current.has(h.pid) && h.pid !== current.current?.pid);
      stopped.current = new Set(hits.map((h) => h.pid));
      if (fresh.length === 0) return;
      const names = fresh.slice(0, 3).map((h) => `${h.pid} ${h.var !== undefined ? `at ${h.var.replace(/^#'/, '')}` : `entering ${String(h.fn).replace(/^#fn<(.*)>$/, '$1')}`}`).join(', ')
        + (fresh.length > 3 ? ` and ${fresh.length - 3} more` : '');
      if (current.current !== null || host.focused() === DEBUGGER_PANE) return host.say(`stopped: ${names} (D in Processes shows it)`);
      void loadProcess(host.inspector, fresh[0].pid, false, host.qualify).then((l) => {
        if (!('view' in l) || current.current !== null) return;
        open(l.view, false);
        host.say(`stopped: ${names} (Tab to the Debugger)`);
      });
    },
    /** Closes it: after a fault the Listener has the keyboard again; `wentOn`: the process went on (a later stop of it is new). */
    close(said?: string, wentOn = false): void {
      const was = current.current;
      setView(null);
      setFrame(null);
      if (said !== undefined) host.say(said);
      if (was === null) return;
      if (wentOn) stopped.current.delete(was.pid);
      if (was.kind === 'fault') host.focus(0);
    },
    /** The same process, stopped elsewhere (a step). */
    replace: (v: DebugView) => setView(v),
    /** The Debugger's selected frame: the Source pane follows it. */
    select(f: Frame | null): void {
      setFrame(f === null ? null : { fn: frameVar(f, host.qualify), file: f.file, line: f.line, column: f.column, title: `${f.fn ?? '(fn)'} ${locationText(f, host.cwd)}` });
    },
  };
}
