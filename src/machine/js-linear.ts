/**
 * Which calls of a compiled function may update a map or vector in place: the JS
 * tier's transients, found by the compiler rather than asked for by the
 * programmer (Clojure's `transient`/`persistent!` made implicit).
 *
 * A loop that threads a map through a slot, as
 * `(defn build [i n m] (if (< i n) (build (+ i 1) n (put m i i)) m))`, makes
 * a new map per turn and drops the old one at once. Path copying costs
 * ~550 ns a `put` there; updating nodes the loop made itself costs ~150.
 *
 * The proof, per slot `p` and call site, over the code as written (one pass,
 * stack effects from isa.ts): the slot's value is read only to be the first
 * argument of a native with a `linear` form (put, assoc, append), and that call's
 * result goes straight back into `p` (the self tail call's argument `p`, or
 * `recur`'s SET_LOCAL `p`) or is returned. Nothing else reads `p` or either
 * value on the operand stack (no other call, no other slot, no closure, no
 * jump with them pending), and `p` is not read between the call and its
 * reassignment. So a map (or vector) made by such a call is held by one
 * place only, `p` or one operand, until the function leaves: nothing can
 * observe it changing.
 *
 * The proof takes the site's var to hold a linear native, as it does when
 * the code is compiled; a var redefined since may hold anything, which may
 * keep what it is given. So a site that calls anything but a native's
 * linear form drops the token first (js-codegen.ts `call`): what was made
 * under it may be held elsewhere, and is never updated in place again.
 *
 * At run time the site passes the `linear` form an edit token made once per
 * invocation of the compiled function (hamt-node.ts updates in place only
 * nodes made under the same token; hash-map.ts and vector.ts only a map or
 * vector made under it). Any exit (return, a tail call elsewhere, a
 * preemption or fault that writes the frame out, a call through an
 * uncached site) ends the invocation and with it the token: a map that
 * leaves is never updated in place again. An interpreted frame always
 * copies.
 *
 * But one: a loop preempted in its own code (at its back edge, or as a
 * native returns: `SavedEdit`) keeps its token for the same activation going
 * on, or every slice would start copying again (100k puts: 35 ms rather
 * than 29). The interpreter runs the rest of the frame's turn until its self
 * tail call or `recur` re-enters the compiled code, which gets the token
 * back (`resumeEdit`) only if that is the same
 * activation: a tail call from the function to itself, or its LOOP, in the
 * same frame. Whatever else could end or replace the activation drops the
 * record first: any other call made by the interpreter, any compiled entry
 * of a function with linear sites, and anyone reading the frame's values
 * (a backtrace, a breakpoint's arguments, fault frames: os/).
 */
import { INSTRUCTIONS, Op, SIZE } from './isa.js';
import { Fn, Native, type CodeObject } from './function.js';
import { Var } from './namespace.js';
import type { Thread } from './thread.js';
import type { JsCode } from './js-tier.js';
import type { Value } from './value.js';

/** An operand stack entry, as the proof sees it. */
const OTHER = 0, SLOT = 1;
/** Otherwise an entry is a linear call's result: its pc + 2. */
type Entry = number;

/** The pcs of CALL_VAR sites that may pass an edit token (a linear native on a slot this function owns). */
export function linearCallSites(c: CodeObject): Set<number> {
  const sites = new Set<number>();
  const code = c.code;
  let candidates = false;
  for (let pc = 0; pc < code.length; pc += SIZE[code[pc]]) {
    if (code[pc] === Op.CLOSURE) return sites; // it captures slots
    if (code[pc] === Op.CALL_VAR && isLinearNative(c, code[pc + 1], code[pc + 2])) candidates = true;
  }
  // A pass per slot: only for code that calls a linear native at all (most code: none, no pass).
  if (candidates) for (let p = 0; p < c.locals; p++) for (const pc of sitesOwning(c, p)) sites.add(pc);
  return sites;
}

/** Whether the var at `varIndex` of `c`'s constants holds a function of `c` now (a tail call through it loops). */
export function holdsCode(c: CodeObject, varIndex: number): boolean {
  const v = c.consts[varIndex];
  return v instanceof Var && v.root instanceof Fn && v.root.code === c;
}

/** Whether the var at `varIndex` holds a native with a linear form, called with `n` arguments it takes. */
function isLinearNative(c: CodeObject, varIndex: number, n: number): boolean {
  const v = c.consts[varIndex];
  if (!(v instanceof Var && v.root instanceof Native)) return false;
  const spec = v.root.spec;
  return spec.linear !== undefined && n >= 1 && n >= spec.min && n <= spec.max;
}

