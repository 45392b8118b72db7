/**
 * The running Lona system: the namespace table, the intrinsics, the console
 * and the counters every process shares. `System.boot()` loads the standard
 * library (std/lona/core.lona) into a fresh system (ARCHITECTURE.md "Boot").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NamespaceTable, Pid, Var, nativeTier, type Namespace, type Native } from '../machine/index.js';
import { NATIVES } from './natives.js';
import { loadImage, saveImage } from './boot-image.js';
import { Process } from './process.js';
import { Session } from './session.js';
import { STD_DIR } from './std-dir.js';

/** Where program output goes (the console device, later behind a capability). */
export interface Console {
  write(text: string): void;
}


export class System {
  readonly namespaces = new NamespaceTable();
  readonly core: Namespace;
  readonly user: Namespace;
  /** The process-bound `*ns*` var. */
  readonly nsVar: Var;
  private nextLocal = 1;
  private nextGensym = 1;

  constructor(public console: Console) {
    nativeTier.enabled = process.env.LONA_NO_NATIVE !== '1';
    this.core = this.namespaces.create('lona.core');
    this.user = this.createNamespace('user');
    this.nsVar = this.core.intern('*ns*');
    this.nsVar.processBound = true;
    this.nsVar.root = this.user;
  }

  /** A system with the standard library loaded. */
  static boot(console: Console): System {
    const system = new System(console);
    try {
      if (loadImage(system.core, (name) => system.createNamespace(name))) return system;
    } catch {
      // A damaged image: boot from source, in a fresh system.
      return System.bootFromSource(new System(console));
    }
    return System.bootFromSource(system);
  }

  private static bootFromSource(system: System): System {
    system.loadStd('lona/core.lona');
    saveImage(system.core);
    return system;
  }

  /** The intrinsic named `name` as a function value. */
  intrinsic(name: string): Native | undefined {
    return NATIVES.get(name);
  }

  /** Creates namespace `name` (if new), with lona.core referred into it. */
  createNamespace(name: string): Namespace {
    const existed = this.namespaces.find(name);
    const ns = this.namespaces.create(name);
    if (existed === undefined && ns !== this.core) ns.uses.push(this.core);
    return ns;
  }

  spawnProcess(): Process {
    return new Process(this, new Pid(0, this.nextLocal++));
  }

  gensymId(): number {
    return this.nextGensym++;
  }

  /** Loads a file of the standard library into its namespace. */
  private loadStd(path: string): void {
    const file = join(STD_DIR, path);
    const session = new Session(this, this.core);
    const outcome = session.evalSourceSync(readFileSync(file, 'utf8'), file);
    if (outcome.failure !== null) throw new Error(`standard library ${path} failed to load: ${outcome.failure}`);
  }
}
