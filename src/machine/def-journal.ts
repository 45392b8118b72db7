/**
 * What a load changed, so it can be undone (the loader's namespace
 * transaction, src/os/loader): while a journal is open, every var a `def`
 * (or `intern` with a value) sets has its root and metadata recorded before
 * the first change. Rolling back restores them; committing keeps them and
 * tells which vars were added and which changed.
 */
import { UNBOUND, type Var } from './namespace.js';
import type { Value } from './value.js';
import type { PMap } from './hash-map.js';

interface Before { root: Value | typeof UNBOUND; meta: PMap | null }

export class DefJournal {
  private readonly before = new Map<Var, Before>();
  /** Journals of the loads nested in this one (undone with it, but not counted as its definitions). */
  private readonly nested: DefJournal[] = [];

  record(v: Var): void {
    if (!this.before.has(v)) this.before.set(v, { root: v.root, meta: v.meta });
  }

  rollback(): void {
    // Latest first: a var the outer load had set before a nested one changed it ends as before the outer load.
    for (const n of this.nested.reverse()) n.rollback();
    this.nested.length = 0;
    for (const [v, b] of this.before) {
      v.root = b.root;
      v.meta = b.meta;
    }
    this.before.clear();
  }

  /** Takes over what a nested load (a require inside this load) set, so undoing this load undoes that too. */
  adopt(nested: DefJournal): void {
    this.nested.push(nested);
  }

  /** The vars set, each with its root before the load (UNBOUND: added). */
  entries(): [Var, Value | typeof UNBOUND][] {
    return [...this.before].map(([v, b]) => [v, b.root]);
  }
}

/**
 * The journal of the load the running code is in, if any: the OS keeps a
 * stack of loads per process (loads run as process work, so several can be
 * in progress in different processes) and answers through `find`.
 */
export const defJournal = {
  find: (): DefJournal | null => null,
  get current(): DefJournal | null {
    return this.find();
  },
};
