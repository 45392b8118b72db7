/**
 * The Source pane: the source of the var last asked for (M-. in the
 * Listener, `g` in Processes), highlighted, with its file and line; `d`
 * toggles the disassembly; `b` / `B` set and remove a breakpoint on the
 * var (the next process calling it stops, and the Debugger shows it); ↑↓
 * scroll. While the Debugger is open it
 * follows the selected frame instead: the frame's file (or its function's
 * source, for code typed at the REPL) with line numbers, the frame's line
 * marked (frame-source.ts).
 */
import { useEffect, useState } from 'react';
import { Box } from 'ink';
import { Text } from './text.js';
import { eachKey, useKeys } from './keys.js';
import type { Inspector } from '../inspector/index.js';
import { highlight } from './highlight.js';
import { frameText, type FrameLocation, type FrameText } from './frame-source.js';

export interface SourceProps {
  width: number;
  height: number;
  focused: boolean;
  inspector: Inspector;
  target: string | null;
  /** The Debugger's selected frame: shown instead of the target while set. */
  frame: FrameLocation | null;
  /** Opens the file at the line in the user's editor; an error message, or null. */
  edit(file: string, line: number): string | null;
}

export function SourcePane({ width, height, focused, inspector, target, frame, edit }: SourceProps) {
  const [lines, setLines] = useState<string[]>([]);
  const [location, setLocation] = useState<{ file: string; line: number } | null>(null);
  const [message, setMessage] = useState('');
  const [where, setWhere] = useState('');
  const [disassembly, setDisassembly] = useState(false);
  const [scroll, setScroll] = useState(0);

  useEffect(() => {
    if (target === null) return;
    setScroll(0);
    setMessage('');
    void inspector.request({ op: disassembly ? 'disassemble' : 'source', var: target }).then((r) => {
      if (!r.ok) {
        setWhere('');
        return setLines([`${target}: ${r.error === 'not-found' ? 'no such var' : r.error}`]);
      }
      if (disassembly) {
        setWhere(`disassembly of ${target}`);
        return setLines((r.value as unknown[][]).map((row) => row.map(String).join(' ')));
      }
      const v = r.value as { name: string; source: string | null; file: string | null; line: number | null };
      setLocation(v.file ? { file: v.file, line: v.line ?? 1 } : null);
      setWhere(`${v.name}${v.file ? `  ${v.file}:${v.line}` : ''}`);
      setLines((v.source ?? `no source for ${v.name} (defined natively or at the REPL before source was kept)`).split('\n'));
    });
  }, [target, disassembly]);

  // The Debugger's frame: its text, scrolled to show the marked line a third of the way down.
  const rows = Math.max(1, height - 4);
  const [atFrame, setAtFrame] = useState<FrameText | null>(null);
  useEffect(() => {
    if (frame === null) {
      setAtFrame(null);
      return setScroll(0);
    }
    let current = true;
    void frameText(inspector, frame).then((t) => {
      if (!current) return;
      setAtFrame(t);
      setScroll(t.marked === null ? 0 : Math.max(0, t.marked - Math.floor(rows / 3)));
    });
    return () => { current = false; };
  }, [frame]);
  const shownLines = atFrame?.lines ?? lines;
  const editing = atFrame === null ? location : atFrame.file === null ? null : { file: atFrame.file, line: atFrame.line };

  useKeys((chunk, pressed) => eachKey(chunk, pressed, (input, key) => {
    if (key.ctrl || key.meta) return; // letters are commands only alone
    if (input === 'd' && atFrame === null) setDisassembly((d) => !d);
    else if ((input === 'b' || input === 'B') && atFrame === null && target !== null) {
      const on = input === 'b';
      void inspector.request({ op: on ? 'break' : 'unbreak', var: target }).then((r) =>
        setMessage(!r.ok ? `${on ? 'break' : 'unbreak'}: ${r.error}` : on ? `breakpoint on ${target}: its next caller stops` : `no breakpoint on ${target}`));
    }
    else if (input === 'e') setMessage(editing === null ? 'no file: defined at the REPL' : edit(editing.file, editing.line) ?? `edited ${editing.file}`);
    else if (key.upArrow) setScroll((s) => Math.max(0, s - 1));
    else if (key.downArrow) setScroll((s) => Math.min(Math.max(0, shownLines.length - 1), s + 1));
  }), focused);

  if (frame !== null && atFrame !== null) return <FrameSource text={atFrame} width={width} scroll={scroll} rows={rows} message={message} />;
  const shown = lines.slice(scroll, scroll + rows);
  return (
    <Box flexDirection="column" width={width - 2}>
      <Text color="gray" wrap="truncate">{target === null ? 'M-. on a name in the Listener, g on a process' : where}</Text>
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate">
          {disassembly ? l : highlight(l).map((r, j) => <Text key={j} color={r.color} dimColor={r.dim} bold={r.bold}>{r.text}</Text>)}
        </Text>
      ))}
      <Text color="gray" wrap="truncate">{message !== '' ? message : `[d] ${disassembly ? 'source' : 'disassembly'}  [e] open in $EDITOR  [b/B] break/unbreak`}</Text>
    </Box>
  );
}

/** A frame's text with line numbers, the frame's line marked (▶, inverse). */
function FrameSource({ text, width, scroll, rows, message }: { text: FrameText; width: number; scroll: number; rows: number; message: string }) {
  const digits = String(text.firstLine + text.lines.length).length;
  return (
    <Box flexDirection="column" width={width - 2}>
      <Text color="gray" wrap="truncate">{text.where || ' '}</Text>
      {text.lines.slice(scroll, scroll + rows).map((l, k) => {
        const i = scroll + k;
        const marked = i === text.marked;
        const gutter = text.firstLine > 0 ? `${marked ? '▶' : ' '}${String(text.firstLine + i).padStart(digits)} ` : '';
        return (
          <Text key={i} wrap="truncate" inverse={marked} bold={marked}>
            <Text color={marked ? undefined : 'gray'}>{gutter}</Text>
            {marked ? l : highlight(l).map((r, j) => <Text key={j} color={r.color} dimColor={r.dim} bold={r.bold}>{r.text}</Text>)}
          </Text>
        );
      })}
      <Text color="gray" wrap="truncate">{`the Debugger's frame  [e] open in $EDITOR  ↑↓ scroll  ${message}`}</Text>
    </Box>
  );
}
