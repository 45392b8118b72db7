/**
 * A session's own console (ARCHITECTURE.md "The inspector"): when several
 * clients share a machine (an attached terminal, each nREPL session), what
 * a session's evaluator prints, and what the processes it spawns print,
 * goes to that session's client, and their read-line asks that client, as
 * an Erlang shell's group leader routes io. The route is a process-bound
 * binding, so spawned processes inherit it with their other bindings at no
 * cost to anyone else; its var is interned in no namespace, so no Lonala
 * code can name, read or rebind it. Without a route, a process uses the
 * system's console. Authority is unchanged: printing still needs the
 * realm's console capability (io.ts checks it before asking for a route).
 */
import { Binding, Namespace, Opaque, Var, current } from '../machine/index.js';
import type { Console } from './system.js';
import type { Process } from './process.js';
import type { Session } from './session.js';

const ROUTE = new Var(new Namespace('lona.host'), '*console*');
ROUTE.processBound = true;

/** From now on the session's evaluator (and what it spawns from now on) prints to `console` and reads from it. */
export function routeConsole(session: Session, console: Console, label: string): void {
  const p = session.evaluator();
  p.bindings = Binding.with(p.bindings, ROUTE, new Opaque('console', label, console));
}

/** The console the calling code of `p` prints to: its session's, or the system's. */
export function consoleOf(p: Process): Console {
  const route = Binding.lookup(current.thread?.bindings ?? p.bindings, ROUTE);
  return route instanceof Opaque ? (route.payload as Console) : p.system.console;
}
