/**
 * Ink's frame buffer (its build/output.js, swapped in by scripts/build.mjs):
 * the same operations and the same bytes out, built for a screen redrawn on
 * every keystroke. Profiling the workstation showed Ink's Output taking over
 * a third of the screen thread: it tokenizes every line's ANSI codes anew
 * each frame, measures every character, allocates a cell object per screen
 * position and diffs the styles of every adjacent pair of cells with three
 * Sets. Here tokenized lines and widths are remembered across frames
 * (bounded), blank cells are one shared object, adjacent cells of the same
 * style share one styles array so most pairs need no diff, and a row whose
 * cells are the very cells of the previous frame's row reuses its string.
 */
import sliceAnsi from 'slice-ansi';
import { ansiCodesToString, diffAnsiCodes, styledCharsFromTokens, tokenize, type AnsiCode, type StyledChar } from '@alcalzone/ansi-tokenize';
import { BoundedMemo, TEXT_LIMIT, plainAscii, textWidth } from './text-width.js';

interface Clip { x1?: number; x2?: number; y1?: number; y2?: number }
type Transformer = (line: string, index: number) => string;
type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] }
  | { type: 'clip'; clip: Clip }
  | { type: 'unclip' };

/** A cell: a styled character, or the second column of a wide one (value ''). */
type Cell = StyledChar;

const NO_STYLES: AnsiCode[] = [];
const BLANK: Cell = { type: 'char', value: ' ', fullWidth: false, styles: NO_STYLES };

function sameStyles(a: AnsiCode[], b: AnsiCode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].code !== b[i].code) return false;
  return true;
}

/** A line's cells, wide characters followed by their filler cell; runs of one style share its array. */
function cellsOf(line: string): Cell[] {
  const cells: Cell[] = [];
  let previous = NO_STYLES;
  for (const c of styledCharsFromTokens(tokenize(line))) {
    if (sameStyles(c.styles, previous)) c.styles = previous;
    else previous = c.styles;
    cells.push(c);
    for (let i = Math.max(1, textWidth(c.value)); i > 1; i--) cells.push({ type: 'char', value: '', fullWidth: false, styles: c.styles });
  }
  return cells;
}

/** Cells per generation: a cell object with its string is a few hundred bytes, so some tens of MB at most. */
const lineCells = new BoundedMemo<Cell[]>(100_000, (_, cells) => cells.length + 1);
const slices = new BoundedMemo<string>(TEXT_LIMIT, (key) => key.length);
/** Lines that fit their clip, as slice-ansi gives them back (the common case, keyed by the line alone). */
const fitted = new BoundedMemo<string>(TEXT_LIMIT, (key) => key.length);

/** The row as text: what Ink's styledCharsToString gives, trailing blanks trimmed (holes, written past the edge, skipped). */
function rowText(cells: (Cell | undefined)[]): string {
  let text = '';
  let styles: AnsiCode[] | null = null;
  for (const c of cells) {
    if (c === undefined) continue;
    if (styles === null) text += ansiCodesToString(c.styles);
    else if (!sameStyles(styles, c.styles)) text += ansiCodesToString(diffAnsiCodes(styles, c.styles));
    text += c.value;
    styles = c.styles;
  }
  if (styles !== null) text += ansiCodesToString(diffAnsiCodes(styles, NO_STYLES));
  return text.trimEnd();
}

/** The previous frame's rows (cells and text) by row index, for rows drawn unchanged. */
let previousRows: { cells: Cell[]; text: string }[] = [];

function sameCells(a: Cell[], b: Cell[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export default class Output {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void {
    if (text) this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    const rows: Cell[][] = [];
    const width = this.width > 0 ? Math.ceil(this.width) : 0; // as Ink's loop over x < width
    for (let y = 0; y < this.height; y++) rows.push(new Array<Cell>(width).fill(BLANK));
    const clips: Clip[] = [];
    for (const op of this.operations) {
      if (op.type === 'clip') clips.push(op.clip);
      else if (op.type === 'unclip') clips.pop();
      else this.draw(rows, op.x, op.y, op.text, op.transformers, clips.at(-1));
    }
    const rowsText: { cells: Cell[]; text: string }[] = rows.map((cells, y) => {
      const before = previousRows[y];
      return before !== undefined && sameCells(before.cells, cells) ? before : { cells, text: rowText(cells) };
    });
    previousRows = rowsText;
    return { output: rowsText.map((r) => r.text).join('\n'), height: rows.length };
  }

  private draw(rows: Cell[][], x: number, y: number, text: string, transformers: Transformer[], clip: Clip | undefined): void {
    let lines = text.split('\n');
    if (clip !== undefined) {
      const clipsX = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const clipsY = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      if (clipsX) {
        let widest = 0;
        for (const line of lines) widest = Math.max(widest, textWidth(line));
        if (x + widest < clip.x1! || x > clip.x2!) return;
      }
      if (clipsY && (y + lines.length < clip.y1! || y > clip.y2!)) return;
      if (clipsX) {
        const x1 = clip.x1!, x2 = clip.x2!;
        lines = lines.map((line) => {
          const from = x < x1 ? x1 - x : 0;
          const width = textWidth(line);
          const to = x + width > x2 ? x2 - x : width;
          // Slicing a line that fits changes nothing only if it is plain ASCII: slice-ansi also
          // normalizes escape codes and counts tabs and zero-width characters differently.
          if (from === 0 && to === width) return plainAscii(line) ? line : fitted.get(line, () => sliceAnsi(line, 0, width));
          return slices.get(`${from},${to},${line}`, () => sliceAnsi(line, from, to));
        });
        if (x < x1) x = x1;
      }
      if (clipsY) {
        const from = y < clip.y1! ? clip.y1! - y : 0;
        const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
        lines = lines.slice(from, to);
        if (y < clip.y1!) y = clip.y1!;
      }
    }
    for (let i = 0; i < lines.length; i++) {
      const row = rows[y + i];
      // As Ink: from the first line off the frame on (above it too), nothing is drawn.
      if (row === undefined) break;
      let line = lines[i];
      for (const transform of transformers) line = transform(line, i);
      const cells = lineCells.get(line, cellsOf);
      for (let j = 0; j < cells.length; j++) row[x + j] = cells[j];
    }
  }
}
