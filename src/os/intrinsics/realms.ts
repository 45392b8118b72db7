/**
 * Realm intrinsics (LONALA.md 9): the realm tree as the calling process
 * sees it. A process acts only on its own realm and its descendants:
 * anything else is `[:error :not-descendant]`.
 */
import { type Capability, Fault, Keyword, PMap, PSet, Sym, Tuple, Var, type Value } from '../../machine/index.js';
import { realmOf, useCap } from '../authority.js';
import { intrinsic, type Intrinsic, typeError } from '../../lonala/index.js';
import { type Realm, RealmStatus } from '../realm.js';
import { assertTransferable } from '../sendable.js';
import { KILLED } from '../signals.js';
import { spawnIn } from './processes.js';
import { caller } from './context.js';

const OK = Keyword.of('ok');
const SPAWN_OPTION_KEYS = new Set(['priority', 'name', 'min-heap-size', 'max-heap-size']);

/** The realm `x` names, if it is the caller's realm or below it (`strict`: below it only). */
const descendant = (fnName: string, x: Value, strict: boolean): Realm => realmOf(fnName, x, strict, caller());

/** Processes the parent can still give: the least room left along its ancestors. */
function roomFor(parent: Realm): number {
  let room = Infinity;
  for (let r: Realm | null = parent; r !== null; r = r.parent) room = Math.min(room, r.maxProcesses - r.processCount);
  return room;
}

function createRealm(opts: Value): Value {
  if (opts !== undefined && opts !== null && !(opts instanceof PMap)) typeError('realm-create', 'map', opts);
  const options = (opts ?? PMap.EMPTY) as PMap;
  const parent = caller().realm;
  const name = options.get(Keyword.of('name'), null) ?? null;
  if (name !== null && !(name instanceof Sym)) typeError('realm-create', 'symbol', name);
  const policy = options.get(Keyword.of('policy'), PMap.EMPTY) ?? PMap.EMPTY;
  if (!(policy instanceof PMap)) typeError('realm-create', 'map', policy);
  const processes = policy.get(Keyword.of('processes'), null) ?? null;
  if (processes !== null) {
    if (!(typeof processes === 'number' && Number.isInteger(processes) && processes >= 0)) typeError('realm-create', 'non-negative integer', processes);
    if (processes > roomFor(parent)) {
      throw new Fault('quota', { resource: Keyword.of('processes'), asked: processes, left: roomFor(parent), message: "a child's budget is carved from its parent's" });
    }
  }
  const caps = options.get(Keyword.of('caps'), PMap.EMPTY) ?? PMap.EMPTY;
  if (!(caps instanceof PMap)) typeError('realm-create', 'map', caps);
  // Check every grant before creating anything: a refused grant leaves no realm behind.
  const grants = [...caps.entries()].map(([k, c]) => {
    if (!(k instanceof Keyword)) typeError('realm-create', 'keyword', k);
    // Authority flows down: a realm may give its children any capability it holds (:grant governs passing it on in messages).
    return [k.name, useCap(parent.cspace, 'realm-create', c, null)] as const;
  });
  const realm = caller().system.createRealm(parent, (name as Sym | null) ?? Sym.of(`realm-${parent.children.size + 1}`), policy);
  for (const [capName, cap] of grants) realm.cspace.grant(cap.derive(cap.rights) as Capability, capName, parent.ref);
  return realm.ref;
}

function terminateRealm(x: Value): Value {
  const realm = descendant('realm-terminate', x, true);
  if (realm.status === RealmStatus.Terminated) return OK;
  const system = caller().system;
  const doomed = new Set(realm.subtree());
  for (const p of system.allProcesses()) if (doomed.has(p.realm)) system.signals.exit(p, KILLED);
  // Their namespaces go with them: the names are free again, and no code they defined stays reachable.
  for (const [name, ns] of system.namespaces.byName) if (doomed.has(ns.owner as Realm)) system.namespaces.byName.delete(name);
  for (const r of doomed) {
    r.cspace.clear();
    r.status = RealmStatus.Terminated;
    r.names.clear();
    for (const { region } of r.regions.values()) if (region.owner === r) r.chargeMemory(-region.bytes.length);
    // Its definitions go with its namespaces and overlays.
    r.chargeMemory(-r.definedBytes);
    r.definedBytes = 0;
    r.regions.clear();
    r.overlays.clear();
    r.children.clear();
  }
  realm.parent?.children.delete(realm);
  return OK;
}

