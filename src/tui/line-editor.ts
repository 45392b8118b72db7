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

/** A letter or digit: what readline's and Emacs's word keys (Alt-B, Alt-F, Alt-D) move over. */
const WORD = /[\p{L}\p{N}]/u;
const isWord = (c: string | undefined) => c !== undefined && WORD.test(c);

/** Where the word before the cursor starts (Alt-B): back over what is not a word, then over the word. */
export function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && !isWord(text[i - 1])) i--;
  while (i > 0 && isWord(text[i - 1])) i--;
  return i;
}

/** Where the word at or after the cursor ends (Alt-F). */
export function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && !isWord(text[i])) i++;
  while (i < text.length && isWord(text[i])) i++;
  return i;
}

export function wordBack(s: EditorState): EditorState {
  return { text: s.text, cursor: wordStart(s.text, s.cursor) };
}

export function wordForward(s: EditorState): EditorState {
  return { text: s.text, cursor: wordEnd(s.text, s.cursor) };
}

/** A kill: the text after it, what it took, and whether it took what was before the cursor. */
export interface Kill {
  readonly state: EditorState;
  readonly killed: string;
  readonly backward: boolean;
}

function kill(s: EditorState, from: number, to: number): Kill {
  return { state: { text: s.text.slice(0, from) + s.text.slice(to), cursor: from }, killed: s.text.slice(from, to), backward: from < s.cursor };
}

/** Ctrl-U: from the start of the cursor's line to the cursor (at the start of a line, the line break before it). */
export function killToLineStart(s: EditorState): Kill {
  const start = home(s).cursor;
  return kill(s, start === s.cursor ? Math.max(0, start - 1) : start, s.cursor);
}

/** Ctrl-K: from the cursor to the end of its line (at the end of a line, the line break after it). */
export function killToLineEnd(s: EditorState): Kill {
  const stop = end(s).cursor;
  return kill(s, s.cursor, stop === s.cursor ? Math.min(s.text.length, stop + 1) : stop);
}

/** Ctrl-W: back to the whitespace before the cursor, as readline's unix-word-rubout. */
export function killWhitespaceWord(s: EditorState): Kill {
  let i = s.cursor;
  while (i > 0 && /\s/.test(s.text[i - 1])) i--;
  while (i > 0 && !/\s/.test(s.text[i - 1])) i--;
  return kill(s, i, s.cursor);
}

/** Alt-Backspace: the word before the cursor. */
export function killWordBack(s: EditorState): Kill {
  return kill(s, wordStart(s.text, s.cursor), s.cursor);
}

/** Alt-D: to the end of the word at or after the cursor. */
export function killWordForward(s: EditorState): Kill {
  return kill(s, s.cursor, wordEnd(s.text, s.cursor));
}

/**
 * What Ctrl-Y yanks after a kill: what it took, or, when it follows another
 * kill (`continuing`), the two together in the order they stood, as readline
 * and Emacs gather consecutive kills. A kill that took nothing changes nothing.
 */
export function gatherKill(buffer: string, k: Kill, continuing: boolean): string {
  if (k.killed === '') return buffer;
  if (!continuing) return k.killed;
  return k.backward ? k.killed + buffer : buffer + k.killed;
}

/** Whether the text is ready to evaluate: something to read, and no form left open. */
export function isComplete(text: string): boolean {
  return text.trim() !== '' && !formIncomplete(text);
}

/** Characters a symbol is made of: anything but whitespace, brackets, strings, quotes, comments and commas. */
const SYMBOL_CHARS = '[^\\s()[\\]{}"\'`~@^\\\\;,]';
const SYMBOL_BEFORE = new RegExp(`${SYMBOL_CHARS}+$`);
const SYMBOL_AFTER = new RegExp(`^${SYMBOL_CHARS}*`);

/** The symbol-like word ending at the cursor (for completion), or ''. */
export function wordBeforeCursor(s: EditorState): string {
  const m = SYMBOL_BEFORE.exec(s.text.slice(0, s.cursor));
  return m === null ? '' : m[0];
}

/**
 * The symbol the cursor is in or just after (M-.), or '': the whole of it,
 * what follows the cursor included.
 */
export function symbolAtCursor(s: EditorState): string {
  const before = wordBeforeCursor(s);
  const after = SYMBOL_AFTER.exec(s.text.slice(s.cursor))![0];
  return before + after;
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
