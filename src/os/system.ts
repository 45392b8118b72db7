/**
 * The running Lona system: the namespace table, the intrinsics, the console
 * and the counters every process shares. `System.boot()` loads the standard
 * library (std/lona/core.lona) into a fresh system (ARCHITECTURE.md "Boot").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Binding, type CodeObject, current, defJournal, defTarget, NamespaceTable, PMap, Pid, RealmId, Sym, Var, jsTier, type Namespace, type Native } from '../machine/index.js';
import { NATIVES } from './natives.js';
import { loadImage, saveImage } from './boot-image.js';
import { PROCESS_BYTES, Process, ProcessState } from './process.js';
import { limitHeap } from './heap.js';
import { Realm } from './realm.js';
import { defineIn } from './namespace-view.js';
import { guardHost } from './host-guard.js';
import { chargeDefinition } from './heap.js';
import { currentLoadJournal } from './loader/transaction.js';
import { grantDevices } from './devices.js';
import { Scheduler } from './scheduler.js';
import { CpuUsage } from './cpu-usage.js';
import { Signals } from './signals.js';
import { FaultLog } from './fault-log.js';
import { Session } from './session.js';
import { STD_DIR } from './std-dir.js';
import { isParkedEvaluator } from './process-info.js';
import './lazy-helpers.js';

/** Where program output goes (the console device, later behind a capability). */
export interface Console {
  write(text: string): void;
  /** Reports about the system itself (crash reports); `write` when absent. */
  report?(text: string): void;
  /**
   * Asks for the next line of input (without its newline; null at the end
   * of input); `deliver` may be called at once or later. Absent: the
   * console has no input.
   */
  readLine?(deliver: (line: string | null) => void): void;
}


/** Priority of a process spawned without :priority (0-255, higher runs first). */
export const DEFAULT_PRIORITY = 100;


export class System {
  readonly namespaces = new NamespaceTable();
  /** The vars each loaded file defined at its last load (src/os/loader). */
  readonly definedBy = new Map<string, Set<Var>>();
  /** The latest live-editing notices (src/os/loader), for the inspector. */
  readonly notices: { file: string; ok: boolean; text: string; at: number }[] = [];
  /** Code replaced by a reload, with the var it was the value of (processes may still run it). */
  readonly superseded = new WeakMap<CodeObject, string>();
  readonly core: Namespace;
  readonly user: Namespace;
  /** The process-bound `*ns*` var. */
  readonly nsVar: Var;
  readonly scheduler = new Scheduler();
  readonly signals = new Signals(this);
  /** Every realm's share of the machine, for realm-info. */
  readonly cpuUsage: CpuUsage;
  /** The recent faults of its processes, with their frames (the debugger's). */
  readonly faults = new FaultLog();
  /** Live processes, in no particular order (each knows its slot). */
  private readonly live: Process[] = [];
  /** The root realm: holds everything; the realms a session needs are created below it. */
  readonly root = new Realm(0, Sym.of('root'), null, PMap.EMPTY);
  /** Every realm ever created, by id (terminated ones stay, so realm-info can say so). */
  private readonly realms = new Map<number, Realm>([[0, this.root]]);
  private nextRealm = 1;
  private apps: Realm | null = null;
  /** Most live processes at once: a spawn beyond it faults with :system-limit (a fork bomb ends, the host survives). */
  maxProcesses = Number(process.env.LONA_MAX_PROCESSES) > 0 ? Number(process.env.LONA_MAX_PROCESSES) : 2_000_000;
  private nextLocal = 1;
  private nextGensym = 1;

  constructor(public console: Console) {
    jsTier.enabled = process.env.LONA_NO_NATIVE !== '1';
    this.core = this.namespaces.create('lona.core');
    this.core.owner = this.root;
    this.user = this.createNamespace('user');
    this.nsVar = this.core.intern('*ns*');
    this.nsVar.processBound = true;
    this.nsVar.root = this.user;
    this.scheduler.signals = this.signals;
    this.cpuUsage = new CpuUsage(this.scheduler, this.root);
    this.scheduler.guard = () => guardHost(this);
    grantDevices(this.root);
    // A def is journaled in the load its process is in, if any.
    defJournal.find = currentLoadJournal;
    // A def acts on the realm of the process running it, whoever compiled the code.
    defTarget.of = (v, value) => {
      const p = current.thread?.context as Process | null | undefined;
      if (!(p instanceof Process)) return v;
      const target = defineIn(p.realm, v);
      chargeDefinition(p, target, value);
      return target;
    };
  }

  /** A system with the standard library loaded. */
  static boot(console: Console): System {
    const system = new System(console);
    try {
      if (loadImage((name) => system.createNamespace(name))) return system;
    } catch {
      // A damaged image: boot from source, in a fresh system.
      return System.bootFromSource(new System(console));
    }
    return System.bootFromSource(system);
  }

  private static bootFromSource(system: System): System {
    system.loadStd('lona/core.lona');
    saveImage(system.stdNamespaces());
    return system;
  }

  /** The namespaces the standard library defines (all but the user's), as the boot image keeps them. */
  stdNamespaces(): Namespace[] {
    return [...this.namespaces.byName.values()].filter((ns) => ns !== this.user);
  }

