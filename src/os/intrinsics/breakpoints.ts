/**
 * The natives under breakpoints and stepping (std/lona/core/breakpoints.lona,
 * src/os/stepping.ts): who waits at a breakpoint, and going on from one.
 */
import { Fn, Keyword, PMap, Pid, Var, Vector } from '../../machine/index.js';
import { chargeCopies, intrinsic, type Intrinsic, typeError } from '../../lonala/index.js';
import { processOf } from '../authority.js';
import { goOn } from '../stepping.js';
import { caller } from './context.js';

const K = (s: string) => Keyword.of(s);

export const breakpointIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'break-hit*', arglists: '([v args])', min: 2, max: 2,
    doc: 'Marks the calling process as waiting at the breakpoint of var v with the call\'s args (nil nil: it goes on); break-wait* calls it.',
    impl: (v, args) => {
      const p = caller();
      if (v === null) {
        if (p.extra !== null) p.extra.breakpoint = null;
      } else p.ensureExtra().breakpoint = { fn: v, args };
      return null;
    },
  }),
  intrinsic({
    name: 'breakpoint-hits', arglists: '([])', min: 0, max: 0, cost: 10,
    doc: "The processes of the caller's realm and its descendants waiting at a breakpoint: [%{:pid :var :args} ...] (a step's stop has :fn, the function it entered, instead of :var).",
    impl: () => {
      const { system, realm } = caller();
      const live = system.liveProcesses();
      chargeCopies(live.length); // a scan of every process: a loop of it is held to the caller's budget
      const hits = live.filter((p) => p.extra?.breakpoint != null && realm.isAncestorOf(p.realm));
      return Vector.from(hits.map((p) => {
        const { fn, args } = p.extra!.breakpoint!;
        return PMap.fromFlat([K('pid'), p.pid, K(fn instanceof Var ? 'var' : 'fn'), fn, K('args'), args]);
      }));
    },
  }),
  intrinsic({
    name: 'go-on*', arglists: '([pid step? skip])', min: 3, max: 3, reaches: { 0: 'process' },
    doc: "continue! and step! underneath: pid, stopped by a step or suspended, goes on (stepping if step?, over skip first); :ok. One waiting in a var's breakpoint is only marked stepping: :message (the caller sends it the continue message). :not-at-breakpoint otherwise (or if it is gone).",
    impl: (pid, step, skip) => {
      if (!(pid instanceof Pid)) return typeError('go-on*', 'pid', pid);
      const p = processOf('go-on*', pid, [pid, step, skip], caller());
      if (p === undefined) return K('not-at-breakpoint');
      const stopped = p.extra?.breakpoint ?? null;
      const skipFn = skip instanceof Fn ? skip : null;
      if (stopped !== null && stopped.fn instanceof Var) {
        p.ensureExtra().stepping = step === true ? { skip: skipFn } : null;
        return K('message');
      }
      if (stopped === null && p.extra?.suspended !== true) return K('not-at-breakpoint');
      goOn(p, step === true, skipFn);
      return K('ok');
    },
  }),
];
