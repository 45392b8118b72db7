/**
 * The REPL's input lines, shared between the listener and programs that
 * read the console (read-line), as Erlang's shell shares its terminal: a
 * line goes to the listener when it is waiting for input, otherwise to the
 * oldest pending read-line, otherwise it waits in order. So piped input
 * such as `(read-line)` followed by a line of data works as typed input does.
 */
export class LineInbox implements AsyncIterable<string> {
  private readonly lines: string[] = [];
  private readonly readers: ((line: string | null) => void)[] = [];
  private listener: ((r: IteratorResult<string>) => void) | null = null;
  private ended = false;

  push(line: string): void {
    if (this.listener !== null) this.takeListener()({ value: line, done: false });
    else if (this.readers.length > 0) this.readers.shift()!(line);
    else this.lines.push(line);
  }

  /** No more input: the listener's loop ends, pending and later read-lines get nil. */
  end(): void {
    this.ended = true;
    if (this.listener !== null && this.lines.length === 0) this.takeListener()({ value: undefined, done: true });
    for (const reader of this.readers.splice(0)) reader(null);
  }

  /** A program's request for the next line not taken by the listener. */
  readLine(deliver: (line: string | null) => void): void {
    if (this.lines.length > 0) deliver(this.lines.shift()!);
    else if (this.ended) deliver(null);
    else this.readers.push(deliver);
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    return {
      next: () => new Promise((resolve) => {
        if (this.lines.length > 0) resolve({ value: this.lines.shift()!, done: false });
        else if (this.ended) resolve({ value: undefined, done: true });
        else this.listener = resolve;
      }),
    };
  }

  private takeListener(): (r: IteratorResult<string>) => void {
    const l = this.listener!;
    this.listener = null;
    return l;
  }
}
