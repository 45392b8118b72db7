/**
 * The Listener's editing model (src/tui/line-editor.ts): readline's keys
 * as pure functions over text and cursor. "Line" is the cursor's line of a
 * multi-line entry; the screen tests press the keys through a terminal.
 */
import { describe, expect, it } from 'vitest';
import * as ed from '../../src/tui/line-editor.js';
import { eachKey } from '../../src/tui/keys.js';
import type { Key } from 'ink';

/** A state from text with `|` marking the cursor, and back. */
const at = (marked: string): ed.EditorState => ({ text: marked.replace('|', ''), cursor: marked.indexOf('|') });
const show = (s: ed.EditorState) => s.text.slice(0, s.cursor) + '|' + s.text.slice(s.cursor);

describe('moving', () => {
  it('Ctrl-A / Ctrl-E go to the start and end of the cursor\'s line', () => {
    expect(show(ed.home(at('(+ 1| 2)')))).toBe('|(+ 1 2)');
    expect(show(ed.end(at('(+ 1| 2)')))).toBe('(+ 1 2)|');
    expect(show(ed.home(at('(let [x 1]\n  (inc| x))')))).toBe('(let [x 1]\n|  (inc x))');
    expect(show(ed.end(at('(let [x| 1]\n  (inc x))')))).toBe('(let [x 1]|\n  (inc x))');
  });

  it('Alt-B / Alt-F move over words of letters and digits, as readline', () => {
    expect(show(ed.wordBack(at('(process-info pid|)')))).toBe('(process-info |pid)');
    expect(show(ed.wordBack(at('(process-info |pid)')))).toBe('(process-|info pid)');
    expect(show(ed.wordBack(at('|(a b)')))).toBe('|(a b)');
    expect(show(ed.wordForward(at('|(process-info pid)')))).toBe('(process|-info pid)');
    expect(show(ed.wordForward(at('(a b|)')))).toBe('(a b)|');
    expect(show(ed.wordForward(at('(a|\n  b)')))).toBe('(a\n  b|)');
    expect(show(ed.wordBack(at('(λx ünï|)')))).toBe('(λx |ünï)');
  });
});

describe('killing and yanking', () => {
  it('Ctrl-U kills to the start of the line, Ctrl-K to its end; at the edge, the line break', () => {
    const u = ed.killToLineStart(at('(+ 1| 2)'));
    expect([show(u.state), u.killed, u.backward]).toEqual(['| 2)', '(+ 1', true]);
    const k = ed.killToLineEnd(at('(+ 1| 2)'));
    expect([show(k.state), k.killed, k.backward]).toEqual(['(+ 1|', ' 2)', false]);
    expect(show(ed.killToLineStart(at('(do\n  (f|)\n  (g))')).state)).toBe('(do\n|)\n  (g))');
    expect(show(ed.killToLineEnd(at('(do\n  (f|)\n  (g))')).state)).toBe('(do\n  (f|\n  (g))');
    expect(show(ed.killToLineEnd(at('(do|\n  (f))')).state)).toBe('(do|  (f))');
    expect(show(ed.killToLineStart(at('(do\n|  (f))')).state)).toBe('(do|  (f))');
    expect(ed.killToLineStart(at('|(f)')).killed).toBe('');
    expect(ed.killToLineEnd(at('(f)|')).killed).toBe('');
  });

  it('Ctrl-W kills back to whitespace; Alt-Backspace and Alt-D a word', () => {
    expect(show(ed.killWhitespaceWord(at('(map inc [1 2 3]|)')).state)).toBe('(map inc [1 2 |)');
    expect(show(ed.killWhitespaceWord(at('(map inc   |)')).state)).toBe('(map |)');
    expect(show(ed.killWhitespaceWord(at('(f x)\n|')).state)).toBe('(f |');
    expect(ed.killWhitespaceWord(at('|x')).killed).toBe('');
    expect(show(ed.killWordBack(at('(process-info| p)')).state)).toBe('(process-| p)');
    const d = ed.killWordForward(at('(str| "left" "right")'));
    expect([show(d.state), d.killed, d.backward]).toEqual(['(str|" "right")', ' "left', false]);
  });

  it('consecutive kills gather in the order the text stood; a new kill starts over; an empty one changes nothing', () => {
    let s = at('(+ 1 2)|');
    let buffer = 'old';
    const w = ed.killWhitespaceWord(s);
    buffer = ed.gatherKill(buffer, w, false);
    s = w.state;
    const u = ed.killToLineStart(s);
    buffer = ed.gatherKill(buffer, u, true);
    expect(buffer).toBe('(+ 1 2)');
    expect(show(u.state)).toBe('|');
    expect(ed.gatherKill(buffer, ed.killToLineStart(u.state), true)).toBe('(+ 1 2)');
    const forward = at('|ab cd');
    const first = ed.killWordForward(forward);
    const second = ed.killWordForward(first.state);
    expect(ed.gatherKill(ed.gatherKill('', first, false), second, true)).toBe('ab cd');
    expect(ed.gatherKill('(+ 1 2)', first, false)).toBe('ab');
    // Ctrl-Y inserts it at the cursor.
    expect(show(ed.insert(at('(* 10 |)'), '(+ 1 2)'))).toBe('(* 10 (+ 1 2)|)');
  });
});

describe('the symbol at the cursor (M-.)', () => {
  it('is the whole symbol the cursor is in or just after', () => {
    expect(ed.symbolAtCursor(at('(gr|eet "you")'))).toBe('greet');
    expect(ed.symbolAtCursor(at('(|greet "you")'))).toBe('greet');
    expect(ed.symbolAtCursor(at('(greet| "you")'))).toBe('greet');
    expect(ed.symbolAtCursor(at("#'user/gr|eet"))).toBe('user/greet');
    expect(ed.symbolAtCursor(at('(map inc| {1 2})'))).toBe('inc');
    expect(ed.symbolAtCursor(at('(greet |"you")'))).toBe('');
    expect(ed.symbolAtCursor(at('|'))).toBe('');
  });
});

describe('key bursts', () => {
  it('a burst of typed keys with Ctrl keys in it is taken key by key, Ctrl and the letter', () => {
    const seen: string[] = [];
    const plain = { ctrl: false, meta: false } as Key;
    eachKey('ab\x17\x19\x7f\r', plain, (input, key) => seen.push(`${key.ctrl ? 'C-' : ''}${key.backspace ? 'BS' : key.return ? 'RET' : input}`));
    expect(seen).toEqual(['a', 'b', 'C-w', 'C-y', 'BS', 'RET']);
  });
});
