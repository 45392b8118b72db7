/** `process-info`, `backtrace` and `processes`: introspection of processes (LONALA.md 8, 10). */
import { Keyword, Pid, Vector } from '../../machine/index.js';
import { chargeCopies, intrinsic, type Intrinsic, typeError } from '../../lonala/index.js';
import { backtraceOf, processInfo } from '../process-info.js';
import { traceFrames } from '../trace-text.js';
import { caller } from './context.js';
import { processOf } from '../authority.js';

export const processInfoIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'process-info', arglists: '([] [pid] [pid key])', min: 0, max: 2, reaches: { 0: 'process' },
    doc: 'A map about the process (the caller by default): :status :priority :reductions :mailbox-len :heap-size :heap-used :stack-size :links :monitors :monitored-by :name :trap-exit :current-fn ...; nil if it is gone. With key, just that entry.',
    impl: (pid, key) => {
      const self = caller();
      // What a realm may inspect is itself and its descendants (LONALA.md 10).
      const p = pid === undefined ? self : processOf('process-info', pid, [pid], self);
      if (p === undefined) return null;
      const info = processInfo(p);
      if (key === undefined) return info;
      if (!(key instanceof Keyword)) typeError('process-info', 'keyword', key);
      return info.get(key, null) ?? null;
    },
  }),
  intrinsic({
    name: 'backtrace', arglists: '([pid-or-reason])', min: 1, max: 1, reaches: { 0: 'process' },
    doc: "Frames as data, innermost first, each %{:fn :file :line :column :args}: those of a live process (where it waits or was preempted; nil if it is gone), or those a fault's exit reason carries (*e after a failed evaluation; [] for a reason that is not a fault).",
    impl: (x) => {
      if (!(x instanceof Pid)) return Vector.from(traceFrames(x).frames);
      const p = processOf('backtrace', x, [x], caller());
      return p === undefined ? null : backtraceOf(p);
    },
  }),
  intrinsic({
    name: 'processes', arglists: '([])', min: 0, max: 0, doc: "The pids of every live process the caller may see (its realm's and its descendants'), as a vector.",
    impl: () => {
      const realm = caller().realm;
      const live = caller().system.liveProcesses();
      chargeCopies(live.length);
      return Vector.from(live.filter((p) => realm.isAncestorOf(p.realm)).map((p) => p.pid));
    },
    cost: 10,
  }),
];
