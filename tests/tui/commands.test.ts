/**
 * The workstation's command line (src/tui/commands.ts): names, unambiguous
 * prefixes, arguments, and what each command asks of the inspector. The
 * inspector here is a recording stand-in; the screen tests drive the real one.
 */
import { describe, expect, it } from 'vitest';
import { commandsStarting, runCommandLine, type CommandContext } from '../../src/tui/commands.js';
import { HELP, helpPages } from '../../src/tui/help.js';
import type { Inspector, Reply } from '../../src/inspector/index.js';

function setup(answers: Record<string, Reply> = {}) {
  const requests: Record<string, unknown>[] = [];
  const said: string[] = [];
  const did: string[] = [];
  const inspector = {
    request: async (req: Record<string, unknown>) => {
      requests.push(req);
      return answers[String(req.op)] ?? { ok: true, value: ':ok' };
    },
  } as unknown as Inspector;
  const ctx: CommandContext = {
    inspector, say: (t) => said.push(t), focus: (pane) => did.push(`focus ${pane}`), showSource: (n) => did.push(`source ${n}`),
    inspect: (pid) => did.push(`inspect ${pid}`), debug: (pid) => did.push(`debug ${pid}`), trace: async (pid, on) => `${on ? 'tracing' : 'stopped tracing'} ${pid}`,
    help: () => did.push('help'), zoom: () => did.push('zoom'), clear: () => did.push('clear'), quit: () => did.push('quit'),
  };
  const run = async (line: string) => {
    runCommandLine(line, ctx);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { requests, said, did, run };
}

describe('the command line', () => {
  it('runs a command by its name or an unambiguous start of it', async () => {
    const t = setup();
    await t.run('help');
    await t.run('proc');
    await t.run('  listener  ');
    await t.run('q');
    await t.run('zoom');
    expect(t.did).toEqual(['help', 'focus processes', 'focus listener', 'quit', 'zoom']);
  });

  it('says what an ambiguous or unknown name could mean', async () => {
    const t = setup();
    await t.run('s');
    await t.run('frobnicate');
    expect(t.said).toEqual(['s: source suspend?', 'no command frobnicate (help lists them)']);
  });

  it('takes a pid as 2.5, <2.5> or #pid<2.5>, and asks for one when it is missing', async () => {
    const t = setup();
    await t.run('kill 2.5');
    await t.run('suspend <2.6>');
    await t.run('resume #pid<2.7>');
    await t.run('kill');
    await t.run('kill sleepy');
    expect(t.requests).toEqual([{ op: 'kill', pid: '#pid<2.5>' }, { op: 'suspend', pid: '#pid<2.6>' }, { op: 'resume', pid: '#pid<2.7>' }]);
    expect(t.said).toEqual(['killed #pid<2.5>', 'suspended #pid<2.6>', 'resumed #pid<2.7>', 'kill: which process? (kill 2.57)', 'kill: which process? (kill 2.57)']);
  });

  it("reports the inspector's refusals", async () => {
    const t = setup({ kill: { ok: false, error: 'not-found', detail: null } });
    await t.run('kill 9.9');
    expect(t.said).toEqual(['kill #pid<9.9>: not-found']);
  });

  it('finds a realm to terminate by its name', async () => {
    const tree = { id: '#realm-id<0>', name: 'root', children: [{ id: '#realm-id<2>', name: 'apps', children: [{ id: '#realm-id<3>', name: 'sandbox', children: [] }] }] };
    const t = setup({ realms: { ok: true, value: tree as never } });
    await t.run('terminate-realm sandbox');
    await t.run('terminate-realm nowhere');
    expect(t.requests).toEqual([{ op: 'realms' }, { op: 'terminate-realm', realm: '#realm-id<3>' }, { op: 'realms' }]);
    expect(t.said).toEqual(['terminated sandbox', 'terminate-realm: no realm nowhere']);
  });

  it('shows source, callers, a process in detail, and traces', async () => {
    const t = setup({ callers: { ok: true, value: ['user/g', 'user/h'] as never } });
    await t.run('source user/f');
    await t.run('callers user/f');
    await t.run('inspect 2.41');
    await t.run('trace 2.41');
    await t.run('untrace 2.41');
    expect(t.did).toEqual(['source user/f', 'inspect #pid<2.41>']);
    expect(t.said).toEqual(['callers of user/f: user/g, user/h', 'tracing #pid<2.41>', 'stopped tracing #pid<2.41>']);
  });

  it('completes from the names it knows', () => {
    expect(commandsStarting('te').map((c) => c.name)).toEqual(['terminate-realm']);
    expect(commandsStarting('').length).toBeGreaterThan(10);
  });
});

describe('the help overlay', () => {
  it('lists every key in two columns on a wide screen, in one column of pages on a small one, losing nothing', () => {
    const texts = (pages: ReturnType<typeof helpPages>) => pages.flat(2).map((l) => l.text);
    const wide = helpPages(120, 34);
    const small = helpPages(80, 24);
    expect(wide).toHaveLength(1);
    expect(wide[0]).toHaveLength(2);
    expect(small.length).toBeGreaterThan(1);
    for (const page of small) {
      expect(page).toHaveLength(1);
      expect(page[0].length).toBeLessThanOrEqual(24 - 3);
    }
    for (const [, keys] of HELP) for (const [key] of keys) expect(texts(small).some((t) => t.startsWith(`  ${key} `))).toBe(true);
    expect(texts(small).join(' ')).toContain('terminate-realm name');
    expect(texts(wide).join('\n')).toMatch(/M-z +zoom the pane/);
  });
});
