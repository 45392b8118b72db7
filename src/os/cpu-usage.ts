/**
 * The cpu share of every realm for realm-info (issue "The debugger", item
 * 6: "realms show their cpu use whether or not they have a policy"). A
 * realm with a cpu budget is timed around each dispatch (cpu-budget.ts)
 * and reports that. Timing every realm so would cost two clock reads per
 * dispatch everywhere; instead the scheduler adds up the time it spends
 * running processes (Scheduler.busyMs, one clock read per slice), and a
 * sample shares the busy time since the last one among realms by the
 * reductions each ran, itself and its descendants together, as a budget
 * counts them. Samples are taken when asked, at most one a window, so an
 * idle machine does no work for it.
 */
import type { Realm } from './realm.js';
import type { Scheduler } from './scheduler.js';

/** Shortest time between samples: what a pane polling every second sees is the last second. */
export const USAGE_WINDOW_MS = 1000;

export class CpuUsage {
  /** The first window starts at the clock's 0, boot (a realm made since the last sample starts from 0 reductions). */
  private sampledAt = 0;
  private busyAt = 0;
  private readonly reductionsAt = new WeakMap<Realm, number>();
  private readonly shares = new WeakMap<Realm, number>();

  constructor(private readonly scheduler: Scheduler, private readonly root: Realm) {}

  /** `realm`'s share of the machine, rounded to 1e-4: its budget's measure, else the last sample's estimate (0 before there is one). */
  shareOf(realm: Realm): number {
    if (realm.cpu !== null) return realm.cpu.usage();
    const now = this.scheduler.now();
    if (now - this.sampledAt >= USAGE_WINDOW_MS || now < this.sampledAt) this.sample(now);
    return this.shares.get(realm) ?? 0;
  }

  private sample(now: number): void {
    const elapsed = now - this.sampledAt;
    // A clock swapped for another (a test's virtual one) starts over.
    const busy = elapsed > 0 ? Math.min(1, (this.scheduler.busyMs - this.busyAt) / elapsed) : 0;
    const realms = this.root.subtree(); // children before their parents
    const ran = new Map<Realm, number>();
    for (const r of realms) {
      const own = r.reductions - (this.reductionsAt.get(r) ?? 0);
      this.reductionsAt.set(r, r.reductions);
      let subtree = own;
      for (const c of r.children) subtree += ran.get(c) ?? 0;
      ran.set(r, subtree);
    }
    const total = ran.get(this.root) ?? 0;
    for (const r of realms) {
      const share = total > 0 ? busy * (ran.get(r) ?? 0) / total : 0;
      this.shares.set(r, Math.round(share * 1e4) / 1e4);
    }
    this.sampledAt = now;
    this.busyAt = this.scheduler.busyMs;
  }
}
