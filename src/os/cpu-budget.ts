/**
 * Realm cpu budgets (ARCHITECTURE.md "Scheduler", issue: "a realm over its
 * share in a period is not scheduled until replenished"). A realm with
 * `:policy %{:cpu %{:max f}}` may use at most f of each PERIOD_MS of time,
 * itself and its descendants together (a child's share counts against its
 * parent's too). Time is measured around each dispatch of a process in a
 * capped realm only, so uncapped realms pay nothing. A process whose realm
 * is out of budget waits in the throttle list until the period that
 * replenishes it. Every time here is the scheduler's clock (src/os/clock.ts):
 * the host's, or in tests a virtual one on which a dispatch costs time in
 * proportion to its reductions, so budgets are deterministic there.
 */
import type { Process } from './process.js';

export const PERIOD_MS = 100;

export class CpuBudget {
  /** Time used in this period, what an earlier period's overrun carried in included. */
  private usedMs = 0;
  /** What the last dispatch of an earlier period ran past its share: paid from this one. */
  private carriedMs = 0;
  /** Periods are aligned on multiples of PERIOD_MS of the clock; the first starts at the first dispatch. */
  private periodStart = 0;
  private started = false;
  /** Share used in the last complete period (-1: none yet). */
  private lastShare = -1;

  constructor(readonly share: number) {}

  /** When this budget allows running again: now, or the start of the next period. */
  availableAt(now: number): number {
    if (now - this.periodStart >= PERIOD_MS || !this.started) {
      const periods = this.started ? Math.floor((now - this.periodStart) / PERIOD_MS) : 0;
      if (this.started) this.lastShare = periods < 2 ? (this.usedMs - this.carriedMs) / PERIOD_MS : 0;
      // An overrun (a dispatch that ran past the share) is not forgiven: the periods after it pay for it,
      // so over time the realm gets its share and no more, however long its natives run.
      this.carriedMs = Math.max(0, this.usedMs - periods * this.share * PERIOD_MS);
      this.usedMs = this.carriedMs;
      this.periodStart = now - ((now - this.periodStart) % PERIOD_MS);
      this.started = true;
    }
    return this.usedMs < this.share * PERIOD_MS ? now : this.periodStart + PERIOD_MS;
  }

  charge(ms: number): void {
    this.usedMs += ms;
  }

  /** Share of the machine used in the last complete period (the current one until there is one), for realm-info. */
  /** The share of the machine used in the last period, rounded to 1e-4 (float noise like 0.1999978000000374 means nothing here). */
  usage(): number {
    const share = this.lastShare >= 0 ? this.lastShare : this.usedMs / PERIOD_MS;
    return Math.round(share * 1e4) / 1e4;
  }
}

/** Processes held back until their realm's budget is replenished. */
export class ThrottleList {
  private entries: { p: Process; at: number }[] = [];

  get size(): number {
    return this.entries.length;
  }

  add(p: Process, at: number): void {
    this.entries.push({ p, at });
  }

  /** The earliest time something here may run again (Infinity: nothing held). */
  nextAt(): number {
    let at = Infinity;
    for (const e of this.entries) if (e.at < at) at = e.at;
    return at;
  }

  /** Hands every process due by `now` to `release` (processes that exited meanwhile are dropped). */
  releaseDue(now: number, release: (p: Process) => void): void {
    if (this.entries.length === 0) return;
    const keep: { p: Process; at: number }[] = [];
    for (const e of this.entries) {
      if (e.at > now) keep.push(e);
      else release(e.p);
    }
    this.entries = keep;
  }
}
