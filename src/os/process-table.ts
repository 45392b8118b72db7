/**
 * The process table the inspector serves (the Processes pane, like
 * observer_cli's top): one bounded page of rows over every process a realm
 * may see, sorted by a column, without building a map per process. With a
 * million processes only the page's rows are made, in one pass that keeps
 * the top `offset + limit` in a bounded heap (n log k, not n log n).
 *
 * Memory: a row shows what `process-info` says as `:heap-size`
 * (reportedHeapSize), so the two agree. That may measure the heap, which
 * costs time in proportion to it, so only the page's rows are measured,
 * within a budget per page, and a measurement is kept while the process
 * neither runs nor receives (its heap is the same). Sorting a million
 * processes by memory uses what is known without measuring (knownMemory):
 * the heap meter's last measurement, which is the figure shown for every
 * process the meter has measured; the page's rows are then ordered by the
 * figures shown.
 */
import { Keyword, PMap, RealmId, Sym, Vector, type Fn, type Value } from '../machine/index.js';
import { type Process, ProcessState } from './process.js';
import type { Realm } from './realm.js';
import { currentFn, isParkedEvaluator, statusOf } from './process-info.js';
import { heapSize, heapSizeMeasures, reportedHeapSize } from './heap.js';

export const TABLE_COLUMNS = ['pid', 'name', 'realm', 'status', 'reductions', 'recent', 'mailbox-len', 'memory', 'priority', 'current-fn'] as const;
export type TableColumn = typeof TABLE_COLUMNS[number];

export interface TableQuery {
  sort: TableColumn;
  descending: boolean;
  offset: number;
  limit: number;
  /** Keeps rows whose name, current function or pid text contains it. */
  filter: string | null;
  /** Includes the system's own processes (spawned with :system) and unnamed evaluators parked between requests. */
  system: boolean;
  /** Starts a new sample: `:recent` next time counts from now (a top-like client refreshing). */
  sample: boolean;
}

/** Bytes of heaps one page may walk to measure its rows (a few tens of milliseconds); past them a row shows knownMemory. */
const PAGE_MEASURE_BYTES = 16 * 1024 * 1024;

/**
 * The memory sort's key, known without walking the heap: the heap meter's
 * last measurement (what process-info reports for a process it measured),
 * else the stack arrays of a process no meter watches (a part of what a
 * measurement finds); never less than `:min-heap-size`.
 */
function knownMemory(p: Process): number {
  if (p.state === ProcessState.Exited) return 0;
  const heap = p.heap;
  return heap === null ? 8 * (p.stack.length + p.frames.length) : Math.max(heap.used, heap.min);
}

/** A page's measurement of a heap, good while the process has not run or received since (the same heap). */
interface Measured { p: Process; reductions: number; mailbox: number; sp: number; ft: number; bytes: number }
/**
 * The latest pages' measurements, by pid (a plain map, emptied when full: a
 * WeakMap keyed by processes slowed every page of a million processes).
 */
const measured = new Map<number, Measured>();
const MAX_KEPT = 4096;

/** `:memory` of each of a page's rows: process-info's `:heap-size`, measured within the page's budget. */
function pageMemory(rows: readonly Process[]): number[] {
  let left = PAGE_MEASURE_BYTES;
  return rows.map((p) => {
    if (p.state === ProcessState.Exited) return 0;
    if (!heapSizeMeasures(p)) return reportedHeapSize(p);
    const mailbox = p.mailbox?.length ?? 0;
    const key = p.pid.realm * 2 ** 32 + p.pid.local;
    const known = measured.get(key);
    if (known !== undefined && known.p === p && known.reductions === p.reductions && known.mailbox === mailbox && known.sp === p.sp && known.ft === p.ft) return known.bytes;
    if (left <= 0) return knownMemory(p);
    const heap = heapSize(p, left);
    left -= heap;
    const bytes = Math.max(heap, p.heap?.min ?? 0); // as reportedHeapSize
    // A measurement cut short (past the budget) is a lower bound: shown, not kept.
    if (left < 0) return bytes;
    if (measured.size >= MAX_KEPT) measured.clear();
    measured.set(key, { p, reductions: p.reductions, mailbox, sp: p.sp, ft: p.ft, bytes });
    return bytes;
  });
}

function fnName(p: Process): string | null {
  const f = currentFn(p);
  return f === null ? null : (f as Fn).name || 'anonymous';
}

/** The sort key of `p` in `column` (numbers sort as numbers, the rest as text). */
function keyOf(p: Process, column: TableColumn): number | string {
  switch (column) {
    case 'pid': return p.pid.realm * 2 ** 32 + p.pid.local;
    case 'name': return p.extra?.name?.fullName ?? '';
    case 'realm': return p.realm.name.fullName;
    case 'status': return statusOf(p).name;
    case 'reductions': return p.reductions;
    case 'recent': return p.reductions - p.sampled;
    case 'mailbox-len': return p.mailbox?.length ?? 0;
    case 'memory': return knownMemory(p);
    case 'priority': return p.priority;
    case 'current-fn': return fnName(p) ?? '';
  }
}

