/**
 * The help overlay (F1, or ? outside the Listener): every key of every
 * pane and every command of the command line, in two columns on a wide
 * screen, one on a narrow one, in pages (PgDn / PgUp) when they do not fit.
 * Any other key closes it.
 */
import { Box } from 'ink';
import { Text, tint } from './text.js';
import { NAMED_COMMANDS } from './commands.js';

export const HELP: [string, [string, string][]][] = [
  ['Everywhere', [['Tab / Shift-Tab', 'next / previous pane'], ['F1, ?', 'this help'], ['q', 'quit (outside the Listener)'],
    ['M-z', 'zoom the pane to the whole screen, and back'],
    [': or M-x', 'command line: actions by name (: outside the Listener)']]],
  ['Listener', [
    ['Enter', 'evaluate a complete form, else new line'],
    ['Tab', 'complete a var name'], ['Up / Down', 'history, whole entries'],
    ['Ctrl-C', 'interrupt (or clear the input)'], ['PgUp / PgDn', 'scroll the output'],
    ['M-.', 'source of the symbol at the cursor'], ['Ctrl-P / Ctrl-N', 'choose a printed object (Enter, m)'],
    ['Ctrl-A / Ctrl-E', 'start / end of the line'], ['Ctrl-B / Ctrl-F', 'back / forward a character'],
    ['Alt-B / Alt-F', 'back / forward a word'], ['Ctrl-U / Ctrl-K', "kill to the line's start / end"],
    ['Ctrl-W / Alt-Backspace', 'kill back to a space / a word'], ['Alt-D', 'kill the word after the cursor'],
    ['Ctrl-Y', 'yank (insert) the last kill'],
    ['Ctrl-D', 'delete forward; on empty input, quit'],
  ]],
  ['Processes', [
    ['Up / Down, PgUp / PgDn', 'select, page'], ['s / S', 'sort by next / previous column'], ['r', 'reverse the order'],
    ['/', 'filter (Enter ends)'], ['p', 'pause'], ['+ / -', 'slower / faster refresh'], ['t', 'total / per-refresh reductions'],
    ['a', "all: the system's own processes too"],
    ['Enter', 'detail: info, mailbox, stack'], ['k', 'kill (asks first)'], ['z', 'suspend / resume'],
    ['T', 'trace its messages to the Listener'], ['g', 'source of its current function'],
    ['D', 'the Debugger on it (suspends it meanwhile)'],
  ]],
  ['Source', [['d', 'disassembly / source'], ['e', 'open in $EDITOR at the line'], ['b / B', 'set / remove a breakpoint on the var'], ['Up / Down', 'scroll']]],
  ['Realms & capabilities', [['Up / Down', 'select (shows its capabilities)'], ['x', 'terminate it (asks first)']]],
  ['Debugger (opens on a fault, a breakpoint, D)', [
    ['Up / Down', "frames, and the frame's arguments and locals"], ['Enter, v', 'copy the value to the Listener (*1)'],
    ['r / a, Esc', 'retry the evaluation / abort (close)'],
    ['c / s / k', 'a stopped process: continue / step / kill (asks)'],
  ]],
];

/** The command line's commands, named with their arguments (what each does shows as you type it). */
const COMMAND_NAMES = NAMED_COMMANDS.map((c) => (c.args ? `${c.name} ${c.args}` : c.name));

/** The overlay's pages: columns of lines, each at most `height - 3` long. */
export function helpPages(width: number, height: number): { text: string; bold: boolean }[][][] {
  const column = (panes: typeof HELP) => panes.flatMap(([pane, keys]) => [
    { text: pane, bold: true }, ...keys.map(([key, what]) => ({ text: `  ${key.padEnd(22)} ${what}`, bold: false })), { text: '', bold: false },
  ]);
  const two = width >= 110;
  const columnWidth = two ? Math.floor((width - 4) / 2) : width - 4;
  const commands = [{ text: 'Commands (: or M-x)', bold: true }, ...wrap(COMMAND_NAMES, columnWidth - 3).map((l) => ({ text: `  ${l}`, bold: false }))];
  // Two columns: the Listener's keys and the rest; the Processes pane's keys and the rest. One: all in a row.
  const columns = two ? [column([HELP[0], HELP[1], HELP[3]]), [...column([HELP[2], HELP[4], HELP[5]]), ...commands]] : [[...column(HELP), ...commands]];
  const rows = Math.max(1, height - 3);
  const pages = Math.max(...columns.map((c) => Math.ceil(c.length / rows)));
  return Array.from({ length: pages }, (_, p) => columns.map((c) => c.slice(p * rows, (p + 1) * rows)));
}

export function HelpOverlay({ width, height, page }: { width: number; height: number; page: number }) {
  const pages = helpPages(width, height);
  const at = Math.min(page, pages.length - 1);
  const shown = pages[at];
  const columnWidth = shown.length === 2 ? Math.floor((width - 4) / 2) : width - 4;
  const title = pages.length > 1 ? `Lona workstation keys (page ${at + 1}/${pages.length}: PgDn / PgUp; any other key closes)` : 'Lona workstation keys (any key closes)';
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="double" borderColor={tint('cyan')} paddingX={1}>
      <Text bold wrap="truncate">{title}</Text>
      <Box flexDirection="row">
        {shown.map((lines, c) => (
          <Box key={c} flexDirection="column" width={columnWidth}>
            {lines.map((l, i) => <Text key={i} bold={l.bold} wrap="truncate">{l.text || ' '}</Text>)}
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
