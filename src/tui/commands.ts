/**
 * Actions by name, for the command line (`:` outside the Listener, or M-x):
 * what the panes' keys do, reachable by typing, with arguments where a key
 * would act on the selection (`kill 2.57`, `source user/greet`). Each runs
 * through the inspector, as the panes do.
 */
import type { Inspector } from '../inspector/index.js';

export type PaneName = 'listener' | 'processes' | 'source' | 'realms';

/** What a command may do to the workstation. */
export interface CommandContext {
  inspector: Inspector;
  /** A `;; ` line in the Listener. */
  say(text: string): void;
  focus(pane: PaneName): void;
  showSource(name: string): void;
  inspect(pid: string): void;
  /** The Debugger on a process (suspended for it if it runs; a crashed one from the crash log). */
  debug(pid: string): void;
  trace(pid: string, on: boolean): Promise<string>;
  help(): void;
  /** The focused pane to the whole screen, or back (M-z). */
  zoom(): void;
  clear(): void;
  quit(): void;
}

interface NamedCommand {
  readonly name: string;
  readonly args: string;
  readonly doc: string;
  run(ctx: CommandContext, args: string[]): void | Promise<void>;
}

/** `2.57`, `<2.57>` or `#pid<2.57>`: the inspector's printed form. */
function pidArg(text: string | undefined): string | null {
  const m = /^(?:#pid)?<?(\d+\.\d+)>?$/.exec(text ?? '');
  return m === null ? null : `#pid<${m[1]}>`;
}

/** A command on one process: `op` through the inspector, its outcome said in the Listener. */
function onProcess(name: string, op: string, doc: string, done: string): NamedCommand {
  return {
    name, args: 'pid', doc,
    run: async (ctx, [arg]) => {
      const pid = pidArg(arg);
      if (pid === null) return ctx.say(`${name}: which process? (${name} 2.57)`);
      const r = await ctx.inspector.request({ op, pid });
      ctx.say(r.ok ? `${done} ${pid}` : `${name} ${pid}: ${r.error}`);
    },
  };
}

interface RealmNode { id: string; name: string; children: RealmNode[] }

/** The realms the session lives in: the workstation does not terminate them (its Listener would go with them). */
export function holdsSession(realmName: string): boolean {
  return realmName === 'root' || realmName === 'apps';
}

function findRealm(node: RealmNode, name: string): RealmNode | null {
  if (node.name === name || node.id === name) return node;
  for (const c of node.children) {
    const found = findRealm(c, name);
    if (found !== null) return found;
  }
  return null;
}

const focusCommand = (pane: PaneName, doc: string): NamedCommand => ({ name: pane, args: '', doc, run: (ctx) => ctx.focus(pane) });

export const NAMED_COMMANDS: readonly NamedCommand[] = [
  { name: 'help', args: '', doc: 'every key and command', run: (ctx) => ctx.help() },
  { name: 'quit', args: '', doc: 'leave the workstation (asks if processes run)', run: (ctx) => ctx.quit() },
  { name: 'clear', args: '', doc: "clear the Listener's output", run: (ctx) => ctx.clear() },
  { name: 'zoom', args: '', doc: 'the focused pane to the whole screen, or back (M-z)', run: (ctx) => ctx.zoom() },
  focusCommand('listener', 'go to the Listener'),
  focusCommand('processes', 'go to Processes'),
  focusCommand('realms', 'go to Realms & capabilities'),
  {
    name: 'source', args: 'name', doc: 'source of a var in the Source pane',
    run: (ctx, [name]) => (name === undefined ? ctx.focus('source') : ctx.showSource(name)),
  },
  {
    name: 'callers', args: 'name', doc: 'who calls a var (as its code shows)',
    run: async (ctx, [name]) => {
      if (name === undefined) return ctx.say('callers: of which var? (callers user/greet)');
      ctx.say(await callersText(ctx.inspector, name));
    },
  },
  {
    name: 'inspect', args: 'pid', doc: 'a process in detail (info, mailbox, stack)',
    run: (ctx, [arg]) => {
      const pid = pidArg(arg);
      if (pid === null) return ctx.say('inspect: which process? (inspect 2.57)');
      ctx.inspect(pid);
    },
  },
  {
    name: 'debug', args: 'pid', doc: 'the Debugger on a process: its frames and values (suspends it; a crashed one: from the crash log)',
    run: (ctx, [arg]) => {
      const pid = pidArg(arg);
      if (pid === null) return ctx.say('debug: which process? (debug 2.57)');
      ctx.debug(pid);
    },
  },
  onProcess('kill', 'kill', 'kill a process (untrappable)', 'killed'),
  onProcess('suspend', 'suspend', 'stop running a process (messages still queue)', 'suspended'),
  onProcess('resume', 'resume', 'run a suspended process again', 'resumed'),
  ...(['trace', 'untrace'] as const).map((name): NamedCommand => ({
    name, args: 'pid', doc: name === 'trace' ? "print a process's messages here" : 'stop tracing a process',
    run: async (ctx, [arg]) => {
      const pid = pidArg(arg);
      if (pid === null) return ctx.say(`${name}: which process? (${name} 2.57)`);
      ctx.say(await ctx.trace(pid, name === 'trace'));
    },
  })),
  {
    name: 'terminate-realm', args: 'name', doc: 'end a realm, its processes and descendants',
    run: async (ctx, [name]) => {
      const tree = await ctx.inspector.request({ op: 'realms' });
      const realm = tree.ok && name !== undefined ? findRealm(tree.value as unknown as RealmNode, name) : null;
      if (realm === null) return ctx.say(`terminate-realm: no realm ${name ?? '(give its name)'}`);
      if (holdsSession(realm.name)) return ctx.say(`terminate-realm: ${realm.name} holds the session: not terminated from here`);
      const r = await ctx.inspector.request({ op: 'terminate-realm', realm: realm.id });
      ctx.say(r.ok ? `terminated ${realm.name}` : `terminate-realm ${realm.name}: ${r.error}`);
    },
  },
];

/** `;; callers of user/f: user/g, user/h` (or why not), from the inspector. */
export async function callersText(inspector: Inspector, name: string): Promise<string> {
  const r = await inspector.request({ op: 'callers', var: name });
  if (!r.ok) return `callers of ${name}: ${r.error}`;
  const names = r.value as string[];
  return `callers of ${name}: ${names.length === 0 ? 'none known' : names.join(', ')}`;
}

/** The commands whose names start with `prefix`. */
export function commandsStarting(prefix: string): readonly NamedCommand[] {
  return NAMED_COMMANDS.filter((c) => c.name.startsWith(prefix));
}

/** Runs a typed command line: a name (or an unambiguous start of one) and its arguments. */
export function runCommandLine(text: string, ctx: CommandContext): void {
  const [word, ...args] = text.trim().split(/\s+/);
  if (word === '' || word === undefined) return;
  const exact = NAMED_COMMANDS.find((c) => c.name === word);
  const candidates = exact !== undefined ? [exact] : commandsStarting(word);
  if (candidates.length !== 1) {
    ctx.say(candidates.length === 0 ? `no command ${word} (help lists them)` : `${word}: ${candidates.map((c) => c.name).join(' ')}?`);
    return;
  }
  void Promise.resolve(candidates[0].run(ctx, args)).catch((e: unknown) => ctx.say(`${candidates[0].name}: ${String(e)}`));
}
