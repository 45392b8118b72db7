/**
 * Presentations, as in Genera: every printed pid, var, function, realm or
 * capability in the Listener's output keeps its identity and type, so it
 * can be selected and acted on. Here a presentation is found by its printed
 * form (the inspector names pids, realms and vars by it), with the commands
 * its type offers; the first is the default (Enter).
 */

export type PresentationType = 'pid' | 'var' | 'fn' | 'realm' | 'cap';

export interface Presentation {
  readonly type: PresentationType;
  readonly text: string;
  /** Output line and column where it was printed. */
  readonly line: number;
  readonly column: number;
}

export interface Command { readonly key: string; readonly label: string; readonly action: string }

const PATTERN = /#pid<\d+\.\d+>|#'[^\s()[\]{}",]+|#fn<[^>\s]+>|#realm-id<\d+>|#cap<[^>\s]+>/g;

const TYPES: Record<string, PresentationType> = { '#pid': 'pid', "#'": 'var', '#fn': 'fn', '#realm-id': 'realm', '#cap': 'cap' };

export const COMMANDS: Record<PresentationType, Command[]> = {
  pid: [
    { key: 'i', label: 'inspect', action: 'inspect' },
    { key: 'k', label: 'kill', action: 'kill' },
    { key: 's', label: 'source of its current function', action: 'fn-source' },
  ],
  var: [
    { key: 's', label: 'source', action: 'source' },
    { key: 'd', label: 'doc', action: 'doc' },
    { key: 'c', label: 'callers', action: 'callers' },
    { key: 'v', label: 'value', action: 'value' },
  ],
  fn: [{ key: 's', label: 'source', action: 'source' }],
  realm: [{ key: 'i', label: 'show in Realms & capabilities', action: 'realm' }],
  cap: [{ key: 'i', label: 'show its realm\'s capabilities', action: 'realm' }],
};

/** The presentations in `lines`, newest first (at most `limit`). */
export function findPresentations(lines: readonly string[], limit = 200): Presentation[] {
  const found: Presentation[] = [];
  for (let i = lines.length - 1; i >= 0 && found.length < limit; i--) {
    const here = [...lines[i].matchAll(PATTERN)].map((m) => ({ type: typeOf(m[0]), text: m[0], line: i, column: m.index ?? 0 }));
    found.push(...here.reverse());
  }
  return found;
}

function typeOf(text: string): PresentationType {
  const prefix = text.startsWith("#'") ? "#'" : text.slice(0, text.indexOf('<'));
  return TYPES[prefix];
}

/** The name a var or function presentation stands for (`user/f`, `f`). */
export function nameOf(p: Presentation): string {
  return p.type === 'var' ? p.text.slice(2) : p.text.replace(/^#fn<(.*)>$/, '$1');
}
