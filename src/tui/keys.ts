/**
 * Ink hands a burst of typed characters (a paste, or keys faster than a
 * frame) to useInput as one string. The panes whose keys are commands take
 * it one key at a time, as typed.
 */
import type { Key } from 'ink';

const PLAIN = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
} as Key;

export function eachKey(input: string, key: Key, handle: (input: string, key: Key) => void): void {
  if (input.length <= 1 || key.ctrl || key.meta) return handle(input, key);
  for (const ch of input) {
    if (ch === '\r' || ch === '\n') handle('', { ...PLAIN, return: true });
    else if (ch === '\t') handle('', { ...PLAIN, tab: true });
    else if (ch === '\x7f') handle('', { ...PLAIN, backspace: true });
    else handle(ch, PLAIN);
  }
}
