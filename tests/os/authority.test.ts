/**
 * Authority on every path (src/os/authority.ts), walked from the intrinsic
 * registry itself so that a new intrinsic cannot be forgotten:
 *
 * - every intrinsic whose arglists name a pid, realm, namespace, path,
 *   region, capability or atom declares it in `reaches`;
 * - each declared argument, given a target outside the caller's subtree
 *   from a realm holding nothing (and, for paths, from one holding only a
 *   folder), is refused; the same call from the parent, which owns the
 *   target, is not;
 * - every intrinsic, declared or not, called with those targets in each of
 *   its first three argument positions, leaves every target as it was and
 *   leaks none of their secrets.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Keyword, Tuple, type Value } from '../../src/machine/index.js';
import { INTRINSICS, printValue, type Reach } from '../../src/lonala/index.js';
import { NATIVES } from '../../src/os/natives.js';
import { Session, type FormOutcome } from '../../src/os/session.js';
import type { System } from '../../src/os/system.js';
import type { Realm } from '../../src/os/realm.js';
import { osIntrinsics } from '../../src/os/intrinsics/index.js';
import { bootFromSource, evalOk } from '../helpers/lona.js';

const SECRET_FILE = resolve('tests/os/fixtures/secret.lona');
const SECRET = 'TOPSECRET';

/** Arglist parameter names that name something outside the value, and the kind they are. */
const NAMING: Record<string, Reach> = {
  pid: 'process', tracer: 'process', realm: 'realm', ns: 'namespace', 'ns-sym': 'namespace', 'ns-or-sym': 'namespace',
  path: 'path', dir: 'path', cap: 'capability', 'fs-cap': 'capability', region: 'region', atom: 'atom',
};

/** A valid argument for each other parameter name, as Lonala source evaluated by the caller. */
const SAMPLES: Record<string, string> = {
  reason: ':kill', name: "'probe-name", message: ':hi', ref: '(make-ref)', access: ':read-only', offset: '0', length: '1',
  binary: '#bytes[1]', text: '"x"', rights: '#{:read}', right: ':read', var: "#'user/idle", key: ':status', opts: '%{}', flag: 'nil',
  alias: "'probe-alias", value: '1', sym: "'user", pid: '(self)', tracer: '(self)', realm: '(realm-create)', ns: "'user",
  'ns-sym': "'user", 'ns-or-sym': "'user", path: '"probe.txt"', dir: '"."', cap: '(cap :fs)', 'fs-cap': '(cap :fs)',
  region: "(make-shared-region 8 'probe-region)", 'step?': 'false', skip: 'nil',
  atom: '(atom 0)', oldval: '1', newval: '2', 'watch-fn': '(fn [& _] nil)', validator: 'nil',
};

/** What a call gives the target as: the declared kind, or for a handle the kind its parameter names. */
function kindOf(kind: Reach, param: string): Reach {
  return kind === 'handle' || kind === 'message' ? NAMING[param] : kind;
}

/** Targets outside the attackers' subtrees, for intrinsic `name`'s parameter `param` of kind `kind`. */
function targets(name: string, kind: Reach, param: string): string[] {
  switch (kindOf(kind, param)) {
    case 'process': return ['user/t-parent-pid', 'user/t-sibling-pid', "(whereis 'lona.inspector)"];
    case 'realm': return ['user/t-apps', 'user/t-sibling-realm', 'user/t-root'];
    // A symbol argument names a namespace, except resolve's, which names a var in one.
    case 'namespace': return name === 'resolve' ? ["'victim.secret/token"] : param === 'sym' ? ["'victim.secret"] : ["'victim.secret", 'user/t-victim-ns'];
    // require finds a file from a namespace name: no name leads out, so only the realm holding no filesystem is tried.
    case 'path': return param === 'ns-sym' ? ["'secret"] : name === 'load-std' ? ['"../../tests/os/fixtures/secret.lona"', `"${SECRET_FILE}"`]
      : ['"../../secret.lona"', `"${SECRET_FILE}"`, '"evil"', '"far-evil"'];
    case 'capability': return param === 'opts' ? ['%{:caps %{:c user/t-cap}}'] : param === 'fs-cap' ? ['user/t-fs-cap'] : ['user/t-cap'];
    case 'region': return ['user/t-region'];
    // An atom is its own realm's alone: the attackers' parent's, and their sibling's.
    case 'atom': return ['user/t-atom', 'user/t-victim-atom'];
    default: return [];
  }
}

