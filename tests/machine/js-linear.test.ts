/**
 * The proof behind the JS tier's transients (src/machine/js-linear.ts):
 * which `put`/`assoc` call sites may update a map in place. A site
 * qualifies only when the map's slot is read for that call alone and the
 * result goes straight back into the slot; every other shape keeps the
 * persistent call. tests/lonala/spec/transients.lona checks, through the
 * language, that no map a program sees ever changes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Op, PMap, RunStatus, SavedEdit, Thread, framesRead, linearCallSites, resumeEdit, run, startCall, type Fn } from '../../src/machine/index.js';
import { Session } from '../../src/os/session.js';
import { bootFromSource, evalOk, fnNamed } from '../helpers/lona.js';

// The tier's own behaviour: on in every test mode (npm test runs the suite with LONA_NO_NATIVE=1 too).
delete process.env.LONA_NO_NATIVE;

let session: Session;

/** How many of `name`'s call sites may update a map in place (each is a CALL_VAR). */
function linearOf(name: string): number {
  const c = (fnNamed(session, name) as Fn).code;
  const sites = linearCallSites(c);
  for (const pc of sites) expect(c.code[pc]).toBe(Op.CALL_VAR);
  return sites.size;
}

beforeAll(() => {
  const system = bootFromSource();
  session = new Session(system, system.user, system.sessionRealm());
  evalOk(session, `
    (defn self-call [i n m] (if (< i n) (self-call (+ i 1) n (put m i i)) m))
    (defn with-recur [i n m] (if (< i n) (recur (+ i 1) n (assoc m i i)) m))
    (defn in-loop [n] (loop [i 0 m %{}] (if (< i n) (recur (inc i) (put m i i)) m)))
    (defn keeps-old [i m acc] (if (< i 9) (keeps-old (+ i 1) (put m i i) (conj acc m)) acc))
    (defn reads-twice [i m] (if (< i 9) (reads-twice (+ i 1) (put m i (count m))) m))
    (defn other-slot [i m k] (if (< i 9) (other-slot (+ i 1) k (put m i i)) m))
    (defn bound-first [i m] (if (< i 9) (let [m2 (put m i i)] (bound-first (+ i 1) m2)) m))
    (defn captured [i m fs] (if (< i 9) (captured (+ i 1) (put m i i) (conj fs (fn [] m))) fs))
    (defn passed-on [i m] (if (< i 9) (do (println m) (passed-on (+ i 1) (put m i i))) m))
    (defn returned [m] (put m :k 1))
    (defn via-apply [a m i] (if (< i 9) (apply via-apply (put m i i) [a (+ i 1)]) m))
    (defn variadic-self [i n & more] (let [m (last more)] (if (>= i n) m (variadic-self (+ i 1) n nil (put m i i)))))
    (defn not-a-map-op [i v] (if (< i 9) (not-a-map-op (+ i 1) (conj v i)) v))
    (defn grow [i n m] (if (< i n) (grow (+ i 1) n (put m i i)) m))
    (def base (grow 0 100 %{}))`);
});

describe('linear call sites', () => {
  it('a map threaded through a loop slot: the self tail call, recur, loop', () => {
    for (const name of ['self-call', 'with-recur', 'in-loop']) expect(linearOf(name), name).toBe(1);
  });

  it('a map read anywhere else, bound to another local, captured, passed on, sent to another slot, through apply or into a rest tuple: none', () => {
    for (const name of ['keeps-old', 'reads-twice', 'other-slot', 'bound-first', 'captured', 'passed-on', 'via-apply', 'variadic-self']) expect(linearOf(name), name).toBe(0);
  });

  it('a result returned rather than looped (nothing to gain) and a native without a linear form: none', () => {
    expect(linearOf('returned')).toBe(0);
    expect(linearOf('not-a-map-op')).toBe(0);
  });
});

describe('a preempted loop\'s token', () => {
  it('is kept when the loop is preempted and handed back only to that activation going on', () => {
    const grow = fnNamed(session, 'grow');
    const base = evalOk(session, 'base') as PMap;
    const thread = new Thread();
    startCall(thread, grow, [100, 20_000, base]);
    let kept = 0;
    let status: RunStatus;
    while ((status = run(thread, 700)) === RunStatus.Preempted) if (thread.linearEdit?.fn === grow) kept++;
    expect(status).toBe(RunStatus.Completed);
    expect(kept).toBeGreaterThan(0);
    const grown = thread.result as PMap;
    expect([grown.count, grown.keys().length, base.keys().length, base.get(150, undefined)]).toEqual([20_000, 20_000, 100, undefined]);
  });

  it('goes back only to a tail call of the function to itself, or its LOOP, in the same frame; the record is dropped either way', () => {
    const grow = fnNamed(session, 'grow');
    const other = fnNamed(session, 'self-call');
    const js = grow.code.jsCode ?? null;
    expect(js).not.toBeNull();
    const edit = {};
    const cases: [boolean, Fn, number, number, object | null][] = [
      [true, grow, 10, 8, edit],
      [false, grow, 10, 8, null], // a call, not the frame going on
      [true, other, 10, 8, null], // another function in that frame
      [true, grow, 11, 8, null], // another frame
      [true, grow, 10, 12, null],
    ];
    for (const [goesOn, callee, fp, ft, expected] of cases) {
      const t = new Thread();
      t.linearEdit = new SavedEdit(edit, grow, 10, 8);
      expect(resumeEdit(t, goesOn, callee, fp, ft, js)).toBe(expected);
      expect(t.linearEdit).toBeNull();
    }
  });

  it('is dropped when anyone reads the frames (their values may be kept)', () => {
    const t = new Thread();
    t.linearEdit = new SavedEdit({}, fnNamed(session, 'grow'), 0, 0);
    framesRead(t);
    expect(t.linearEdit).toBeNull();
  });
});
