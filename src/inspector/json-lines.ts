/**
 * JSON lines, the socket transport's framing (PROTOCOL.md "Transports"):
 * one message a line. The splitter keeps at most `max` bytes of a line;
 * a longer one is dropped whole (up to its newline) and reported, so a
 * peer that never sends a newline cannot make the other side hold its
 * bytes. Used by the host's socket server and by `lona attach`.
 */

/** Most bytes of one line a host takes from a client (a large file's text, for `load`). */
export const MAX_CLIENT_LINE = 16 * 1024 * 1024;
/** Most bytes of one line a client takes from a host (its output is sent in pieces far smaller). */
export const MAX_HOST_LINE = 64 * 1024 * 1024;

export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  /** Dropping the rest of a line that was too long. */
  private skipping = false;

  constructor(private readonly max: number, private readonly onLine: (line: string) => void, private readonly onTooLong: () => void) {}

  push(chunk: Buffer): void {
    for (let start = 0; ;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) return this.keep(chunk.subarray(start));
      this.keep(chunk.subarray(start, nl));
      if (this.skipping) this.skipping = false;
      else {
        const line = Buffer.concat(this.parts, this.size).toString('utf8');
        this.parts = [];
        this.size = 0;
        if (line.trim() !== '') this.onLine(line);
      }
      start = nl + 1;
    }
  }

  private keep(bytes: Buffer): void {
    if (this.skipping || bytes.length === 0) return;
    if (this.size + bytes.length > this.max) {
      this.parts = [];
      this.size = 0;
      this.skipping = true;
      this.onTooLong();
      return;
    }
    this.parts.push(bytes);
    this.size += bytes.length;
  }
}

/** A message as one line. */
export function jsonLine(message: unknown): string {
  return JSON.stringify(message) + '\n';
}
