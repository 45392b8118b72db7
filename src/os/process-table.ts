/**
 * The process table the inspector serves (the Processes pane, like
 * observer_cli's top): one bounded page of rows over every process a realm
 * may see, sorted by a column, without building a map per process. With a
 * million processes only the page's rows are made; the sort keeps the top
 * `offset + limit` in a bounded heap (n log k, not n log n).
 */
import { Keyword, PMap, RealmId, Sym, Vector, type Fn, type Value } from '../machine/index.js';
import { type Process, ProcessState } from './process.js';
import type { Realm } from './realm.js';
import { currentFn, statusOf } from './process-info.js';

export const TABLE_COLUMNS = ['pid', 'name', 'realm', 'status', 'reductions', 'mailbox-len', 'memory', 'priority', 'current-fn'] as const;
export type TableColumn = typeof TABLE_COLUMNS[number];

export interface TableQuery {
  sort: TableColumn;
  descending: boolean;
  offset: number;
  limit: number;
  /** Keeps rows whose name, current function or pid text contains it. */
  filter: string | null;
}

/** Bytes the process holds as last seen: its stack, frames and mailbox, and its last measured heap. */
function memoryOf(p: Process): number {
  if (p.state === ProcessState.Exited) return 0;
  return (p.stack.length + p.frames.length) * 8 + (p.mailbox?.length ?? 0) * 16 + (p.extra?.heapUsed ?? 0);
}

function fnName(p: Process): string | null {
  const f = currentFn(p);
  return f === null ? null : (f as Fn).name ?? 'anonymous';
}

/** The sort key of `p` in `column` (numbers sort as numbers, the rest as text). */
function keyOf(p: Process, column: TableColumn): number | string {
  switch (column) {
    case 'pid': return p.pid.realm * 2 ** 32 + p.pid.local;
    case 'name': return p.extra?.name?.fullName ?? '';
    case 'realm': return p.realm.name.fullName;
    case 'status': return statusOf(p).name;
    case 'reductions': return p.reductions;
    case 'mailbox-len': return p.mailbox?.length ?? 0;
    case 'memory': return memoryOf(p);
    case 'priority': return p.priority;
    case 'current-fn': return fnName(p) ?? '';
  }
}

function matches(p: Process, filter: string): boolean {
  return (p.extra?.name?.fullName ?? '').includes(filter) || (fnName(p) ?? '').includes(filter)
    || `${p.pid.realm}.${p.pid.local}`.includes(filter) || p.realm.name.fullName.includes(filter);
}

const K = (s: string) => Keyword.of(s);

function row(p: Process): PMap {
  const f = fnName(p);
  return PMap.fromFlat([
    K('pid'), p.pid, K('name'), p.extra?.name ?? null, K('realm'), p.realm.name, K('realm-id'), new RealmId(p.realm.id),
    K('status'), statusOf(p), K('reductions'), p.reductions, K('mailbox-len'), p.mailbox?.length ?? 0,
    K('memory'), memoryOf(p), K('priority'), p.priority, K('current-fn'), f === null ? null : Sym.parse(f),
  ]);
}

/** `%{:total n :rows [...]}`: the page `query` asks for of the processes `viewer` may see. */
export function processTable(processes: readonly Process[], viewer: Realm, query: TableQuery): PMap {
  const seen = processes.filter((p) => viewer.isAncestorOf(p.realm) && (query.filter === null || matches(p, query.filter)));
  const want = query.offset + query.limit;
  const cmp = (a: Process, b: Process): number => {
    const x = keyOf(a, query.sort), y = keyOf(b, query.sort);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return query.descending ? -c : c;
  };
  const top = topK(seen, want, cmp);
  const rows: Value[] = top.slice(query.offset).map(row);
  return PMap.fromFlat([K('total'), seen.length, K('offset'), query.offset, K('rows'), Vector.from(rows)]);
}

/** The first `k` of `items` in `cmp` order: a full sort when small, else a bounded max-heap. */
function topK<T>(items: T[], k: number, cmp: (a: T, b: T) => number): T[] {
  if (items.length <= 4 * k || items.length < 10_000) return items.sort(cmp).slice(0, k);
  const heap: T[] = []; // max-heap by cmp: the worst kept item on top
  const up = (i: number) => { while (i > 0) { const j = (i - 1) >> 1; if (cmp(heap[i], heap[j]) <= 0) break; [heap[i], heap[j]] = [heap[j], heap[i]]; i = j; } };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && cmp(heap[l], heap[m]) > 0) m = l;
      if (r < heap.length && cmp(heap[r], heap[m]) > 0) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (const x of items) {
    if (heap.length < k) { heap.push(x); up(heap.length - 1); }
    else if (k > 0 && cmp(x, heap[0]) < 0) { heap[0] = x; down(0); }
  }
  return heap.sort(cmp);
}
