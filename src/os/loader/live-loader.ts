/**
 * Live editing (WORKSTATION.md "Live editing"): the files of a tree are
 * loaded into the session realm at start, in dependency order, then
 * watched (chokidar); each settled change is loaded as one transaction
 * (transaction.ts) and reported in a one-line notice: the file, the
 * namespace, the vars added and changed, the time, or the error with
 * file:line:col and "nothing changed".
 *
 * Saves are settled before loading: a change waits DEBOUNCE_MS for quiet
 * (trailing edge; editors that write a temp file and rename, truncate and
 * write, or save in bursts give one load); unchanged content (same hash)
 * loads nothing; a file that empties or ends inside a form is read again
 * after SETTLE_MS before it counts (a save caught halfway); and every load
 * is checked once more SETTLE_MS later, so a save whose event the watcher
 * folded into the previous one is not missed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Value } from '../../machine/index.js';
import type { System } from '../system.js';
import type { Realm } from '../realm.js';
import { Session } from '../session.js';
import type { LoadReport } from './transaction.js';
import { describeLoadFailure, errorFields, loadText } from './load-text.js';
import { ignoreRules, isSpecFile, sourceFiles, type Ignore } from './source-tree.js';

const DEBOUNCE_MS = 15;
/** Reductions one load of a watched file may take. */
const LOAD_REDUCTIONS = 100_000_000;
const SETTLE_MS = 60;
/** Most files and folders a tree may hold to be loaded and watched (node_modules, dot folders and ignores aside). */
export const TREE_LIMIT = 20_000;

export interface Notice { readonly file: string; readonly ok: boolean; readonly text: string; readonly at: number }

export class LiveLoader {
  /** The loader's evaluator: each load runs there as process work (preemptible, metered, killable). */
  private readonly loader: Session;
  /** Loads run one at a time, in the order they were asked for. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly ignore: Ignore;
  private readonly hashes = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly rechecked = new Set<string>();
  /** The hash of the text each file's last load attempt read (loaded or not). */
  private readonly seen = new Map<string, string>();
  private watcher: FSWatcher | null = null;
  /** The tree was too large to load: it is not watched either. */
  private tooLarge = false;

  constructor(private readonly system: System, realm: Realm, readonly root: string, private readonly notify: (n: Notice) => void,
    private readonly maxEntries = TREE_LIMIT) {
    this.loader = new Session(system, system.user, realm);
    // A runaway top-level form fails its load (the loads after it wait for it); meanwhile it is preempted like any work.
    this.loader.reductionLimit = LOAD_REDUCTIONS;
    this.ignore = ignoreRules(root);
  }

  /** Loads every program file of the tree, in dependency order; a summary notice. */
  async loadAll(): Promise<void> {
    const started = performance.now();
    const files = sourceFiles(this.root, this.ignore, this.maxEntries);
    if (files === null) {
      this.tooLarge = true;
      this.tell(this.root, false, `;; ${this.root} holds more than ${this.maxEntries} files: not loading or watching it (lona watch DIR on a project folder)`);
      return;
    }
    let failed = 0;
    for (const f of files) if (!(await this.load(f, true))) failed++;
    const ms = (performance.now() - started).toFixed(0);
    this.loadedNotice = [failed === 0, `;; loaded ${files.length} file${files.length === 1 ? '' : 's'} of ${this.root} (${ms} ms)${failed > 0 ? `, ${failed} with errors (nothing of those changed)` : ''}; watching for changes`];
  }

  /** The load's notice, told once the watcher is ready (so a save right after it is seen). */
  private loadedNotice: [boolean, string] | null = null;

  /** Starts watching; resolves once the watcher is ready (and the load's notice is told). */
  watch(): Promise<void> {
    if (this.tooLarge) return Promise.resolve();
    this.watcher = watch(this.root, { ignoreInitial: true, ignored: (path, stats) => this.ignore(path, stats?.isDirectory() ?? false) });
    const changed = (path: string) => { if (path.endsWith('.lona')) this.schedule(path, DEBOUNCE_MS); };
    this.watcher.on('add', changed).on('change', changed).on('unlink', (path) => {
      if (!path.endsWith('.lona')) return;
      // A rename-save unlinks then adds: only a file still gone a moment later was deleted.
      setTimeout(() => {
        if (existsSync(path)) return;
        this.hashes.delete(path);
        this.tell(path, true, `;; ${this.shown(path)} was deleted: its definitions stay`);
      }, 4 * SETTLE_MS).unref();
    });
    return new Promise((resolve) => this.watcher!.on('ready', () => {
      if (this.loadedNotice !== null) this.tell(this.root, ...this.loadedNotice);
      this.loadedNotice = null;
      resolve();
    }));
  }

