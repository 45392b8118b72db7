/**
 * The peer of the process benchmarks: the floor on this runtime, a bare
 * JavaScript run-queue scheduler whose processes are callbacks with a
 * mailbox (no preemption, no isolation, no selective receive).
 */

type Handler = (self: JsProcess, message: unknown) => void;

class JsProcess {
  mailbox: unknown[] = [];
  queued = false;
  constructor(public handler: Handler) {}
}

class JsScheduler {
  private queue: JsProcess[] = [];
  private head = 0;

  spawn(handler: Handler): JsProcess {
    return new JsProcess(handler);
  }

  send(p: JsProcess, message: unknown): void {
    p.mailbox.push(message);
    if (!p.queued) {
      p.queued = true;
      this.queue.push(p);
    }
  }

  run(): void {
    while (this.head < this.queue.length) {
      const p = this.queue[this.head++];
      p.queued = false;
      const messages = p.mailbox;
      p.mailbox = [];
      for (const m of messages) p.handler(p, m);
      if (this.head > 4096 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
    }
    this.queue = [];
    this.head = 0;
  }
}

/** Spawns n waiting processes, then messages each: ns per spawn, bytes per process, ns per message. */
export function jsSpawn(n: number, heap: () => number): { spawnNs: number; bytes: number; messageNs: number } {
  const s = new JsScheduler();
  const before = heap();
  const t0 = performance.now();
  const ps: JsProcess[] = [];
  for (let i = 0; i < n; i++) ps.push(s.spawn(() => undefined));
  const t1 = performance.now();
  const bytes = (heap() - before) / n;
  const t2 = performance.now();
  for (const p of ps) s.send(p, 'go');
  s.run();
  const t3 = performance.now();
  return { spawnNs: ((t1 - t0) * 1e6) / n, bytes, messageNs: ((t3 - t2) * 1e6) / n };
}

/** A ring of n processes passing a token `laps` times around: ns per hop. */
export function jsRing(n: number, laps: number): number {
  const s = new JsScheduler();
  const ring: JsProcess[] = [];
  let done = false;
  for (let i = 0; i < n; i++) {
    ring.push(s.spawn((_self, k) => {
      if (k === 0) done = true;
      else s.send(ring[(i + 1) % n], (k as number) - 1);
    }));
  }
  const t0 = performance.now();
  s.send(ring[0], n * laps);
  s.run();
  const t1 = performance.now();
  if (!done) throw new Error('js ring did not finish');
  return ((t1 - t0) * 1e6) / (n * laps);
}

/** n workers each serving k request/replies from its own client: ns per call. */
export function jsFanOut(n: number, k: number): number {
  const s = new JsScheduler();
  let finished = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const worker = s.spawn((_self, m) => {
      const [from, x] = m as [JsProcess, number];
      s.send(from, 2 * x);
    });
    let sent = 0;
    let sum = 0;
    const client = s.spawn((self, m) => {
      if (m !== 'start') sum += m as number;
      if (sent === k) { finished++; return; }
      s.send(worker, [self, sent++]);
    });
    s.send(client, 'start');
    void sum;
  }
  s.run();
  const t1 = performance.now();
  if (finished !== n) throw new Error('js fan-out did not finish');
  return ((t1 - t0) * 1e6) / (n * k);
}
