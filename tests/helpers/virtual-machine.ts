/**
 * A booted machine on a virtual clock (src/os/clock.ts), for tests of
 * time-dependent behaviour: its time moves only by a fixed cost per
 * reduction run and when the scheduler would sleep.
 */
import { expect } from 'vitest';
import { Keyword, RealmId, type Float, type PMap } from '../../src/machine/index.js';
import { Session } from '../../src/os/session.js';
import { System } from '../../src/os/system.js';
import { VirtualClock, machineWork } from '../../src/os/clock.js';
import { captureConsole, evalOk } from './lona.js';

/** Virtual milliseconds per reduction: ten million reductions a virtual second. */
export const COST = 1e-4;

export interface Machine { system: System; clock: VirtualClock; session: Session }

/** A booted system on a virtual clock (its time starts at 0). */
export function machine(msPerReduction = COST): Machine {
  const system = System.boot(captureConsole());
  const clock = new VirtualClock({ msPerReduction, work: machineWork(system) });
  system.scheduler.useClock(clock);
  return { system, clock, session: new Session(system) };
}

/** Defines `name` as the realm `source` creates; returns that realm. */
export function realmOf(m: Machine, name: string, source: string) {
  const id = evalOk(m.session, `(def ${name} ${source}) ${name}`);
  expect(id).toBeInstanceOf(RealmId);
  return m.system.realm((id as RealmId).id)!;
}

/** The cpu share realm-info reports for the realm in var `realmVar`. */
export function cpuUsage(m: Machine, realmVar: string): number {
  const info = evalOk(m.session, `(:usage (realm-info ${realmVar}))`) as PMap;
  return (info.get(Keyword.of('cpu'), undefined) as Float).value;
}

