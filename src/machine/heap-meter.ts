/**
 * The allocation meter behind per-process heap limits (`:max-heap-size`).
 *
 * Every constructor of a Lona value charges an estimate of the bytes it
 * allocates (`charge`); strings and big integers made by natives are charged
 * when the native returns. The count is global and monotonic; the OS sets
 * `limit` while a process with a heap limit runs, and when the count passes
 * it `onLimit` measures what the process really keeps alive (a walk of its
 * stack and mailbox, like a collector's mark phase) and either sets the
 * next limit or ends the process with `[:error :oom]`. Garbage never
 * counts; a structure built inside one native call is counted as it grows,
 * so a memory bomb stops before it exhausts the host.
 */
export const meter = {
  bytes: 0,
  limit: Infinity,
  /** `bytes` when the current native call began (what it allocated is counted as live). */
  mark: 0,
  onLimit: (): void => { meter.limit = Infinity; },
};

/**
 * Stack memory: told how many bytes a thread's stack arrays grew by. The OS
 * charges a process's own stack to its realm as it grows (it never shrinks
 * while the process lives); until then, and for helper threads, the
 * allocation meter counts it.
 */
export const stackMeter = {
  grew: (_thread: object, bytes: number): void => charge(bytes),
};

export function charge(n: number): void {
  if ((meter.bytes += n) > meter.limit) meter.onLimit();
}
