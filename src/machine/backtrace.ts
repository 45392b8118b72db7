/**
 * Backtraces: the Lonala frames of a thread where it faulted, innermost
 * first, as data its exit reason carries in metadata (`:trace`), so
 * printing and comparing the reason are as before while `(meta reason)`,
 * `*e` and crash reports can show where it happened. Each frame: the
 * function and where it was (file, line and column of the instruction
 * running: a caller's is its call site). A fault's trace keeps no
 * arguments: a reason travels in :EXIT and :DOWN messages and stays in
 * `*e`, and must not hold on to what the process was working on (the data
 * that ran it out of memory, say); a live process's frames (traceOf with
 * args) show them. Read off the
 * frames the process owns (thread.ts) only when a fault happens: nothing
 * on the hot path. Tail calls reuse their frame, so they leave none.
 */
import { Keyword, Sym, type Value } from './value.js';
import { type CodeObject, type Fn, TOP_LEVEL, positionAt } from './function.js';
import { PMap } from './hash-map.js';
import { Tuple } from './tuple.js';
import { Vector } from './vector.js';

/** Innermost frames kept; deeper ones are counted in :elided (every fault builds them: keep it small). */
export const TRACE_FRAMES = 24;
/** Arguments shown per frame. */
const MAX_ARGS = 8;
/** Named locals shown per frame (parameters among them). */
const MAX_LOCALS = 16;

const K = (name: string) => Keyword.of(name);
const ERROR = K('error');
const ENTRY = '<entry>';

function frame(c: CodeObject, pc: number, fp: number, stack: Value[], withArgs: boolean): Value {
  const { line, column } = positionAt(c, pc);
  const entries: Value[] = [K('fn'), c.name === null ? null : Sym.parse(c.name), K('file'), c.file, K('line'), line, K('column'), column];
  if (withArgs) {
    const argc = Math.min(c.arity + (c.variadic ? 1 : 0), MAX_ARGS);
    entries.push(K('args'), new Tuple(stack.slice(fp, fp + argc).map((a) => a ?? null)), K('locals'), localsAt(c, pc, fp, stack));
  }
  return PMap.fromFlat(entries);
}

/** The names in scope at `pc` of `c` and their values (CodeObject.localVars); of a shadowed name, the innermost binding. */
function localsAt(c: CodeObject, pc: number, fp: number, stack: Value[]): PMap {
  const table = c.localVars;
  const live = new Map<string, { slot: number; from: number }>();
  for (let i = 0; i < table.length; i += 4) {
    const name = table[i] as string;
    const from = table[i + 2] as number;
    if (pc < from || pc >= (table[i + 3] as number)) continue;
    const known = live.get(name);
    if (known === undefined || known.from < from) live.set(name, { slot: table[i + 1] as number, from });
  }
  const entries: Value[] = [];
  for (const [name, { slot }] of [...live].sort((a, b) => a[1].from - b[1].from).slice(0, MAX_LOCALS)) {
    entries.push(Sym.of(name), stack[fp + slot] ?? null);
  }
  return PMap.fromFlat(entries);
}

/**
 * The frames of a thread stopped at `pc` of `fn` (frame pointer `fp`),
 * its callers in `frames` below `ft` (thread.ts layout: return pc, return
 * fp, return sp, fn), innermost first. Past TRACE_FRAMES the rest is only
 * counted, without walking it (a recursion a million deep costs what a
 * short one does); the count may include a trampoline frame or two.
 */
export function traceOf(fn: Fn, pc: number, fp: number, stack: Value[], frames: readonly (number | Fn)[], ft: number, withArgs = true): { frames: Value[]; elided: number } {
  const out: Value[] = [];
  const add = (c: CodeObject, at: number, atFp: number) => {
    if (c.name !== ENTRY && c.name !== TOP_LEVEL) out.push(frame(c, at, atFp, stack, withArgs));
  };
  add(fn.code, pc - 1, fp);
  // A caller stands at its call: the instruction before the return pc.
  let k = ft - 4;
  for (; k >= 0 && out.length < TRACE_FRAMES; k -= 4) add((frames[k + 3] as Fn).code, (frames[k] as number) - 1, frames[k + 1] as number);
  const left = k >= 0 ? k / 4 + 1 : 0;
  // The outermost frame is a call's trampoline or a top-level form, never a frame of the user's.
  const bottom = left > 0 ? (frames[3] as Fn).code.name : null;
  return { frames: out, elided: bottom === ENTRY || bottom === TOP_LEVEL ? left - 1 : left };
}

/** `reason` with the thread's frames in its metadata, if it is a fault (`[:error ...]`); anything else as it is. */
export function withTrace(reason: Value, fn: Fn, pc: number, fp: number, stack: Value[], frames: readonly (number | Fn)[], ft: number): Value {
  if (!(reason instanceof Tuple) || reason.items[0] !== ERROR) return reason;
  const t = traceOf(fn, pc, fp, stack, frames, ft, false);
  const meta: Value[] = [K('trace'), Vector.from(t.frames)];
  if (t.elided > 0) meta.push(K('elided'), t.elided);
  return reason.withMeta(PMap.fromFlat(meta));
}
