/**
 * Realms (ARCHITECTURE.md "Realms", LONALA.md 9): protection domains in a
 * tree. Each has a name, a policy, its own process registry, its shared
 * regions and its children; a realm sees and controls only itself and its
 * descendants. Budgets come from the parent: a child's `:processes` quota
 * can never exceed what its parent has, and the processes of a realm count
 * against every ancestor's quota too.
 */
import { Float, Keyword, PMap, PSet, RealmId, Sym, Vector, type Namespace, type Value } from '../machine/index.js';
import type { Process } from './process.js';
import type { Region } from './region.js';
import { CSpace } from './cspace.js';
import { CpuBudget } from './cpu-budget.js';

export const enum RealmStatus { Running, Terminated }

export class Realm {
  readonly children = new Set<Realm>();
  /** Registered process names (symbols, by full name). */
  readonly names = new Map<string, Process>();
  /** Shared regions this realm made or was given, by name, with the access it has. */
  readonly regions = new Map<string, { region: Region; writable: boolean }>();
  /** The capabilities this realm holds: its only authority. */
  readonly cspace = new CSpace();
  /** This realm's overlays of namespaces it does not own, by the namespace (namespace-view.ts). */
  readonly overlays = new Map<Namespace, Namespace>();
  status = RealmStatus.Running;
  /** Live processes in this realm and its descendants. */
  processCount = 0;
  /** Reductions run by this realm's own processes, ever (the workstation charts the rate). */
  reductions = 0;
  /** Most live processes in this realm and its descendants (Infinity: only the parent's limit). */
  readonly maxProcesses: number;
  /** Most bytes the processes of this realm and its descendants may keep live (`:memory %{:max n}`). */
  readonly memoryMax: number;
  /** Bytes they keep live, as last measured, plus what request-memory reserved. */
  memoryUsed = 0;
  /** Bytes reserved by request-memory in this realm. */
  reservedMemory = 0;
  /** Bytes the values of its definitions (vars) and atoms hold, charged while they do. */
  definedBytes = 0;
  /** Started with :critical when a process here is ended for crossing the quota. */
  pressureHandler: Value = null;
  /** A process here crossed the quota (set by the heap meter, handled when it has exited). */
  underPressure = false;
  /** This realm's cpu budget (`:cpu %{:max f}`), if it has one. */
  readonly cpu: CpuBudget | null;
  /** The budgets that apply to this realm's processes: its own and its ancestors' (empty: uncapped). */
  readonly cpuBudgets: CpuBudget[];

  constructor(readonly id: number, readonly name: Sym, readonly parent: Realm | null, readonly policy: PMap) {
    const n = policy.get(Keyword.of('processes'), undefined);
    this.maxProcesses = typeof n === 'number' ? n : Infinity;
    const cpu = policy.get(Keyword.of('cpu'), undefined);
    const share = cpu instanceof PMap ? cpu.get(Keyword.of('max'), undefined) : undefined;
    this.cpu = typeof share === 'number' && share < 1 ? new CpuBudget(share) : share instanceof Float && share.value < 1 ? new CpuBudget(share.value) : null;
    this.cpuBudgets = [...(this.cpu === null ? [] : [this.cpu]), ...(parent?.cpuBudgets ?? [])];
    const memory = policy.get(Keyword.of('memory'), undefined);
    const bytes = memory instanceof PMap ? memory.get(Keyword.of('max'), undefined) : undefined;
    this.memoryMax = typeof bytes === 'number' ? bytes : Infinity;
  }

  /** The smallest memory quota over this realm and its ancestors (Infinity: none). */
  get memoryLimit(): number {
    let limit = Infinity;
    for (let r: Realm | null = this; r !== null; r = r.parent) limit = Math.min(limit, r.memoryMax);
    return limit;
  }

