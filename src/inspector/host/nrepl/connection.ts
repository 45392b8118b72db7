/**
 * One nREPL client's TCP connection (README "The nREPL server"): bencoded
 * requests in, replies out, each reply carrying its request's `id` and
 * `session`. The sessions it clones are its own: closing or dropping the
 * connection ends their evaluators and nothing else. A request without a
 * session uses the connection's own, unlisted one. Bytes that are not
 * bencode, or a message too big, get an error reply and the connection is
 * closed; the machine and other clients never notice.
 */
import type { Socket } from 'node:net';
import { Keyword, Sym, type Value } from '../../../machine/index.js';
import { readAll } from '../../../lonala/index.js';
import { VERSION } from '../../../os/index.js';
import { BencodeDecoder, encode, type Bencoded } from './bencode.js';
import { NreplSession, type Reply } from './session.js';
import type { NreplTools, ToolAnswer, ToolName } from './tools.js';
import type { MachineHost } from '../machine-host.js';

/** Most bytes of one request (a large file's load-file) and deepest nesting. */
export const NREPL_LIMITS = { maxMessage: 16 * 1024 * 1024, maxDepth: 32 };
/** Replies a client leaves unread before it is dropped. */
const MAX_UNREAD = 64 * 1024 * 1024;

type Request = { [key: string]: Bencoded };

const OPS = ['describe', 'clone', 'close', 'ls-sessions', 'eval', 'load-file', 'interrupt', 'stdin', 'completions', 'lookup', 'info', 'eldoc', 'complete', 'ns-list', 'macroexpand'];

export class NreplConnection {
  private readonly sessions = new Map<string, NreplSession>();
  private own: NreplSession | null = null;
  private readonly decoder = new BencodeDecoder(NREPL_LIMITS, (m) => this.request(m), (why) => this.refuse(why));
  private closed = false;

