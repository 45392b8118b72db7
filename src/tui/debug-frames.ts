/**
 * The Debugger's frames as pure data: the frames of an inspector reply
 * (`:fault-frames`, `:backtrace`, the crash log's; PROTOCOL.md) with their
 * arguments and locals, a breakpoint's own machinery left out, host values
 * printed short for a row, and the Debugger's cursor over frames and the
 * selected frame's values.
 */
import type { HostValue } from '../inspector/index.js';

/** What names a value to `frame-value`: the frame's index in the process's frames, a local's name or an argument's position. */
export interface ValueRef {
  readonly frame: number;
  readonly name: string | number;
  /** The value is this element of the one named (a breakpoint's arguments, kept as one vector). */
  readonly nth?: number;
}

/** An argument or local of a frame. */
export interface FrameValue {
  /** `arg 0`, or the local's name. */
  readonly label: string;
  readonly value: HostValue;
  readonly ref: ValueRef;
}

export interface Frame {
  /** The function as the frame names it (`c`, `user/f` for a breakpoint's), null when anonymous. */
  readonly fn: string | null;
  /** Null for code typed at the REPL. */
  readonly file: string | null;
  /** 0: not known (a function just entered). */
  readonly line: number;
  readonly column: number;
  /** Null when the frame's values are not known (the crash log keeps none). */
  readonly values: readonly FrameValue[] | null;
}

/** A process waiting at a breakpoint, or stopped by a step (the `:breakpoints` op's rows). */
export interface BreakpointHit {
  readonly pid: string;
  /** `#'user/f` for a var's breakpoint. */
  readonly var?: string;
  /** `#fn<g>` for a step's stop. */
  readonly fn?: string;
  readonly args: HostValue;
}

/** Frames as a reply has them: `%{:fn :file :line :column :args :locals}`, innermost first; the frame-value index is each one's position. */
export function framesOf(reply: HostValue | undefined): Frame[] {
  if (!Array.isArray(reply)) return [];
  return reply.map((raw, index) => {
    const f = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, HostValue>;
    const hasValues = 'args' in f || 'locals' in f;
    const args = Array.isArray(f.args) ? f.args : [];
    // Locals: a map with symbol keys, as host data an array of [name, value] pairs ({} when empty).
    const locals = Array.isArray(f.locals) ? f.locals.filter((p): p is HostValue[] => Array.isArray(p) && p.length === 2) : [];
    // Named locals include the parameters: positional arguments are shown only for code without names.
    const values: FrameValue[] = locals.length > 0
      ? locals.map(([name, value]) => ({ label: String(name), value, ref: { frame: index, name: String(name) } }))
      : args.map((value, i) => ({ label: `arg ${i}`, value, ref: { frame: index, name: i } }));
    return {
      fn: typeof f.fn === 'string' ? f.fn : null,
      file: typeof f.file === 'string' ? f.file : null,
      line: typeof f.line === 'number' ? f.line : 0,
      column: typeof f.column === 'number' ? f.column : 0,
      values: hasValues ? values : null,
    };
  });
}

/** The file of the breakpoint machinery (std/lona/core/breakpoints.lona): a process at a breakpoint waits in it. */
const MACHINERY = /(^|\/)lona\/core\/breakpoints\.lona$/;

/**
 * A stopped process's frames as the Debugger shows them. At a var's
 * breakpoint the process waits in the breakpoint's own functions, before
 * the broken function's frame exists: those are left out, and the call
 * stopped at comes first, with the arguments it was called with (copied
 * through the waiting frame's `args`). A step's stop is a real frame.
 */
