/**
 * Lexical scopes of the compiler: which frame slot or captured value each
 * local name refers to, and how closures capture from enclosing functions.
 *
 * One `FnScope` per `fn*` being compiled; inside it, a chain of name
 * bindings (let/match) that can be popped when a clause or body ends.
 */
import { CaptureFrom } from '../../machine/index.js';

export type Resolved =
  | { where: 'local'; slot: number }
  | { where: 'env'; index: number }
  | { where: 'self' };

export class FnScope {
  /** Visible names, innermost last; each maps to a slot, bound from code offset `from`. */
  private names: { name: string; slot: number; from: number }[] = [];
  /** Names gone out of scope, as CodeObject.localVars quads (name, slot, from, to). */
  private ended: (string | number)[] = [];
  /** Slots in use and the most ever used. */
  slots = 0;
  maxSlots = 0;
  /** Captured values: (CaptureFrom, index) pairs and their names. */
  readonly captures: number[] = [];
  private captureNames: string[] = [];

  /** `pc` tells where the function's code is now (its emitter's length), for the names' ranges. */
  constructor(readonly parent: FnScope | null, readonly selfName: string | null, private readonly pc: () => number) {}

  /** Allocates `n` consecutive fresh slots. */
  alloc(n = 1): number {
    const base = this.slots;
    this.slots += n;
    if (this.slots > this.maxSlots) this.maxSlots = this.slots;
    return base;
  }

  bind(name: string, slot: number): void {
    this.names.push({ name, slot, from: this.pc() });
  }

  /** A mark to restore bindings and slots to with `release`. */
  mark(): { names: number; slots: number } {
    return { names: this.names.length, slots: this.slots };
  }

  release(m: { names: number; slots: number }): void {
    this.end(m.names);
    this.slots = m.slots;
  }

  /** Every name's range, the ones still in scope ending where the code ends (CodeObject.localVars). */
  localVars(): (string | number)[] {
    this.end(0);
    return this.ended;
  }

  private end(keep: number): void {
    const to = this.pc();
    for (let i = keep; i < this.names.length; i++) {
      const n = this.names[i];
      // A name bound over no code is never seen live.
      if (to > n.from) this.ended.push(n.name, n.slot, n.from, to);
    }
    this.names.length = keep;
  }

  /** The slot of a name bound in this function itself, if any. */
  ownSlot(name: string): number | undefined {
    for (let i = this.names.length - 1; i >= 0; i--) if (this.names[i].name === name) return this.names[i].slot;
    return undefined;
  }

  /** Resolves a local name, capturing it from enclosing functions if needed. */
  resolve(name: string): Resolved | undefined {
    const slot = this.ownSlot(name);
    if (slot !== undefined) return { where: 'local', slot };
    if (name === this.selfName) return { where: 'self' };
    const existing = this.captureNames.indexOf(name);
    if (existing >= 0) return { where: 'env', index: existing };
    if (this.parent === null) return undefined;
    const outer = this.parent.resolve(name);
    if (outer === undefined) return undefined;
    const from = outer.where === 'local' ? CaptureFrom.Local : outer.where === 'env' ? CaptureFrom.Env : CaptureFrom.Self;
    this.captures.push(from, outer.where === 'local' ? outer.slot : outer.where === 'env' ? outer.index : 0);
    this.captureNames.push(name);
    return { where: 'env', index: this.captureNames.length - 1 };
  }
}
