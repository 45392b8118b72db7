/**
 * The machine's own console when a host serves several clients: what
 * processes print that belong to no client's session (the loader's
 * notices, crash reports, processes the root or a loaded file started)
 * goes to every client that takes it (the workstation's screen, each
 * attached terminal) and to the host's own output if it has one (`lona
 * serve`'s stdout). A program of no session that reads a line asks the
 * oldest such client. Sessions have their own (os/session-console.ts).
 */
import type { Console } from '../../os/index.js';

/** A client's end of the shared console. */
export interface ConsoleSink {
  write(text: string): void;
  readLine(deliver: (line: string | null) => void): void;
}

export class SharedConsole implements Console {
  private readonly sinks = new Set<ConsoleSink>();

  /** `local`: where the host itself shows the machine's output (null: nowhere but the clients). */
  constructor(private readonly local: ((text: string) => void) | null = null) {}

  readonly write = (text: string): void => {
    this.local?.(text);
    for (const sink of this.sinks) sink.write(text);
  };

  readonly report = this.write;

  /** The oldest client taking the console answers; with none, input has ended. */
  readonly readLine = (deliver: (line: string | null) => void): void => {
    const first = this.sinks.values().next();
    if (first.done === true) deliver(null);
    else first.value.readLine(deliver);
  };

  add(sink: ConsoleSink): void {
    this.sinks.add(sink);
  }

  remove(sink: ConsoleSink): void {
    this.sinks.delete(sink);
  }
}
