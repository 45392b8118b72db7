/**
 * The host bridge to the inspector service (PROTOCOL.md): host clients
 * (the TUI, tests) call `request` with plain data and get plain data back.
 * Each request runs as a one-shot process in the root realm that messages
 * the service, waits for its reply (bounded by a timeout) and hands it to
 * the host; nothing is read behind the service's back.
 */
import { Fn, Pid, Tuple, startCall, type Value } from '../../machine/index.js';
import { printValue } from '../../lonala/index.js';
import { Session, type System } from '../../os/index.js';
import { fromHost, toHost, REPLY_LIMITS } from './host-values.js';
import type { HostRequest, Inspector, Reply } from '../protocol.js';

const ASK = `(fn [service cap request timeout]
  (let [ref (make-ref)]
    (send service [:inspect cap ref (self) request])
    (receive [:inspect-reply r result] when (= r ref) result
             :after timeout [:error :timeout timeout])))`;

/** Priority of the request processes: the high band, so a busy machine still answers. */
const PRIORITY = 150;
/** Pids of live processes the bridge remembers at least, before it sweeps out those gone. */
const PIDS_KEPT = 10_000;

export class InspectorBridge implements Inspector {
  private readonly service: Value;
  private readonly cap: Value;
  private readonly ask: Fn;
  /** Pids replies have shown, by printed form, so requests can name them again. */
  private readonly pids = new Map<string, WeakRef<Pid>>();
  /** The map's size after its last sweep (at least PIDS_KEPT). */
  private pidsSwept = PIDS_KEPT;

  constructor(private readonly system: System, private readonly timeoutMs = 3000) {
    const root = new Session(system);
    const value = (source: string): Value => {
      const { outcomes, failure } = root.evalTextSync(source);
      const last = outcomes[outcomes.length - 1];
      if (failure !== null || last?.kind !== 'value') throw new Error(`inspector bridge: ${source}: ${failure}`);
      return last.value;
    };
    // The service boots with the session layout (std/lona/init.lona).
    system.sessionRealm();
    this.service = value("(whereis 'lona.inspector)");
    this.cap = value('(cap :inspector)');
    this.ask = value(ASK) as Fn;
    system.scheduler.startAsync();
  }

  request(request: HostRequest): Promise<Reply> {
    let map: Value;
    try {
      map = fromHost(request, (realm, local) => this.pid(realm, local));
    } catch (e) {
      return Promise.resolve({ ok: false, error: 'badarg', detail: (e as Error).message });
    }
    const { system } = this;
    return new Promise((resolve) => {
      const p = system.spawnProcess(null, PRIORITY, system.root);
      p.ensureExtra().system = true;
      system.scheduler.hostWaiting(1);
      p.ensureExtra().host = {
        oneShot: true,
        done: (o) => {
          system.scheduler.hostWaiting(-1);
          resolve(o.kind === 'value' ? this.reply(o.value) : { ok: false, error: 'failed', detail: printValue(o.reason) });
        },
      };
      startCall(p, this.ask, [this.service, this.cap, map, this.timeoutMs]);
      system.scheduler.enqueue(p);
    });
  }

  /** The service's `[:ok v]` or `[:error kind detail]` as host data. */
  private reply(result: Value): Reply {
    const onPid = (pid: Pid, text: string) => {
      this.pids.set(text, new WeakRef(pid));
      // Forget pids no longer alive once the map grows: a long session shows many processes that come and go.
      if (this.pids.size > this.pidsSwept * 2) {
        for (const [t, ref] of this.pids) if (ref.deref()?.owner == null) this.pids.delete(t);
        this.pidsSwept = Math.max(PIDS_KEPT, this.pids.size);
      }
    };
    const ctx = { limits: REPLY_LIMITS, onPid };
    if (result instanceof Tuple && result.items.length >= 2) {
      const [tag, a, b] = result.items;
      if (printValue(tag) === ':ok') return { ok: true, value: toHost(a, ctx) };
      const kind = toHost(a, ctx);
      return { ok: false, error: typeof kind === 'string' ? kind.replace(/^:/, '') : String(kind), detail: toHost(b ?? null, ctx) };
    }
    return { ok: false, error: 'bad-reply', detail: toHost(result, ctx) };
  }

  /** The live process's pid printed as `text` (`#pid<r.n>` or `r.n`), if there is one. */
  pidOf(text: string): Pid | undefined {
    const m = /^(?:#pid<)?(\d+)\.(\d+)>?$/.exec(text);
    return m === null ? undefined : this.pid(Number(m[1]), Number(m[2]));
  }

  private pid(realm: number, local: number): Pid | undefined {
    const known = this.pids.get(`#pid<${realm}.${local}>`)?.deref();
    if (known !== undefined) return known;
    return this.system.liveProcesses().find((p) => p.pid.realm === realm && p.pid.local === local)?.pid;
  }
}
