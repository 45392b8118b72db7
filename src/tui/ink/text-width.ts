/**
 * Display widths of strings, remembered across frames. Ink measures every
 * line of every frame with string-width (grapheme segmentation, emoji
 * regexes), though a screen's lines mostly repeat from one frame to the next.
 */
import stringWidth from 'string-width';

/**
 * A string-keyed memo that forgets everything once it holds `limit` entries,
 * so a screen running for days (its numbers changing every second) keeps a
 * bounded cache rather than every string it ever drew.
 */
export class BoundedMemo<V> {
  private entries = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string, make: (key: string) => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= this.limit) this.entries = new Map();
      value = make(key);
      this.entries.set(key, value);
    }
    return value;
  }
}

const widths = new BoundedMemo<number>(20_000);

/** Whether `s` is printable ASCII only (one column per character, no escapes). */
function plainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Columns `s` takes on the terminal (ANSI escapes take none). */
export function textWidth(s: string): number {
  return plainAscii(s) ? s.length : widths.get(s, stringWidth);
}

/** Columns of the widest line of `text`. */
export function widestLine(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, textWidth(line));
  return widest;
}
