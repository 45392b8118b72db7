/**
 * Identity and time intrinsics: the calling process's pid, references, pid
 * parts, realm ids and clocks.
 */
import { Pid, RealmId, Ref, type Value } from '../../machine/index.js';
import { intrinsic, type Intrinsic, typeError } from '../../lonala/index.js';
import { caller } from './context.js';
import { deviceCap } from '../authority.js';

const pidOf = (fnName: string, x: Value): Pid => (x instanceof Pid ? x : typeError(fnName, 'pid', x));

/** Milliseconds since the machine started, on the scheduler's clock (the one its timers run on: a virtual one in tests). */
const monotonicMs = (): number => caller().system.scheduler.elapsed();

/** Reading the time needs the realm's clock capability. */
const clock = (fnName: string): void => void deviceCap(caller().realm.cspace, fnName, 'clock', 'read');

export const runtimeIntrinsics: Intrinsic[] = [
  intrinsic({ name: 'self', arglists: '([])', min: 0, max: 0, doc: 'The pid of the calling process.', impl: () => caller().pid }),
  intrinsic({ name: 'make-ref', arglists: '([])', min: 0, max: 0, doc: 'A new unique reference.', impl: () => new Ref() }),
  intrinsic({ name: 'pid-realm', arglists: '([pid])', min: 1, max: 1, reaches: { 0: 'handle' }, doc: 'The realm id part of a pid.', impl: (p) => new RealmId(pidOf('pid-realm', p).realm) }),
  intrinsic({ name: 'pid-local', arglists: '([pid])', min: 1, max: 1, reaches: { 0: 'handle' }, doc: 'The local part of a pid.', impl: (p) => pidOf('pid-local', p).local }),
  intrinsic({
    name: 'pid=', arglists: '([a b])', min: 2, max: 2, doc: 'Whether two pids are the same process.',
    impl: (a, b) => pidOf('pid=', a).realm === pidOf('pid=', b).realm && (a as Pid).local === (b as Pid).local,
  }),
  intrinsic({
    name: 'monotonic-time', arglists: '([])', min: 0, max: 0,
    doc: "Nanoseconds since the machine started (an integer), on the scheduler's clock (the one its timers run on); never goes back. For durations and deadlines.",
    impl: () => (clock('monotonic-time'), Math.floor(monotonicMs() * 1e6)),
  }),
  intrinsic({
    name: 'monotonic-time-us', arglists: '([])', min: 0, max: 0, doc: 'Microseconds since the machine started (as monotonic-time).',
    impl: () => (clock('monotonic-time-us'), Math.floor(monotonicMs() * 1000)),
  }),
  intrinsic({ name: 'system-time', arglists: '([])', min: 0, max: 0, doc: 'Wall-clock nanoseconds since 1970 (may jump when the clock is set).', impl: () => (clock('system-time'), BigInt(Date.now()) * 1_000_000n) }),
];
