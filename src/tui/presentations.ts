/**
 * Presentations, as in Genera: every pid, var, function, realm or
 * capability in a result the Listener shows keeps its identity and type,
 * so it can be selected and acted on. The host's printer says where each
 * is in a result's text (protocol.ts EvalResult); here they are placed in
 * the Listener's output, with the commands each type offers (the first is
 * the default, Enter). The printed form names the object in inspector
 * requests.
 */
import type { Presentation as Found, PresentationType } from '../inspector/index.js';

export type { PresentationType };

/** A presentation placed in the output. */
export interface Presentation {
  readonly type: PresentationType;
  readonly text: string;
  /** Output line and column where it was printed. */
  readonly line: number;
  readonly column: number;
}

export interface Command { readonly key: string; readonly label: string; readonly action: string }

export const COMMANDS: Record<PresentationType, Command[]> = {
  pid: [
    { key: 'i', label: 'inspect', action: 'inspect' },
    { key: 'k', label: 'kill', action: 'kill' },
    { key: 's', label: 'source of its current function', action: 'fn-source' },
    { key: 'D', label: 'debug', action: 'debug' },
  ],
  var: [
    { key: 's', label: 'source', action: 'source' },
    { key: 'd', label: 'doc', action: 'doc' },
    { key: 'c', label: 'callers', action: 'callers' },
    { key: 'v', label: 'value', action: 'value' },
  ],
  fn: [{ key: 's', label: 'source', action: 'source' }],
  realm: [{ key: 'i', label: 'show in Realms & capabilities', action: 'realm' }],
  cap: [{ key: 'i', label: 'show its realm\'s capabilities', action: 'realm' }],
};

/** The output so far: its lines (the last one still open) and the presentations placed in them. */
export interface Output {
  readonly lines: readonly string[];
  /** Oldest first; `line` counts every line ever output (dropped ones too). */
  readonly placed: readonly Presentation[];
  /** Lines dropped from the front (scrollback is bounded). */
  readonly dropped: number;
}

export const NO_OUTPUT: Output = { lines: [], placed: [], dropped: 0 };

/** `output` with `text` added, and the presentations found in it (at offsets in `text`), bounded to `maxLines` lines. */
export function appendOutput(output: Output, text: string, found: readonly Found[] = [], maxLines = Infinity): Output {
  const lines = output.lines.length === 0 ? [''] : [...output.lines];
  const startLine = output.dropped + lines.length - 1;
  const startColumn = lines[lines.length - 1].length;
  const parts = text.split('\n');
  lines[lines.length - 1] += parts[0];
  for (let i = 1; i < parts.length; i++) lines.push(parts[i]);
  const placed = [...output.placed];
  for (const f of found) {
    const before = text.slice(0, f.offset);
    const newline = before.lastIndexOf('\n');
    const line = startLine + before.split('\n').length - 1;
    placed.push({ type: f.type, text: f.text, line, column: newline < 0 ? startColumn + f.offset : f.offset - newline - 1 });
  }
  if (lines.length <= maxLines) return { lines, placed, dropped: output.dropped };
  const drop = lines.length - maxLines;
  const dropped = output.dropped + drop;
  return { lines: lines.slice(drop), placed: placed.filter((p) => p.line >= dropped), dropped };
}

/** The presentations of `output`, newest first, with lines counted in its lines now (at most `limit`). */
export function presentationsOf(output: Output, limit = 200): Presentation[] {
  const shown: Presentation[] = [];
  for (let i = output.placed.length - 1; i >= 0 && shown.length < limit; i--) {
    const p = output.placed[i];
    shown.push({ ...p, line: p.line - output.dropped });
  }
  return shown;
}

/** The name a var or function presentation stands for (`user/f`, `f`). */
export function nameOf(p: Presentation): string {
  return p.type === 'var' ? p.text.slice(2) : p.text.replace(/^#fn<(.*)>$/, '$1');
}
