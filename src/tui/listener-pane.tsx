/**
 * The Listener pane: the REPL of the session, as at the line REPL but with
 * multi-line editing that knows when a form is complete, highlighting and
 * bracket matching, completion of var names (Tab) with the arglists of the
 * call being typed shown beneath, history recalled whole, Ctrl-C
 * interrupting the evaluation, scrollback (PageUp/PageDown), and readline's
 * editing keys (Ctrl-A/E/B/F, Alt-B/F, Ctrl-U/K/W, Alt-D, Ctrl-Y).
 */
import { useEffect, useRef, useState } from 'react';
import { Box, useStdin, type Key } from 'ink';
import { ATTRIBUTES, Text } from './text.js';
import { eachKey, useKeys } from './keys.js';
import * as ed from './line-editor.js';
import { highlight } from './highlight.js';
import type { VarInfo } from './use-vars.js';
import { OutputView } from './output-view.js';
import { COMMANDS, type Presentation } from './presentations.js';

export interface ListenerProps {
  width: number;
  height: number;
  focused: boolean;
  /** The session's prompt (`lona` in user, else its namespace). */
  prompt: string;
  busy: boolean;
  /** A program waits in read-line: Enter gives it the line as typed. */
  lineWanted: boolean;
  /** Output lines so far (results, printed text, reports). */
  lines: readonly string[];
  /** The presentations in them, newest first. */
  presentations: readonly Presentation[];
  history: ed.History;
  vars: readonly VarInfo[];
  submit(text: string): void;
  interrupt(): void;
  /** Tab with nothing to complete: the next pane. */
  tabAway(shift: boolean): void;
  /** M-. on a name: show its source. */
  showSource(name: string): void;
  /** Runs a presentation's command (PresentationType's COMMANDS action). */
  present(p: Presentation, action: string): void;
  quit(): void;
}

