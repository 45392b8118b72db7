/**
 * A machine host that serves several clients (ARCHITECTURE.md "The
 * inspector"): one system, its live editing, the inspector bridge, and a
 * connection per client (host-connection.ts), each with its own session
 * evaluator. The workstation's worker is one client of it over the
 * worker's port; `lona attach` clients come over a Unix socket
 * (socket-server.ts), nREPL sessions over TCP (nrepl/). Every transport
 * carries the one message set of protocol.ts.
 */
import { System, LiveLoader, VERSION } from '../../os/index.js';
import { InspectorBridge } from './bridge.js';
import { HostConnection } from './host-connection.js';
import { SharedConsole } from './shared-console.js';
import type { FromMachine, MachineInfo } from '../protocol.js';

export interface HostOptions {
  kind: MachineInfo['kind'];
  /** The directory it live-edits (null: none). */
  dir: string | null;
  /**
   * Stops the machine when a client that may (`mayStop`) asks; null: no
   * client may (a workstation stops when its screen quits).
   */
  onStop: (() => void) | null;
}

export class MachineHost {
  readonly bridge: InspectorBridge;
  /** The tree's first load (live editing): evaluations wait for it, so what a client types sees every file loaded. */
  loaded: Promise<void> = Promise.resolve();
  private live: LiveLoader | null = null;
  private readonly clients = new Set<HostConnection>();
  private readonly named = new Map<string, number>();
  private stopping = false;

  /** `console`: the console `system` was booted with, through which its own output reaches the clients that take it. */
  constructor(readonly system: System, readonly console: SharedConsole, private readonly options: HostOptions) {
    this.bridge = new InspectorBridge(system);
  }

  /** Boots a machine whose own output goes to its clients (and to `local`, if given) and hosts it. */
  static boot(options: HostOptions, local: ((text: string) => void) | null = null): MachineHost {
    const console = new SharedConsole(local);
    return new MachineHost(System.boot(console), console, options);
  }

  /**
   * A new client, `post` its messages out. `prefix` names its session
   * evaluator (`attach` makes attach-1, attach-2...; null: unnamed);
   * `shared`: it also gets the machine's own output and input requests;
   * `mayStop`: it may stop the machine (when the host lets any client).
   */
  connect(post: (m: FromMachine) => void, opts: { prefix: string | null; shared: boolean; mayStop: boolean }): HostConnection {
    const c = new HostConnection(this, opts.prefix, opts.mayStop && this.options.onStop !== null, post);
    this.clients.add(c);
    if (opts.shared) this.console.add(c);
    return c;
  }

  /** A client closed. */
  forget(c: HostConnection): void {
    this.clients.delete(c);
    this.console.remove(c);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** The next free session name for `prefix` (attach-1, attach-2...). */
  sessionName(prefix: string): string {
    const n = (this.named.get(prefix) ?? 0) + 1;
    this.named.set(prefix, n);
    return `${prefix}-${n}`;
  }

  info(c: HostConnection): MachineInfo {
    return { kind: this.options.kind, pid: process.pid, dir: this.options.dir ?? process.cwd(), version: VERSION, session: c.name, mayStop: c.mayStop };
  }

  /** Loads the tree's files into the session realm, then reloads each saved change; notices go to the machine's console. */
  liveEdit(dir: string): void {
    const live = new LiveLoader(this.system, this.system.sessionRealm(), dir, (n) => this.console.write(`${n.text}\n`));
    this.live = live;
    this.loaded = live.loadAll();
    void this.loaded.then(() => { if (!this.stopping) return live.watch(); });
  }

  /** A client asks the machine to stop: true if it may (the host then stops). */
  stop(c: HostConnection): boolean {
    if (!c.mayStop || this.options.onStop === null) return false;
    this.options.onStop();
    return true;
  }

  /** Ends every client's session, the live editing and the machine's processes. */
  async close(message = 'the machine stopped'): Promise<void> {
    this.stopping = true;
    for (const c of [...this.clients]) c.closeWith(message);
    await this.live?.close();
    this.system.scheduler.halt();
  }
}
