/** Editing the command line (src/tui/command-line.tsx): typing, Tab completion, Enter, Escape. */
import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { commandLineKey } from '../../src/tui/command-line.js';

const key = (k: Partial<Key> = {}) => ({ ctrl: false, meta: false, escape: false, return: false, tab: false, backspace: false, delete: false, ...k }) as Key;

describe('the command line editor', () => {
  it('types, deletes, and completes a name with Tab (a unique one gets its space)', () => {
    const ran: string[] = [];
    const run = (l: string) => ran.push(l);
    expect(commandLineKey('', 'ter', key(), run)).toBe('ter');
    expect(commandLineKey('ter', '', key({ tab: true }), run)).toBe('terminate-realm ');
    expect(commandLineKey('tr', '', key({ tab: true }), run)).toBe('trace ');
    expect(commandLineKey('s', '', key({ tab: true }), run)).toBe('s'); // source, suspend: nothing common to add
    expect(commandLineKey('kill 2.5', '', key({ tab: true }), run)).toBe('kill 2.5');
    expect(commandLineKey('kill 2.55', '', key({ backspace: true }), run)).toBe('kill 2.5');
    expect(ran).toEqual([]);
  });

  it('runs the line on Enter and closes; Escape closes without running', () => {
    const ran: string[] = [];
    expect(commandLineKey('kill 2.5', '', key({ return: true }), (l) => ran.push(l))).toBeNull();
    expect(commandLineKey('kill 2.6', '', key({ escape: true }), (l) => ran.push(l))).toBeNull();
    expect(ran).toEqual(['kill 2.5']);
  });
});
