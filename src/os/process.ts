/**
 * A process as far as this stage of the OS goes: a pid and the thread that
 * runs its code. (Mailboxes, links and the scheduler come with processes.)
 */
import { Pid, Thread } from '../machine/index.js';
import type { System } from './system.js';

export class Process {
  readonly thread = new Thread();
  /** Reduction limit of one evaluation (and of each macro expansion), if any. */
  reductionLimit: number | null = null;
  constructor(readonly system: System, readonly pid: Pid) {
    this.thread.context = this;
  }
}