/** Targets the parent (apps) may act on: its child realm's, its own. */
function grantedTargets(name: string, kind: Reach, param: string): string[] {
  switch (kindOf(kind, param)) {
    case 'process': return ['user/t-sibling-pid'];
    case 'realm': return ['(realm-create)'];
    // Entering a namespace a child made is refused even to its parent (the child could redefine what the parent runs).
    case 'namespace': return name === 'resolve' ? ["'victim.secret/token"] : ENTERING.has(name) ? ["'parent.own"] : ["'victim.secret"];
    case 'path': return param === 'ns-sym' ? [] : name === 'load-std' ? ['"core/control.lona"'] : ['"tests/os/fixtures/fs/sub/written.txt"'];
    case 'capability': return param === 'opts' ? ['%{:caps %{:c user/t-cap}}'] : param === 'fs-cap' ? ['user/t-fs-cap'] : ['user/t-cap'];
    case 'region': return ['user/t-region'];
    case 'atom': return ['user/t-atom'];
    default: return [];
  }
}

const REFUSALS = new Set(['not-descendant', 'no-capability']);
const ENTERING = new Set(['create-ns', 'in-ns']);

/** Parameter lists of an intrinsic's arglists, each cut at `&`. */
function paramLists(arglists: string): string[][] {
  return [...arglists.matchAll(/\[([^\]]*)\]/g)].map((m) => {
    const names = m[1].split(/\s+/).filter((s) => s !== '');
    const rest = names.indexOf('&');
    return rest < 0 ? names : names.slice(0, rest);
  });
}

/** The shortest parameter list with a parameter at `position`, preferring one where that parameter names a target. */
function paramsFor(arglists: string, position: number): string[] | undefined {
  const lists = paramLists(arglists).filter((ps) => ps.length > position).sort((a, b) => a.length - b.length);
  return lists.find((ps) => NAMING[ps[position]] !== undefined) ?? lists[0];
}

function errorKind(o: FormOutcome): string | null {
  if (o.kind !== 'exit') return null;
  const r = o.reason;
  return r instanceof Tuple && r.items[0] === Keyword.of('error') && r.items[1] instanceof Keyword ? r.items[1].name : printValue(r);
}

function text(o: FormOutcome): string {
  return o.kind === 'value' ? printValue(o.value) : o.kind === 'exit' ? printValue(o.reason) : `${o.kind} ${o.error.message}`;
}

let system: System;
/** The attackers' parent: sets up the targets. */
let apps: Session;
/** Another evaluator of the parent's, for calls that may move *ns* (in-ns). */
let parent: Session;
let bare: Session;
let boxed: Session;

/** Sets up the victims again (a call may have ended one): run in apps, the attackers' parent. */
function freshTargets(): void {
  evalOk(apps, `
    (when (whereis 'parent-svc) (unregister 'parent-svc))
    (when t-parent-pid (exit t-parent-pid :kill))
    (when t-sibling-pid (exit t-sibling-pid :kill))
    (def t-parent-pid (spawn idle))
    (def t-sibling-pid (spawn-in t-sibling-realm idle))
    (register 'parent-svc t-parent-pid)`);
}

