/**
 * Bencode, nREPL's wire format (byte strings `4:spam`, integers `i42e`,
 * lists `l...e`, dictionaries `d...e`), with a streaming decoder: bytes go
 * in as they arrive and each complete top-level value comes out, decoded
 * in one pass whatever the chunking. Written here rather than taken from
 * npm: the maintained package (webtorrent's `bencode`) decodes only a
 * complete buffer, so a TCP reader would re-parse from the start on every
 * chunk, and no package bounds what a peer may make it hold. This one
 * refuses, as soon as it can tell, a message over `maxMessage` bytes, a
 * string that would not fit in one, nesting deeper than `maxDepth`, and
 * any byte that is not bencode; after a refusal the stream cannot be
 * resynchronised, so the decoder takes nothing more.
 */

/** A decoded value: byte strings as UTF-8 text, dictionaries as objects without a prototype. */
export type Bencoded = string | number | Bencoded[] | { [key: string]: Bencoded };

export interface DecodeLimits {
  /** Most bytes of one top-level message. */
  maxMessage: number;
  /** Most lists and dictionaries open at once. */
  maxDepth: number;
}

type Frame = { list: Bencoded[] } | { dict: { [key: string]: Bencoded }; key: string | null };

const enum Mode { Value, Integer, Length, Bytes }
const DIGIT_0 = 0x30, DIGIT_9 = 0x39;

export class BencodeDecoder {
  private mode = Mode.Value;
  private readonly stack: Frame[] = [];
  private token = '';
  private parts: Buffer[] = [];
  private remaining = 0;
  /** Bytes of the message being decoded so far. */
  private size = 0;
  private failed = false;

  constructor(private readonly limits: DecodeLimits, private readonly onMessage: (m: Bencoded) => void, private readonly onError: (why: string) => void) {}

  push(chunk: Buffer): void {
    for (let i = 0; i < chunk.length && !this.failed; i++) {
      if (this.mode === Mode.Bytes) {
        const take = Math.min(this.remaining, chunk.length - i);
        this.parts.push(chunk.subarray(i, i + take));
        this.size += take;
        this.remaining -= take;
        i += take - 1;
        if (this.remaining === 0) {
          this.mode = Mode.Value;
          const text = Buffer.concat(this.parts).toString('utf8');
          this.parts = [];
          this.value(text);
        }
        continue;
      }
      if (++this.size > this.limits.maxMessage) return this.fail(`a message over ${this.limits.maxMessage} bytes`);
      this.byte(chunk[i]);
    }
  }

  private byte(c: number): void {
    switch (this.mode) {
      case Mode.Value:
        if (c === 0x69 /* i */) { this.mode = Mode.Integer; this.token = ''; return; }
        if (c === 0x6c /* l */) return this.open({ list: [] });
        if (c === 0x64 /* d */) return this.open({ dict: Object.create(null) as { [key: string]: Bencoded }, key: null });
        if (c === 0x65 /* e */) return this.close();
        if (c >= DIGIT_0 && c <= DIGIT_9) { this.mode = Mode.Length; this.token = String.fromCharCode(c); return; }
        return this.fail(`unexpected byte ${c} where a value starts`);
      case Mode.Integer: {
        if (c !== 0x65) {
          if (!((c >= DIGIT_0 && c <= DIGIT_9) || (c === 0x2d /* - */ && this.token === ''))) return this.fail(`unexpected byte ${c} in an integer`);
          if (this.token.length >= 20) return this.fail('an integer too long');
          this.token += String.fromCharCode(c);
          return;
        }
        this.mode = Mode.Value;
        if (!/^(0|-?[1-9][0-9]*)$/.test(this.token)) return this.fail(`a malformed integer ${JSON.stringify(this.token)}`);
        const n = Number(this.token);
        if (!Number.isSafeInteger(n)) return this.fail('an integer out of range');
        return this.value(n);
      }
      case Mode.Length: {
        if (c >= DIGIT_0 && c <= DIGIT_9) {
          if (this.token.length >= 12) return this.fail('a string length too long');
          this.token += String.fromCharCode(c);
          return;
        }
        if (c !== 0x3a /* : */) return this.fail(`unexpected byte ${c} in a string's length`);
        const n = Number(this.token);
        if (this.token.length > 1 && this.token[0] === '0') return this.fail('a string length with a leading zero');
        if (this.size + n > this.limits.maxMessage) return this.fail(`a message over ${this.limits.maxMessage} bytes`);
        this.mode = n === 0 ? Mode.Value : Mode.Bytes;
        this.remaining = n;
        if (n === 0) this.value('');
        return;
      }
      default:
        return;
    }
  }

  private open(frame: Frame): void {
    if (this.stack.length >= this.limits.maxDepth) return this.fail(`nesting deeper than ${this.limits.maxDepth}`);
    this.stack.push(frame);
  }

  private close(): void {
    const frame = this.stack.pop();
    if (frame === undefined) return this.fail('an end with nothing open');
    if ('dict' in frame) {
      if (frame.key !== null) return this.fail('a dictionary key without its value');
      return this.value(frame.dict);
    }
    this.value(frame.list);
  }

  /** A complete value: into the open list or dictionary, or out as a message. */
  private value(v: Bencoded): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      this.size = 0;
      this.onMessage(v);
    } else if ('list' in top) top.list.push(v);
    else if (top.key === null) {
      if (typeof v !== 'string') return this.fail('a dictionary key that is not a string');
      top.key = v;
    } else {
      top.dict[top.key] = v;
      top.key = null;
    }
  }

  private fail(why: string): void {
    this.failed = true;
    this.stack.length = 0;
    this.parts = [];
    this.onError(why);
  }
}

/** A value as bencode: strings as UTF-8, integers, arrays as lists, objects as dictionaries with sorted keys (undefined and null entries left out). */
export function encode(value: unknown): Buffer {
  const out: Buffer[] = [];
  write(value, out);
  return Buffer.concat(out);
}

function write(v: unknown, out: Buffer[]): void {
  if (typeof v === 'string') {
    const bytes = Buffer.from(v, 'utf8');
    out.push(Buffer.from(`${bytes.length}:`), bytes);
  } else if (typeof v === 'number') {
    out.push(Buffer.from(`i${Math.trunc(v)}e`));
  } else if (typeof v === 'boolean') {
    write(v ? 'true' : 'false', out);
  } else if (Array.isArray(v)) {
    out.push(Buffer.from('l'));
    for (const x of v) write(x, out);
    out.push(Buffer.from('e'));
  } else if (typeof v === 'object' && v !== null) {
    out.push(Buffer.from('d'));
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null);
    entries.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const [k, x] of entries) {
      write(k, out);
      write(x, out);
    }
    out.push(Buffer.from('e'));
  } else {
    write('', out);
  }
}