/** `(spawn-in* realm var arg ... [opts])`: the function must be a var; arguments must be able to cross realms. */
function spawnInRealm(fnName: string, args: Value[]): ReturnType<typeof spawnIn> {
  const [r, f, ...rest] = args;
  const realm = descendant(fnName, r, false);
  if (realm.status === RealmStatus.Terminated) throw new Fault('terminated', { realm: r });
  if (!(f instanceof Var)) throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), message: 'the function spawned in another realm must be a var (#\'f)' });
  const last = rest[rest.length - 1];
  const isOptions = last instanceof PMap && last.count > 0 && [...last.keys()].every((k) => k instanceof Keyword && SPAWN_OPTION_KEYS.has(k.name));
  const fnArgs = isOptions ? rest.slice(0, -1) : rest;
  const from = caller().realm;
  for (const a of fnArgs) assertTransferable(fnName, a, from, realm.cspace);
  return spawnIn(fnName, realm, f, fnArgs, isOptions ? last : null);
}

export const realmIntrinsics: Intrinsic[] = [
  intrinsic({ name: 'self-realm', arglists: '([])', min: 0, max: 0, doc: "The calling process's realm id.", impl: () => caller().realm.ref }),
  intrinsic({ name: 'parent-realm', arglists: '([])', min: 0, max: 0, doc: "The id of the caller's realm's parent, or nil in the root realm.", impl: () => caller().realm.parent?.ref ?? null }),
  intrinsic({ name: 'child-realms', arglists: '([])', min: 0, max: 0, doc: "The ids of the caller's realm's children, as a set.", impl: () => PSet.from([...caller().realm.children].map((c) => c.ref)) }),
  intrinsic({
    name: 'realm-create', arglists: '([] [opts])', min: 0, max: 1, reaches: { 0: 'capability' },
    doc: 'Creates a child of the caller\'s realm; opts: :name (a symbol), :policy %{:processes n ...} (never more than the parent has left), :caps %{:name cap} (capabilities the caller may grant, given to the child under those names). Returns its realm id.',
    impl: createRealm,
  }),
  intrinsic({
    name: 'realm-terminate', arglists: '([realm])', min: 1, max: 1, reaches: { 0: 'realm' },
    doc: 'Ends a descendant realm: every process in it and its descendants exits :killed, its names and regions are freed. :ok.',
    impl: terminateRealm,
  }),
  intrinsic({
    name: 'realm-info', arglists: '([realm])', min: 1, max: 1, reaches: { 0: 'realm' },
    doc: 'A map about the caller\'s realm or a descendant: :id :name :status :parent :children :policy :usage (:processes, :cpu: its share of the machine with its descendants, measured under a cpu budget, else estimated from its reductions over the last second; :memory, :reductions) :process-count :caps (each %{:name :type :rights :from}; :from is the realm that granted or sent it, :derived or :boot).',
    impl: (x) => {
      const realm = descendant('realm-info', x, false);
      return realm.info(caller().system.cpuUsage.shareOf(realm));
    },
  }),
  intrinsic({
    name: 'spawn-in*', arglists: '([realm var & args])', min: 2, max: Infinity, reaches: { 0: 'realm' },
    doc: 'Spawns (apply var args) in a descendant realm (the spawn-in macro passes #\'f); a trailing map of spawn options is used as options.',
    impl: (...args) => spawnInRealm('spawn-in', args).pid,
  }),
  intrinsic({
    name: 'spawn-link-in*', arglists: '([realm var & args])', min: 2, max: Infinity, reaches: { 0: 'realm' }, doc: 'As spawn-in*, linked to the caller.',
    impl: (...args) => {
      const p = spawnInRealm('spawn-link-in', args);
      p.system.signals.link(caller(), p);
      return p.pid;
    },
  }),
  intrinsic({
    name: 'spawn-monitor-in*', arglists: '([realm var & args])', min: 2, max: Infinity, reaches: { 0: 'realm' }, doc: 'As spawn-in*, monitored by the caller; returns [pid ref].',
    impl: (...args) => {
      const p = spawnInRealm('spawn-monitor-in', args);
      return new Tuple([p.pid, p.system.signals.monitor(caller(), p, p.pid)]);
    },
  }),
];
