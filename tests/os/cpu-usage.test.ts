/**
 * Every realm's cpu share in realm-info (src/os/cpu-usage.ts; issue "The
 * debugger": "realms show their cpu use whether or not they have a
 * policy"), on the virtual clock: a realm without a budget is estimated
 * from the busy time and its reductions, a realm with one is measured.
 */
import { describe, expect, it } from 'vitest';
import { evalOk } from '../helpers/lona.js';
import { cpuUsage, machine, realmOf } from '../helpers/virtual-machine.js';
import { USAGE_WINDOW_MS } from '../../src/os/cpu-usage.js';

const SPIN = '(defn spin [] (spin))';

describe('cpu shares of realms without a budget', () => {
  it('a busy uncapped realm shows nearly the whole machine, an idle sibling none, and the parent counts its child', () => {
    const m = machine();
    evalOk(m.session, SPIN);
    realmOf(m, 'busy', '(realm-create)');
    realmOf(m, 'idle', '(realm-create)');
    evalOk(m.session, '(spawn-in busy spin)');
    evalOk(m.session, `(sleep ${USAGE_WINDOW_MS + 100})`);
    const busy = cpuUsage(m, 'busy');
    expect(busy).toBeGreaterThan(0.9);
    expect(busy).toBeLessThanOrEqual(1);
    expect(cpuUsage(m, 'idle')).toBe(0);
    // The session's realm holds both: its share is at least its busy child's.
    expect(cpuUsage(m, '(self-realm)')).toBeGreaterThanOrEqual(busy);
  });

  it('two busy uncapped realms share evenly; a stopped one drops to 0 in the next window', () => {
    const m = machine();
    evalOk(m.session, SPIN);
    realmOf(m, 'left', '(realm-create)');
    realmOf(m, 'right', '(realm-create)');
    evalOk(m.session, '(def l (spawn-in left spin)) (spawn-in right spin)');
    evalOk(m.session, `(sleep ${USAGE_WINDOW_MS + 100})`);
    const [l, r] = [cpuUsage(m, 'left'), cpuUsage(m, 'right')];
    expect(Math.abs(l - r)).toBeLessThan(0.05);
    expect(l + r).toBeGreaterThan(0.9);
    evalOk(m.session, `(exit l :kill) (sleep ${USAGE_WINDOW_MS + 100})`);
    expect(cpuUsage(m, 'left')).toBe(0);
    expect(cpuUsage(m, 'right')).toBeGreaterThan(0.9);
  });

  it('within a window the figure stays (a pane polling faster sees the last sample), and an idle machine shows 0', () => {
    const m = machine();
    realmOf(m, 'quiet', '(realm-create)');
    evalOk(m.session, `(sleep ${USAGE_WINDOW_MS + 100})`);
    expect(cpuUsage(m, 'quiet')).toBe(0);
  });

  it('a realm with a budget reports its measured share, as before', () => {
    const m = machine();
    evalOk(m.session, SPIN);
    realmOf(m, 'capped', '(realm-create %{:policy %{:cpu %{:max 0.3}}})');
    evalOk(m.session, '(spawn-in capped spin)');
    evalOk(m.session, `(sleep ${USAGE_WINDOW_MS + 100})`);
    const share = cpuUsage(m, 'capped');
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });
});
