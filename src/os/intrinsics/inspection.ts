/**
 * Intrinsics the inspector service (std/lona/inspector.lona) is built on,
 * usable by any code over what its realm may see (itself and its
 * descendants): the process table, suspend/resume, and message tracing.
 */
import { Keyword, PMap, Pid, Sym, Var, Vector, type Fn, type Value } from '../../machine/index.js';
import { badarg, intrinsic, type Intrinsic, typeError } from '../../lonala/index.js';
import { processTable, TABLE_COLUMNS, type TableColumn } from '../process-table.js';
import { stackOf } from '../process-info.js';
import { callersOf } from '../callers.js';
import type { Process } from '../process.js';
import { caller } from './context.js';
import { processOf, seesNamespace } from '../authority.js';

const OK = Keyword.of('ok');
const K = (s: string) => Keyword.of(s);

/** The live process `pid` names, if the caller's realm may act on it. */
function visible(fnName: string, pid: Value): Process | null {
  if (!(pid instanceof Pid)) return typeError(fnName, 'pid', pid);
  return processOf(fnName, pid, [pid], caller()) ?? null;
}

function intOption(opts: PMap, key: string, fallback: number, max: number): number {
  const v = opts.get(K(key), undefined);
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) badarg('process-table', [opts]);
  return Math.min(v, max);
}

export const inspectionIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'callers', arglists: '([var])', min: 1, max: 1, cost: 1000,
    doc: 'Who calls var: the names of the vars whose functions mention it in their code (nested functions included; calls made through resolve or a passed function are not known), sorted.',
    impl: (v) => {
      if (!(v instanceof Var)) return typeError('callers', 'var', v);
      const realm = caller().realm;
      return Vector.from(callersOf(v, [...caller().system.namespaces.byName.values()].filter((ns) => seesNamespace(realm, ns))));
    },
  }),
  intrinsic({
    name: 'old-code-processes', arglists: '([])', min: 0, max: 0, cost: 100,
    doc: 'The processes (that the caller may see) still running code a reload has replaced: [%{:pid :var :fn} ...], e.g. one waiting in receive inside the old version of a function.',
    impl: () => {
      const self = caller();
      const rows: Value[] = [];
      for (const p of self.system.liveProcesses()) {
        if (!self.realm.isAncestorOf(p.realm)) continue;
        for (const f of stackOf(p).toArray()) {
          const name = self.system.superseded.get((f as Fn).code);
          if (name !== undefined) rows.push(PMap.fromFlat([K('pid'), p.pid, K('var'), Sym.parse(name), K('fn'), f]));
        }
      }
      return Vector.from(rows);
    },
  }),
  intrinsic({
    name: 'recent-faults', arglists: '([])', min: 0, max: 0, cost: 10,
    doc: "The latest faults of processes in the caller's realm and its descendants, newest first: [%{:pid :name :realm :kind :at :frames [%{:fn :file :line :column} ...] :elided n} ...] (:kind the error's kind, :at in the scheduler's ms); the last 16 of the machine are kept, holding on to none of their data.",
    impl: () => {
      const { system, realm } = caller();
      return system.faults.recent((id) => {
        const r = system.realm(id);
        return r !== undefined ? realm.isAncestorOf(r) : realm === system.root;
      });
    },
  }),
  intrinsic({
    name: 'reload-notices', arglists: '([])', min: 0, max: 0,
    doc: 'The latest live-editing notices, oldest first: [%{:file :ok :text :at} ...] (:at in ms since the epoch); for the session\'s realm and its ancestors (live editing loads the session\'s files there).',
    impl: () => {
      const { system, realm } = caller();
      const session = system.sessionRealmIfAny;
      if (!(session === null ? realm === system.root : realm.isAncestorOf(session))) return Vector.EMPTY;
      return Vector.from(system.notices.map((n) => PMap.fromFlat([K('file'), n.file, K('ok'), n.ok, K('text'), n.text, K('at'), n.at])));
    },
  }),
  intrinsic({
    name: 'process-table', arglists: '([] [opts])', min: 0, max: 1, cost: 100,
    doc: 'One page of the processes the caller may see: %{:total n :offset o :rows [%{:pid :name :realm :status :reductions :recent :mailbox-len :memory :priority :current-fn} ...]} (:recent: reductions since the previous :sample). opts: :sort (a column, default :reductions) :ascending :offset :limit (default 50, at most 1000) :filter (text in the name, function, pid or realm) :system (also the system\'s own: spawned with :system, or evaluators parked between requests) :sample (start a new sample for :recent).',
    impl: (opts = PMap.EMPTY) => {
      if (!(opts instanceof PMap)) typeError('process-table', 'map', opts);
      const sortKey = opts.get(K('sort'), K('reductions'));
      if (!(sortKey instanceof Keyword) || !(TABLE_COLUMNS as readonly string[]).includes(sortKey.name)) badarg('process-table', [opts]);
      const filter = opts.get(K('filter'), null);
      if (filter !== null && typeof filter !== 'string') badarg('process-table', [opts]);
      const self = caller();
      return processTable(self.system.liveProcesses(), self.realm, {
        sort: (sortKey as Keyword).name as TableColumn,
        descending: opts.get(K('ascending'), false) !== true,
        offset: intOption(opts, 'offset', 0, Number.MAX_SAFE_INTEGER),
        limit: intOption(opts, 'limit', 50, 1000),
        filter: filter === '' ? null : filter as string | null,
        system: opts.get(K('system'), false) === true,
        sample: opts.get(K('sample'), false) === true,
      });
    },
  }),
  intrinsic({
    name: 'suspend-process', arglists: '([pid])', min: 1, max: 1, reaches: { 0: 'process' },
    doc: 'Stops running the process until resume-process (messages still reach its mailbox); :ok, or nil if it is gone.',
    impl: (pid) => {
      const p = visible('suspend-process', pid);
      if (p === null) return null;
      p.system.scheduler.suspend(p);
      return OK;
    },
  }),
  intrinsic({
    name: 'resume-process', arglists: '([pid])', min: 1, max: 1, reaches: { 0: 'process' }, doc: 'Lets a suspended process run again; :ok, or nil if it is gone.',
    impl: (pid) => {
      const p = visible('resume-process', pid);
      if (p === null) return null;
      p.system.scheduler.resume(p);
      return OK;
    },
  }),
  intrinsic({
    name: 'trace-messages', arglists: '([pid] [pid tracer])', min: 1, max: 2, reaches: { 0: 'process', 1: 'process' },
    doc: 'Sends tracer (default: the caller) [:trace pid :receive message] for every message pid receives from now on, until untrace-messages (or the tracer exits).',
    impl: (pid, tracer) => {
      const p = visible('trace-messages', pid);
      if (p === null) return null;
      const to = tracer === undefined || tracer === null ? caller() : visible('trace-messages', tracer);
      if (to === null) return null;
      p.ensureExtra().tracer = to;
      return OK;
    },
  }),
  intrinsic({
    name: 'untrace-messages', arglists: '([pid])', min: 1, max: 1, reaches: { 0: 'process' }, doc: 'Stops tracing the messages of pid.',
    impl: (pid) => {
      const p = visible('untrace-messages', pid);
      if (p !== null && p.extra !== null) p.extra.tracer = null;
      return OK;
    },
  }),
];