  /** The intrinsic named `name` as a function value. */
  intrinsic(name: string): Native | undefined {
    return NATIVES.get(name);
  }

  /** Creates namespace `name` (if new, owned by `owner`), with lona.core referred into it. */
  createNamespace(name: string, owner: Realm = this.root): Namespace {
    const existed = this.namespaces.find(name);
    const ns = this.namespaces.create(name);
    if (existed === undefined) {
      ns.owner = owner;
      if (ns !== this.core) ns.uses.push(this.core);
    }
    return ns;
  }

  /**
   * A new process, not yet runnable, inheriting `bindings` (process-bound
   * vars). Start it with `startCall` and `scheduler.enqueue`.
   */
  spawnProcess(bindings: Binding | null = null, priority = DEFAULT_PRIORITY, realm: Realm = this.root): Process {
    const pid = new Pid(realm.id, this.nextLocal++);
    const p = new Process(this, pid, priority, realm);
    realm.countProcess(1);
    realm.chargeMemory(PROCESS_BYTES);
    pid.owner = p;
    p.bindings = bindings;
    p.slot = this.live.length;
    this.live.push(p);
    return p;
  }

  /** The live process `pid` names, if any (pids only come from spawn, so each knows its process). */
  process(pid: Pid): Process | undefined {
    const p = pid.owner as Process | null;
    return p !== null && p.system === this ? p : undefined;
  }

  /** Every live process, without a copy: read it at once, never keep it (it changes as processes come and go). */
  liveProcesses(): readonly Process[] {
    return this.live;
  }

  /** Processes of the user's programs still alive: the system's own (the inspector, evaluators between requests) aside. */
  programProcesses(): number {
    let n = 0;
    for (const p of this.live) if (p.extra?.system !== true && !isParkedEvaluator(p)) n++;
    return n;
  }

  /** Every live process (a snapshot). */
  allProcesses(): Process[] {
    return this.live.slice();
  }

  get processCount(): number {
    return this.live.length;
  }

  /** Drops an exited process from the table. */
  forget(p: Process): void {
    p.pid.owner = null;
    p.realm.countProcess(-1);
    p.realm.chargeMemory(-PROCESS_BYTES);
    const last = this.live.pop() as Process;
    if (last !== p) {
      this.live[p.slot] = last;
      last.slot = p.slot;
    }
  }

  /** Registers `p` under `name` in its realm; false if the name is taken there or `p` already has one. */
  register(name: Sym, p: Process): boolean {
    const names = p.realm.names;
    if (names.has(name.fullName) || (p.extra?.name ?? null) !== null) return false;
    names.set(name.fullName, p);
    p.ensureExtra().name = name;
    return true;
  }

  /** Frees `name` in `realm`. */
  unregister(name: Sym, realm: Realm): boolean {
    const p = realm.names.get(name.fullName);
    if (p === undefined) return false;
    realm.names.delete(name.fullName);
    if (p.extra !== null) p.extra.name = null;
    return true;
  }

  /**
   * The realm user sessions (the REPL, -e, run) evaluate in: `apps`, made
   * once by `boot-layout` of std/lona/init.lona, run in the root realm.
   */
  sessionRealm(): Realm {
    if (this.apps === null) {
      const init = new Session(this, this.core);
      const { outcomes, failure } = init.evalTextSync('(lona.core/boot-layout)');
      const id = outcomes[outcomes.length - 1];
      const realm = id?.kind === 'value' && id.value instanceof RealmId ? this.realm(id.value.id) : undefined;
      if (failure !== null || realm === undefined) throw new Error(`the boot layout (std/lona/init.lona) failed: ${failure ?? 'no realm id'}`);
      this.apps = realm;
      // The user's namespace belongs to the session: its code defines there.
      this.user.owner = realm;
    }
    return this.apps;
  }

  /** The session realm if the boot layout made it already (never makes it). */
  get sessionRealmIfAny(): Realm | null {
    return this.apps;
  }

  /** The realm `id` names, if it ever existed. */
  realm(id: number): Realm | undefined {
    return this.realms.get(id);
  }

  /** A new realm below `parent`. */
  createRealm(parent: Realm, name: Sym, policy: PMap): Realm {
    const realm = new Realm(this.nextRealm++, name, parent, policy);
    this.realms.set(realm.id, realm);
    parent.children.add(realm);
    return realm;
  }

  /** An evaluator process for a session, in namespace `ns`. */
  spawnEvaluator(bindings: Binding | null, realm: Realm = this.root): Process {
    const p = this.spawnProcess(bindings, DEFAULT_PRIORITY, realm);
    p.state = ProcessState.Suspended;
    // What it evaluates counts against its realm's memory quota, as any process's would.
    limitHeap(p, 0);
    return p;
  }

  gensymId(): number {
    return this.nextGensym++;
  }

  /** Loads a file of the standard library into its namespace. */
  private loadStd(path: string): void {
    const file = join(STD_DIR, path);
    const session = new Session(this, this.core);
    const outcome = session.evalTextSync(readFileSync(file, 'utf8'), { file: file, realize: false });
    if (outcome.failure !== null) throw new Error(`standard library ${path} failed to load: ${outcome.failure}`);
  }
}
