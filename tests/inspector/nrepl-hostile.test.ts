/**
 * Hostile nREPL clients against a real `lona serve --nrepl`: bytes that
 * are not bencode, a 100 MB message, a thousand connections opening
 * sessions and going away, and a runaway evaluation. Each gets at most its
 * own connection closed; the machine and another client's session go on
 * answering, and nothing a gone connection started is left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from 'node:net';
import { NreplClient, status, values } from '../helpers/nrepl-client.js';
import { startServe, type Served } from '../helpers/serve.js';

let served: Served;
/** A client that stays, checked after each attack. */
let witness: NreplClient;
let session: string;

beforeAll(async () => {
  served = await startServe(['--nrepl']);
  witness = await NreplClient.connect(served.nreplPort!);
  session = await witness.clone();
});

afterAll(async () => {
  witness?.close();
  await served?.stop();
});

async function stillAnswers(): Promise<void> {
  expect(values(await witness.request({ op: 'eval', session, code: '(+ 1 2)' }))).toEqual(['3']);
}

describe('hostile nREPL clients', () => {
  it('garbage: an error reply, that connection closed, the machine goes on', async () => {
    const c = await NreplClient.connect(served.nreplPort!);
    c.socket.write('this is not bencode\r\n');
    await c.until(() => c.closed);
    expect(c.replies.some((r) => status(r).includes('decode-error'))).toBe(true);
    const d = await NreplClient.connect(served.nreplPort!);
    d.socket.write('d2:op8:describee'); // a good request first, answered
    d.socket.write('d2:opi12x');
    await d.until(() => d.closed);
    expect(d.replies.some((r) => status(r).includes('decode-error'))).toBe(true);
    expect(d.replies.some((r) => r.ops !== undefined)).toBe(true);
    await stillAnswers();
  });

  it('a 100 MB message is refused as soon as its size shows', async () => {
    const c = await NreplClient.connect(served.nreplPort!);
    const size = 100 * 1024 * 1024;
    c.socket.write(`d2:op4:eval4:code${size}:`);
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    for (let sent = 0; sent < size && !c.closed; sent += chunk.length) {
      if (!c.socket.write(chunk)) await new Promise((r) => { c.socket.once('drain', r); c.socket.once('close', r); });
    }
    await c.until(() => c.closed);
    expect(c.replies.some((r) => status(r).includes('decode-error'))).toBe(true);
    await stillAnswers();
  });

  it('a thousand connections opening sessions and dropping leave nothing behind', async () => {
    const before = await witness.request({ op: 'eval', session, code: '(:total (process-table %{:system true}))' });
    const batch = async () => {
      const c = await NreplClient.connect(served.nreplPort!);
      const s = await c.clone();
      c.send({ op: 'eval', session: s, code: '(+ 1 2)' });
      c.close();
    };
    for (let i = 0; i < 10; i++) await Promise.all(Array.from({ length: 100 }, batch));
    // Bare connections that never say anything, too.
    await Promise.all(Array.from({ length: 100 }, () => new Promise<void>((resolve) => {
      const s = createConnection(served.nreplPort!, '127.0.0.1', () => { s.destroy(); resolve(); });
      s.on('error', () => resolve());
    })));
    await stillAnswers();
    // Every evaluator of those sessions ends once its connection is gone.
    const count = async () => Number(values(await witness.request({ op: 'eval', session, code: '(:total (process-table %{:system true}))' }))[0]);
    const start = Number(values(before)[0]);
    for (let n = await count(); n > start + 5; n = await count()) await new Promise((r) => setTimeout(r, 50));
    expect(await count()).toBeLessThanOrEqual(start + 5);
  });

  it('a runaway evaluation in one session does not stop another session answering', async () => {
    const c = await NreplClient.connect(served.nreplPort!);
    const runaway = await c.clone();
    const id = c.send({ op: 'eval', session: runaway, code: '(defn runaway [] (runaway)) (runaway)' });
    const other = await c.clone();
    expect(values(await c.request({ op: 'eval', session: other, code: '(* 6 7)' }))).toEqual(['42']);
    await stillAnswers();
    await c.request({ op: 'interrupt', session: runaway, 'interrupt-id': id });
    expect(status((await c.repliesTo(id)).at(-1)!)).toEqual(['interrupted', 'done']);
    c.close();
  });
});
