/**
 * A small nREPL client for the tests (bencode over TCP), written apart
 * from the server's codec so the server is checked against an independent
 * reading of the format: requests get an id, and `request` gathers every
 * reply with that id up to the one whose status has `done`.
 */
import { createConnection, type Socket } from 'node:net';

export type Bval = string | number | Bval[] | { [key: string]: Bval };
export type Reply = { [key: string]: Bval };

export function bencode(v: unknown): Buffer {
  if (typeof v === 'string') return Buffer.concat([Buffer.from(`${Buffer.byteLength(v)}:`), Buffer.from(v)]);
  if (typeof v === 'number') return Buffer.from(`i${v}e`);
  if (Array.isArray(v)) return Buffer.concat([Buffer.from('l'), ...v.map(bencode), Buffer.from('e')]);
  const entries = Object.entries(v as object).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return Buffer.concat([Buffer.from('d'), ...entries.flatMap(([k, x]) => [bencode(k), bencode(x)]), Buffer.from('e')]);
}

/** One value from `buf` at `at`: the value and where it ends, or null when the bytes end first. */
function decode(buf: Buffer, at: number): [Bval, number] | null {
  if (at >= buf.length) return null;
  const c = String.fromCharCode(buf[at]);
  if (c === 'i') {
    const end = buf.indexOf('e', at);
    return end < 0 ? null : [Number(buf.subarray(at + 1, end).toString()), end + 1];
  }
  if (c === 'l' || c === 'd') {
    const items: Bval[] = [];
    let i = at + 1;
    while (i < buf.length && buf[i] !== 0x65) {
      const item = decode(buf, i);
      if (item === null) return null;
      items.push(item[0]);
      i = item[1];
    }
    if (i >= buf.length) return null;
    if (c === 'l') return [items, i + 1];
    const dict: { [key: string]: Bval } = {};
    for (let k = 0; k < items.length; k += 2) dict[items[k] as string] = items[k + 1];
    return [dict, i + 1];
  }
  const colon = buf.indexOf(':', at);
  if (colon < 0) return null;
  const len = Number(buf.subarray(at, colon).toString());
  if (colon + 1 + len > buf.length) return null;
  return [buf.subarray(colon + 1, colon + 1 + len).toString('utf8'), colon + 1 + len];
}

export class NreplClient {
  readonly replies: Reply[] = [];
  private pending = Buffer.alloc(0);
  private nextId = 1;
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.pending = Buffer.concat([this.pending, chunk]);
      for (let r = decode(this.pending, 0); r !== null; r = decode(this.pending, 0)) {
        this.replies.push(r[0] as Reply);
        this.pending = this.pending.subarray(r[1]);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => { this.closed = true; });
  }

  static connect(port: number): Promise<NreplClient> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(port, '127.0.0.1');
      socket.once('error', reject);
      socket.once('connect', () => resolve(new NreplClient(socket)));
    });
  }

  /** Sends a request without waiting; its id. */
  send(msg: Record<string, unknown>): string {
    const id = `r${this.nextId++}`;
    this.socket.write(bencode({ ...msg, id }));
    return id;
  }

  /** Every reply to request `id` up to its `done`. */
  async repliesTo(id: string, ms = 30_000): Promise<Reply[]> {
    await this.until(() => this.replies.some((r) => r.id === id && status(r).includes('done')), ms);
    return this.replies.filter((r) => r.id === id);
  }

  async request(msg: Record<string, unknown>, ms?: number): Promise<Reply[]> {
    return this.repliesTo(this.send(msg), ms);
  }

  /** A new session's id. */
  async clone(): Promise<string> {
    const [r] = await this.request({ op: 'clone' });
    return r['new-session'] as string;
  }

  /** Waits until `test` holds (a generous wait for an event, never a time bound). */
  async until(test: () => boolean, ms = 30_000): Promise<void> {
    const end = Date.now() + ms;
    while (!test()) {
      if (Date.now() > end) throw new Error(`timed out; replies so far:\n${this.replies.map((r) => JSON.stringify(r)).join('\n')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

export function status(r: Reply): string[] {
  return Array.isArray(r.status) ? (r.status as string[]) : [];
}

/** The replies' `value`s, in order. */
export function values(replies: Reply[]): string[] {
  return replies.filter((r) => r.value !== undefined).map((r) => r.value as string);
}

/** A field of the replies joined (out, err). */
export function joined(replies: Reply[], field: string): string {
  return replies.map((r) => (typeof r[field] === 'string' ? r[field] : '')).join('');
}
