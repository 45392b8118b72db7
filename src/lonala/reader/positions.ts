/**
 * Source positions: where each collection was read (for compile error
 * messages) and the mapping from source offsets to lines and columns.
 */

/** Line and column (both 1-based) of a form in its source. */
export interface Position {
  line: number;
  column: number;
}

/**
 * The position of every non-empty list, tuple, vector, map and set the reader
 * built (empty ones may be shared singletons and are not recorded).
 */
export const formPositions = new WeakMap<object, Position>();

/** Records that `form` was read at source offset `offset`. */
export type Mark = (form: object, offset: number) => void;

/** Turns source offsets into lines and columns (columns count UTF-16 units). */
export class LineIndex {
  private readonly starts: number[] = [0];
  private last = 0;

  constructor(src: string, private readonly lineOffset: number) {
    for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The line and column of `offset`. */
  position(offset: number): Position {
    const starts = this.starts;
    let line = this.last;
    if (!(starts[line] <= offset && (line + 1 === starts.length || offset < starts[line + 1]))) {
      let lo = 0, hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      line = this.last = lo;
    }
    return { line: line + 1 + this.lineOffset, column: offset - starts[line] + 1 };
  }
}
