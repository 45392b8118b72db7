/**
 * What the workstation's screen (main thread) and its machine (a worker
 * thread) say to each other over the worker's message port. The screen
 * never touches the machine's objects: it evaluates text, interrupts, and
 * asks the inspector (PROTOCOL.md), all as plain data.
 */
import type { HostRequest } from '../inspector/host-values.js';
import type { Reply } from '../inspector/bridge.js';

export type ToMachine =
  | { t: 'eval'; id: number; text: string }
  | { t: 'interrupt' }
  /** Prints the messages `pid` receives in the Listener, until untraced. */
  | { t: 'trace'; id: number; pid: string; on: boolean }
  | { t: 'inspect'; id: number; request: HostRequest }
  /** A line typed while a program waits in read-line. */
  | { t: 'line'; text: string | null };

export type FromMachine =
  | { t: 'ready'; ns: string }
  /** Console output and REPL results, coalesced (at most one message a frame). */
  | { t: 'output'; text: string }
  | { t: 'eval-done'; id: number; ns: string }
  | { t: 'inspect-reply'; id: number; reply: Reply }
  /** A program waits in read-line: the next line typed goes to it. */
  | { t: 'want-line' }
  | { t: 'fatal'; message: string };
