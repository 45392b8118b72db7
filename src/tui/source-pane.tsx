/**
 * The Source pane: the source of the var last asked for (M-. in the
 * Listener, `g` in Processes), highlighted, with its file and line; `d`
 * toggles the disassembly; ↑↓ scroll.
 */
import { useEffect, useState } from 'react';
import { Box } from 'ink';
import { Text } from './text.js';
import { eachKey, useKeys } from './keys.js';
import type { Inspector } from '../inspector/index.js';
import { highlight } from './highlight.js';

export interface SourceProps {
  width: number;
  height: number;
  focused: boolean;
  inspector: Inspector;
  target: string | null;
  /** Opens the file at the line in the user's editor; an error message, or null. */
  edit(file: string, line: number): string | null;
}

export function SourcePane({ width, height, focused, inspector, target, edit }: SourceProps) {
  const [lines, setLines] = useState<string[]>([]);
  const [location, setLocation] = useState<{ file: string; line: number } | null>(null);
  const [message, setMessage] = useState('');
  const [where, setWhere] = useState('');
  const [disassembly, setDisassembly] = useState(false);
  const [scroll, setScroll] = useState(0);

  useEffect(() => {
    if (target === null) return;
    setScroll(0);
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

  useKeys((chunk, pressed) => eachKey(chunk, pressed, (input, key) => {
    if (key.ctrl || key.meta) return; // letters are commands only alone
    if (input === 'd') setDisassembly((d) => !d);
    else if (input === 'e') setMessage(location === null ? 'no file: defined at the REPL' : edit(location.file, location.line) ?? `edited ${location.file}`);
    else if (key.upArrow) setScroll((s) => Math.max(0, s - 1));
    else if (key.downArrow) setScroll((s) => Math.min(Math.max(0, lines.length - 1), s + 1));
  }), focused);

  const shown = lines.slice(scroll, scroll + Math.max(1, height - 4));
  return (
    <Box flexDirection="column" width={width - 2}>
      <Text color="gray" wrap="truncate">{target === null ? 'M-. on a name in the Listener, g on a process' : where}</Text>
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate">
          {disassembly ? l : highlight(l).map((r, j) => <Text key={j} color={r.color} dimColor={r.dim} bold={r.bold}>{r.text}</Text>)}
        </Text>
      ))}
      <Text color="gray" wrap="truncate">{`[d] ${disassembly ? 'source' : 'disassembly'}  [e] open in $EDITOR  ${message}`}</Text>
    </Box>
  );
}
