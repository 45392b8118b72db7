/**
 * The process intrinsics of LONALA.md 8: spawning, messages, links,
 * monitors, exit signals and the registry. The semantics live in
 * signals.ts; these check arguments and speak for the calling process.
 */
import { DEFAULT_STACK_LIMIT, Fault, Fn, Native, Var, Keyword, List, PMap, Pid, Ref, Sym, Tuple, Vector, startCall, type Value } from '../../machine/index.js';
import { badarg, intrinsic, type Intrinsic, printValue, typeError } from '../../lonala/index.js';
import { PROCESS_BYTES, type Process } from '../process.js';
import type { Realm } from '../realm.js';
import { KILL, KILLED, NOPROC } from '../signals.js';
import { deliverFrom } from '../sendable.js';
import { peerOf, processOf, registeredOf } from '../authority.js';
import { limitHeap } from '../heap.js';

import { caller } from './context.js';

const OK = Keyword.of('ok');
const NOT_FOUND = Keyword.of('not-found');
const ACK = Keyword.of('ack');
const FLUSH = Keyword.of('flush');

function nameArg(fnName: string, x: Value): Sym {
  return x instanceof Sym ? x : typeError(fnName, 'symbol', x);
}

/** The process registered as `name` that `self` may find (authority.ts); :badarg naming it when none. */
function registered(fnName: string, self: Process, name: Sym): Process {
  const p = registeredOf(self, name);
  if (p === undefined) {
    throw new Fault('badarg', {
      fn: Sym.of(fnName, 'lona.core'), name,
      message: `no process is registered as ${name.fullName} in this realm or one enclosing it ((whereis '${name.fullName}) is nil)`,
    });
  }
  return p;
}

/** Ends the caller now if an exit signal it caused came back to it (exit/2, link to a dead pid). */
function exitIfSignalled(self: Process): void {
  const pending = self.extra?.pendingExit;
  if (pending !== undefined) throw new Fault('exit', null, pending);
}

interface SpawnOptions { priority?: number; name?: Sym; minHeapSize?: number; maxHeapSize?: number; system?: boolean }

const NO_OPTIONS: SpawnOptions = Object.freeze({});

function spawnOptions(fnName: string, opts: Value): SpawnOptions {
  if (opts === null) return NO_OPTIONS;
  if (!(opts instanceof PMap)) typeError(fnName, 'map', opts);
  const out: SpawnOptions = {};
  for (const [k, v] of opts.entries()) {
    const key = k instanceof Keyword ? k.name : '';
    const size = (): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : typeError(fnName, 'non-negative integer', v));
    if (key === 'priority') {
      if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255)) throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), args: opts, message: ':priority must be an integer 0-255' });
      out.priority = v;
    } else if (key === 'name') out.name = nameArg(fnName, v);
    else if (key === 'min-heap-size') out.minHeapSize = size();
    else if (key === 'max-heap-size') { if (v !== null) out.maxHeapSize = size(); }
    else if (key === 'system') out.system = v === true;
    else throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), args: opts, message: `unknown spawn option ${printValue(k)}` });
  }
  return out;
}

const NO_ARGS: Value[] = [];
/** Processes the root realm may spawn past the machine's limit. */
const ROOT_RESERVE = 10_000;

/** `(spawn f)`, `(spawn f opts)`, `(spawn f [args])`, `(spawn f [args] opts)`. */
function spawnFrom(fnName: string, f: Value, a: Value, b: Value): Process {
  let args: Value[] = NO_ARGS;
  let opts: Value = null;
  if (a instanceof Tuple || a instanceof Vector) {
    args = a instanceof Tuple ? a.items : a.toArray();
    opts = b ?? null;
  } else {
    opts = a ?? null;
  }
  return spawnIn(fnName, caller().realm, f, args, opts);
}