beforeAll(() => {
  system = bootFromSource();
  const realm = system.sessionRealm();
  apps = new Session(system, system.user, realm);
  parent = new Session(system, system.user, realm);
  evalOk(apps, `
    (defn idle [] (receive :stop :stopped :after 600000 :bored))
    (def t-parent-pid nil)
    (def t-sibling-pid nil)
    (def t-apps (self-realm))
    (def t-root (parent-realm))
    (def t-sibling-realm (realm-create %{:name 'victim}))
    (defn make-secret [] (eval '(in-ns 'victim.secret)) (eval '(def token "${SECRET}-A"))
      (eval '(in-ns 'victim.state)) (eval '(def box (atom "${SECRET}-C"))) :made)
    (let [[p r] (spawn-monitor-in t-sibling-realm make-secret)] (receive [:DOWN r2 _ _] when (= r r2) :done))
    (def t-cap (cap-derive (cap :console) #{:write :grant}))
    (def t-fs-cap (fs-subtree (cap :fs) "tests/os/fixtures"))
    (def t-region (make-shared-region 16 't-region))
    (def t-atom (atom "${SECRET}-B"))
    (def bare (realm-create %{:name 'bare}))
    (def boxed (realm-create %{:name 'boxed :caps %{:fs (fs-subtree (cap :fs) "tests/os/fixtures/fs/sub")}}))`);
  evalOk(apps, `(def t-victim-ns (find-ns 'victim.secret))`);
  evalOk(apps, `(def t-victim-atom victim.state/box)`);
  expect(printValue(evalOk(apps, 'victim.secret/token'))).toBe(`"${SECRET}-A"`);
  const realmNamed = (name: string): Realm => [...realm.children].find((r) => r.name.name === name)!;
  bare = new Session(system, system.user, realmNamed('bare'));
  boxed = new Session(system, system.user, realmNamed('boxed'));
  freshTargets();
});

function call(session: Session, name: string, args: string[]): FormOutcome {
  const outcomes = session.evalTextSync(`(lona.core/${name} ${args.join(' ')})`).outcomes;
  return outcomes[outcomes.length - 1];
}

/** Every declared (name, position, kind) of the registry. */
function declared(): [string, number, Reach][] {
  return [...NATIVES.values()].flatMap((n) => {
    const spec = INTRINSICS.get(n.name) ?? osIntrinsics.find((i) => i.name === n.name)!;
    return Object.entries(spec.reaches ?? {}).map(([p, kind]) => [n.name, Number(p), kind] as [string, number, Reach]);
  });
}

function specOf(name: string) {
  return INTRINSICS.get(name) ?? osIntrinsics.find((i) => i.name === name)!;
}

/** The arguments of a call with `target` at `position` and samples elsewhere. */
function argsWith(params: string[], position: number, target: string): string[] {
  return params.map((p, i) => {
    if (i === position) return target;
    const sample = SAMPLES[p];
    if (sample === undefined) throw new Error(`no sample argument for a parameter named ${p}: add one to SAMPLES`);
    return sample;
  });
}