  async close(): Promise<void> {
    for (const t of this.timers.values()) clearTimeout(t);
    await this.watcher?.close();
  }

  private schedule(path: string, ms: number): void {
    clearTimeout(this.timers.get(path));
    this.timers.set(path, setTimeout(() => {
      this.timers.delete(path);
      void this.load(path, false);
    }, ms));
  }

  /** Loads `path` unless its content is what was loaded last, after the loads asked for before; false when it failed. */
  private load(path: string, initial: boolean): Promise<boolean> {
    const done = this.queue.then(() => this.loadNow(path, initial));
    this.queue = done.catch(() => undefined);
    return done;
  }

  private async loadNow(path: string, initial: boolean): Promise<boolean> {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return true; // gone again (a rename in progress): its add event comes next
    }
    const hash = createHash('sha1').update(text).digest('hex');
    if (this.hashes.get(path) === hash) return true;
    if (!initial && isSpecFile(text)) return true;
    this.seen.set(path, hash);
    if (!initial) this.verifyLater(path);
    // Each file starts in the session's namespace, and leaves it as it was.
    const loaded = await loadText(this.loader, text, path);
    if (!loaded.ok) return this.failed(path, text, initial, loaded.reason, loaded.at);
    this.hashes.set(path, hash);
    this.rechecked.delete(path);
    if (!initial && loaded.report !== null) this.tell(path, true, this.describe(loaded.report));
    return true;
  }

  /** A load failed (and changed nothing): tell where, unless it may be a save caught halfway. */
  private failed(path: string, text: string, initial: boolean, reason: Value, at: { line: number; column: number }): boolean {
    const fields = errorFields(reason);
    // An empty file or one ending inside a form may be a save caught halfway: look once more before telling.
    if (!initial && (text === '' || fields?.kind === 'unexpected-eof') && !this.rechecked.has(path)) {
      this.rechecked.add(path);
      this.schedule(path, SETTLE_MS);
      return false;
    }
    this.rechecked.delete(path);
    this.tell(path, false, `;; ${describeLoadFailure(this.shown(path), reason, at)}`);
    return false;
  }

  /** Reads `path` again after SETTLE_MS and loads it if it changed since (an event the watcher folded away). */
  private verifyLater(path: string): void {
    setTimeout(() => {
      if (this.timers.has(path)) return;
      try {
        const hash = createHash('sha1').update(readFileSync(path, 'utf8')).digest('hex');
        if (hash !== this.seen.get(path) && hash !== this.hashes.get(path)) this.schedule(path, 0);
      } catch {
        // deleted meanwhile: the unlink event tells
      }
    }, SETTLE_MS).unref();
  }

  private describe(r: LoadReport): string {
    const parts: string[] = [];
    const short = (names: string[]) => names.map((n) => n.slice(n.indexOf('/') + 1)).join(' ');
    if (r.changed.length > 0) parts.push(`changed ${short(r.changed)}`);
    if (r.added.length > 0) parts.push(`added ${short(r.added)}`);
    if (r.kept.length > 0) parts.push(`kept ${short(r.kept)} (no longer in the file; (require '${r.ns} :reload-all) drops them)`);
    if (parts.length === 0) parts.push('no definitions changed');
    return `;; reloaded ${this.shown(r.file)} (ns ${r.ns}): ${parts.join('; ')} (${r.ms.toFixed(1)} ms)`;
  }

  private shown(path: string): string {
    return relative(this.root, path) || path;
  }

  private tell(file: string, ok: boolean, text: string): void {
    const notice = { file, ok, text, at: Date.now() };
    this.system.notices.push(notice);
    if (this.system.notices.length > 100) this.system.notices.shift();
    this.notify(notice);
  }
}