/** Spawns `(apply f args)` in `realm` for the calling process (spawn, and spawn-in for a descendant realm). */
export function spawnIn(fnName: string, realm: Realm, f: Value, args: Value[], opts: Value): Process {
  if (!(f instanceof Fn || f instanceof Native || f instanceof Var)) {
    throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), args: List.of(f), message: 'spawn needs a function' });
  }
  const options = spawnOptions(fnName, opts);
  const parent = caller();
  const system = parent.system;
  // The root's services (the inspector's request workers) keep a reserve beyond the limit: a realm that
  // spawned up to it must not stop the machine's own machinery.
  if (system.processCount >= system.maxProcesses + (realm === system.root ? ROOT_RESERVE : 0)) {
    throw new Fault('system-limit', { limit: system.maxProcesses, message: 'too many processes (LONA_MAX_PROCESSES)' });
  }
  const full = realm.fullAncestor();
  if (full !== undefined) {
    throw new Fault('quota', { resource: Keyword.of('processes'), realm: full.ref, limit: full.maxProcesses });
  }
  if (realm.memoryRoom() < PROCESS_BYTES) {
    throw new Fault('quota', { resource: Keyword.of('memory'), realm: realm.ref, message: "the realm's memory quota has no room for another process" });
  }
  if (options.name !== undefined && realm.whereis(options.name, true) !== undefined) {
    throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), args: List.of(options.name), message: `the name ${options.name.fullName} is taken` });
  }
  const p = system.spawnProcess(parent.bindings, options.priority, realm);
  if (options.system === true) p.ensureExtra().system = true;
  // A realm's memory quota meters each of its processes (and caps any one at the quota).
  limitHeap(p, options.maxHeapSize ?? 0, options.minHeapSize ?? 0);
  if (options.name !== undefined) system.register(options.name, p);
  if (parent.stackLimit !== DEFAULT_STACK_LIMIT) p.stackLimit = parent.stackLimit;
  startCall(p, f, args);
  system.scheduler.enqueue(p);
  return p;
}

const spawnArglists = '([f] [f opts] [f args] [f args opts])';

