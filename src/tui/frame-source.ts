/**
 * What the Source pane shows for the Debugger's selected frame: the
 * frame's file with its line marked, or, for code typed at the REPL (no
 * file), the source of the frame function's var (the `:source` op) with
 * the line marked relative to where the definition starts.
 */
import { readFileSync } from 'node:fs';
import type { Inspector } from '../inspector/index.js';
import { definitionIndex, markedIndex } from './debug-frames.js';

/** A frame's place, as the Debugger hands it to the Source pane. */
export interface FrameLocation {
  /** The var its function names (qualified), or null (anonymous). */
  readonly fn: string | null;
  readonly file: string | null;
  readonly line: number;
  readonly column: number;
  /** Shown in the pane's title: `c <repl>:1:35`. */
  readonly title: string;
}

export interface FrameText {
  /** The pane's first row: what is shown and from where. */
  readonly where: string;
  readonly lines: readonly string[];
  /** The line number of lines[0] (for the gutter). */
  readonly firstLine: number;
  /** The index of the frame's line in `lines`, or null. */
  readonly marked: number | null;
  /** Where `e` opens the editor, when there is a file. */
  readonly file: string | null;
  readonly line: number;
}

const readText = (file: string) => readFileSync(file, 'utf8');

export async function frameText(inspector: Inspector, at: FrameLocation, read: (file: string) => string = readText): Promise<FrameText> {
  if (at.file !== null) return fileText(at.file, at.line, at.fn, read);
  if (at.fn === null) return note('an anonymous function typed at the REPL: no source is kept for it');
  const r = await inspector.request({ op: 'source', var: at.fn });
  if (!r.ok) return note(r.error === 'not-found' ? `no var ${at.fn} (a local or anonymous function)` : `${at.fn}: ${r.error}`);
  const v = r.value as { name: string; source: string | null; file: string | null; line: number | null };
  // A breakpoint's call has no line of its own: the definition's, in its file if it has one.
  if (v.file !== null && at.line <= 0) return fileText(v.file, v.line ?? 0, at.fn, read);
  if (v.source === null) return note(`no source for ${v.name} (defined natively or before source was kept)`);
  const lines = v.source.split('\n');
  const firstLine = v.line ?? 1;
  return { where: `${v.name}  ${v.file ?? '<repl>'}`, lines, firstLine, marked: markedIndex(at.line, firstLine, lines.length), file: v.file, line: at.line > 0 ? at.line : firstLine };
}

/** A file's lines, `line` marked (0: the definition of `fn`, found in the text). */
function fileText(file: string, line: number, fn: string | null, read: (file: string) => string): FrameText {
  let lines: string[];
  try {
    lines = read(file).split('\n');
  } catch (e) {
    return note(`cannot read ${file}: ${(e as Error).message}`);
  }
  const marked = line > 0 ? (line <= lines.length ? line - 1 : null) : fn === null ? null : definitionIndex(lines, fn);
  return { where: file, lines, firstLine: 1, marked, file, line: marked === null ? Math.max(1, line) : marked + 1 };
}

function note(text: string): FrameText {
  return { where: '', lines: [text], firstLine: 0, marked: null, file: null, line: 0 };
}
