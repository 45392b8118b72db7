/**
 * What the Debugger opens on, read through the inspector (PROTOCOL.md):
 * a Listener evaluation's fault (its evaluator's `:fault-frames`), a
 * process waiting at a breakpoint or stopped by a step, or suspended for
 * the purpose (its `:backtrace`), or a crashed one from the crash log
 * (`:faults`: frames without values).
 */
import type { HostValue, Inspector } from '../inspector/index.js';
import { argNames, framesOf, namedArgs, stoppedFrames, type BreakpointHit, type Frame } from './debug-frames.js';

export type DebugKind = 'fault' | 'breakpoint' | 'step' | 'suspended' | 'crashed';

export interface DebugView {
  readonly kind: DebugKind;
  /** The printed pid: the evaluator of a fault, else the process. */
  readonly pid: string;
  /** What stopped it, for the title. */
  readonly reason: string;
  readonly frames: readonly Frame[];
  /** A fault: the Listener entry whose evaluation faulted (retry evaluates it again). */
  readonly text?: string;
  /** Suspended by the Debugger to show it: closing resumes it. */
  readonly suspendedHere?: boolean;
  /** The process's reductions when read (a step waits for them to change). */
  readonly reductions?: number;
}

/** A view, or why there is none (`running`: the process lives, neither stopped nor to be suspended). */
export type Loaded = { readonly view: DebugView } | { readonly message: string; readonly running?: boolean; readonly gone?: boolean };

/** A short pid for titles: `2.4`. */
export const shortPid = (pid: string) => pid.replace(/^#pid<(.*)>$/, '$1');

/** `Debugger: 2.4 [:error :type-error ...]`, cut to `max` characters. */
export function debugTitle(view: DebugView, max = Infinity): string {
  const title = `Debugger: ${shortPid(view.pid)} ${view.reason}`;
  return title.length <= max ? title : title.slice(0, Math.max(0, max - 1)) + '…';
}

/** A faulted evaluation's view, or null when its evaluator kept no frames (an interrupt, an exit with nothing to show). */
export async function loadFault(inspector: Inspector, evaluator: string, resultText: string, text: string): Promise<DebugView | null> {
  const r = await inspector.request({ op: 'process', pid: evaluator });
  const info = r.ok ? (r.value as Record<string, HostValue> | null) : null;
  const frames = framesOf(info?.['fault-frames']);
  if (frames.length === 0) return null;
  const reason = resultText.split('\n')[0].replace(/^\*\* exit /, '');
  return { kind: 'fault', pid: evaluator, reason, frames, text };
}

/** The processes at a breakpoint or stopped by a step, from the `:breakpoints` op. */
export async function breakpointHits(inspector: Inspector): Promise<BreakpointHit[] | string> {
  const r = await inspector.request({ op: 'breakpoints' });
  if (!r.ok) return `breakpoints: ${r.error}`;
  return (Array.isArray(r.value) ? r.value : []) as unknown as BreakpointHit[];
}

/**
 * A process's view: where it waits at a breakpoint or a step stopped it,
 * or (suspending it first when `suspend` and it runs) where it is. A
 * process gone is looked for in the crash log. A message when neither.
 * The function stopped at, just entered, has its arguments named from its
 * var's arglists (`qualify` names a step's function's var).
 */
export async function loadProcess(inspector: Inspector, pid: string, suspend: boolean, qualify = (short: string) => short): Promise<Loaded> {
  const hits = await breakpointHits(inspector);
  if (typeof hits === 'string') return { message: hits };
  const hit = hits.find((h) => h.pid === pid) ?? null;
  let info = await processInfo(inspector, pid);
  if (info === null) return loadCrash(inspector, pid);
  if (typeof info === 'string') return { message: info };
  let suspendedHere = false;
  if (hit === null && info.status !== ':suspended') {
    if (!suspend) return { message: `${pid} is not stopped (${String(info.status)})`, running: true };
    // Suspended, the service would answer nothing more (not even the resume).
    if (info.name === 'lona.inspector') return { message: `${pid} is the inspector, which the Debugger reads through: not suspended` };
    const s = await inspector.request({ op: 'suspend', pid });
    if (!s.ok) return { message: `suspend ${pid}: ${s.error}` };
    suspendedHere = true;
    info = await processInfo(inspector, pid);
    if (info === null) return loadCrash(inspector, pid);
    if (typeof info === 'string') return { message: info };
  }
  let frames = stoppedFrames(framesOf(info.backtrace), hit);
  const entered = hit?.var?.replace(/^#'/, '') ?? (hit?.fn === undefined ? undefined : qualify(hit.fn.replace(/^#fn<(.*)>$/, '$1')));
  if (entered !== undefined && frames.length > 0) frames = [await withArgNames(inspector, frames[0], entered), ...frames.slice(1)];
  const reason = hit?.var !== undefined ? `at the breakpoint of ${hit.var.replace(/^#'/, '')}`
    : hit?.fn !== undefined ? `stepped into ${hit.fn.replace(/^#fn<(.*)>$/, '$1')}` : suspendedHere ? 'suspended to debug (Esc resumes it)' : 'suspended';
  const kind = hit?.var !== undefined ? 'breakpoint' : hit?.fn !== undefined ? 'step' : 'suspended';
  const reductions = typeof info.reductions === 'number' ? info.reductions : undefined;
  return { view: { kind, pid, reason, frames, suspendedHere, reductions } };
}

/** A crashed process from the crash log (the `:faults` op: where it faulted, without values). */
export async function loadCrash(inspector: Inspector, pid: string): Promise<Loaded> {
  const r = await inspector.request({ op: 'faults' });
  if (!r.ok) return { message: `faults: ${r.error}` };
  const fault = (Array.isArray(r.value) ? r.value : []).find((f) => (f as Record<string, HostValue>).pid === pid) as Record<string, HostValue> | undefined;
  if (fault === undefined) return { message: `${pid} is gone (and not among the recent crashes)`, gone: true };
  return { view: { kind: 'crashed', pid, reason: `crashed: ${String(fault.kind)}`, frames: framesOf(fault.frames) } };
}

async function processInfo(inspector: Inspector, pid: string): Promise<Record<string, HostValue> | null | string> {
  const r = await inspector.request({ op: 'process', pid });
  if (!r.ok) return `process ${pid}: ${r.error}`;
  return r.value as Record<string, HostValue> | null;
}

/** A just entered frame (its values all arguments) with them named from the var's arglists. */
async function withArgNames(inspector: Inspector, frame: Frame, name: string): Promise<Frame> {
  if (frame.values === null || frame.values.some((v) => typeof v.ref.name === 'string' && v.ref.nth === undefined)) return frame;
  const r = await inspector.request({ op: 'source', var: name });
  const arglists = r.ok && r.value !== null && typeof r.value === 'object' && !Array.isArray(r.value) ? r.value.arglists : undefined;
  return namedArgs(frame, argNames(arglists, frame.values.length));
}
