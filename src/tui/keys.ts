/**
 * Keys for the panes. Ink hands a burst of typed characters (a paste, or
 * keys faster than a frame) to useInput as one string; the panes whose keys
 * are commands take it one key at a time, as typed (eachKey), except plain
 * text of several characters: a paste, or typing meant for the Listener,
 * is not a string of commands (it would kill, suspend, ...). And Ink
 * subscribes a useInput handler in a passive effect, after the render: a key
 * arriving in between would reach the previous render's handler, with its
 * stale state and focus (Tab then a key, on a loaded machine). useKeys reads
 * the handler and its activity as of the last commit instead.
 */
import { useCallback, useLayoutEffect, useRef } from 'react';
import { useInput, type Key } from 'ink';

type KeyHandler = (input: string, key: Key) => void;

const PLAIN = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
} as Key;

export function eachKey(input: string, key: Key, handle: KeyHandler): void {
  if (input.length <= 1 || key.ctrl || key.meta || isPlainText(input)) return handle(input, key);
  for (const ch of input) {
    if (ch === '\r' || ch === '\n') handle('', { ...PLAIN, return: true });
    else if (ch === '\t') handle('', { ...PLAIN, tab: true });
    else if (ch === '\x7f' || ch === '\b') handle('', { ...PLAIN, backspace: true });
    // Ctrl and a letter (Ctrl-W, Ctrl-Y...), as Ink reads one alone: the letter, with ctrl.
    else if (ch >= '\x01' && ch <= '\x1a') handle(String.fromCharCode(ch.charCodeAt(0) + 96), { ...PLAIN, ctrl: true });
    else handle(ch, PLAIN);
  }
}

/** More than a few characters, none of them a control key: text, not keys. */
function isPlainText(input: string): boolean {
  return input.length > 3 && !/[\x00-\x1f\x7f]/.test(input);
}

/** useInput whose handler and `active` are those of the latest committed render. */
export function useKeys(handler: KeyHandler, active = true): void {
  const latest = useRef({ handler, active });
  useLayoutEffect(() => {
    latest.current = { handler, active };
  });
  const dispatch = useCallback<KeyHandler>((input, key) => {
    if (latest.current.active) latest.current.handler(input, key);
  }, []);
  useInput(dispatch);
}