describe('the registry declares what each intrinsic reaches', () => {
  it('every parameter of an OS intrinsic naming a pid, realm, namespace, path, capability, region or atom is declared', () => {
    // The language's own intrinsics cannot reach the OS: they see only their arguments' values.
    const missing: string[] = [];
    for (const spec of osIntrinsics) {
      for (const params of paramLists(spec.arglists)) {
        params.forEach((p, i) => {
          if (NAMING[p] !== undefined && spec.reaches?.[i] === undefined) missing.push(`${spec.name} ${p}@${i}`);
        });
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares the intrinsics that act on processes, realms, namespaces, paths, capabilities, regions and atoms', () => {
    const names = new Set(declared().map(([n]) => n));
    for (const n of ['exit', 'link', 'register', 'suspend-process', 'trace-messages', 'process-info', 'realm-terminate', 'spawn-in*',
      'find-ns', 'in-ns', 'intern', 'resolve', 'load-std', 'load-file', 'require', 'slurp', 'spit', 'cap-derive', 'cap-revoke',
      'realm-create', 'region-read', 'region-write!', 'share-region', 'deref', 'compare-and-set!*', 'reset!*', 'add-watch',
      'set-validator!*']) expect(names.has(n), n).toBe(true);
  });
});

describe('a realm holding nothing is refused everything outside its subtree; its parent is not', () => {
  const acting = (): [string, number, Reach][] => declared().filter(([, , kind]) => kind !== 'message' && kind !== 'handle');

  it('refuses each declared argument given a target outside', () => {
    const accepted: string[] = [];
    for (const [name, position, kind] of acting()) {
      const params = paramsFor(specOf(name).arglists, position)!;
      for (const target of targets(name, kind, params[position])) {
        for (const session of kind === 'path' && params[position] !== 'ns-sym' ? [bare, boxed] : [bare]) {
          const args = argsWith(params, position, target);
          const o = call(session, name, args);
          const refused = REFUSALS.has(errorKind(o) ?? '')
            || (kind === 'namespace' && ((o.kind === 'value' && o.value === null) || /no namespace/.test(text(o))));
          if (!refused) accepted.push(`(${name} ${args.join(' ')}) from ${session === bare ? 'bare' : 'boxed'}: ${text(o)}`);
          expect(text(o)).not.toContain(SECRET);
          freshTargets();
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it('lets the parent make the same calls on what it owns', () => {
    const refused: string[] = [];
    for (const [name, position, kind] of acting()) {
      const params = paramsFor(specOf(name).arglists, position)!;
      for (const target of grantedTargets(name, kind, params[position])) {
        const args = argsWith(params, position, target);
        const o = call(parent, name, args);
        if (REFUSALS.has(errorKind(o) ?? '') || /no namespace/.test(text(o))) refused.push(`(${name} ${args.join(' ')}): ${text(o)}`);
        freshTargets();
      }
    }
    expect(refused).toEqual([]);
  });

  it('lets messages and monitors reach any process: they carry data and observe', () => {
    for (const [name, position, kind] of declared().filter(([, , k]) => k === 'message' || k === 'handle')) {
      const params = paramsFor(specOf(name).arglists, position)!;
      for (const target of targets(name, kind, params[position])) {
        const o = call(bare, name, argsWith(params, position, target));
        expect(o.kind, `(${name} ${target}): ${text(o)}`).toBe('value');
      }
    }
    expect(printValue(evalOk(apps, '(map alive? [t-parent-pid t-sibling-pid (whereis \'lona.inspector)])'))).toBe('(true true true)');
  });
});

describe('sending by a registered name (send, send-named, whereis: authority.ts registeredOf)', () => {
  it("finds no name registered outside the caller's realm and its ancestors; the same calls find those inside", () => {
    evalOk(apps, `
      (defn reg-idle [n] (register n) (idle))
      (defn probe-send [to n] (send to [(whereis n) (send n :probe) (send-named n :probe)]))
      (def t-victim-svc (spawn-in t-sibling-realm reg-idle 'victim-svc))
      (sleep 20)`);
    // Refused: bare (a sibling of the victim realm) does not see its name; the refusal is that of a name nobody has.
    const refusal = (name: string): string => text(call(bare, 'send', [`'${name}`, ':hi'])).replaceAll(name, 'NAME');
    expect(errorKind(call(bare, 'send', ["'victim-svc", ':hi']))).toBe('badarg');
    expect(refusal('victim-svc')).toBe(refusal('nobody-has-this'));
    expect(text(call(bare, 'send-named', ["'victim-svc", ':hi']))).toBe(':not-found');
    expect(text(call(bare, 'whereis', ["'victim-svc"]))).toBe('nil');
    // Nor does the victim realm's parent see a name registered below it.
    expect(errorKind(call(parent, 'send', ["'victim-svc", ':hi']))).toBe('badarg');
    expect(printValue(evalOk(apps, '(process-info t-victim-svc :mailbox-len)'))).toBe('0');
    // Granted: a name registered in an ancestor's realm (parent-svc, in apps) from bare, and the victim's own name from inside it.
    expect(text(call(bare, 'send', ["'parent-svc", ':hi']))).toBe(':ok');
    expect(printValue(evalOk(apps, `(do (spawn-in t-sibling-realm probe-send (self) 'victim-svc)
      (receive [p a b] [(= p t-victim-svc) a b] :after 2000 :timeout))`))).toBe('[true :ok :ok]');
    expect(printValue(evalOk(apps, '(process-info t-victim-svc :mailbox-len)'))).toBe('2');
    evalOk(apps, '(exit t-victim-svc :kill)');
  });
});

describe('every intrinsic, declared or not, leaves what is outside as it was', () => {
  it('survives every intrinsic called with outside targets in each of its first three positions', () => {
    freshTargets();
    const regionBefore = printValue(evalOk(apps, '(region-read t-region 0 16)'));
    const atomsBefore = printValue(evalOk(apps, '[@t-atom (atom-watches* t-atom) (get-validator t-atom)]'));
    const outside = (['process', 'realm', 'namespace', 'path', 'capability', 'region', 'atom'] as Reach[]).flatMap((k) => targets('', k, ''));
    const leaks: string[] = [];
    for (const n of NATIVES.values()) {
      const spec = specOf(n.name);
      const lists = paramLists(spec.arglists);
      const widest = Math.min(3, Math.max(0, ...lists.map((ps) => ps.length)));
      for (let position = 0; position < widest; position++) {
        const params = paramsFor(spec.arglists, position)!;
        for (const target of outside) {
          const args = params.map((p, i) => (i === position ? target : SAMPLES[p] ?? 'nil'));
          for (const session of [bare, boxed]) {
            const o = call(session, n.name, args);
            if (text(o).includes(SECRET)) leaks.push(`(${n.name} ${args.join(' ')}): ${text(o)}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    // Nothing outside changed: processes, names, realms, the namespace, the capability, the region, the files.
    expect(printValue(evalOk(apps, `[(alive? t-parent-pid) (alive? t-sibling-pid) (alive? (whereis 'lona.inspector))
      (not= :suspended (:status (process-info t-parent-pid))) (:links (process-info t-parent-pid)) (whereis 'parent-svc)]`)))
      .toBe(`[true true true true #{} ${printValue(evalOk(apps, 't-parent-pid'))}]`);
    expect(printValue(evalOk(apps, '[(:status (realm-info t-sibling-realm)) (:status (realm-info t-apps))]'))).toBe('[:running :running]');
    expect(printValue(evalOk(apps, '[victim.secret/token (count (ns-interns \'victim.secret))]'))).toBe(`["${SECRET}-A" 1]`);
    expect(printValue(evalOk(apps, '[(cap-live? t-cap) (cap-live? t-fs-cap) (region-read t-region 0 16)]'))).toBe(`[true true ${regionBefore}]`);
    expect(printValue(evalOk(apps, '[@t-atom (atom-watches* t-atom) (get-validator t-atom)]'))).toBe(atomsBefore);
    expect(readFileSync(SECRET_FILE, 'utf8')).toBe(`${SECRET}-42\n`);
    expect(existsSync('tests/os/fixtures/fs/escaped.txt')).toBe(false);
    expect(existsSync('/tmp/lona-authority-escaped')).toBe(false);
  });
});

describe('files that are not regular files', () => {
  it('refuses a FIFO instead of waiting on it (the machine would stop with it)', () => {
    const fifo = 'tests/os/fixtures/fs/sub/fifo';
    rmSync(fifo, { force: true });
    execFileSync('mkfifo', [fifo]);
    try {
      expect(errorKind(call(boxed, 'slurp', ['"fifo"']))).toBe('file-not-found');
      expect(errorKind(call(boxed, 'spit', ['"fifo"', '"x"']))).toBe('io-error');
      expect(errorKind(call(boxed, 'load-file', ['"fifo"']))).toBe('file-not-found');
      // the same realm reads and writes a regular file there
      expect(text(call(boxed, 'spit', ['"written.txt"', '"regular"']))).toBe(':ok');
      expect(text(call(boxed, 'slurp', ['"written.txt"']))).toBe('"regular"');
    } finally {
      rmSync(fifo, { force: true });
    }
  });
});

describe('values the kernel carries between realms', () => {
  it('gives a message\'s capability to another realm only from a sender that holds it with :grant', () => {
    const v: Value = evalOk(apps, `
      (def talker (realm-create %{:name 'talker2 :caps %{:console (cap-derive (cap :console) #{:write})}}))
      (defn hand-over [to] (send to (cap :console)))
      (let [[p r] (spawn-monitor-in talker hand-over t-sibling-pid)] (receive [:DOWN r2 _ why] when (= r r2) (second why) :after 2000 :timeout))`);
    expect(printValue(v)).toBe(':no-capability');
  });
});