export function ListenerPane(p: ListenerProps) {
  // The editor state lives in a ref, read and written at once: keys can arrive faster than renders.
  const editor = useRef<ed.EditorState>(ed.EMPTY);
  const [state, setRendered] = useState<ed.EditorState>(ed.EMPTY);
  const setState = (next: ed.EditorState) => {
    editor.current = next;
    setRendered(next);
  };
  const [scroll, setScroll] = useState(0);
  const [note, setNote] = useState('');
  // Choosing a presentation (Ctrl-P / Ctrl-N): its index, newest first; `menu` shows its commands.
  const [choosing, setChoosing] = useState<number | null>(null);
  const [menu, setMenu] = useState(false);
  // Found again only when the output changes, not on every key.
  const presentations = p.presentations;

  // M-. (ESC .) reaches useInput as a plain '.': Ink reads Meta only with letters and digits. The raw
  // input, seen first, takes it and tells the key handler to drop the '.'.
  const { internal_eventEmitter: rawInput } = useStdin() as unknown as { internal_eventEmitter: NodeJS.EventEmitter };
  // Subscribed once (before the key handler, which Ink subscribes after the first render); it reads the
  // latest props, so focus changes and new vars are seen without re-subscribing.
  const metaDot = useRef(false);
  const latest = useRef(p);
  latest.current = p;
  useEffect(() => {
    const onRaw = (data: string) => {
      if (data !== '\x1b.' || !latest.current.focused) return;
      metaDot.current = true;
      const word = ed.symbolAtCursor(editor.current) || ed.enclosingCall(editor.current);
      if (word) latest.current.showSource(word);
    };
    rawInput.prependListener('input', onRaw);
    return () => void rawInput.off('input', onRaw);
  }, []);

  // What Ctrl-Y yanks, and whether the last key killed (consecutive kills gather, as in readline).
  const killed = useRef('');
  const lastKilled = useRef(false);

  // A burst with control keys in it (Backspace held down, Tab, Ctrl-W) is taken key by key; plain text is a
  // paste (its line breaks act as Enter).
  useKeys((chunk, pressed) => (/[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]/.test(chunk) ? eachKey(chunk, pressed, onKey) : onKey(chunk, pressed)), p.focused);

  function onKey(input: string, key: Key): void {
    const state = editor.current;
    if (metaDot.current && input === '.') {
      metaDot.current = false;
      return;
    }
    setNote('');
    const continuing = lastKilled.current;
    lastKilled.current = false;
    if (key.ctrl && (input === 'p' || input === 'n')) {
      if (presentations.length === 0) return setNote('nothing printed to choose');
      const next = choosing === null ? 0 : choosing + (input === 'p' ? 1 : -1);
      setMenu(false);
      return setChoosing(Math.max(0, Math.min(presentations.length - 1, next)));
    }
    if (choosing !== null) {
      const chosen = presentations[choosing];
      const commands = chosen === undefined ? [] : COMMANDS[chosen.type];
      if (key.escape || chosen === undefined) { setChoosing(null); setMenu(false); return; }
      if (key.return) { setChoosing(null); setMenu(false); return p.present(chosen, commands[0].action); }
      if (input === 'm') return setMenu(true);
      const command = commands.find((c) => c.key === input);
      if (command !== undefined) { setChoosing(null); setMenu(false); return p.present(chosen, command.action); }
      return;
    }
    if (key.ctrl && input === 'c') {
      if (p.busy) p.interrupt();
      else setState(ed.EMPTY);
      return;
    }
    if (key.ctrl && input === 'd') return state.text === '' ? p.quit() : setState(ed.deleteForward(state));
    if (key.pageUp) return setScroll((s) => Math.min(s + p.height - 4, Math.max(0, p.lines.length - 1)));
    if (key.pageDown) return setScroll((s) => Math.max(0, s - (p.height - 4)));
    if (key.tab) {
      const word = ed.wordBeforeCursor(state);
      if (word === '' || key.shift) return p.tabAway(key.shift);
      const matches = p.vars.map((v) => v.short).filter((n) => n.startsWith(word));
      const common = ed.commonPrefix(matches);
      if (common.length > word.length) setState(ed.insert(state, common.slice(word.length)));
      else if (matches.length > 1) setNote(matches.slice(0, 12).join(' ') + (matches.length > 12 ? ' ...' : ''));
      return;
    }
    if (key.return) return setState(enter(state, key.meta));
    if (key.upArrow || key.downArrow) {
      const delta = key.upArrow ? -1 : 1;
      const moved = ed.moveLine(state, delta);
      if (moved !== null) return setState(moved);
      const recalled = p.history.step(delta, state.text);
      if (recalled !== null) setState({ text: recalled, cursor: recalled.length });
      return;
    }
    if (key.leftArrow || (key.ctrl && input === 'b')) return setState(ed.move(state, -1));
    if (key.rightArrow || (key.ctrl && input === 'f')) return setState(ed.move(state, 1));
    if (key.home || (key.ctrl && input === 'a')) return setState(ed.home(state));
    if (key.end || (key.ctrl && input === 'e')) return setState(ed.end(state));
    if (key.meta && !key.escape && (input === 'b' || input === 'f')) return setState(input === 'b' ? ed.wordBack(state) : ed.wordForward(state));
    const kill = key.ctrl ? KILLS.get(input) : key.meta && input === 'd' ? ed.killWordForward : key.meta && (key.backspace || key.delete) ? ed.killWordBack : undefined;
    if (kill !== undefined) {
      const k = kill(state);
      killed.current = ed.gatherKill(killed.current, k, continuing);
      lastKilled.current = true;
      return setState(k.state);
    }
    if (key.ctrl && input === 'y') return setState(ed.insert(state, killed.current));
    if (key.backspace || key.delete) return setState(key.delete && state.cursor < state.text.length && !key.backspace ? ed.deleteForward(state) : ed.backspace(state));
    if (input !== '' && !key.ctrl && !key.meta && !key.escape) {
      // Pasted text may hold line breaks: each acts as Enter would.
      const pieces = input.split(/\r\n?|\n/);
      let next = ed.insert(state, pieces[0]);
      for (const piece of pieces.slice(1)) next = ed.insert(enter(next, false), piece);
      setState(next);
    }
  }

  /** Enter: evaluates complete input (M-Enter or an open form: a new line instead). */
  function enter(s: ed.EditorState, newline: boolean): ed.EditorState {
    if (!p.lineWanted && (newline || !ed.isComplete(s.text))) return ed.insert(s, '\n');
    p.history.add(s.text);
    p.submit(s.text);
    setScroll(0);
    return ed.EMPTY;
  }

  const inputLines = state.text.split('\n');
  const call = ed.enclosingCall(state);
  const hintVar = call === null ? undefined : p.vars.find((v) => v.short === call || v.name === call);
  const hint = note !== '' ? note : hintVar !== undefined ? `${hintVar.name} ${hintVar.arglists}` : '';
  const inner = p.height - 2;
  const outputRows = Math.max(1, inner - inputLines.length - 1);
  const selected = choosing === null ? null : presentations[choosing] ?? null;
  const prompt = `${p.prompt}> `;
  const { line: cursorLine, column: cursorColumn } = ed.cursorPosition(state);
  const bracket = ed.matchingBracket(state.text, state.cursor - 1);

  return (
    <Box flexDirection="column" width={p.width - 2} height={inner}>
      <OutputView lines={p.lines} width={p.width - 2} height={outputRows} scroll={scroll} selected={selected} />
      {inputLines.map((l, i) => (
        <InputLine key={i} prefix={i === 0 ? (p.busy ? '' : prompt) : '...> '} text={l}
          cursor={p.focused && i === cursorLine ? cursorColumn : -1}
          bracket={bracket >= 0 && lineOf(state.text, bracket) === i ? bracket - lineStart(state.text, i) : -1} />
      ))}
      <Text color={selected ? 'cyan' : 'gray'} wrap="truncate">{selected ? presentationHint(selected, menu) : p.lineWanted ? 'the program reads a line: type it, Enter' : p.busy ? 'running... Ctrl-C interrupts (typing ahead is kept)' : hint || ' '}</Text>
    </Box>
  );
}

