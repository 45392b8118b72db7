/** Why `run` returned: done, out of budget, ended by a fault, or waiting in `receive` for a message. */
export const enum RunStatus { Completed, Preempted, Exited, Waiting }