export function stoppedFrames(frames: readonly Frame[], hit: BreakpointHit | null): Frame[] {
  if (hit?.var === undefined) return [...frames];
  const waiting = frames.findIndex((f) => f.fn === 'break-wait*' && f.file !== null && MACHINERY.test(f.file));
  const args = Array.isArray(hit.args) ? hit.args : [];
  const call: Frame = {
    fn: hit.var.replace(/^#'/, ''), file: null, line: 0, column: 0,
    values: args.map((value, i) => ({ label: `arg ${i}`, value, ref: { frame: waiting, name: 'args', nth: i } })),
  };
  return [call, ...frames.filter((f) => f.file === null || !MACHINERY.test(f.file))];
}

/**
 * The names of `count` arguments from a var's arglists (`[["a" "b"]]` as
 * host data): those of the one arity taking exactly that many without a
 * rest argument, or null.
 */
export function argNames(arglists: HostValue | undefined, count: number): string[] | null {
  if (!Array.isArray(arglists)) return null;
  const fits = arglists.filter((a): a is string[] => Array.isArray(a) && a.length === count && a.every((n) => typeof n === 'string' && n !== '&'));
  return fits.length === 1 ? fits[0] : null;
}

/** A frame whose arguments are labelled with their names (`a = 1` for `arg 0 = 1`). */
export function namedArgs(frame: Frame, names: readonly string[] | null): Frame {
  if (names === null || frame.values === null) return frame;
  return { ...frame, values: frame.values.map((v) => (typeof v.ref.name === 'number' || v.ref.nth !== undefined ? { ...v, label: names[v.ref.nth ?? (v.ref.name as number)] ?? v.label } : v)) };
}

/** Where a frame is: `<repl>:1:35`, `lib.lona:5:5` (relative to `cwd` when under it), or the file `(on entry)` for a function just entered. */
export function locationText(frame: Pick<Frame, 'file' | 'line' | 'column'>, cwd = ''): string {
  const file = frame.file === null ? '<repl>' : cwd !== '' && frame.file.startsWith(cwd + '/') ? frame.file.slice(cwd.length + 1) : frame.file;
  if (frame.line <= 0) return `${file} (on entry)`;
  return frame.column > 0 ? `${file}:${frame.line}:${frame.column}` : `${file}:${frame.line}`;
}

/** The var a frame's function names, for its source: as given when qualified, else through `qualify` (the session's namespace). */
export function frameVar(frame: Pick<Frame, 'fn'>, qualify: (short: string) => string): string | null {
  if (frame.fn === null) return null;
  return frame.fn.includes('/') ? frame.fn : qualify(frame.fn);
}

/**
 * The index in a source's lines of a frame's line: `firstLine` is the
 * line the source starts at (its var's `:line`); a frame just entered
 * (line 0) is at the definition's first line; null when outside.
 */
export function markedIndex(frameLine: number, firstLine: number, count: number): number | null {
  if (count === 0) return null;
  if (frameLine <= 0) return 0;
  const i = frameLine - firstLine;
  return i >= 0 && i < count ? i : null;
}

/** The line (index) in a file's lines where function `fn` is defined, or null. */
export function definitionIndex(lines: readonly string[], fn: string): number | null {
  const name = fn.replace(/^.*\//, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const def = new RegExp(`\\((?:defn-?|defmacro|fn)\\s+(?:\\^\\S+\\s+)*${name}(?=[\\s\\[(]|$)`);
  const i = lines.findIndex((l) => def.test(l));
  return i < 0 ? null : i;
}

/** A printed identity (`#pid<2.4>`, `#fn<g>`, `#'user/f`, `#realm-id<2>`) or the bridge's mark of a cut (`...`): shown as is. */
const AS_IS = /^(#[\w.-]*<[^>]*>|#'\S+|\.\.\.)$/;
const KEYWORD = /^:[^\s"(){}[\]]+$/;

/**
 * A host value printed in at most `max` characters, as Lonala prints it:
 * strings quoted, keywords and identities as given, vectors in brackets,
 * maps as `%{:k v}`, nil; cut with `…`. (Host data does not tell a
 * string from a symbol: both print as strings.)
 */
export function shortValue(v: HostValue, max = 60): string {
  const out: string[] = [];
  let length = 0;
  const put = (s: string) => { out.push(s); length += s.length; return length <= max; };
  const walk = (x: HostValue): boolean => {
    if (x === null) return put('nil');
    if (typeof x === 'boolean' || typeof x === 'number') return put(String(x));
    if (typeof x === 'string') return put(AS_IS.test(x) || KEYWORD.test(x) ? x : JSON.stringify(x));
    if (Array.isArray(x)) {
      if (!put('[')) return false;
      for (let i = 0; i < x.length; i++) if ((i > 0 && !put(' ')) || !walk(x[i])) return false;
      return put(']');
    }
    if (!put('%{')) return false;
    const entries = Object.entries(x);
    for (let i = 0; i < entries.length; i++) {
      if ((i > 0 && !put(' ')) || !put(`:${entries[i][0]} `) || !walk(entries[i][1])) return false;
    }
    return put('}');
  };
  const whole = walk(v);
  const text = out.join('');
  return whole && text.length <= max ? text : text.slice(0, Math.max(0, max - 1)) + '…';
}

/** The Debugger's cursor: a frame, and in it a value (-1: on the frame's own row). */
export interface Cursor { readonly frame: number; readonly value: number }

export const TOP: Cursor = { frame: 0, value: -1 };

/** The cursor moved one row (delta ±1) through the frames, each selected frame's values listed under it. */
export function moveCursor(c: Cursor, frames: readonly Frame[], delta: number): Cursor {
  const count = (i: number) => frames[i]?.values?.length ?? 0;
  if (delta > 0) {
    if (c.value + 1 < count(c.frame)) return { frame: c.frame, value: c.value + 1 };
    return c.frame + 1 < frames.length ? { frame: c.frame + 1, value: -1 } : c;
  }
  if (c.value >= 0) return { frame: c.frame, value: c.value - 1 };
  return c.frame > 0 ? { frame: c.frame - 1, value: -1 } : c;
}

/** A row of the Debugger's list. */
export interface DebugRow { readonly text: string; readonly selected: boolean; readonly frame: boolean }

/** The list's rows: each frame (`0 c  <repl>:1:35`), the cursor's frame followed by its values (`x = 21`), each cut to `width`. */
export function debugRows(frames: readonly Frame[], cursor: Cursor, width: number, cwd = ''): DebugRow[] {
  const digits = String(Math.max(0, frames.length - 1)).length;
  const rows: DebugRow[] = [];
  frames.forEach((f, i) => {
    rows.push({ text: cut(`${String(i).padStart(digits)} ${f.fn ?? '(fn)'}  ${locationText(f, cwd)}`, width), selected: cursor.frame === i && cursor.value < 0, frame: true });
    if (i !== cursor.frame) return;
    const indent = ' '.repeat(digits + 3);
    if (f.values === null) rows.push({ text: cut(`${indent}(its values are not kept: a crash)`, width), selected: false, frame: false });
    else if (f.values.length === 0) rows.push({ text: cut(`${indent}(no arguments or locals)`, width), selected: false, frame: false });
    f.values?.forEach((v, k) => {
      const head = `${indent}${v.label} = `;
      rows.push({ text: head + shortValue(v.value, Math.max(8, width - head.length)), selected: cursor.value === k, frame: false });
    });
  });
  return rows;
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : text.slice(0, Math.max(0, width - 1)) + '…';
}
