/**
 * The command line (`:` outside the Listener, or M-x anywhere): a one-line
 * prompt in place of the key line, with the matching commands (or the
 * chosen command's arguments) shown as you type and Tab completing names.
 */
import { type Key } from 'ink';
import { Text } from './text.js';
import { commandsStarting } from './commands.js';
import { commonPrefix } from './line-editor.js';

/** The text after `input`; null once the line closes (Enter hands it to `run`, Escape drops it). */
export function commandLineKey(text: string, input: string, key: Key, run: (line: string) => void): string | null {
  if (key.escape) return null;
  if (key.return) {
    run(text);
    return null;
  }
  if (key.backspace || key.delete) return text.slice(0, -1);
  if (key.tab) {
    if (text.includes(' ')) return text;
    const names = commandsStarting(text).map((c) => c.name);
    const common = commonPrefix(names);
    return names.length === 1 ? common + ' ' : common.length > text.length ? common : text;
  }
  if (input !== '' && !key.ctrl && !key.meta) return text + input;
  return text;
}

export function CommandLine({ text, width }: { text: string; width: number }) {
  const word = text.split(' ')[0];
  const matches = commandsStarting(word);
  const hint = text.includes(' ')
    ? matches.filter((c) => c.name === word).map((c) => `${c.name} ${c.args}: ${c.doc}`).join('')
    : matches.map((c) => c.name + (c.args ? ` ${c.args}` : '')).join('  ') || 'no such command';
  return (
    <Text wrap="truncate">
      <Text inverse>{` M-x ${text}`}</Text>
      <Text inverse>{'▏'}</Text>
      <Text color="gray">{`  ${hint}  (Tab completes, Enter runs, Esc cancels)`.padEnd(width)}</Text>
    </Text>
  );
}