  constructor(private readonly host: MachineHost, private readonly tools: NreplTools, private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.decoder.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => this.close());
  }

  /** The connection is gone: every session it opened ends. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.sessions.values()) s.close();
    this.own?.close();
    this.sessions.clear();
    this.socket.destroy();
  }

  private send(fields: Record<string, unknown>): void {
    if (this.closed || this.socket.destroyed) return;
    if (this.socket.writableLength > MAX_UNREAD) return this.close();
    this.socket.write(encode(fields));
  }

  /** Unreadable input: the error reply goes out, then the connection closes (its sessions end). */
  private refuse(why: string): void {
    this.send({ status: ['error', 'decode-error', 'done'], err: `lona nREPL: unreadable input (${why}); closing the connection\n` });
    this.closed = true;
    for (const s of this.sessions.values()) s.close();
    this.own?.close();
    this.sessions.clear();
    // Half-closed, it still takes (and drops) what the client sends for a moment: closing it under a client
    // still sending would reset the connection, and the client could lose the reply unread.
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 2000).unref();
  }

  private request(m: Bencoded): void {
    if (this.closed) return;
    if (typeof m !== 'object' || Array.isArray(m)) return this.send({ status: ['error', 'bad-request', 'done'], err: 'a request is a dictionary\n' });
    const req = m as Request;
    const base: Record<string, unknown> = {};
    if (typeof req.id === 'string' || typeof req.id === 'number') base.id = req.id;
    if (typeof req.session === 'string') base.session = req.session;
    const reply: Reply = (fields) => this.send({ ...base, ...fields });
    const op = typeof req.op === 'string' ? req.op : '';
    switch (op) {
      case 'describe': return reply(describe(this.own?.ns ?? 'user'));
      case 'clone': {
        const s = new NreplSession(this.host);
        this.sessions.set(s.id, s);
        return reply({ 'new-session': s.id, status: ['done'] });
      }
      case 'ls-sessions': return reply({ sessions: [...this.sessions.keys()], status: ['done'] });
      case 'completions': case 'complete': case 'lookup': case 'info': case 'eldoc': case 'ns-list': case 'macroexpand':
        return void this.tool(op, req, reply);
      case '': return reply({ status: ['error', 'no-op', 'done'] });
    }
    if (!OPS.includes(op)) return reply({ status: ['error', 'unknown-op', 'done'], op });
    const session = this.sessionOf(req);
    if (session === null) return reply({ status: ['error', 'unknown-session', 'done'] });
    switch (op) {
      case 'close':
        this.sessions.delete(session.id);
        session.close();
        return reply({ status: ['done', 'session-closed'] });
      case 'eval': {
        if (typeof req.code !== 'string') return reply({ status: ['error', 'no-code', 'done'] });
        const at = { ns: str(req.ns), file: str(req.file), line: typeof req.line === 'number' && req.line > 0 ? req.line : undefined };
        return session.eval(req.id, reply, req.code, at);
      }
      case 'load-file': {
        if (typeof req.file !== 'string') return reply({ status: ['error', 'no-code', 'done'] });
        return session.load(req.id, reply, req.file, str(req['file-path']) ?? str(req['file-name']) ?? '<nrepl>');
      }
      case 'interrupt': return session.interrupt(req['interrupt-id'], reply);
      case 'stdin':
        session.input(typeof req.stdin === 'string' ? req.stdin : '');
        return reply({ status: ['done'] });
    }
  }

  /** The session a request names, or the connection's own when it names none; null when it names one that is not open here. */
  private sessionOf(req: Request): NreplSession | null {
    if (typeof req.session === 'string') return this.sessions.get(req.session) ?? null;
    return (this.own ??= new NreplSession(this.host));
  }

  /** The namespace a tooling request is about: its `ns`, else its session's. */
  private nsFor(req: Request): string {
    const named = str(req.ns);
    if (named !== undefined && named !== '') return named;
    return (typeof req.session === 'string' ? this.sessions.get(req.session)?.ns : this.own?.ns) ?? 'user';
  }

  private async tool(op: string, req: Request, reply: Reply): Promise<void> {
    const ns = Sym.of(this.nsFor(req));
    const run = (name: ToolName, args: Value[]) => this.tools.call(name, args);
    const failed = (a: ToolAnswer & { ok: false }, status: string) => reply({ err: `${a.error}\n`, status: ['error', status, 'done'] });
    switch (op) {
      case 'completions': case 'complete': {
        const prefix = str(req.prefix) ?? str(req.symbol) ?? '';
        const a = await run('complete', [ns, prefix]);
        if (!a.ok) return failed(a, 'completion-error');
        if (a.value === ':namespace-not-found') return reply({ status: ['error', 'completion-error', 'namespace-not-found', 'done'] });
        return reply({ completions: a.value, status: ['done'] });
      }
      case 'lookup': case 'info': case 'eldoc': {
        const sym = str(req.sym) ?? str(req.symbol) ?? '';
        if (sym === '') return reply({ status: ['error', 'no-symbol', 'done'] });
        const a = await run('info', [ns, Sym.parse(sym)]);
        if (!a.ok) return failed(a, 'lookup-error');
        const info = typeof a.value === 'object' && a.value !== null && !Array.isArray(a.value) ? a.value : null;
        if (op === 'lookup') return reply({ info: info === null ? {} : withoutEldoc(info), status: info === null ? ['done', 'no-info'] : ['done'] });
        if (info === null) return reply({ status: ['done', 'no-info'] });
        if (op === 'info') return reply({ ...withoutEldoc(info), status: ['done'] });
        return reply({ eldoc: info.eldoc ?? [], name: info.name, ns: info.ns, type: info.type, docstring: info.doc, status: ['done'] });
      }
      case 'ns-list': {
        const a = await run('ns-list', []);
        return a.ok ? reply({ 'ns-list': a.value, status: ['done'] }) : failed(a, 'ns-list-error');
      }
      case 'macroexpand': {
        const code = str(req.code) ?? '';
        const { forms, error } = readAll(code);
        if (error !== null || forms.length !== 1) return reply({ err: `${error?.message ?? 'macroexpand takes one form'}\n`, status: ['error', 'macroexpand-error', 'done'] });
        const expander = str(req.expander) === 'macroexpand-1' ? 1 : str(req.expander) === 'macroexpand-all' ? Keyword.of('all') : null;
        const a = await run('macroexpand', [ns, forms[0].form, expander]);
        return a.ok ? reply({ expansion: a.value, status: ['done'] }) : failed(a, 'macroexpand-error');
      }
    }
  }
}

/** The ops this server handles, and its versions (nREPL's own shape). */
function describe(ns: string): Record<string, unknown> {
  const [major, minor, incremental] = VERSION.split('.').map((n) => Number.parseInt(n, 10) || 0);
  return {
    ops: Object.fromEntries(OPS.map((op) => [op, {}])),
    versions: {
      nrepl: { major: 1, minor: 0, incremental: 0, 'version-string': '1.0.0' },
      lona: { major, minor, incremental, 'version-string': VERSION },
    },
    aux: { 'current-ns': ns },
    status: ['done'],
  };
}

function str(v: Bencoded | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function withoutEldoc(info: { [key: string]: unknown }): { [key: string]: unknown } {
  const { eldoc: _eldoc, ...rest } = info;
  return rest;
}