export const processIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'spawn', arglists: spawnArglists, min: 1, max: 3,
    doc: 'Starts a process running (apply f args); returns its pid. opts: :priority (0-255, default 100), :name, :min-heap-size, :max-heap-size (bytes), :system (part of the system\'s own machinery: process-table leaves it out unless asked).',
    impl: (f, a, b) => spawnFrom('spawn', f, a, b).pid,
  }),
  intrinsic({
    name: 'spawn-link', arglists: spawnArglists, min: 1, max: 3, doc: 'As spawn, and links the new process to the caller, atomically.',
    impl: (f, a, b) => {
      const p = spawnFrom('spawn-link', f, a, b);
      p.system.signals.link(caller(), p);
      return p.pid;
    },
  }),
  intrinsic({
    name: 'spawn-monitor', arglists: spawnArglists, min: 1, max: 3, doc: 'As spawn, and monitors the new process; returns [pid ref].',
    impl: (f, a, b) => {
      const p = spawnFrom('spawn-monitor', f, a, b);
      return new Tuple([p.pid, p.system.signals.monitor(caller(), p, p.pid)]);
    },
  }),
  intrinsic({
    name: 'send', arglists: '([pid message] [name message])', min: 2, max: 2, reaches: { 0: 'message' },
    doc: 'Puts message in the mailbox of pid, or of the process registered as name (a symbol, found as whereis ' +
      'finds it: in this realm or an enclosing one), and returns :ok at once. Messages to a process that is gone ' +
      'are dropped; a name no process has is :badarg.',
    impl: (to, message) => {
      const self = caller();
      if (to instanceof Pid) deliverFrom('send', self, to.owner as Process | null, message);
      else if (to instanceof Sym) deliverFrom('send', self, registered('send', self, to), message);
      else badarg('send', [to, message]);
      return OK;
    },
  }),
  intrinsic({
    name: 'send-acked', arglists: '([pid message ref])', min: 3, max: 3, reaches: { 0: 'message' },
    doc: 'Sends message like send; when pid takes it out of its mailbox, the caller gets [:ack ref]. (send-sync is built on it.)',
    impl: (to, message, ref) => {
      const self = caller();
      const p = peerOf('send-acked', to, [to, message, ref], self);
      deliverFrom('send-acked', self, p ?? null, message, () => self.system.signals.deliver(self, new Tuple([ACK, ref])));
      return OK;
    },
  }),
  intrinsic({
    name: 'send-named', arglists: '([name message])', min: 2, max: 2, doc: 'Sends message to the process registered as name: :ok, or :not-found.',
    impl: (name, message) => {
      const self = caller();
      const p = registeredOf(self, nameArg('send-named', name));
      if (p === undefined) return NOT_FOUND;
      deliverFrom('send-named', self, p, message);
      return OK;
    },
  }),
  intrinsic({
    name: 'alive?', arglists: '([pid])', min: 1, max: 1, reaches: { 0: 'message' }, doc: 'Whether the process pid is running (has not exited).',
    impl: (pid) => peerOf('alive?', pid, [pid], caller())?.alive === true,
  }),
  intrinsic({
    name: 'link', arglists: '([pid])', min: 1, max: 1, reaches: { 0: 'process' },
    doc: 'Links the caller and pid: when one exits, the other gets an exit signal. Linking to a process that is gone is an exit signal :noproc.',
    impl: (pid) => {
      const self = caller();
      const p = processOf('link', pid, [pid], self);
      if (p === undefined || !p.alive) {
        if (self.trapsExits) self.system.signals.deliver(self, new Tuple([Keyword.of('EXIT'), pid, NOPROC]));
        else throw new Fault('exit', null, NOPROC);
      } else {
        self.system.signals.link(self, p);
      }
      return OK;
    },
  }),
  intrinsic({
    name: 'unlink', arglists: '([pid])', min: 1, max: 1, reaches: { 0: 'message' }, doc: 'Removes the link between the caller and pid (if any).',
    impl: (pid) => {
      // Only the caller's own link goes: no authority over pid needed.
      const p = peerOf('unlink', pid, [pid], caller());
      if (p !== undefined) p.system.signals.unlink(caller(), p);
      return OK;
    },
  }),
  intrinsic({
    name: 'trap-exit', arglists: '([flag])', min: 1, max: 1,
    doc: 'With true, exit signals from links arrive as [:EXIT pid reason] messages instead of ending the caller (except :kill).',
    impl: (flag) => {
      if (typeof flag !== 'boolean') typeError('trap-exit', 'boolean', flag);
      const self = caller();
      if (flag || self.extra !== null) self.ensureExtra().trapExit = flag;
      return OK;
    },
  }),
  intrinsic({
    name: 'monitor', arglists: '([pid])', min: 1, max: 1, reaches: { 0: 'message' },
    doc: 'Watches pid: when it exits the caller gets [:DOWN ref pid reason] (at once with :noproc if it is gone). Returns ref.',
    impl: (pid) => {
      const self = caller();
      return self.system.signals.monitor(self, peerOf('monitor', pid, [pid], self), pid);
    },
  }),
  intrinsic({
    name: 'demonitor', arglists: '([ref] [ref :flush])', min: 1, max: 2,
    doc: 'Stops the monitor ref. A :DOWN already delivered stays in the mailbox, unless :flush is given (it is then removed).',
    impl: (ref, option) => {
      if (!(ref instanceof Ref)) typeError('demonitor', 'ref', ref);
      if (option !== undefined && option !== FLUSH) badarg('demonitor', [ref, option]);
      const self = caller();
      self.system.signals.demonitor(self, ref);
      if (option === FLUSH) self.system.signals.flushDown(self, ref);
      return OK;
    },
  }),
  intrinsic({
    name: 'exit', arglists: '([reason] [pid reason])', min: 1, max: 2, reaches: { 0: 'process' },
    doc: 'Ends the caller with reason; or sends pid an exit signal (:kill cannot be trapped and arrives as :killed; :normal does not end a process unless it is the caller).',
    impl: (a, b) => {
      if (b === undefined) throw new Fault('exit', null, a);
      const self = caller();
      const p = processOf('exit', a, [a, b], self);
      if (p === undefined) return OK;
      if (p === self && !(self.trapsExits && b !== KILL)) throw new Fault('exit', null, b === KILL ? KILLED : b);
      self.system.signals.signal(p, self, b, true);
      exitIfSignalled(self);
      return OK;
    },
  }),
  intrinsic({
    name: 'register', arglists: '([name] [name pid])', min: 1, max: 2, reaches: { 1: 'process' },
    doc: 'Registers the caller (or pid) under name (a symbol); :badarg if the name is taken or the process already has one.',
    impl: (name, pid) => {
      const self = caller();
      const sym = nameArg('register', name);
      const p = pid === undefined ? self : processOf('register', pid, [name, pid], self);
      if (p === undefined || !self.system.register(sym, p)) badarg('register', pid === undefined ? [name] : [name, pid]);
      return OK;
    },
  }),
  intrinsic({
    name: 'unregister', arglists: '([name])', min: 1, max: 1, doc: 'Frees name; :ok (or :not-found).',
    impl: (name) => {
      const self = caller();
      return self.system.unregister(nameArg('unregister', name), self.realm) ? OK : NOT_FOUND;
    },
  }),
  intrinsic({
    name: 'whereis', arglists: '([name])', min: 1, max: 1, doc: 'The pid registered as name (in this realm, then its ancestors), or nil.',
    impl: (name) => registeredOf(caller(), nameArg('whereis', name))?.pid ?? null,
  }),
  intrinsic({
    name: 'whereis-local', arglists: '([name])', min: 1, max: 1, doc: "The pid registered as name in the caller's own realm, or nil.",
    impl: (name) => registeredOf(caller(), nameArg('whereis-local', name), true)?.pid ?? null,
  }),
];
