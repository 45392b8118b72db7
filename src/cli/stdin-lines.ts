/**
 * Console input for batch runs (`lona run`, `lona -e`): lines of stdin read
 * synchronously, as the machine itself runs synchronously there. The REPL
 * has its own (it shares stdin with the listener, repl.ts).
 */
import { readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** A Console.readLine over file descriptor `fd`, delivering each line at once. */
export function stdinLines(fd = 0): (deliver: (line: string | null) => void) => void {
  let pending = '';
  let ended = false;
  const chunk = Buffer.alloc(64 * 1024);
  // A character split across two reads is decoded whole.
  const decoder = new StringDecoder('utf8');
  return (deliver) => {
    for (;;) {
      const nl = pending.indexOf('\n');
      if (nl >= 0) {
        const line = pending.slice(0, nl).replace(/\r$/, '');
        pending = pending.slice(nl + 1);
        return deliver(line);
      }
      if (ended) {
        const last = pending;
        pending = '';
        return deliver(last === '' ? null : last);
      }
      try {
        const n = readSync(fd, chunk, 0, chunk.length, null);
        if (n === 0) {
          ended = true;
          pending += decoder.end();
        } else pending += decoder.write(chunk.subarray(0, n));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') Atomics.wait(sleeper, 0, 0, 10); // a non-blocking stdin with nothing yet
        else ended = true; // EOF-like: a closed or unreadable stdin ends input
      }
    }
  };
}