  /** The least room left among this realm's and its ancestors' memory quotas (Infinity: none). */
  memoryRoom(): number {
    let room = Infinity;
    for (let r: Realm | null = this; r !== null; r = r.parent) room = Math.min(room, r.memoryMax - r.memoryUsed);
    return room;
  }

  /**
   * Charges `bytes` to this realm and its ancestors if they all have room
   * (true), else charges nothing (false): a spawn, a region, a message in
   * another realm's mailbox.
   */
  reserve(bytes: number): boolean {
    if (this.chargeMemory(bytes) >= 0) return true;
    this.chargeMemory(-bytes);
    return false;
  }

  /** Adds `delta` live bytes to this realm and its ancestors; returns the least room left among their quotas (negative: over). */
  chargeMemory(delta: number): number {
    let room = Infinity;
    for (let r: Realm | null = this; r !== null; r = r.parent) {
      r.memoryUsed += delta;
      room = Math.min(room, r.memoryMax - r.memoryUsed);
    }
    return room;
  }

  /** When this realm's processes may run again: now, or when the tightest budget replenishes. */
  cpuAvailableAt(now: number): number {
    let at = now;
    for (const b of this.cpuBudgets) at = Math.max(at, b.availableAt(now));
    return at;
  }

  chargeCpu(ms: number): void {
    for (const b of this.cpuBudgets) b.charge(ms);
  }

  get ref(): RealmId {
    return new RealmId(this.id);
  }

  /** Whether `other` is this realm or one below it. */
  isAncestorOf(other: Realm): boolean {
    for (let r: Realm | null = other; r !== null; r = r.parent) if (r === this) return true;
    return false;
  }

  /** The realm whose `:processes` quota a new process would exceed, if any. */
  fullAncestor(): Realm | undefined {
    for (let r: Realm | null = this; r !== null; r = r.parent) if (r.processCount >= r.maxProcesses) return r;
    return undefined;
  }

  /** Counts a process in (+1) or out (-1) of this realm and its ancestors. */
  countProcess(delta: number): void {
    for (let r: Realm | null = this; r !== null; r = r.parent) r.processCount += delta;
  }

  /** The process registered as `name` here or in an ancestor (whereis), or only here (whereis-local). */
  whereis(name: Sym, local: boolean): Process | undefined {
    for (let r: Realm | null = this; r !== null; r = local ? null : r.parent) {
      const p = r.names.get(name.fullName);
      if (p !== undefined) return p;
    }
    return undefined;
  }

  /** The realm and everything below it, children before parents. */
  subtree(): Realm[] {
    const out: Realm[] = [];
    const visit = (r: Realm): void => {
      for (const c of r.children) visit(c);
      out.push(r);
    };
    visit(this);
    return out;
  }

  /** `realm-info`: what a realm's owner may know about it; `cpu`: its share of the machine (cpu-usage.ts). */
  info(cpu: number): PMap {
    const entries: [string, Value][] = [
      ['id', this.ref],
      ['name', this.name],
      ['status', Keyword.of(this.status === RealmStatus.Running ? 'running' : 'terminated')],
      ['parent', this.parent === null ? null : this.parent.ref],
      ['children', PSet.from([...this.children].map((c) => c.ref))],
      ['policy', this.policy],
      ['usage', PMap.fromFlat([Keyword.of('processes'), this.processCount, Keyword.of('cpu'), new Float(cpu), Keyword.of('memory'), this.memoryUsed, Keyword.of('reductions'), this.reductions])],
      ['process-count', this.processCount],
      ['caps', Vector.from(this.cspace.list().map(([name, cap]) => PMap.fromFlat([
        Keyword.of('name'), name === null ? null : Keyword.of(name), Keyword.of('type'), Keyword.of(cap.object.type),
        Keyword.of('rights'), PSet.from([...cap.rights].map((r) => Keyword.of(r))), Keyword.of('from'), this.cspace.origin(cap),
      ])))],
    ];
    return PMap.fromFlat(entries.flatMap(([k, v]) => [Keyword.of(k), v]));
  }
}