/** The linear sites on slot `p` whose result comes back to `p`; empty when any use of `p` breaks the proof. */
function sitesOwning(c: CodeObject, p: number): number[] {
  const code = c.code;
  const feedsBack: number[] = [];
  let stack: Entry[] = [];
  /** `p` still holds a map a linear call took (until it is reassigned). */
  let stale = false;
  const clean = () => !stale && stack.every((e) => e === OTHER);
  const targets = new Set<number>();
  for (let pc = 0; pc < code.length; pc += SIZE[code[pc]]) {
    INSTRUCTIONS[code[pc] as Op].operands.forEach((kind, i) => { if (kind === 'label') targets.add(code[pc + 1 + i]); });
  }
  let live = true;
  const depthAt = new Map<number, number>([[0, 0]]);
  for (let pc = 0; pc < code.length; pc += SIZE[code[pc]]) {
    const op = code[pc] as Op;
    const info = INSTRUCTIONS[op];
    if (targets.has(pc)) {
      // A join: only a clean state is the same whatever the path.
      if (live && !clean()) return [];
      const depth = live ? stack.length : depthAt.get(pc);
      if (depth === undefined) return [];
      stack = new Array<Entry>(depth).fill(OTHER);
      stale = false;
      live = true;
    } else if (!live) continue;
    const a1 = code[pc + 1], a2 = code[pc + 2];
    const readsP = info.operands.some((kind, i) => kind === 'local' && code[pc + 1 + i] === p);
    switch (op) {
      case Op.LOCAL: case Op.LOCAL2: case Op.LOCAL_INT: {
        const pushed = op === Op.LOCAL2 ? [a1, a2] : [a1];
        for (const slot of pushed) {
          if (slot === p && !clean()) return []; // a second holder
          stack.push(slot === p ? SLOT : OTHER);
        }
        if (op === Op.LOCAL_INT) stack.push(OTHER);
        continue;
      }
      case Op.SET_LOCAL: {
        const e = stack.pop() as Entry;
        if (a1 === p) {
          if (e >= 2) feedsBack.push(e - 2);
          stale = false;
        } else if (e !== OTHER) return [];
        continue;
      }
      case Op.RETURN_LOCAL:
        if (readsP && stale) return [];
        live = false;
        continue;
      case Op.RETURN:
        live = false;
        continue;
      case Op.CALL_VAR: {
        const args = stack.splice(stack.length - a2, a2);
        if (args[0] === SLOT && isLinearNative(c, a1, a2) && args.slice(1).every((e) => e === OTHER)) {
          stack.push(pc + 2);
          stale = true;
          continue;
        }
        if (args.some((e) => e !== OTHER)) return [];
        stack.push(OTHER);
        continue;
      }
      case Op.TAIL_CALL_VAR: case Op.TAIL_CALL: {
        // Back to the start with `p` given the entry at its position: only a tail call through a var that
        // holds this code now, with its arity. To anything else the map may not go: a native such as
        // `apply` calls on with the arguments moved, and a preempted loop's token goes on there.
        const n = op === Op.TAIL_CALL ? a1 : a2;
        const self = op === Op.TAIL_CALL_VAR && n === c.arity && !c.variadic && holdsCode(c, a1);
        const args = stack.slice(stack.length - n);
        for (let i = 0; i < n; i++) {
          if (args[i] === OTHER) continue;
          if (i !== p || !self) return [];
          if (args[i] >= 2) feedsBack.push(args[i] - 2);
        }
        if (op === Op.TAIL_CALL && stack[stack.length - n - 1] !== OTHER) return [];
        live = false;
        continue;
      }
    }
    if (readsP) return []; // any other use of the slot
    const [pops, pushes] = info.stack;
    const n = pops === 'n' ? code[pc + 1 + info.operands.indexOf('n')] : pops === 'n+1' ? code[pc + 1 + info.operands.indexOf('n')] + 1 : pops;
    if (stack.splice(stack.length - n, n).some((e) => e !== OTHER)) return [];
    for (let i = 0; i < pushes; i++) stack.push(OTHER);
    if (info.operands.includes('label')) {
      if (!clean()) return [];
      info.operands.forEach((kind, i) => { if (kind === 'label') depthAt.set(code[pc + 1 + i], stack.length); });
    }
    if (info.flow !== undefined) live = false;
  }
  return feedsBack;
}

/** A preempted loop's edit token, for its own activation (`fn`'s frame at `fp`, `ft`) only. */
export class SavedEdit {
  constructor(readonly edit: object, readonly fn: Fn, readonly fp: number, readonly ft: number) {}
}

/**
 * The interpreter enters compiled `js` for `callee`'s frame at `fp`/`ft`
 * (a tail call reusing the frame, or a LOOP: `goesOn`): the token the
 * thread's preempted loop kept, if this is that activation going on; the
 * record is dropped either way.
 */
export function resumeEdit(t: Thread, goesOn: boolean, callee: Value, fp: number, ft: number, js: JsCode | null): object | null {
  const saved = t.linearEdit as SavedEdit;
  t.linearEdit = null;
  return goesOn && js !== null && saved.fn === callee && saved.fp === fp && saved.ft === ft ? saved.edit : null;
}

/** Someone reads `t`'s frames (their values may be kept): a preempted loop's map is no longer its own alone. */
export function framesRead(t: Thread): void {
  t.linearEdit = null;
}
