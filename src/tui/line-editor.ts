/**
 * The Listener's input: multi-line text with a cursor, as pure functions
 * over an immutable state (so keys are easy to test). Enter submits when
 * the text reads as complete forms, otherwise it starts a new line, as a
 * Lisp listener should; history recalls multi-line entries whole.
 */
import { formIncomplete } from '../inspector/index.js';

export interface EditorState {
  readonly text: string;
  readonly cursor: number;
}

export const EMPTY: EditorState = { text: '', cursor: 0 };

export function insert(s: EditorState, chars: string): EditorState {
  return { text: s.text.slice(0, s.cursor) + chars + s.text.slice(s.cursor), cursor: s.cursor + chars.length };
}

export function backspace(s: EditorState): EditorState {
  if (s.cursor === 0) return s;
  return { text: s.text.slice(0, s.cursor - 1) + s.text.slice(s.cursor), cursor: s.cursor - 1 };
}

export function deleteForward(s: EditorState): EditorState {
  return { text: s.text.slice(0, s.cursor) + s.text.slice(s.cursor + 1), cursor: s.cursor };
}

export function move(s: EditorState, delta: number): EditorState {
  return { text: s.text, cursor: Math.max(0, Math.min(s.text.length, s.cursor + delta)) };
}

/** Line and column (0-based) of the cursor. */
export function cursorPosition(s: EditorState): { line: number; column: number } {
  const before = s.text.slice(0, s.cursor);
  const line = before.split('\n').length - 1;
  return { line, column: s.cursor - (before.lastIndexOf('\n') + 1) };
}

/** The cursor one line up (-1) or down (+1), or null when there is no such line (history takes over). */
export function moveLine(s: EditorState, delta: -1 | 1): EditorState | null {
  const lines = s.text.split('\n');
  const { line, column } = cursorPosition(s);
  const target = line + delta;
  if (target < 0 || target >= lines.length) return null;
  let offset = 0;
  for (let i = 0; i < target; i++) offset += lines[i].length + 1;
  return { text: s.text, cursor: offset + Math.min(column, lines[target].length) };
}

export function home(s: EditorState): EditorState {
  return { text: s.text, cursor: s.text.lastIndexOf('\n', s.cursor - 1) + 1 };
}

export function end(s: EditorState): EditorState {
  const nl = s.text.indexOf('\n', s.cursor);
  return { text: s.text, cursor: nl < 0 ? s.text.length : nl };
}

/** Whether the text is ready to evaluate: something to read, and no form left open. */
export function isComplete(text: string): boolean {
  return text.trim() !== '' && !formIncomplete(text);
}

/** The symbol-like word ending at the cursor (for completion), or ''. */
export function wordBeforeCursor(s: EditorState): string {
  const m = /[^\s()[\]{}"'`~@^\\;,]+$/.exec(s.text.slice(0, s.cursor));
  return m === null ? '' : m[0];
}

/** The head symbol of the innermost list the cursor is in (for the arglist hint), or null. */
export function enclosingCall(s: EditorState): string | null {
  let depth = 0;
  const text = s.text.slice(0, s.cursor);
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) {
        if (c !== '(') return null;
        const m = /^[^\s()[\]{}"';]+/.exec(text.slice(i + 1));
        return m === null ? null : m[0];
      }
      depth--;
    }
  }
  return null;
}

/** Where the bracket matching the one just before the cursor (or at it) is, or -1. */
export function matchingBracket(text: string, at: number): number {
  const open = '([{', close = ')]}';
  const c = text[at];
  if (c === undefined) return -1;
  const forward = open.includes(c);
  if (!forward && !close.includes(c)) return -1;
  let depth = 0;
  for (let i = at; forward ? i < text.length : i >= 0; i += forward ? 1 : -1) {
    if (open.includes(text[i])) depth += forward ? 1 : -1;
    else if (close.includes(text[i])) depth += forward ? -1 : 1;
    if (depth === 0) return i;
  }
  return -1;
}

/** Entries of input history, newest last, with a browsing position. */
export class History {
  private position: number;
  private draft = '';
  constructor(private readonly entries: string[] = []) {
    this.position = entries.length;
  }

  get all(): readonly string[] {
    return this.entries;
  }

  add(entry: string): void {
    if (entry.trim() !== '' && this.entries[this.entries.length - 1] !== entry) this.entries.push(entry);
    this.position = this.entries.length;
  }

  /** The entry before (-1) or after (+1) the one shown, keeping what was being typed. */
  step(delta: -1 | 1, current: string): string | null {
    if (this.position === this.entries.length) this.draft = current;
    const next = this.position + delta;
    if (next < 0 || next > this.entries.length) return null;
    this.position = next;
    return next === this.entries.length ? this.draft : this.entries[next];
  }
}

/** The longest start all of `words` share (completion). */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