function matches(p: Process, filter: string): boolean {
  return (p.extra?.name?.fullName ?? '').includes(filter) || (fnName(p) ?? '').includes(filter)
    || `${p.pid.realm}.${p.pid.local}`.includes(filter) || p.realm.name.fullName.includes(filter);
}

const K = (s: string) => Keyword.of(s);

function row(p: Process, memory: number): PMap {
  const f = fnName(p);
  return PMap.fromFlat([
    K('pid'), p.pid, K('name'), p.extra?.name ?? null, K('realm'), p.realm.name, K('realm-id'), new RealmId(p.realm.id),
    K('status'), statusOf(p), K('reductions'), p.reductions, K('recent'), p.reductions - p.sampled, K('mailbox-len'), p.mailbox?.length ?? 0,
    K('memory'), memory, K('priority'), p.priority, K('current-fn'), f === null ? null : Sym.parse(f),
  ]);
}

/** `%{:total n :hidden h :rows [...]}`: the page `query` asks for of the processes `viewer` may see (h: the system's own left out). */
export function processTable(processes: readonly Process[], viewer: Realm, query: TableQuery): PMap {
  // One pass: visibility decided once per realm, each key computed once, the page kept in a bounded heap.
  const visible = new Map<Realm, boolean>();
  const page = new BoundedPage(query.offset + query.limit, query.descending);
  let total = 0, hidden = 0;
  for (const p of processes) {
    let sees = visible.get(p.realm);
    if (sees === undefined) visible.set(p.realm, sees = viewer.isAncestorOf(p.realm));
    if (!sees) continue;
    // A parked evaluator with a name is a connected client's session (attach-1, nrepl-2): it shows.
    if (!query.system && (p.extra?.system === true || (isParkedEvaluator(p) && (p.extra?.name ?? null) === null))) { hidden++; continue; }
    if (query.filter !== null && !matches(p, query.filter)) continue;
    total++;
    page.offer(p, keyOf(p, query.sort));
  }
  const rows = pageRows(page.sorted().slice(query.offset), query);
  if (query.sample) for (const p of processes) if (visible.get(p.realm) === true) p.sampled = p.reductions;
  return PMap.fromFlat([K('total'), total, K('hidden'), hidden, K('offset'), query.offset, K('rows'), Vector.from(rows)]);
}

/** The page's rows with their memory; sorted by memory, in the order of the figures shown (stable: ties stay in pid order). */
function pageRows(shown: Process[], query: TableQuery): Value[] {
  const memory = pageMemory(shown);
  const order = shown.map((_, i) => i);
  if (query.sort === 'memory') order.sort((i, j) => (query.descending ? memory[j] - memory[i] : memory[i] - memory[j]));
  return order.map((i) => row(shown[i], memory[i]));
}

/**
 * The first `size` items by key: a heap of the best so far with the one
 * that sorts last on top, so most items cost one compare.
 */
class BoundedPage {
  private readonly items: Process[] = [];
  private readonly keys: (number | string)[] = [];
  constructor(private readonly size: number, private readonly descending: boolean) {}

  /** Whether (key a, process pa) sorts after (key b, pb) in the page's order; equal keys go by pid, so pages never overlap. */
  private after(a: number | string, pa: Process, b: number | string, pb: Process): boolean {
    if (a !== b) return this.descending ? a < b : a > b;
    return pa.pid.realm !== pb.pid.realm ? pa.pid.realm > pb.pid.realm : pa.pid.local > pb.pid.local;
  }

  /** Whether the item at i sorts after the one at j. */
  private later(i: number, j: number): boolean {
    return this.after(this.keys[i], this.items[i], this.keys[j], this.items[j]);
  }

  offer(p: Process, key: number | string): void {
    const { items, keys } = this;
    if (items.length < this.size) {
      items.push(p);
      keys.push(key);
      this.up(items.length - 1);
    } else if (this.size > 0 && this.after(keys[0], items[0], key, p)) {
      items[0] = p;
      keys[0] = key;
      this.down(0);
    }
  }

  sorted(): Process[] {
    const order = this.items.map((_, i) => i).sort((i, j) => (this.later(i, j) ? 1 : -1));
    return order.map((i) => this.items[i]);
  }

  private swap(i: number, j: number): void {
    [this.items[i], this.items[j]] = [this.items[j], this.items[i]];
    [this.keys[i], this.keys[j]] = [this.keys[j], this.keys[i]];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.later(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < this.keys.length && this.later(l, m)) m = l;
      if (r < this.keys.length && this.later(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
