/**
 * Pending `sleep` / `receive ... :after` timeouts of all processes: a binary
 * min-heap on the deadline, each process knowing its position so that a
 * receive that ends early removes its timer at once (no dead entries pile
 * up). The scheduler arms one host timer for the earliest deadline.
 */
import type { Process } from './process.js';

export class TimerHeap {
  private heap: Process[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** The process whose timer fires first, if any. */
  peek(): Process | undefined {
    return this.heap[0];
  }

  add(p: Process, deadline: number): void {
    p.deadline = deadline;
    p.timerIndex = this.heap.length;
    this.heap.push(p);
    this.up(p.timerIndex);
  }

  remove(p: Process): void {
    const i = p.timerIndex;
    if (i < 0) return;
    p.timerIndex = -1;
    const last = this.heap.pop() as Process;
    if (i === this.heap.length) return;
    this.heap[i] = last;
    last.timerIndex = i;
    this.up(i);
    this.down(last.timerIndex);
  }

  private up(i: number): void {
    const h = this.heap;
    const p = h[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent].deadline <= p.deadline) break;
      h[i] = h[parent];
      h[i].timerIndex = i;
      i = parent;
    }
    h[i] = p;
    p.timerIndex = i;
  }

  private down(i: number): void {
    const h = this.heap;
    const p = h[i];
    const n = h.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && h[child + 1].deadline < h[child].deadline) child++;
      if (h[child].deadline >= p.deadline) break;
      h[i] = h[child];
      h[i].timerIndex = i;
      i = child;
    }
    h[i] = p;
    p.timerIndex = i;
  }
}