/** The Listener's kill keys (with Ctrl): what each takes. */
const KILLS = new Map<string, (s: ed.EditorState) => ed.Kill>([['u', ed.killToLineStart], ['k', ed.killToLineEnd], ['w', ed.killWhitespaceWord]]);

function InputLine({ prefix, text, cursor, bracket }: { prefix: string; text: string; cursor: number; bracket: number }) {
  const runs = highlight(text);
  let at = 0;
  return (
    <Text wrap="truncate">
      <Text color="green">{prefix}</Text>
      {runs.flatMap((r, i) => {
        const from = at;
        at += r.text.length;
        return splitAt(r.text, from, cursor, bracket).map((piece, j) => (
          <Text key={`${i}.${j}`} color={r.color} dimColor={r.dim && !piece.mark} bold={r.bold || piece.mark === 'bracket'}
            inverse={piece.mark === 'cursor'} underline={piece.mark === 'bracket'}>{piece.mark === 'cursor' && !ATTRIBUTES ? '|' + piece.text : piece.text}</Text>
        ));
      })}
      {cursor === text.length ? <Text inverse>{ATTRIBUTES ? ' ' : '_'}</Text> : null}
    </Text>
  );
}

/** A run cut where the cursor or the matching bracket falls in it. */
function splitAt(text: string, from: number, cursor: number, bracket: number): { text: string; mark?: 'cursor' | 'bracket' }[] {
  const marks = [[cursor, 'cursor'], [bracket, 'bracket']].filter(([pos]) => (pos as number) >= from && (pos as number) < from + text.length)
    .sort((a, b) => (a[0] as number) - (b[0] as number)) as [number, 'cursor' | 'bracket'][];
  const out: { text: string; mark?: 'cursor' | 'bracket' }[] = [];
  let i = 0;
  for (const [pos, mark] of marks) {
    const k = pos - from;
    if (k > i) out.push({ text: text.slice(i, k) });
    out.push({ text: text[k], mark });
    i = k + 1;
  }
  if (i < text.length) out.push({ text: text.slice(i) });
  return out;
}

function presentationHint(chosen: Presentation, menu: boolean): string {
  const commands = COMMANDS[chosen.type];
  if (menu) return `${chosen.text}: ` + commands.map((c) => `${c.key} ${c.label}`).join('  ') + '  Esc cancel';
  return `${chosen.type} ${chosen.text}: Enter ${commands[0].label}  m menu  Ctrl-P/N other  Esc cancel`;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length - 1;
}

function lineStart(text: string, line: number): number {
  let at = 0;
  for (let i = 0; i < line; i++) at = text.indexOf('\n', at) + 1;
  return at;
}
