/**
 * The Listener's output: the last lines wrapped to the pane's width, one
 * presentation shown selected (inverse) when the user is choosing one.
 */
import { Box } from 'ink';
import { Text } from './text.js';
import type { Presentation } from './presentations.js';

interface Row { text: string; line: number; offset: number }

export function OutputView({ lines, width, height, scroll, selected }: {
  lines: readonly string[]; width: number; height: number; scroll: number; selected: Presentation | null;
}) {
  const rows = tailRows(lines, width, height, scroll);
  return (
    <Box flexDirection="column" height={height}>
      {rows.map((r, i) => {
        const at = selected !== null && selected.line === r.line ? selected.column - r.offset : -1;
        if (at < 0 || at >= r.text.length) return <Text key={i} wrap="truncate">{r.text === '' ? ' ' : r.text}</Text>;
        const end = at + (selected as Presentation).text.length;
        return (
          <Text key={i} wrap="truncate">
            {r.text.slice(0, at)}<Text inverse color="cyan">{r.text.slice(at, end)}</Text>{r.text.slice(end)}
          </Text>
        );
      })}
    </Box>
  );
}

/** The last `count` screen rows of the output wrapped at `width`, `scroll` rows up from the end. */
function tailRows(lines: readonly string[], width: number, count: number, scroll: number): Row[] {
  const rows: Row[] = [];
  const need = count + scroll;
  for (let i = lines.length - 1; i >= 0 && rows.length < need; i--) {
    const line = lines[i];
    const pieces: Row[] = [];
    for (let at = 0; at < line.length; at += width) pieces.push({ text: line.slice(at, at + width), line: i, offset: at });
    if (pieces.length === 0) pieces.push({ text: '', line: i, offset: 0 });
    rows.unshift(...pieces);
  }
  const end = Math.max(0, rows.length - scroll);
  return rows.slice(Math.max(0, end - count), end);
}
