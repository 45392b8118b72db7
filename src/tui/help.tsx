/**
 * The help overlay (F1, or ? outside the Listener): every key of every
 * pane and every command of the command line. Any key closes it.
 */
import { Box } from 'ink';
import { Text, tint } from './text.js';
import { NAMED_COMMANDS } from './commands.js';

export const HELP: [string, [string, string][]][] = [
  ['Everywhere', [['Tab / Shift-Tab', 'next / previous pane'], ['F1, ?', 'this help'], ['q', 'quit (outside the Listener)'],
    [': or M-x', 'command line: actions by name (: outside the Listener)']]],
  ['Listener', [
    ['Enter', 'evaluate a complete form, else new line'],
    ['Tab', 'complete a var name'], ['Up / Down', 'history, whole entries'],
    ['Ctrl-C', 'interrupt (or clear the input)'], ['PgUp / PgDn', 'scroll the output'],
    ['M-.', 'source of the name at the cursor'], ['Ctrl-P / Ctrl-N', 'choose a printed object (Enter, m)'],
    ['Ctrl-D', 'quit (on empty input)'],
  ]],
  ['Processes', [
    ['Up / Down, PgUp / PgDn', 'select, page'], ['s / S', 'sort by next / previous column'], ['r', 'reverse the order'],
    ['/', 'filter (Enter ends)'], ['p', 'pause'], ['+ / -', 'slower / faster refresh'], ['t', 'total / per-refresh reductions'],
    ['a', "all: the system's own processes too"],
    ['Enter', 'detail: info, mailbox, stack'], ['k', 'kill'], ['z', 'suspend / resume'],
    ['T', 'trace its messages to the Listener'], ['g', 'source of its current function'],
  ]],
  ['Source', [['d', 'disassembly / source'], ['e', 'open in $EDITOR at the line'], ['Up / Down', 'scroll']]],
  ['Realms & capabilities', [['Up / Down', 'select (shows its capabilities)'], ['x', 'terminate it (asks first)']]],
];

/** The command line's commands, named with their arguments (what each does shows as you type it). */
const COMMAND_NAMES = NAMED_COMMANDS.map((c) => (c.args ? `${c.name} ${c.args}` : c.name));

export function HelpOverlay({ width, height }: { width: number; height: number }) {
  // Two columns: the Listener's keys and the rest; the Processes pane's keys and the rest.
  const column = (panes: typeof HELP) => panes.flatMap(([pane, keys]) => [
    { text: pane, bold: true }, ...keys.map(([key, what]) => ({ text: `  ${key.padEnd(22)} ${what}`, bold: false })), { text: '', bold: false },
  ]);
  const half = Math.floor((width - 4) / 2);
  const commands = [{ text: 'Commands (: or M-x)', bold: true }, ...wrap(COMMAND_NAMES, half - 3).map((l) => ({ text: `  ${l}`, bold: false }))];
  const columns = [column([HELP[0], HELP[1], HELP[3]]), [...column([HELP[2], HELP[4]]), ...commands]];
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="double" borderColor={tint('cyan')} paddingX={1}>
      <Text bold>Lona workstation keys (any key closes)</Text>
      <Box flexDirection="row">
        {columns.map((lines, c) => (
          <Box key={c} flexDirection="column" width={half}>
            {lines.slice(0, height - 3).map((l, i) => <Text key={i} bold={l.bold} wrap="truncate">{l.text || ' '}</Text>)}
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** Words joined by `, ` into lines of at most `width` columns. */
function wrap(words: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const w of words) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 2 + w.length <= width) lines[last] += `, ${w}`;
    else lines.push(w);
  }
  return lines;
}
