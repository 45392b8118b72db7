/**
 * The Processes pane's selection: a process, not a row. The table is
 * fetched again every refresh and re-sorted by the machine, so the
 * selection is kept as the pid chosen and found again in each new page;
 * only when that process has left the page (it exited, or sorts onto
 * another page now) does the selection fall to the row at the same place.
 */

export interface Selection {
  /** The process chosen (its pid's text), null before the first page. */
  pid: string | null;
  /** Its row in the page shown. */
  index: number;
}

export const NO_SELECTION: Selection = { pid: null, index: 0 };

/** The selection in a new page of `pids` (in the order shown). */
export function follow(sel: Selection, pids: readonly string[]): Selection {
  if (pids.length === 0) return { pid: sel.pid, index: 0 };
  const at = sel.pid === null ? -1 : pids.indexOf(sel.pid);
  if (at >= 0) return at === sel.index ? sel : { pid: sel.pid, index: at };
  const index = Math.max(0, Math.min(sel.index, pids.length - 1));
  return { pid: pids[index], index };
}

/** The selection moved `by` rows (up is negative) in the page of `pids`, kept within it. */
export function move(sel: Selection, pids: readonly string[], by: number): Selection {
  if (pids.length === 0) return sel;
  const index = Math.max(0, Math.min(sel.index + by, pids.length - 1));
  return { pid: pids[index], index };
}
